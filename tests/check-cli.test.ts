/**
 * `npm run check`: exit codes (0 valid, 1 invalid, 2 usage error) and the exact lines it prints
 * for the core validation. Stack files with mistakes live in a temporary project folder.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { main } from "../cli/check";
import { tempDir } from "./support/cli";

/** Runs `check` and returns its exit code and printed lines (a hint is a line of its own). */
async function check(...argv: string[]): Promise<{ code: number; lines: string[] }> {
    const lines: string[] = [];
    const code = await main(argv, (text) => lines.push(...text.split("\n")));
    return { code, lines };
}

/** Eleven well-known AWS-managed policies: more than a user's default quota of ten. */
const ELEVEN_POLICIES = [
    "AmazonS3ReadOnlyAccess",
    "AmazonEC2ReadOnlyAccess",
    "AmazonDynamoDBReadOnlyAccess",
    "AmazonSQSReadOnlyAccess",
    "AmazonSNSReadOnlyAccess",
    "AmazonRDSReadOnlyAccess",
    "AmazonVPCReadOnlyAccess",
    "AmazonRoute53ReadOnlyAccess",
    "CloudWatchReadOnlyAccess",
    "AWSLambda_ReadOnlyAccess",
    "IAMReadOnlyAccess",
];

const STACKS: Record<string, string> = {
    "Pulumi.errors.yaml": [
        "config:",
        "  aws:region: us-east-1",
        "  iam-users:groups:",
        "    Power_Users: {}",
        "  iam-users:users:",
        "    emily:",
        "      groups: [Power_User]",
        "      console: {passwordLength: 5}",
        "",
    ].join("\n"),
    "Pulumi.warnings.yaml": [
        "config:",
        "  iam-users:users:",
        "    reader:",
        `      managedPolicies: [${ELEVEN_POLICIES.join(", ")}]`,
        "",
    ].join("\n"),
    "Pulumi.indent.yaml": ["config:", "  iam-users:users:", "    emily: {}", "   bob: {}", ""].join("\n"),
    "Pulumi.twice.yaml": ["config:", "  iam-users:namePrefix: dev-", "  iam-users:namePrefix: prod-", ""].join("\n"),
    "Pulumi.namespace.yaml": [
        "config:",
        "  aws:region: us-east-1",
        "  users:",
        "    emily: {}",
        "  iam-user:users:",
        "    bob: {}",
        "",
    ].join("\n"),
    "Pulumi.list.yaml": "config: [iam-users:users]\n",
    "Pulumi.typos.yaml": [
        "config:",
        "  iam-users:users:",
        "    emily:",
        "      groups: [Power_User]",
        "      managedPolicies: [AdministratorAcess]",
        "      policyFiles: [policies/typo.json]",
        "",
    ].join("\n"),
    "stack.yaml": "config: {}\n",
};

describe("check: the command", () => {
    let dir: string;
    before(() => {
        dir = tempDir("check");
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: fake-project\n");
        fs.mkdirSync(path.join(dir, "policies"));
        fs.writeFileSync(
            path.join(dir, "policies", "typo.json"),
            JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Action: "s3:GetObjekt", Resource: "arn:aws:s3:::invoices/*" }],
            }),
        );
        for (const [file, text] of Object.entries(STACKS)) {
            fs.writeFileSync(path.join(dir, file), text);
        }
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    const config = (file: string) => path.join(dir, file);

    // Other analyses may add lines for these stacks; the core owns the verdict on the last line.
    it("passes the dev stack", async () => {
        const { code, lines } = await check("dev");
        assert.strictEqual(code, 0);
        assert.match(lines[lines.length - 1], /^OK: 4 users, 1 groups, 0 errors, \d+ warnings$/);
    });

    it("passes the prod stack", async () => {
        const { code, lines } = await check("prod");
        assert.strictEqual(code, 0);
        assert.match(lines[lines.length - 1], /^OK: 3 users, 3 groups, 0 errors, \d+ warnings$/);
    });

    it("reports config errors and unknown catalog names in one run", async () => {
        assert.deepStrictEqual(await check("--config", config("Pulumi.typos.yaml")), {
            code: 1,
            lines: [
                'Pulumi.typos.yaml: iam-users:users.emily.groups[0]: group "Power_User" is not defined',
                "  hint: define it under iam-users:groups (with external: true if it exists already)",
                'policies/typo.json: Statement[0].Action[0]: unknown action "s3:GetObjekt" (did you mean "s3:GetObject"?)',
                'Pulumi.typos.yaml: iam-users:users.emily.managedPolicies[0]: unknown AWS-managed policy "AdministratorAcess" (did you mean "AdministratorAccess"?)',
                "FAILED: 3 errors, 0 warnings",
            ],
        });
    });

    it("passes with warnings, and fails on them with --strict", async () => {
        const warning = [
            "Pulumi.warnings.yaml: iam-users:users.reader: warning: 11 managed policies would be attached; the default quota is 10 per user",
            "  hint: request a quota increase (up to 20) before deploying, or move permissions to groups",
            "Pulumi.warnings.yaml: iam-users:users.reader.managedPolicies: warning[IAM.2]: IAM.2 / CIS 1.15: reader has policies attached directly (managedPolicies); permissions should come only from groups",
            "  hint: attach them to a group and add reader to it",
        ];
        assert.deepStrictEqual(await check("--config", config("Pulumi.warnings.yaml")), {
            code: 0,
            lines: [...warning, "OK: 1 users, 0 groups, 0 errors, 2 warnings"],
        });
        assert.deepStrictEqual(await check("--strict", "--config", config("Pulumi.warnings.yaml")), {
            code: 1,
            lines: [...warning, "FAILED: 1 users, 0 groups, 0 errors, 2 warnings (strict)"],
        });
    });

    // Each config with problems: every line printed, ending with the verdict, and exit 1.
    const failing: [string, string, string[]][] = [
        [
            "every error with its file and key path",
            "Pulumi.errors.yaml",
            [
                "Pulumi.errors.yaml: iam-users:users.emily.console.passwordLength: must be 6-128",
                'Pulumi.errors.yaml: iam-users:users.emily.groups[0]: group "Power_User" is not defined (did you mean "Power_Users"?)',
                "  hint: define it under iam-users:groups (with external: true if it exists already)",
                "FAILED: 2 errors, 0 warnings",
            ],
        ],
        [
            "keys without the namespace and a misspelt namespace",
            "Pulumi.namespace.yaml",
            [
                'Pulumi.namespace.yaml: users: config keys need a namespace (did you mean "iam-users:users"?)',
                'Pulumi.namespace.yaml: iam-user:users: unknown namespace "iam-user" (did you mean "iam-users:users"?)',
                "FAILED: 2 errors, 0 warnings",
            ],
        ],
        [
            "a YAML syntax error, with line and column",
            "Pulumi.indent.yaml",
            [
                "Pulumi.indent.yaml: line 4, column 1: not valid YAML: All mapping items must start at the same column",
                "FAILED: 1 errors, 0 warnings",
            ],
        ],
        [
            "a key given twice, with line and column",
            "Pulumi.twice.yaml",
            [
                "Pulumi.twice.yaml: line 3, column 3: not valid YAML: Map keys must be unique",
                "FAILED: 1 errors, 0 warnings",
            ],
        ],
        [
            "a config that is not a map",
            "Pulumi.list.yaml",
            ["Pulumi.list.yaml: config: must be a map of config keys", "FAILED: 1 errors, 0 warnings"],
        ],
        [
            "a file not named for a stack",
            "stack.yaml",
            ["stack.yaml: (file): a stack config file is named Pulumi.<stack>.yaml", "FAILED: 1 errors, 0 warnings"],
        ],
        [
            "a missing file",
            "Pulumi.missing.yaml",
            ["Pulumi.missing.yaml: (file): no such stack config file", "FAILED: 1 errors, 0 warnings"],
        ],
    ];
    for (const [name, file, lines] of failing) {
        it(`reports ${name}, and exits 1`, async () => {
            assert.deepStrictEqual(await check("--config", config(file)), { code: 1, lines });
        });
    }

    it("reports a stack without a config file, and exits 1", async () => {
        assert.deepStrictEqual(await check("no-such-stack"), {
            code: 1,
            lines: ["Pulumi.no-such-stack.yaml: (file): no such stack config file", "FAILED: 1 errors, 0 warnings"],
        });
    });

    const usage: [string, string[], string][] = [
        ["no stack", [], "name one stack (dev, prod, ...) or --config <file>"],
        ["two stacks", ["dev", "prod"], "name one stack (dev, prod, ...) or --config <file>"],
        [
            "a stack and --config",
            ["dev", "--config", "Pulumi.dev.yaml"],
            "give either a stack name or --config <file>, not both",
        ],
        ["an unknown option", ["dev", "--fast"], "unknown option --fast"],
        ["--config without a value", ["--config"], "--config needs a value"],
    ];
    for (const [name, argv, message] of usage) {
        it(`exits 2 on a usage error: ${name}`, async () => {
            const { code, lines } = await check(...argv);
            assert.strictEqual(code, 2);
            assert.strictEqual(lines.length, 2);
            assert.strictEqual(lines[0], message);
            // Options may be added to the usage line; its start is the core's.
            assert.ok(
                lines[1].startsWith("usage: npm run check -- <stack> | --config <Pulumi.<stack>.yaml>"),
                lines[1],
            );
        });
    }
});
