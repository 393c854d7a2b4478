import { IAMClient, UpdateAccountPasswordPolicyCommand } from "@aws-sdk/client-iam";
import * as assert from "assert";
import { parseCredentialReport, parseCsv } from "../verify/credential-report";
import { mapBounded, readAccount } from "../verify/snapshot";
import { FAKE_CALLER, motoSettings, RunbookAccount, seedRunbookAccount } from "./support/iam-project";
import { Moto, startMoto } from "./support/moto";

describe("snapshot: the credential report", () => {
    const cases: { name: string; csv: string; rows: string[][] }[] = [
        {
            name: "plain fields",
            csv: "a,b\n1,2\n",
            rows: [
                ["a", "b"],
                ["1", "2"],
            ],
        },
        {
            name: "a quoted comma and quote",
            csv: 'a,b\n"x,y","say ""hi"""\n',
            rows: [
                ["a", "b"],
                ["x,y", 'say "hi"'],
            ],
        },
        {
            name: "CRLF and no final newline",
            csv: "a,b\r\n1,2",
            rows: [
                ["a", "b"],
                ["1", "2"],
            ],
        },
        {
            name: "an empty last field",
            csv: "a,b\n1,\n",
            rows: [
                ["a", "b"],
                ["1", ""],
            ],
        },
    ];
    for (const c of cases) {
        it(`splits CSV: ${c.name}`, () => assert.deepStrictEqual(parseCsv(c.csv), c.rows));
    }

    it("reads rows by their header, drops the root account, and takes N/A for no date", () => {
        const csv =
            "user,arn,password_enabled,mfa_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_2_last_rotated,access_key_2_last_used_date\n" +
            "<root_account>,arn:aws:iam::123456789012:root,not_supported,true,N/A,N/A,N/A,N/A\n" +
            "emily,arn:aws:iam::123456789012:user/emily,true,false,2026-01-02T03:04:05+00:00,N/A,N/A,N/A\n";
        assert.deepStrictEqual(parseCredentialReport(csv), [
            {
                user: "emily",
                arn: "arn:aws:iam::123456789012:user/emily",
                passwordEnabled: true,
                passwordLastUsed: undefined,
                passwordLastChanged: undefined,
                mfaActive: false,
                keys: [
                    { lastRotated: new Date("2026-01-02T03:04:05Z"), lastUsed: undefined },
                    { lastRotated: undefined, lastUsed: undefined },
                ],
            },
        ]);
    });

    it("runs work with a bound, keeping the input order", async () => {
        let inFlight = 0;
        let most = 0;
        const out = await mapBounded([5, 1, 4, 2, 3], 2, async (n) => {
            most = Math.max(most, ++inFlight);
            await new Promise((resolve) => setTimeout(resolve, n));
            inFlight--;
            return n * 10;
        });
        assert.deepStrictEqual([out, most], [[50, 10, 40, 20, 30], 2]);
    });
});

describe("snapshot: one read of an account (moto)", function () {
    this.timeout(60_000);
    let moto: Moto | undefined;
    let iam: IAMClient;
    let seeded: RunbookAccount;

    before(async () => {
        moto = await startMoto();
        iam = new IAMClient({ region: "us-east-1", endpoint: moto.endpoint, credentials: FAKE_CALLER });
        seeded = await seedRunbookAccount(iam);
        await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 14, RequireSymbols: true }));
    });
    after(async () => {
        iam?.destroy();
        await moto?.stop();
    });

    it("holds users, groups and customer policies with decoded documents, keys oldest first", async () => {
        const account = await readAccount({ settings: motoSettings(moto!.endpoint) });
        assert.deepStrictEqual(
            [account.accountId, account.partition, account.region],
            ["123456789012", "aws", "us-east-1"],
        );
        assert.deepStrictEqual(
            account.users.map((u) => u.name),
            ["emily", "invoice-scanner", "terraform", "workshop-cli"],
        );
        const [emily, , terraform, workshop] = account.users;
        assert.deepStrictEqual(
            [emily.path, emily.tags, emily.groups, emily.loginProfile, emily.mfaActive],
            ["/engineering/", { team: "platform", "cost-center": "1234" }, ["Power_Users"], true, false],
        );
        assert.deepStrictEqual(
            terraform.accessKeys.map((k) => [k.id, k.status, k.inReport]),
            [
                [seeded.terraformKeys[0], "Active", true],
                [seeded.terraformKeys[1], "Inactive", true],
            ],
        );
        assert.strictEqual(JSON.parse(workshop.inlinePolicies[0].document).Statement[0].Action, "s3:GetObject");
        assert.deepStrictEqual(workshop.unmodelled, undefined);
        const policy = account.policies.get(seeded.invoicePolicyArn)!;
        assert.deepStrictEqual([policy.name, policy.path, policy.description], ["invoice-scanner-s3", "/", undefined]);
        assert.strictEqual(JSON.parse(policy.document).Statement[0].Resource, "arn:aws:s3:::example-invoices/*");
        assert.deepStrictEqual(
            account.groups.map((g) => [g.name, g.attachedPolicies.map((p) => p.arn)]),
            [["Power_Users", ["arn:aws:iam::aws:policy/PowerUserAccess"]]],
        );
        assert.deepStrictEqual(
            [account.passwordPolicy?.MinimumPasswordLength, account.passwordPolicy?.RequireSymbols],
            [14, true],
        );
    });

    it("lists what the stack cannot model, only when asked, for the users selected", async () => {
        const progress: string[] = [];
        const account = await readAccount({
            settings: motoSettings(moto!.endpoint),
            users: (name) => name === "workshop-cli",
            unmodelled: true,
            progress: (done, total) => progress.push(`${done}/${total}`),
        });
        assert.deepStrictEqual(
            account.users.map((u) => u.name),
            ["workshop-cli"],
        );
        assert.deepStrictEqual(account.users[0].unmodelled?.sshPublicKeys, [seeded.sshKeyId]);
        assert.deepStrictEqual(progress, ["1/1"]);
    });

    it("trusts the credential report for login profiles only where asked", async () => {
        const asked: string[] = [];
        const account = await readAccount({
            settings: motoSettings(moto!.endpoint),
            confirmLoginProfile: (name, reported) => (asked.push(`${name}:${reported}`), false),
        });
        assert.deepStrictEqual(asked.sort(), [
            "emily:true",
            "invoice-scanner:false",
            "terraform:false",
            "workshop-cli:false",
        ]);
        assert.deepStrictEqual(
            account.users.map((u) => u.loginProfile),
            [true, false, false, false],
        );
    });
});
