/**
 * `audit` (least-privilege/controls/audit.ts, cli/audit.ts): the account controls as tables of a
 * snapshot at fixed dates and the exact findings, the credential report's root row, and the
 * command on a seeded moto account (credential report included) 200 days ahead.
 */
import { IAMClient, UpdateAccessKeyCommand } from "@aws-sdk/client-iam";
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { main, USAGE } from "../cli/audit";
import { auditAccount, type ManagedUser } from "../least-privilege/controls";
import { formatProblem } from "../stacks/config";
import { parseRootRow } from "../verify/credential-report";
import type { AccountSnapshot, SnapshotAccessKey, SnapshotUser } from "../verify/snapshot";
import { runCli, tempDir } from "./support/cli";
import { FAKE_CALLER, seedRunbookAccount } from "./support/iam-project";
import { Moto, startMoto } from "./support/moto";
import { sarifValidator } from "./support/sarif";
import { consoleAccess, stack, user } from "./support/stack-model";

const NOW = new Date("2026-12-01T00:00:00Z");
/** `n` days before {@link NOW}. */
const ago = (n: number): Date => new Date(NOW.getTime() - n * 24 * 60 * 60 * 1000);

const key = (id: string, over: Partial<SnapshotAccessKey> = {}): SnapshotAccessKey => ({
    id,
    status: "Active",
    createDate: ago(10),
    lastUsed: ago(1),
    inReport: true,
    ...over,
});

const accountUser = (name: string, over: Partial<SnapshotUser> = {}): SnapshotUser => ({
    name,
    arn: `arn:aws:iam::123456789012:user/${name}`,
    path: "/",
    createDate: ago(10),
    tags: {},
    groups: [],
    attachedPolicies: [],
    inlinePolicies: [],
    loginProfile: false,
    mfaActive: false,
    accessKeys: [],
    ...over,
});

const account = (users: SnapshotUser[], over: Partial<AccountSnapshot> = {}): AccountSnapshot => ({
    accountId: "123456789012",
    partition: "aws",
    region: "us-east-1",
    aliases: [],
    users,
    groups: [],
    policies: new Map(),
    ...over,
});

/** The stack every row's account users are managed by, unless a row leaves them out. */
const MODEL = stack({
    users: [
        user("emily", { console: consoleAccess }),
        user("kiosk", { console: consoleAccess, waive: new Map([["CIS 1.10", "a shared kiosk, reviewed 2026-11"]]) }),
        user("ci", {
            accessKeys: [{ slot: "main", status: "Active", rotationMode: "create-first", rotateAfterDays: 30 }],
        }),
        user("two", {
            accessKeys: [
                { slot: "old", status: "Active", rotationMode: "create-first" },
                { slot: "new", status: "Active", rotationMode: "create-first", rotateAfterDays: 60 },
            ],
        }),
    ],
});
const MANAGED = new Map<string, ManagedUser>(
    MODEL.users.map((u) => [u.name, { file: MODEL.file, model: MODEL, user: u }]),
);

/** The findings on `snapshot`, one line each, hints dropped. */
const audit = (snapshot: AccountSnapshot): string[] =>
    auditAccount({ account: snapshot, managed: MANAGED, file: "Pulumi.test.yaml", now: NOW }).map((p) =>
        formatProblem({ ...p, hint: undefined }),
    );

const at = (keyPath: string, message: string) => `Pulumi.test.yaml: ${keyPath}: ${message}`;

describe("audit: the account controls at a fixed date", () => {
    const table: [string, AccountSnapshot, string[]][] = [
        [
            "a console user with MFA who signed in yesterday, and a fresh key used yesterday",
            account([
                accountUser("emily", { loginProfile: true, mfaActive: true, passwordLastUsed: ago(1) }),
                accountUser("ci", { accessKeys: [key("AKIAEXAMPLE000000001")] }),
            ]),
            [],
        ],
        [
            "IAM.5: a console password without an MFA device",
            account([accountUser("emily", { loginProfile: true, passwordLastUsed: ago(1) })]),
            [at("iam-users:users.emily.console", "IAM.5 / CIS 1.10: emily has a console password and no MFA device")],
        ],
        [
            "IAM.3: 91 days is over the default 90; the slot's rotateAfterDays 30 holds at 31 days",
            account([
                accountUser("emily", { accessKeys: [key("AKIAEXAMPLE000000002", { createDate: ago(91) })] }),
                accountUser("ci", { accessKeys: [key("AKIAEXAMPLE000000003", { createDate: ago(31) })] }),
            ]),
            [
                at(
                    "iam-users:users.emily",
                    "IAM.3 / CIS 1.14: emily's access key AKIAEXAMPLE000000002 is 91 days old; the limit is 90",
                ),
                at(
                    "iam-users:users.ci.accessKeys.main",
                    "IAM.3 / CIS 1.14: ci's access key AKIAEXAMPLE000000003 is 31 days old; the limit is 30",
                ),
            ],
        ],
        [
            "IAM.3 at exactly the limit passes, and an Inactive key is not judged",
            account([
                accountUser("ci", {
                    accessKeys: [
                        key("AKIAEXAMPLE000000004", { createDate: ago(30) }),
                        key("AKIAEXAMPLE000000005", { createDate: ago(400), status: "Inactive" }),
                    ],
                }),
            ]),
            [],
        ],
        [
            "IAM.3 and CIS 1.13: keys the stack cannot tell apart are held to the strictest slot",
            account([
                accountUser("two", {
                    accessKeys: [
                        key("AKIAEXAMPLE000000006", { createDate: ago(61) }),
                        key("AKIAEXAMPLE000000007", { createDate: ago(5) }),
                    ],
                }),
            ]),
            [
                at(
                    "iam-users:users.two",
                    "IAM.3 / CIS 1.14: two's access key AKIAEXAMPLE000000006 is 61 days old; the limit is 60",
                ),
                at(
                    "iam-users:users.two.accessKeys",
                    "CIS 1.13: two has 2 Active access keys: AKIAEXAMPLE000000006, AKIAEXAMPLE000000007",
                ),
            ],
        ],
        [
            "IAM.22 at 46 days unused, IAM.8 too at 91; a never-used password counts from when it was set",
            account([
                accountUser("emily", {
                    loginProfile: true,
                    mfaActive: true,
                    passwordLastChanged: ago(46),
                    accessKeys: [key("AKIAEXAMPLE000000008", { createDate: ago(20), lastUsed: ago(91) })],
                }),
            ]),
            [
                at(
                    "iam-users:users.emily",
                    "IAM.22 / CIS 1.12: emily's console password has not been used in the 46 days since it was made; the limit is 45",
                ),
                at(
                    "iam-users:users.emily",
                    "IAM.8: emily's access key AKIAEXAMPLE000000008 was last used 91 days ago; the limit is 90",
                ),
                at(
                    "iam-users:users.emily",
                    "IAM.22 / CIS 1.12: emily's access key AKIAEXAMPLE000000008 was last used 91 days ago; the limit is 45",
                ),
            ],
        ],
        [
            "a waiver in the stack file turns a finding into a note, by any id of the control",
            account([accountUser("kiosk", { loginProfile: true, passwordLastUsed: ago(1) })]),
            [
                at(
                    "iam-users:users.kiosk.console",
                    'note[IAM.5]: waived by iam-users:users.kiosk.waive.CIS 1.10 ("a shared kiosk, reviewed 2026-11"): IAM.5 / CIS 1.10: kiosk has a console password and no MFA device',
                ),
            ],
        ],
        [
            "a user made by hand, in no stack file, is reported at iam-users:users of the stack audited",
            account([accountUser("intern", { createDate: ago(3) })]),
            [
                at(
                    "iam-users:users",
                    "intern was made by hand: no Pulumi.*.yaml of the project manages it (created 2026-11-28)",
                ),
            ],
        ],
        [
            "IAM.4: root access keys, from the report's root row",
            account([], { root: { activeKeys: 1, mfaActive: true } }),
            [at("(account)", "IAM.4 / CIS 1.4: the root user of account 123456789012 has 1 active access key")],
        ],
        ["a root row without keys passes", account([], { root: { activeKeys: 0, mfaActive: true } }), []],
    ];
    for (const [name, snapshot, expected] of table) {
        it(name, () => assert.deepStrictEqual(audit(snapshot), expected));
    }
});

describe("audit: the credential report's root row", () => {
    const header = "user,arn,mfa_active,access_key_1_active,access_key_2_active\n";
    const table: [string, string, ReturnType<typeof parseRootRow>][] = [
        [
            "two active root keys, no MFA",
            "<root_account>,arn:aws:iam::123456789012:root,false,true,true\n",
            { activeKeys: 2, mfaActive: false },
        ],
        [
            "no root key, MFA",
            "<root_account>,arn:aws:iam::123456789012:root,true,false,false\n",
            { activeKeys: 0, mfaActive: true },
        ],
        ["no root row (moto's report)", "emily,arn:aws:iam::123456789012:user/emily,false,true,false\n", undefined],
    ];
    for (const [name, rows, expected] of table) {
        it(name, () => assert.deepStrictEqual(parseRootRow(header + rows), expected));
    }
});

describe("npm run audit: on a seeded moto account", function () {
    this.timeout(60_000);
    let moto: Moto | undefined;
    let dir: string;
    let terraformKeys: readonly string[];
    before(async () => {
        moto = await startMoto();
        dir = tempDir("audit");
        const iam = new IAMClient({ region: "us-east-1", endpoint: moto.endpoint, credentials: FAKE_CALLER });
        // The runbook account, with terraform's second key switched back on: two Active keys.
        ({ terraformKeys } = await seedRunbookAccount(iam));
        await iam.send(
            new UpdateAccessKeyCommand({ UserName: "terraform", AccessKeyId: terraformKeys[1], Status: "Active" }),
        );
        iam.destroy();
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: iam-users\n");
        // The stack manages emily, terraform and invoice-scanner; workshop-cli was made by hand.
        fs.writeFileSync(
            path.join(dir, "Pulumi.audit.yaml"),
            [
                "config:",
                "  aws:region: us-east-1",
                `  aws:accessKey: ${FAKE_CALLER.accessKeyId}`,
                `  aws:secretKey: ${FAKE_CALLER.secretAccessKey}`,
                "  aws:endpoints:",
                `    - iam: ${moto.endpoint}`,
                `      sts: ${moto.endpoint}`,
                "  iam-users:groups:",
                "    Power_Users: {managedPolicies: [PowerUserAccess]}",
                "  iam-users:users:",
                "    emily:",
                "      groups: [Power_Users]",
                "      console: {}",
                "    terraform:",
                "      managedPolicies: [AdministratorAccess]",
                "      accessKeys: {ci: {}}",
                "    invoice-scanner: {}",
                "",
            ].join("\n"),
        );
    });
    after(async () => {
        await moto?.stop();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("reports IAM.3, IAM.5, CIS 1.13 and the user made by hand 200 days ahead, and exits 1", async () => {
        // From now, after the seeding: every key is then at least 200 days old, and less than 201.
        const in200Days = new Date(Date.now() + 200 * 24 * 60 * 60 * 1000).toISOString();
        const { code, stdout, stderr } = await runCli(main, ["audit", "--now", in200Days], dir);
        assert.strictEqual(stderr, "");
        assert.strictEqual(code, 1);
        const lines = stdout.split("\n").filter((l) => !l.startsWith("  hint: "));
        const [first, second] = terraformKeys;
        for (const expected of [
            "Pulumi.audit.yaml:13:7: iam-users:users.emily.console: IAM.5 / CIS 1.10: emily has a console password and no MFA device",
            `Pulumi.audit.yaml:16:7: iam-users:users.terraform.accessKeys: CIS 1.13: terraform has 2 Active access keys: ${first}, ${second}`,
            "Pulumi.audit.yaml:10:3: iam-users:users: workshop-cli was made by hand: no Pulumi.*.yaml of the project manages it " +
                `(created ${new Date().toISOString().slice(0, 10)})`,
        ]) {
            assert.ok(lines.includes(expected), `${expected}\nnot in:\n${stdout}`);
        }
        for (const id of terraformKeys) {
            assert.ok(
                lines.some((l) =>
                    new RegExp(
                        `^Pulumi\\.audit\\.yaml:\\d+:\\d+: iam-users:users\\.terraform(\\.accessKeys\\.ci)?: IAM\\.3 / CIS 1\\.14: terraform's access key ${id} is 200 days old; the limit is 90$`,
                    ).test(l),
                ),
                `IAM.3 for ${id} not in:\n${stdout}`,
            );
        }
        assert.match(lines.at(-2)!, /^FAILED: account 123456789012 on \d{4}-\d\d-\d\d, 4 users, \d+ failing controls$/);
    });

    it("passes today on the controls that need time, and still fails on MFA, two keys and the user made by hand", async () => {
        const { code, stdout } = await runCli(main, ["audit", "--format", "json"], dir);
        assert.strictEqual(code, 1);
        const report = JSON.parse(stdout);
        assert.strictEqual(report.format, "iam-users-audit/1");
        assert.deepStrictEqual(
            report.problems.map((p: { rule: string }) => p.rule),
            ["IAM.5", "CIS 1.13", "made-by-hand"],
        );
    });

    it("--format sarif is valid SARIF 2.1.0, each result at its user's line of the stack file", async () => {
        const { code, stdout } = await runCli(main, ["audit", "--format", "sarif"], dir);
        assert.strictEqual(code, 1);
        const log = JSON.parse(stdout);
        sarifValidator()(log);
        assert.deepStrictEqual(
            log.runs[0].results.map((r: any) => [
                r.ruleId,
                r.level,
                r.locations[0].physicalLocation.artifactLocation.uri,
                r.locations[0].physicalLocation.region.startLine,
            ]),
            [
                ["IAM.5", "error", "Pulumi.audit.yaml", 13],
                ["CIS 1.13", "error", "Pulumi.audit.yaml", 16],
                ["made-by-hand", "error", "Pulumi.audit.yaml", 10],
            ],
        );
    });

    it("exits 2 on a date it cannot read", async () => {
        assert.deepStrictEqual(await runCli(main, ["audit", "--now", "next month"], dir), {
            code: 2,
            stdout: "",
            stderr: `--now must be a date like 2027-01-31, not "next month"\n${USAGE}\n`,
        });
    });
});
