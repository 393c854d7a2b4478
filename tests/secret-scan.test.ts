/**
 * Secrets pasted into a stack or policy file: what secretlint's recommended rules and the stack
 * rules find, at which key path, line and column, masked; what they must let pass; and `check`
 * refusing such a stack. Every fake secret is put together at run time, so the repository's own
 * secretlint run (`npm run secretlint`) finds none in this file.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { main } from "../cli/check";
import { formatProblem, type Problem } from "../stacks/config";
import { formatKeyPath, keyPathAt } from "../stacks/config/key-path-at";
import { maskSecret, scanSecrets, type ScanFile } from "../stacks/config/secret-scan";
import { runCli, tempDir } from "./support/cli";

const KEY_ID = "AKIA" + "FAKE0000EXAMPLE1";
const SECRET_KEY = "FAKEsecretKEY0/" + "EXAMPLEexample+" + "0123456789";
const PRIVATE_KEY = [
    "-----BEGIN RSA " + "PRIVATE KEY-----",
    "MIIE" + "FAKE".repeat(15),
    "FAKE".repeat(16),
    "-----END RSA " + "PRIVATE KEY-----",
];
const GITHUB_TOKEN = "ghp_" + "FAKEgithubTOKEN" + "0".repeat(21);
const SLACK_TOKEN = "xoxb-" + "0000000000-0000000000000-" + "FAKEslackTOKENfake0000000";
const BASIC_AUTH_URL = "https://deploy:" + "FAKE-pass" + "@git.example.com/repo.git";
const PASSWORD = "FAKE-" + "hunter2";
/** AWS's documented example credentials, which secretlint allows. */
const EXAMPLE_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
const EXAMPLE_SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

const REMOVE = "remove it, and rotate it if this file was ever committed: git keeps the old value";
const encrypt = (key: string) =>
    `store it encrypted with \`pulumi config set --secret ${key}\`, and rotate it if this file was ever committed: git keeps the old value`;

/** A stack file whose user `emily` has `lines` (indented under her); her entries start on line 4, column 7. */
const userStack = (...lines: string[]): string =>
    ["config:", "  iam-users:users:", "    emily:", ...lines.map((l) => `      ${l}`), ""].join("\n");

/** A stack with moto's fake provider keys and the two endpoints given. */
const emulatorStack = (iam: string, sts: string): string =>
    `config:\n  aws:accessKey: test\n  aws:secretKey: test\n  aws:endpoints:\n    - iam: ${iam}\n      sts: ${sts}\n`;

/** A policy file whose one statement has `condition`, pretty-printed as people write them. */
const policy = (condition: Record<string, Record<string, string>>): string =>
    JSON.stringify(
        {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: condition }],
        },
        null,
        2,
    ) + "\n";

/** The output must not show any 8 characters of a secret in a row: a mask shows at most 4. */
function assertHidden(output: string, secrets: readonly string[]): void {
    for (const secret of secrets) {
        for (let i = 0; i + 8 <= secret.length; i++) {
            assert.ok(!output.includes(secret.slice(i, i + 8)), `"${secret.slice(i, i + 8)}" is in the output`);
        }
    }
}

interface Case {
    readonly name: string;
    readonly file: ScanFile;
    /** What must not be printed. */
    readonly secrets: readonly string[];
    readonly expected: readonly Problem[];
}

const stack = (text: string): ScanFile => ({ file: "Pulumi.dev.yaml", text, kind: "stack" });
const policyFile = (text: string): ScanFile => ({ file: "policies/app.json", text, kind: "policy" });
const found = (
    file: string,
    keyPath: string,
    message: string,
    rule: string,
    line: number,
    column: number,
    hint = REMOVE,
): Problem => ({ file, keyPath, message: `${message} (rule ${rule})`, hint, rule, line, column });

const AWS = "@secretlint/secretlint-rule-aws";
const PLAIN = "iam-users/plain-secret-config";

const CASES: Case[] = [
    {
        name: "an access key id in a tag",
        file: stack(userStack("tags:", `  note: ${KEY_ID}`)),
        secrets: [KEY_ID],
        expected: [
            found(
                "Pulumi.dev.yaml",
                "iam-users:users.emily.tags.note",
                "found AWS Access Key ID: AKI**************LE1",
                AWS,
                5,
                15,
            ),
        ],
    },
    {
        name: "a bare 40-character secret key in an access key's description",
        file: stack(userStack("accessKeys:", `  cli: { description: ${SECRET_KEY} }`)),
        secrets: [SECRET_KEY],
        expected: [
            found(
                "Pulumi.dev.yaml",
                "iam-users:users.emily.accessKeys.cli.description",
                "found what looks like an AWS Secret Access Key: FAKE****************6789",
                "iam-users/aws-secret-access-key",
                5,
                29,
            ),
        ],
    },
    {
        name: "a private key block in a tag",
        file: stack(userStack("tags:", "  deploy-key: |", ...PRIVATE_KEY.map((l) => `    ${l}`))),
        secrets: [PRIVATE_KEY[1], PRIVATE_KEY[2]],
        expected: [
            found(
                "Pulumi.dev.yaml",
                "iam-users:users.emily.tags.deploy-key",
                "found private key: ----****************----",
                "@secretlint/secretlint-rule-privatekey",
                6,
                11,
            ),
        ],
    },
    {
        name: "a private key block in a policy Condition value",
        file: policyFile(policy({ StringEquals: { "aws:PrincipalTag/note": PRIVATE_KEY.join("\n") } })),
        secrets: [PRIVATE_KEY[1], PRIVATE_KEY[2]],
        expected: [
            found(
                "policies/app.json",
                "Statement[0].Condition.StringEquals.aws:PrincipalTag/note",
                "found private key: ----****************----",
                "@secretlint/secretlint-rule-privatekey",
                10,
                37,
            ),
        ],
    },
    {
        name: "a secret key with its name in a policy Condition value",
        file: policyFile(policy({ StringEquals: { "aws:PrincipalTag/note": `aws_secret_access_key=${SECRET_KEY}` } })),
        secrets: [SECRET_KEY],
        expected: [
            found(
                "policies/app.json",
                "Statement[0].Condition.StringEquals.aws:PrincipalTag/note",
                "found AWS Secret Access Key: FAKE****************6789",
                AWS,
                10,
                36,
            ),
        ],
    },
    {
        name: "a plain aws:secretKey",
        file: stack(`config:\n  aws:region: us-east-1\n  aws:secretKey: ${SECRET_KEY}\n`),
        secrets: [SECRET_KEY],
        expected: [
            found(
                "Pulumi.dev.yaml",
                "aws:secretKey",
                "found a plain-text secret: FAKE****************6789",
                PLAIN,
                3,
                18,
                encrypt("aws:secretKey"),
            ),
        ],
    },
    {
        name: "a plain aws:accessKey and aws:token",
        file: stack(`config:\n  aws:accessKey: ${KEY_ID}\n  aws:token: ${PASSWORD}\n`),
        secrets: [KEY_ID, PASSWORD],
        expected: [
            found(
                "Pulumi.dev.yaml",
                "aws:accessKey",
                "found AWS Access Key ID: AKI**************LE1",
                AWS,
                2,
                18,
                encrypt("aws:accessKey"),
            ),
            found(
                "Pulumi.dev.yaml",
                "aws:token",
                "found a plain-text secret: FA********r2",
                PLAIN,
                3,
                14,
                encrypt("aws:token"),
            ),
        ],
    },
    {
        name: "a password under a key named for it",
        file: stack(userStack("tags:", `  db-password: ${PASSWORD}`)),
        secrets: [PASSWORD],
        expected: [
            found(
                "Pulumi.dev.yaml",
                "iam-users:users.emily.tags.db-password",
                "found a plain-text secret: FA********r2",
                PLAIN,
                5,
                22,
            ),
        ],
    },
    {
        name: "a GitHub token in a tag",
        file: stack(userStack("tags:", `  ci: ${GITHUB_TOKEN}`)),
        secrets: [GITHUB_TOKEN],
        expected: [
            found(
                "Pulumi.dev.yaml",
                "iam-users:users.emily.tags.ci",
                "found GitHub Token(GitHub personal access tokens): ghp_****************0000",
                "@secretlint/secretlint-rule-github",
                5,
                13,
            ),
        ],
    },
    {
        name: "a Slack token in an access key's description",
        file: stack(userStack("accessKeys:", `  cli: { description: "bot ${SLACK_TOKEN}" }`)),
        secrets: [SLACK_TOKEN],
        expected: [
            found(
                "Pulumi.dev.yaml",
                "iam-users:users.emily.accessKeys.cli.description",
                "found slack token: xoxb****************0000",
                "@secretlint/secretlint-rule-slack",
                5,
                34,
            ),
        ],
    },
    {
        name: "a URL with a user and password in a tag",
        file: stack(userStack("tags:", `  repo: ${BASIC_AUTH_URL}`)),
        secrets: ["deploy:" + "FAKE-pass"],
        expected: [
            found(
                "Pulumi.dev.yaml",
                "iam-users:users.emily.tags.repo",
                "found basic auth credential: http****************.com",
                "@secretlint/secretlint-rule-basicauth",
                5,
                15,
            ),
        ],
    },
    {
        name: "a plain aws:secretKey in a stack whose endpoints are not all on this machine",
        file: stack(emulatorStack("http://127.0.0.1:5055", "https://iam.amazonaws.com")),
        secrets: [],
        expected: [
            found(
                "Pulumi.dev.yaml",
                "aws:secretKey",
                "found a plain-text secret: ****",
                PLAIN,
                3,
                18,
                encrypt("aws:secretKey"),
            ),
        ],
    },
    {
        name: "an access key id is the import id of an adopted key, and a secret anywhere else in adopt",
        file: stack(
            [
                "config:",
                "  iam-users:users:",
                "    emily: { accessKeys: { cli: {} } }",
                "  iam-users:adopt:",
                "    users:",
                `      emily: { user: ${KEY_ID}, accessKeys: { cli: ${KEY_ID} } }`,
                "",
            ].join("\n"),
        ),
        secrets: [KEY_ID],
        expected: [
            found(
                "Pulumi.dev.yaml",
                "iam-users:adopt.users.emily.user",
                "found AWS Access Key ID: AKI**************LE1",
                "@secretlint/secretlint-rule-aws",
                6,
                22,
            ),
        ],
    },
    {
        name: "a local emulator's provider keys (every endpoint on loopback) are allowed",
        file: stack(emulatorStack("http://127.0.0.1:5055", "http://localhost:5055")),
        secrets: [],
        expected: [],
    },
    {
        name: "an endpoint named for a service is no secret (secretsmanager), a real AWS one neither",
        file: stack(
            [
                "config:",
                "  aws:endpoints:",
                "    - secretsmanager: https://secretsmanager.us-east-1.amazonaws.com",
                "      ssm: https://ssm.us-east-1.amazonaws.com",
                "",
            ].join("\n"),
        ),
        secrets: [],
        expected: [],
    },
    {
        name: "AWS's documented example key, alone and named, is allowed",
        file: stack(
            userStack(
                "tags:",
                `  key: ${EXAMPLE_KEY_ID}`,
                `  bare: ${EXAMPLE_SECRET_KEY}`,
                `  named: "aws_secret_access_key=${EXAMPLE_SECRET_KEY}"`,
            ),
        ),
        secrets: [],
        expected: [],
    },
    {
        name: "a secure: value, a git hash and password settings are no secrets",
        file: stack(
            [
                "config:",
                "  aws:secretKey:",
                "    secure: v1:" + "FAKEciphertextFAKEciphertextFAKEciphertext==",
                "  iam-users:users:",
                "    emily:",
                "      tags: { commit: 3f786850e387550fdab836ed7e6dc881de23001b }",
                "      console: { passwordResetRequired: true, passwordLength: 20 }",
                "",
            ].join("\n"),
        ),
        secrets: [],
        expected: [],
    },
];

describe("scanSecrets: secrets pasted into config", () => {
    for (const c of CASES) {
        it(c.name, async () => {
            const problems = await scanSecrets([c.file]);
            assert.deepStrictEqual(problems, c.expected);
            assertHidden(problems.map(formatProblem).join("\n"), c.secrets);
        });
    }

    it("reports each file in turn, the stack first", async () => {
        const problems = await scanSecrets([CASES[0].file, CASES[3].file]);
        assert.deepStrictEqual(
            problems.map((p) => `${p.file}: ${p.keyPath}`),
            [
                "Pulumi.dev.yaml: iam-users:users.emily.tags.note",
                "policies/app.json: Statement[0].Condition.StringEquals.aws:PrincipalTag/note",
            ],
        );
    });
});

describe("maskSecret", () => {
    const table: [string, string][] = [
        ["", ""],
        ["abc", "***"],
        ["FAKE-pw", "F*****w"],
        ["0123456789abcdefghij", "012**************hij"],
        ["x".repeat(200), "xxxx****************xxxx"],
        ["ab\ncdefghijklmnopq\nrs", "ab*****************rs"],
    ];
    for (const [value, masked] of table) {
        it(`${JSON.stringify(value.slice(0, 12))} -> ${masked}`, () => {
            assert.strictEqual(maskSecret(value), masked);
        });
    }
});

describe("keyPathAt: the key path at an offset", () => {
    const yaml = "# top\nconfig:\n  aws:region: us-east-1\n  iam-users:users:\n    emily:\n      groups: [a, b]\n";
    const json = '{"Statement": [{"Effect": "Allow", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}]}';
    const table: [string, string, number, "stack" | "policy", string][] = [
        ["a comment at the top", yaml, 2, "stack", "(file)"],
        ["the config key itself", yaml, yaml.indexOf("config"), "stack", "config"],
        ["a top-level config key", yaml, yaml.indexOf("us-east-1"), "stack", "aws:region"],
        ["a key of a nested entry", yaml, yaml.indexOf("emily"), "stack", "iam-users:users.emily"],
        ["an item of a flow list", yaml, yaml.indexOf("b]"), "stack", "iam-users:users.emily.groups[1]"],
        ["a JSON value", json, json.indexOf('"true"') + 2, "policy", "Statement[0].Condition.Bool.aws:SecureTransport"],
        ["between JSON entries", json, json.indexOf("Allow") + 7, "policy", "Statement[0]"],
        ["the JSON outside every entry", json, 0, "policy", "(document)"],
    ];
    for (const [name, text, offset, style, keyPath] of table) {
        it(name, () => {
            assert.strictEqual(keyPathAt(text, offset, style), keyPath);
        });
    }

    it("spells paths outside config from the top", () => {
        assert.strictEqual(formatKeyPath(["encryptionsalt"], "stack"), "encryptionsalt");
    });
});

describe("check: refuses a stack with a secret in it", () => {
    let dir: string;
    before(() => {
        dir = tempDir("secrets");
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: iam-users\n");
        fs.mkdirSync(path.join(dir, "policies"));
        fs.writeFileSync(
            path.join(dir, "policies", "app.json"),
            policy({ StringEquals: { "aws:PrincipalTag/note": PRIVATE_KEY.join("\n") } }),
        );
        fs.writeFileSync(
            path.join(dir, "Pulumi.test.yaml"),
            userStack("policyFiles: [policies/app.json]", "tags:", `  note: ${KEY_ID}`),
        );
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("exits 1 naming each secret, and prints none of them", async () => {
        const { code, stdout } = await runCli(main, ["--config", path.join(dir, "Pulumi.test.yaml")], dir);
        // One entry per problem: a hint line stays with the problem above it.
        const lines = stdout.trimEnd().split(/\n(?!  hint:)/);
        assert.strictEqual(code, 1);
        const secretLines = lines.filter((l) => l.includes("(rule @secretlint/"));
        assert.deepStrictEqual(secretLines, [
            `Pulumi.test.yaml:6:15: iam-users:users.emily.tags.note: found AWS Access Key ID: AKI**************LE1 (rule ${AWS})\n  hint: ${REMOVE}`,
            "policies/app.json:10:37: Statement[0].Condition.StringEquals.aws:PrincipalTag/note: found private key: ----****************---- (rule @secretlint/secretlint-rule-privatekey)\n" +
                `  hint: ${REMOVE}`,
        ]);
        assert.match(lines[lines.length - 1], /^FAILED: 1 user, 0 groups, 2 errors, \d+ warnings?$/);
        assertHidden(lines.join("\n"), [KEY_ID, PRIVATE_KEY[1], PRIVATE_KEY[2]]);
    });
});
