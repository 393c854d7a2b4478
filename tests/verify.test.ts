import {
    AddUserToGroupCommand,
    AttachUserPolicyCommand,
    CreateAccessKeyCommand,
    CreateGroupCommand,
    CreateLoginProfileCommand,
    DeleteAccessKeyCommand,
    DetachGroupPolicyCommand,
    DeleteLoginProfileCommand,
    DeleteUserPolicyCommand,
    DetachUserPolicyCommand,
    IAMClient,
    PutGroupPolicyCommand,
    RemoveUserFromGroupCommand,
    UpdateAccessKeyCommand,
    UpdateUserCommand,
} from "@aws-sdk/client-iam";
import { CreateSecretCommand, PutSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { DeleteParameterCommand, PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import * as assert from "assert";
import * as fs from "fs";
import { parseStackOutputs, ReadOutputs } from "../credentials/stack-outputs";
import { loadStack } from "../stacks/config";
import { KeyStoreModel, StackModel } from "../stacks/config/model";
import { StackOutputs } from "../stacks/outputs";
import { CheckResult, verifyStack, VerifyReport } from "../verify/checks";
import { tempDir } from "./support/cli";
import { deployByHand, FAKE_CALLER, motoSettings, writeProject } from "./support/iam-project";
import { Moto, startMoto } from "./support/moto";

const ACCOUNT = "arn:aws:iam::123456789012";
const DAY = 24 * 60 * 60 * 1000;

type Row = [user: string, check: string, status: CheckResult["status"], detail: string];

const rows = (report: VerifyReport): Row[] =>
    report.users.flatMap((u) => u.checks.map((c): Row => [u.key, c.check, c.status, c.detail]));

/** Every row of a run against the account exactly as deployed, on the day of the deployment. */
function baseline(outputs: StackOutputs, p: string): Row[] {
    const { cli, ci } = outputs.users.emily.accessKeyIds;
    const { main } = outputs.users.deployer.accessKeyIds;
    return [
        ["emily", "user", "ok", `${ACCOUNT}:user/engineering/${p}emily`],
        ["emily", "path", "ok", "/engineering/"],
        ["emily", "permissions boundary", "ok", "none, as configured"],
        ["emily", "groups", "ok", `${p}Developers`],
        [
            "emily",
            "attached policies",
            "ok",
            `${ACCOUNT}:policy/${p}emily-invoice, arn:aws:iam::aws:policy/ReadOnlyAccess`,
        ],
        ["emily", "inline policies", "ok", "notes"],
        ["emily", "login profile", "ok", "present"],
        ["emily", "MFA", "warn", "console user without an MFA device"],
        ["emily", "access key cli", "ok", `${cli} Active`],
        ["emily", "sign-in cli", "ok", `sts:GetCallerIdentity returns ${ACCOUNT}:user/engineering/${p}emily`],
        ["emily", "age cli", "ok", "0 days old (limit 90)"],
        // The sign-in check itself uses the key, and IAM records it.
        ["emily", "last used cli", "ok", "last used 0 days ago"],
        ["emily", "access key ci", "ok", `${ci} Inactive`],
        ["emily", "age ci", "ok", "0 days old (limit 90)"],
        ["emily", "last used ci", "ok", "never used in 0 days"],
        ["emily", "access keys", "ok", "2 key(s), all from the stack"],
        ["deployer", "user", "ok", `${ACCOUNT}:user/${p}deployer`],
        ["deployer", "path", "ok", "/"],
        ["deployer", "permissions boundary", "ok", "none, as configured"],
        ["deployer", "groups", "ok", "none, as configured"],
        ["deployer", "attached policies", "ok", "arn:aws:iam::aws:policy/PowerUserAccess"],
        ["deployer", "inline policies", "ok", "none, as configured"],
        ["deployer", "login profile", "ok", "none, as configured"],
        ["deployer", "access key main", "ok", `${main} Active`],
        ["deployer", "sign-in main", "ok", `sts:GetCallerIdentity returns ${ACCOUNT}:user/${p}deployer`],
        ["deployer", "age main", "ok", "0 days old (limit 30)"],
        ["deployer", "last used main", "ok", "last used 0 days ago"],
        ["deployer", "access keys", "ok", "1 key(s), all from the stack"],
    ];
}

/** The rows that differ from the baseline: changed or new ones, and the checks that vanished. */
function drift(actual: Row[], expected: Row[]): { changed: Row[]; gone: string[] } {
    const key = (r: Row) => `${r[0]}/${r[1]}`;
    const actualKeys = new Set(actual.map(key));
    return {
        changed: actual.filter((r) => !expected.some((e) => JSON.stringify(e) === JSON.stringify(r))),
        gone: expected.filter((e) => !actualKeys.has(key(e))).map(key),
    };
}

describe("verify: against a real IAM API (moto)", function () {
    this.timeout(60_000);
    let moto: Moto | undefined;
    let iam: IAMClient;
    let dir: string;
    let model: StackModel;
    let deployed: StackOutputs;
    let outputs: ReadOutputs;
    let p: string;
    let count = 0;

    before(async () => {
        moto = await startMoto();
        iam = new IAMClient({ region: "us-east-1", endpoint: moto.endpoint, credentials: FAKE_CALLER });
        dir = tempDir("verify");
    });
    after(async () => {
        iam?.destroy();
        await moto?.stop();
        fs.rmSync(dir, { recursive: true, force: true });
    });
    beforeEach(async () => {
        p = `t${++count}-`;
        const loaded = loadStack(writeProject(dir, p));
        assert.deepStrictEqual(loaded.problems, []);
        model = loaded.model!;
        deployed = await deployByHand(iam, p);
        outputs = parseStackOutputs(JSON.stringify(deployed), "test");
    });

    const verify = (now?: Date) => verifyStack(model, outputs, { settings: motoSettings(moto!.endpoint), now });

    it("passes an account exactly as deployed, warning about the missing MFA device", async () => {
        const report = await verify();
        assert.deepStrictEqual(rows(report), baseline(deployed, p));
        assert.strictEqual(report.ok, true);
    });

    const changes: {
        name: string;
        change: (ids: { cli: string; ci: string; main: string }) => Promise<unknown>;
        changed: (ids: { cli: string; ci: string; main: string }) => Row[];
        gone?: string[];
    }[] = [
        {
            name: "a detached managed policy",
            change: () =>
                iam.send(
                    new DetachUserPolicyCommand({
                        UserName: `${p}emily`,
                        PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
                    }),
                ),
            changed: () => [["emily", "attached policies", "fail", "missing: arn:aws:iam::aws:policy/ReadOnlyAccess"]],
        },
        {
            name: "an attachment made by hand",
            change: () =>
                iam.send(
                    new AttachUserPolicyCommand({
                        UserName: `${p}deployer`,
                        PolicyArn: "arn:aws:iam::aws:policy/IAMUserChangePassword",
                    }),
                ),
            changed: () => [
                [
                    "deployer",
                    "attached policies",
                    "fail",
                    "not in the stack (drift): arn:aws:iam::aws:policy/IAMUserChangePassword",
                ],
            ],
        },
        {
            name: "a deactivated key",
            change: (ids) =>
                iam.send(
                    new UpdateAccessKeyCommand({ UserName: `${p}emily`, AccessKeyId: ids.cli, Status: "Inactive" }),
                ),
            changed: (ids) => [
                ["emily", "access key cli", "fail", `${ids.cli} is Inactive, configured Active`],
                ["emily", "last used cli", "ok", "never used in 0 days"],
            ],
            gone: ["emily/sign-in cli"],
        },
        {
            name: "a reactivated key",
            change: (ids) =>
                iam.send(new UpdateAccessKeyCommand({ UserName: `${p}emily`, AccessKeyId: ids.ci, Status: "Active" })),
            changed: (ids) => [["emily", "access key ci", "fail", `${ids.ci} is Active, configured Inactive`]],
        },
        {
            name: "a deleted key",
            change: (ids) => iam.send(new DeleteAccessKeyCommand({ UserName: `${p}deployer`, AccessKeyId: ids.main })),
            changed: (ids) => [
                ["deployer", "access key main", "fail", `${ids.main} does not exist`],
                ["deployer", "access keys", "ok", "0 key(s), all from the stack"],
            ],
            gone: ["deployer/sign-in main", "deployer/age main", "deployer/last used main"],
        },
        {
            name: "a key made by hand",
            change: () => iam.send(new CreateAccessKeyCommand({ UserName: `${p}deployer` })),
            changed: () => [["deployer", "access keys", "fail", /* id filled in below */ "not in the stack (drift): "]],
        },
        {
            name: "a deleted login profile",
            change: () => iam.send(new DeleteLoginProfileCommand({ UserName: `${p}emily` })),
            changed: () => [["emily", "login profile", "fail", "missing: the stack configures console access"]],
            gone: ["emily/MFA"],
        },
        {
            name: "a login profile made by hand",
            change: () =>
                iam.send(new CreateLoginProfileCommand({ UserName: `${p}deployer`, Password: "EXAMPLE-Passw0rd!" })),
            changed: () => [
                ["deployer", "login profile", "fail", "present, but the stack configures no console access (drift)"],
            ],
        },
        {
            name: "a user taken out of a group and put in another",
            change: async () => {
                await iam.send(new RemoveUserFromGroupCommand({ UserName: `${p}emily`, GroupName: `${p}Developers` }));
                await iam.send(new CreateGroupCommand({ GroupName: `${p}Admins` }));
                await iam.send(new AddUserToGroupCommand({ UserName: `${p}emily`, GroupName: `${p}Admins` }));
            },
            changed: () => [
                ["emily", "groups", "fail", `missing: ${p}Developers; not in the stack (drift): ${p}Admins`],
            ],
        },
        {
            name: "a deleted inline policy",
            change: () => iam.send(new DeleteUserPolicyCommand({ UserName: `${p}emily`, PolicyName: "notes" })),
            changed: () => [["emily", "inline policies", "fail", "missing: notes"]],
        },
        {
            name: "a moved user",
            change: () => iam.send(new UpdateUserCommand({ UserName: `${p}deployer`, NewPath: "/ops/" })),
            changed: () => [
                ["deployer", "user", "ok", `${ACCOUNT}:user/ops/${p}deployer`],
                ["deployer", "path", "fail", "/ops/, configured /"],
                // The delivered key now signs in as an ARN the outputs do not hold; verify compares with IAM's own.
                ["deployer", "sign-in main", "ok", `sts:GetCallerIdentity returns ${ACCOUNT}:user/ops/${p}deployer`],
            ],
        },
    ];
    for (const c of changes) {
        it(`reports ${c.name}`, async () => {
            const ids = { ...deployed.users.emily.accessKeyIds, ...deployed.users.deployer.accessKeyIds } as {
                cli: string;
                ci: string;
                main: string;
            };
            const made = await c.change(ids);
            const expected = c.changed(ids);
            const extraKey = (made as { AccessKey?: { AccessKeyId?: string } } | undefined)?.AccessKey?.AccessKeyId;
            if (extraKey) {
                expected[0][3] += extraKey;
            }
            const report = await verify();
            assert.deepStrictEqual(drift(rows(report), baseline(deployed, p)), {
                changed: expected,
                gone: c.gone ?? [],
            });
            assert.strictEqual(report.ok, !expected.some((r) => r[2] === "fail"));
        });
    }

    const groupRows = (report: VerifyReport): Row[] =>
        (report.groups ?? []).flatMap((g) => g.checks.map((c): Row => [g.key, c.check, c.status, c.detail]));

    it("checks the policies of the groups it manages", async () => {
        const report = await verify();
        assert.deepStrictEqual(groupRows(report), [
            ["Developers", "group", "ok", `${ACCOUNT}:group/${p}Developers`],
            ["Developers", "path", "ok", "/"],
            ["Developers", "attached policies", "ok", "arn:aws:iam::aws:policy/ReadOnlyAccess"],
            ["Developers", "inline policies", "ok", "none, as configured"],
        ]);
    });

    it("reports a group policy detached, and a group inline policy put, by hand", async () => {
        const group = `${p}Developers`;
        await iam.send(
            new DetachGroupPolicyCommand({ GroupName: group, PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }),
        );
        await iam.send(
            new PutGroupPolicyCommand({
                GroupName: group,
                PolicyName: "by-hand",
                PolicyDocument: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Action: "s3:ListBucket", Resource: "*" }],
                }),
            }),
        );
        const report = await verify();
        assert.deepStrictEqual(groupRows(report).slice(2), [
            ["Developers", "attached policies", "fail", "missing: arn:aws:iam::aws:policy/ReadOnlyAccess"],
            ["Developers", "inline policies", "fail", "not in the stack (drift): by-hand"],
        ]);
        assert.strictEqual(report.ok, false);
    });

    it("reports a user that does not exist, and nothing else about it", async () => {
        const report = await verifyStack(
            { ...model, users: [{ ...model.users[1], key: "ghost", name: `${p}ghost` }] },
            outputs,
            { settings: motoSettings(moto!.endpoint) },
        );
        assert.deepStrictEqual(rows(report), [["ghost", "user", "fail", `${p}ghost does not exist`]]);
        assert.strictEqual(report.ok, false);
    });

    it("skips the sign-in of keys whose secret the outputs hide", async () => {
        const hidden = parseStackOutputs(JSON.stringify({ ...deployed, accessKeySecrets: "[secret]" }), "test");
        const report = await verifyStack(model, hidden, { settings: motoSettings(moto!.endpoint) });
        const skip = "no plain secret in the outputs (pgpKey, or no --show-secrets)";
        assert.deepStrictEqual(
            rows(report).filter((r) => r[1].startsWith("sign-in")),
            [
                ["emily", "sign-in cli", "skip", skip],
                ["deployer", "sign-in main", "skip", skip],
            ],
        );
        assert.strictEqual(report.ok, true);
    });

    it("reports a permissions boundary the account lacks", async () => {
        const boundary = "arn:aws:iam::aws:policy/PowerUserAccess";
        const report = await verifyStack(
            { ...model, users: [{ ...model.users[1], permissionsBoundary: boundary }] },
            outputs,
            {
                settings: motoSettings(moto!.endpoint),
            },
        );
        assert.deepStrictEqual(rows(report)[2], [
            "deployer",
            "permissions boundary",
            "fail",
            `none, configured ${boundary}`,
        ]);
        assert.strictEqual(report.ok, false);
    });

    const ages: { days: number; changed: Row[] }[] = [
        {
            days: 31,
            changed: [
                ["emily", "age cli", "ok", "31 days old (limit 90)"],
                ["emily", "last used cli", "ok", "last used 31 days ago"],
                ["emily", "age ci", "ok", "31 days old (limit 90)"],
                ["emily", "last used ci", "ok", "never used in 31 days"],
                ["deployer", "age main", "warn", "31 days old, over 30: rotate it"],
                ["deployer", "last used main", "ok", "last used 31 days ago"],
            ],
        },
        {
            days: 91,
            changed: [
                ["emily", "age cli", "warn", "91 days old, over 90: rotate it"],
                ["emily", "last used cli", "warn", "last used 91 days ago"],
                ["emily", "age ci", "warn", "91 days old, over 90: rotate it"],
                ["emily", "last used ci", "warn", "never used in 91 days"],
                ["deployer", "age main", "warn", "91 days old, over 30: rotate it"],
                ["deployer", "last used main", "warn", "last used 91 days ago"],
            ],
        },
    ];
    for (const a of ages) {
        it(`warns, without failing, about keys ${a.days} days later`, async () => {
            // Half a day more, so the whole days are the same however long the test took.
            const report = await verify(new Date(Date.now() + a.days * DAY + DAY / 2));
            assert.deepStrictEqual(drift(rows(report), baseline(deployed, p)), { changed: a.changed, gone: [] });
            assert.strictEqual(report.ok, true);
        });
    }

    describe("overlap rotation", () => {
        /** The deployer's `main` slot rotated with an overlap ending on `overlapEnd`: both keys alive. */
        async function rotated(overlapEnd: string) {
            const previous = deployed.users.deployer.accessKeyIds.main;
            const current = (await iam.send(new CreateAccessKeyCommand({ UserName: `${p}deployer` }))).AccessKey!;
            const rotatedOutputs: StackOutputs = {
                ...deployed,
                users: {
                    ...deployed.users,
                    deployer: {
                        ...deployed.users.deployer,
                        accessKeyIds: { main: current.AccessKeyId! },
                        previousAccessKeyIds: { main: previous },
                        overlapEnds: { main: overlapEnd },
                    },
                },
                accessKeySecrets: { ...deployed.accessKeySecrets, deployer: { main: current.SecretAccessKey! } },
            };
            const overlapping: StackModel = {
                ...model,
                users: model.users.map((u) =>
                    u.key === "deployer" ? { ...u, accessKeys: [{ ...u.accessKeys[0], overlapDays: 7 }] } : u,
                ),
            };
            return {
                verifyOn: (now: string) =>
                    verifyStack(overlapping, parseStackOutputs(JSON.stringify(rotatedOutputs), "test"), {
                        settings: motoSettings(moto!.endpoint),
                        now: new Date(now),
                    }),
                current: current.AccessKeyId!,
                previous,
            };
        }
        const deployerKeys = (report: VerifyReport) =>
            rows(report).filter((r) => r[0] === "deployer" && /key|sign-in/.test(r[1]));

        it("accepts both keys inside the overlap", async () => {
            const r = await rotated("2026-12-10");
            const report = await r.verifyOn("2026-12-09T23:00:00Z");
            assert.deepStrictEqual(deployerKeys(report), [
                ["deployer", "access key main", "ok", `${r.current} Active`],
                ["deployer", "sign-in main", "ok", `sts:GetCallerIdentity returns ${ACCOUNT}:user/${p}deployer`],
                ["deployer", "previous key main", "ok", `${r.previous} Active through the overlap, until 2026-12-10`],
                ["deployer", "access keys", "ok", "2 key(s), all from the stack"],
            ]);
            assert.strictEqual(report.ok, true);
        });

        it("fails a previous key alive past the overlap, naming the slot", async () => {
            const r = await rotated("2026-12-10");
            const report = await r.verifyOn("2026-12-10T00:00:00Z");
            assert.deepStrictEqual(
                deployerKeys(report).filter((row) => row[1] === "previous key main"),
                [
                    [
                        "deployer",
                        "previous key main",
                        "fail",
                        `${r.previous} of slot main is alive past its overlap (ended 2026-12-10): deploy to delete it`,
                    ],
                ],
            );
            assert.strictEqual(report.ok, false);
        });

        it("accepts a previous key already deleted", async () => {
            const r = await rotated("2026-12-10");
            await iam.send(new DeleteAccessKeyCommand({ UserName: `${p}deployer`, AccessKeyId: r.previous }));
            const report = await r.verifyOn("2026-12-12T00:00:00Z");
            assert.deepStrictEqual(
                deployerKeys(report).filter((row) => row[1].includes("key")),
                [
                    ["deployer", "access key main", "ok", `${r.current} Active`],
                    ["deployer", "previous key main", "ok", `${r.previous} deleted`],
                    ["deployer", "access keys", "ok", "1 key(s), all from the stack"],
                ],
            );
            assert.strictEqual(report.ok, true);
        });
    });

    describe("a key delivered to a secret store", () => {
        let secrets: SecretsManagerClient;
        let ssm: SSMClient;
        before(() => {
            const config = { region: "us-east-1", endpoint: moto!.endpoint, credentials: FAKE_CALLER };
            secrets = new SecretsManagerClient(config);
            ssm = new SSMClient(config);
        });
        after(() => {
            secrets?.destroy();
            ssm?.destroy();
        });

        /** The deployer's `main` key delivered to a secret and emily's `cli` key to a parameter, as the program would. */
        async function delivered() {
            const stores: Record<string, KeyStoreModel> = {
                main: { secretsManager: { name: `${p}deployer/main` } },
                cli: { ssmParameter: { name: `/${p}emily/cli` } },
            };
            const storing: StackModel = {
                ...model,
                users: model.users.map((u) => ({
                    ...u,
                    accessKeys: u.accessKeys.map((k) => (stores[k.slot] ? { ...k, store: stores[k.slot] } : k)),
                })),
            };
            const { main } = deployed.users.deployer.accessKeyIds;
            const { cli } = deployed.users.emily.accessKeyIds;
            const json = (id: string, secret: string) => JSON.stringify({ accessKeyId: id, secretAccessKey: secret });
            await secrets.send(
                new CreateSecretCommand({
                    Name: `${p}deployer/main`,
                    SecretString: json(main, deployed.accessKeySecrets.deployer.main),
                }),
            );
            await ssm.send(
                new PutParameterCommand({
                    Name: `/${p}emily/cli`,
                    Type: "SecureString",
                    Value: json(cli, deployed.accessKeySecrets.emily.cli),
                }),
            );
            return {
                verifyStores: async () =>
                    rows(await verifyStack(storing, outputs, { settings: motoSettings(moto!.endpoint) })).filter((r) =>
                        r[1].startsWith("store"),
                    ),
                main,
                cli,
            };
        }

        it("passes stores that hold the current keys", async () => {
            const d = await delivered();
            assert.deepStrictEqual(await d.verifyStores(), [
                ["emily", "store cli", "ok", `the parameter /${p}emily/cli holds ${d.cli}`],
                ["deployer", "store main", "ok", `the secret ${p}deployer/main holds ${d.main}`],
            ]);
        });

        it("fails a store that holds another key, or is gone, never showing a secret", async () => {
            const d = await delivered();
            const stale = "AKIAIOSFODNN7EXAMPLE";
            await secrets.send(
                new PutSecretValueCommand({
                    SecretId: `${p}deployer/main`,
                    SecretString: JSON.stringify({ accessKeyId: stale, secretAccessKey: "FAKE-stale" }),
                }),
            );
            await ssm.send(new DeleteParameterCommand({ Name: `/${p}emily/cli` }));
            const found = await d.verifyStores();
            assert.deepStrictEqual(found, [
                ["emily", "store cli", "fail", `the parameter /${p}emily/cli does not exist`],
                [
                    "deployer",
                    "store main",
                    "fail",
                    `the secret ${p}deployer/main holds ${stale}, not the current key ${d.main}`,
                ],
            ]);
            assert.ok(!JSON.stringify(found).includes("FAKE-stale"));
        });

        it("fails a store whose value is not the JSON of a key", async () => {
            const d = await delivered();
            await secrets.send(
                new PutSecretValueCommand({ SecretId: `${p}deployer/main`, SecretString: "FAKE-not-json" }),
            );
            assert.deepStrictEqual((await d.verifyStores())[1], [
                "deployer",
                "store main",
                "fail",
                `the secret ${p}deployer/main holds no accessKeyId in JSON`,
            ]);
        });
    });
});
