import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { collectCredentials, Selection } from "../credentials/collect";
import { planDelivery } from "../credentials/deliver";
import { CSV_HEADER, mergeProfiles, renderCsv, renderEnv, renderProfiles } from "../credentials/formats";
import { parseStackOutputs, ReadOutputs } from "../credentials/stack-outputs";
import { sampleOutputs, SIGN_IN } from "./support/outputs";

const noDecrypt = () => assert.fail("a stack without pgpKey must not decrypt");
const outputs = (): ReadOutputs => parseStackOutputs(JSON.stringify(sampleOutputs()), "test");
const HEADER = CSV_HEADER.join(",") + "\r\n";

describe("credentials: reading the stack outputs", () => {
    const cases: { name: string; text: string; message: string }[] = [
        {
            name: "not JSON",
            text: "{users",
            message: "src: not JSON (Expected property name or '}' at line 1, column 2)",
        },
        {
            name: "broken JSON without quoting the secrets around the break",
            text: '{"passwords": {"emily": EXAMPLE-secret-password}}',
            message: "src: not JSON (Unexpected character at line 1, column 25)",
        },
        {
            name: "cut-off JSON",
            text: '{"passwords": {"emily": "EXAMPLE-secret',
            message: "src: not JSON (Unterminated string at line 1, column 40)",
        },
        { name: "no users", text: "{}", message: "src: not the outputs of an iam-users stack: users: " },
        {
            name: "a user without arn",
            text: JSON.stringify({ users: { a: { userName: "a", groups: [], accessKeyIds: {} } } }),
            message: "src: not the outputs of an iam-users stack: users.a.arn: ",
        },
    ];
    for (const c of cases) {
        it(`rejects ${c.name}`, () => {
            assert.throws(
                () => parseStackOutputs(c.text, "src"),
                (e: Error) =>
                    e.name === "CredentialsInputError" &&
                    (c.message.includes("not JSON") ? e.message === c.message : e.message.startsWith(c.message)),
            );
        });
    }

    it("accepts the outputs of the contract", () => {
        assert.deepStrictEqual(outputs(), sampleOutputs());
    });
});

describe("credentials: selecting users and keys", () => {
    const cases: { selection: Selection; expected: string[] }[] = [
        { selection: {}, expected: ["dev-Emily:pw:cli,ci", "dev-terraform:main", "dev-reader:pw:"] },
        { selection: { user: "emily" }, expected: ["dev-Emily:pw:cli,ci"] },
        { selection: { user: "dev-terraform" }, expected: ["dev-terraform:main"] },
        { selection: { slot: "cli" }, expected: ["dev-Emily:pw:cli"] },
        { selection: { user: "emily", slot: "ci" }, expected: ["dev-Emily:pw:ci"] },
    ];
    for (const c of cases) {
        it(`takes ${JSON.stringify(c.selection)}`, () => {
            const users = collectCredentials(outputs(), c.selection, noDecrypt);
            const summary = users.map(
                (u) => `${u.userName}:${u.password === undefined ? "" : "pw:"}${u.keys.map((k) => k.slot).join(",")}`,
            );
            assert.deepStrictEqual(summary, c.expected);
        });
    }

    const bad: {
        name: string;
        selection: Selection;
        mutate?: (o: Record<string, unknown>) => void;
        message: string;
    }[] = [
        {
            name: "an unknown user",
            selection: { user: "emilly" },
            message: 'no user "emilly" in the stack outputs (users: emily, terraform, reader)',
        },
        {
            name: "an unknown slot",
            selection: { slot: "deploy" },
            message: 'no access key slot "deploy" for any user in the stack outputs',
        },
        {
            name: "a slot the user lacks",
            selection: { user: "reader", slot: "cli" },
            message: 'no access key slot "cli" for user "reader" in the stack outputs',
        },
        {
            name: "hidden passwords",
            selection: { user: "reader" },
            mutate: (o) => (o.passwords = "[secret]"),
            message:
                `the outputs hide their secrets (passwords is "[secret]"): ` +
                `read them with 'pulumi stack output --json --show-secrets'`,
        },
        {
            name: "a hidden key secret",
            selection: { user: "terraform" },
            mutate: (o) => ((o.accessKeySecrets as Record<string, unknown>).terraform = { main: "[secret]" }),
            message:
                `the outputs hide accessKeySecrets.terraform.main ("[secret]"): ` +
                `read them with 'pulumi stack output --json --show-secrets'`,
        },
        {
            name: "a missing key secret",
            selection: { user: "emily" },
            mutate: (o) => delete (o.accessKeySecrets as Record<string, Record<string, string>>).emily.ci,
            message: "the outputs have no accessKeySecrets.emily.ci: is the stack deployed with this version?",
        },
        {
            name: "missing passwords",
            selection: {},
            mutate: (o) => delete o.passwords,
            message: "the outputs have no passwords.emily: is the stack deployed with this version?",
        },
    ];
    for (const c of bad) {
        it(`rejects ${c.name} with a clear message`, () => {
            const raw = sampleOutputs() as unknown as Record<string, unknown>;
            c.mutate?.(raw);
            const parsed = parseStackOutputs(JSON.stringify(raw), "test");
            assert.throws(() => collectCredentials(parsed, c.selection, noDecrypt), { message: c.message });
        });
    }
});

describe("credentials: formats", () => {
    it("writes the console's csv: a row per key, the password on each, quoted where needed", () => {
        const [emily] = collectCredentials(outputs(), { user: "emily" }, noDecrypt);
        assert.strictEqual(
            renderCsv(emily),
            HEADER +
                `dev-Emily,"EXAMPLE,pass""word",AKIAIOSFODNN7EXAMPLE,wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY,${SIGN_IN}\r\n` +
                `dev-Emily,"EXAMPLE,pass""word",AKIAI44QH8DHBEXAMPLE,je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY,${SIGN_IN}\r\n`,
        );
    });

    it("leaves the cells empty that a user has no value for", () => {
        const [terraform, reader] = collectCredentials(outputs(), {}, noDecrypt).slice(1);
        assert.strictEqual(
            renderCsv(terraform),
            HEADER + "dev-terraform,,AKIAJ7EXAMPLE7TFKEY1,tfEXAMPLEsecretEXAMPLEsecretEXAMPLEKEY,\r\n",
        );
        assert.strictEqual(renderCsv(reader), HEADER + `dev-reader,EXAMPLE-reader-password,,,${SIGN_IN}\r\n`);
    });

    const sections = () => renderProfiles(collectCredentials(outputs(), { user: "terraform" }, noDecrypt));
    const TF =
        "[dev-terraform-main]\naws_access_key_id = AKIAJ7EXAMPLE7TFKEY1\naws_secret_access_key = tfEXAMPLEsecretEXAMPLEsecretEXAMPLEKEY\n";

    const merges: { name: string; existing: string; replace: boolean; expected: string }[] = [
        { name: "to an empty file", existing: "", replace: false, expected: TF },
        {
            name: "after the profiles there",
            existing: "[default]\naws_access_key_id = AKIADEFAULTEXAMPLE\n\n\n",
            replace: false,
            expected: "[default]\naws_access_key_id = AKIADEFAULTEXAMPLE\n\n" + TF,
        },
        {
            name: "in place of the same profile with --force, keeping the others",
            existing: "[dev-terraform-main]\naws_access_key_id = AKIAOLDEXAMPLE\n\n[other]\nregion = eu-west-1\n",
            replace: true,
            expected: "[other]\nregion = eu-west-1\n\n" + TF,
        },
    ];
    for (const m of merges) {
        it(`adds aws-profile sections ${m.name}`, () => {
            assert.strictEqual(mergeProfiles(m.existing, sections(), m.replace), m.expected);
        });
    }

    it("refuses to replace a profile without --force", () => {
        assert.throws(() => mergeProfiles("[dev-terraform-main]\n", sections(), false), {
            message: "the credentials file already has profile(s) dev-terraform-main: pass --force to replace them",
        });
    });

    it("exports exactly one key for a shell", () => {
        const users = collectCredentials(outputs(), { user: "terraform" }, noDecrypt);
        assert.strictEqual(
            renderEnv(users),
            "# dev-terraform, access key main\n" +
                "export AWS_ACCESS_KEY_ID='AKIAJ7EXAMPLE7TFKEY1'\n" +
                "export AWS_SECRET_ACCESS_KEY='tfEXAMPLEsecretEXAMPLEsecretEXAMPLEKEY'\n",
        );
        assert.throws(() => renderEnv(collectCredentials(outputs(), { user: "emily" }, noDecrypt)), {
            message:
                "--format env exports one access key, and the selection has 2 (emily/cli, emily/ci): " +
                "choose one with --user and --slot",
        });
    });
});

describe("credentials: planning a delivery", () => {
    it("puts one csv per user with credentials under credentials/<stack>/", () => {
        const plan = planDelivery(
            outputs(),
            { stack: "dev", format: "csv", selection: {}, projectDir: "/proj" },
            noDecrypt,
        );
        assert.deepStrictEqual(
            plan.files.map((f) => f.path),
            ["dev-Emily", "dev-terraform", "dev-reader"].map((u) =>
                path.join("/proj/credentials/dev", `${u}_credentials.csv`),
            ),
        );
        assert.strictEqual(plan.stdout, "");
    });

    it("appends to AWS_SHARED_CREDENTIALS_FILE when no --out-dir is given", () => {
        const file = path.join(fs.mkdtempSync("/tmp/iam-users-plan-"), "shared");
        try {
            fs.writeFileSync(file, "[default]\nregion = us-east-1\n");
            const plan = planDelivery(
                outputs(),
                {
                    stack: "dev",
                    format: "aws-profile",
                    selection: { user: "terraform" },
                    projectDir: "/proj",
                    env: { AWS_SHARED_CREDENTIALS_FILE: file },
                },
                noDecrypt,
            );
            assert.deepStrictEqual(plan.files, [
                {
                    path: file,
                    updatesExisting: true,
                    content:
                        "[default]\nregion = us-east-1\n\n[dev-terraform-main]\naws_access_key_id = AKIAJ7EXAMPLE7TFKEY1\n" +
                        "aws_secret_access_key = tfEXAMPLEsecretEXAMPLEsecretEXAMPLEKEY\n",
                },
            ]);
            assert.deepStrictEqual(plan.notes, [`profile [dev-terraform-main] in ${file}`]);
        } finally {
            fs.rmSync(path.dirname(file), { recursive: true, force: true });
        }
    });

    it("refuses aws-profile for a selection without keys", () => {
        assert.throws(
            () =>
                planDelivery(
                    outputs(),
                    {
                        stack: "dev",
                        format: "aws-profile",
                        selection: { user: "reader" },
                        projectDir: "/proj",
                        outDir: "/x",
                    },
                    noDecrypt,
                ),
            { message: "the selection has no access key: aws-profile writes only keys" },
        );
    });
});

describe("credentials: keys kept in a store, and SES SMTP settings", () => {
    const SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:dev/terraform-FAKE01";
    const PARAMETER_ARN = "arn:aws:ssm:eu-west-1:123456789012:parameter/dev/emily/ci";
    const SMTP_PASSWORD = "FAKE-" + "smtp-password-EXAMPLE";
    /** terraform's key in Secrets Manager, emily's ci key in SSM with an SMTP password. */
    const stored = (): ReadOutputs => {
        const o = sampleOutputs();
        o.users.terraform.storeArns = { main: SECRET_ARN };
        o.users.emily.storeArns = { ci: PARAMETER_ARN };
        o.smtpPasswords = { emily: { cli: SMTP_PASSWORD } };
        return parseStackOutputs(JSON.stringify(o), "test");
    };
    const plan = (format: "csv" | "smtp", selection: Selection, region?: string) =>
        planDelivery(stored(), { stack: "dev", format, selection, projectDir: "/proj", region }, noDecrypt);
    const TERRAFORM_NOTE =
        "dev-terraform, access key main (AKIAJ7EXAMPLE7TFKEY1): kept in AWS Secrets Manager, not written here; " +
        `read it with: aws secretsmanager get-secret-value --region eu-west-1 --secret-id ${SECRET_ARN}`;

    it("writes no csv for a stored key, and says where to read it", () => {
        const only = plan("csv", { user: "terraform" });
        assert.deepStrictEqual(only, { files: [], stdout: "", notes: [TERRAFORM_NOTE] });
    });

    it("writes the other keys of a user, and notes the stored one", () => {
        const emily = plan("csv", { user: "emily" });
        assert.deepStrictEqual(
            emily.files.map((f) => f.content),
            [
                HEADER +
                    'dev-Emily,"EXAMPLE,pass""word",AKIAIOSFODNN7EXAMPLE,wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY,' +
                    `${SIGN_IN}\r\n`,
            ],
        );
        assert.deepStrictEqual(emily.notes, [
            `wrote ${path.join("/proj/credentials/dev", "dev-Emily_credentials.csv")}`,
            "dev-Emily, access key ci (AKIAI44QH8DHBEXAMPLE): kept in SSM Parameter Store, not written here; " +
                `read it with: aws ssm get-parameter --with-decryption --region eu-west-1 --name ${PARAMETER_ARN}`,
        ]);
        assert.ok(!JSON.stringify(emily).includes("je7MtGbClwBF"), "the stored key's secret is not delivered");
    });

    it("prints the SMTP user name, password and the region's endpoint", () => {
        assert.deepStrictEqual(plan("smtp", { user: "emily", slot: "cli" }, "eu-west-1"), {
            files: [],
            stdout:
                "# dev-Emily, access key cli\n" +
                "SMTP endpoint: email-smtp.eu-west-1.amazonaws.com (port 587 with STARTTLS, or 465 with TLS)\n" +
                "SMTP user name: AKIAIOSFODNN7EXAMPLE\n" +
                `SMTP password: ${SMTP_PASSWORD}\n`,
            notes: [],
        });
    });

    const refused: [string, Selection, string | undefined, string][] = [
        ["a selection without smtp keys", { user: "reader" }, "eu-west-1", "the selection has no key with smtp: true"],
        [
            "an unknown region",
            { user: "emily", slot: "cli" },
            undefined,
            "the SMTP endpoint is the stack's region: name the stack (or --config) whose aws:region it is, or set AWS_REGION",
        ],
    ];
    for (const [name, selection, region, message] of refused) {
        it(`refuses smtp for ${name}`, () => {
            assert.throws(() => plan("smtp", selection, region), { name: "CredentialsInputError", message });
        });
    }
});
