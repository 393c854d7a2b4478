/**
 * `npm run check`: exit codes (0 valid, 1 invalid, 2 usage error) and the exact lines it prints
 * for the core validation. Stack files with mistakes live in a temporary project folder.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { main, USAGE } from "../cli/check";
import { runCli, tempDir } from "./support/cli";

const ROOT = path.join(__dirname, "..");

/**
 * Runs `check` in `cwd` (the repository unless given) and returns its exit code and the lines it
 * printed on standard output (a hint is a line of its own); standard error must stay empty.
 */
async function check(...argv: string[]): Promise<{ code: number; lines: string[] }> {
    return checkIn(ROOT, ...argv);
}

async function checkIn(cwd: string, ...argv: string[]): Promise<{ code: number; lines: string[] }> {
    const { code, stdout, stderr } = await runCli(main, argv, cwd);
    assert.strictEqual(stderr, "");
    return { code, lines: stdout.replace(/\n$/, "").split("\n") };
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
    "Pulumi.twice.yaml": [
        "config:",
        "  iam-users:namePrefix: dev-",
        "  iam-users:namePrefix: prod-",
        "  iam-users:users: {}",
        "",
    ].join("\n"),
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
        assert.match(lines[lines.length - 1], /^OK: 4 users, 1 group, 0 errors, \d+ warnings?$/);
    });

    it("passes the prod stack", async () => {
        const { code, lines } = await check("prod");
        assert.strictEqual(code, 0);
        assert.match(lines[lines.length - 1], /^OK: 3 users, 3 groups, 0 errors, \d+ warnings?$/);
    });

    it("reports config errors and unknown catalog names in one run", async () => {
        assert.deepStrictEqual(await check("--config", config("Pulumi.typos.yaml")), {
            code: 1,
            lines: [
                'Pulumi.typos.yaml:4:16: iam-users:users.emily.groups[0]: group "Power_User" is not defined',
                "  hint: define it under iam-users:groups (with external: true if it exists already)",
                'policies/typo.json:1:56: Statement[0].Action[0]: unknown action "s3:GetObjekt" (did you mean "s3:GetObject"?)',
                'Pulumi.typos.yaml:5:25: iam-users:users.emily.managedPolicies[0]: unknown AWS-managed policy "AdministratorAcess" (did you mean "AdministratorAccess"?)',
                "FAILED: 3 errors, 0 warnings",
            ],
        });
    });

    it("passes with warnings, and fails on them with --strict", async () => {
        const warning = [
            "Pulumi.warnings.yaml:3:5: iam-users:users.reader: warning: 11 managed policies would be attached; the default quota is 10 per user",
            "  hint: request a quota increase (up to 20) before deploying, or move permissions to groups",
            "Pulumi.warnings.yaml:4:7: iam-users:users.reader.managedPolicies: warning[IAM.2]: IAM.2 / CIS 1.15: reader has policies attached directly (managedPolicies); permissions should come only from groups",
            "  hint: attach them to a group and add reader to it",
        ];
        assert.deepStrictEqual(await check("--config", config("Pulumi.warnings.yaml")), {
            code: 0,
            lines: [...warning, "OK: 1 user, 0 groups, 0 errors, 2 warnings"],
        });
        assert.deepStrictEqual(await check("--strict", "--config", config("Pulumi.warnings.yaml")), {
            code: 1,
            lines: [...warning, "FAILED: 1 user, 0 groups, 0 errors, 2 warnings (strict)"],
        });
    });

    // Each config with problems: every line printed, ending with the verdict, and exit 1.
    const failing: [string, string, string[]][] = [
        [
            "every error with its file and key path",
            "Pulumi.errors.yaml",
            [
                "Pulumi.errors.yaml:8:17: iam-users:users.emily.console.passwordLength: must be 6-128",
                'Pulumi.errors.yaml:7:16: iam-users:users.emily.groups[0]: group "Power_User" is not defined (did you mean "Power_Users"?)',
                "  hint: define it under iam-users:groups (with external: true if it exists already)",
                "FAILED: 2 errors, 0 warnings",
            ],
        ],
        [
            "keys without the namespace and a misspelt namespace",
            "Pulumi.namespace.yaml",
            [
                'Pulumi.namespace.yaml:3:3: users: config keys need a namespace (did you mean "iam-users:users"?)',
                'Pulumi.namespace.yaml:5:3: iam-user:users: warning: unknown namespace "iam-user": this project reads iam-users:, aws:, pulumi: keys (did you mean "iam-users:users"?)',
                "Pulumi.namespace.yaml: iam-users:users: the stack defines no users and no groups",
                "  hint: to deploy a stack without users (and so delete every user it manages), write iam-users:users: {}",
                "FAILED: 2 errors, 1 warning",
            ],
        ],
        [
            "a YAML syntax error, with line and column",
            "Pulumi.indent.yaml",
            [
                "Pulumi.indent.yaml:4:1: (file): not valid YAML: All mapping items must start at the same column",
                "FAILED: 1 error, 0 warnings",
            ],
        ],
        [
            "a key given twice, with line and column",
            "Pulumi.twice.yaml",
            [
                "Pulumi.twice.yaml:3:3: iam-users:namePrefix: is given twice, on lines 2 and 3; give it once",
                "FAILED: 1 error, 0 warnings",
            ],
        ],
        [
            "a config that is not a map",
            "Pulumi.list.yaml",
            ["Pulumi.list.yaml:1:1: config: must be a map of config keys, not a list", "FAILED: 1 error, 0 warnings"],
        ],
    ];
    for (const [name, file, lines] of failing) {
        it(`reports ${name}, and exits 1`, async () => {
            assert.deepStrictEqual(await check("--config", config(file)), { code: 1, lines });
        });
    }

    it("names an unknown user of --explain: the close one, else every user", async () => {
        const warnings = (await check("--config", config("Pulumi.warnings.yaml"))).lines.slice(0, 4);
        assert.deepStrictEqual(await check("--config", config("Pulumi.warnings.yaml"), "--explain", "raeder"), {
            code: 1,
            lines: [
                ...warnings,
                'Pulumi.warnings.yaml: no user "raeder" (did you mean "reader"?)',
                "FAILED: 1 user, 0 groups, 0 errors, 2 warnings",
            ],
        });
        assert.deepStrictEqual(await check("--config", config("Pulumi.warnings.yaml"), "--explain", "emily"), {
            code: 1,
            lines: [
                ...warnings,
                'Pulumi.warnings.yaml: no user "emily"; the users are reader',
                "FAILED: 1 user, 0 groups, 0 errors, 2 warnings",
            ],
        });
    });
});

/**
 * The front door, as hostile users meet it: every way to name (or misname) a stack or a file, and
 * every kind of usage error, with the exact output and exit code. Runs in a temporary project, so
 * the result does not depend on where mocha runs.
 */
describe("check: the front door", () => {
    let dir: string;
    let outside: string;
    const warningLines = (file: string) => [
        `${file}:3:5: iam-users:users.reader: warning: 11 managed policies would be attached; the default quota is 10 per user`,
        "  hint: request a quota increase (up to 20) before deploying, or move permissions to groups",
        `${file}:4:7: iam-users:users.reader.managedPolicies: warning[IAM.2]: IAM.2 / CIS 1.15: reader has policies attached directly (managedPolicies); permissions should come only from groups`,
        "  hint: attach them to a group and add reader to it",
        "OK: 1 user, 0 groups, 0 errors, 2 warnings",
    ];
    before(() => {
        dir = tempDir("front-door");
        outside = tempDir("no-project");
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: fake-project\n");
        fs.mkdirSync(path.join(dir, "policies"));
        for (const name of ["Pulumi.warnings.yaml", "Pulumi.dev.yaml", "reader-stack.yml"]) {
            fs.writeFileSync(path.join(dir, name), STACKS["Pulumi.warnings.yaml"]);
        }
    });
    after(() => {
        fs.rmSync(dir, { recursive: true, force: true });
        fs.rmSync(outside, { recursive: true, force: true });
    });

    const usageError = (message: string) => ({ code: 2, stdout: "", stderr: `${message}\n${USAGE}\n` });
    // A named file that cannot be read is a bad file (exit 1), reported as its problem.
    const badFile = (problem: string) => ({ code: 1, stdout: `${problem}\nFAILED: 1 error, 0 warnings\n`, stderr: "" });
    // [name, argv, the result]: all in the temporary project but the last ones.
    const cases: [string, string[], () => { code: number; stdout: string; stderr: string }][] = [
        ["--help prints the usage and exits 0", ["--help"], () => ({ code: 0, stdout: `${USAGE}\n`, stderr: "" })],
        ["-h prints the usage and exits 0", ["-h"], () => ({ code: 0, stdout: `${USAGE}\n`, stderr: "" })],
        ["--help wins over a bad option", ["--fast", "--help"], () => ({ code: 0, stdout: `${USAGE}\n`, stderr: "" })],
        ["no stack", [], () => usageError("name one stack (dev, prod, ...) or --config <file>")],
        ["two stacks", ["dev", "prod"], () => usageError("name one stack (dev, prod, ...) or --config <file>")],
        [
            "a stack and --config",
            ["dev", "--config", "Pulumi.dev.yaml"],
            () => usageError("give either a stack name or --config <file>, not both"),
        ],
        [
            "a path and --config",
            ["./Pulumi.dev.yaml", "--config", "Pulumi.dev.yaml"],
            () => usageError("give either a file or --config <file>, not both"),
        ],
        [
            "a stack and --stack",
            ["dev", "--stack", "dev"],
            () => usageError("give the stack once: as the argument or as --stack"),
        ],
        ["an unknown option", ["dev", "--fast"], () => usageError("unknown option --fast")],
        ["an unknown short option", ["dev", "-x"], () => usageError("unknown option -x")],
        ["--config without a value", ["--config"], () => usageError("--config needs a value")],
        ["--config followed by an option", ["--config", "--strict"], () => usageError("--config needs a value")],
        ["a value for a flag", ["dev", "--strict=yes"], () => usageError("--strict takes no value")],
        [
            "an unknown stack: the close one and every stack",
            ["warning"],
            () =>
                usageError(
                    `no stack "warning": no Pulumi.warning.yaml in ${dir} (did you mean "warnings"?); the stacks are dev, warnings`,
                ),
        ],
        [
            "an unknown stack given with --stack",
            ["--stack", "staging"],
            () => usageError(`no stack "staging": no Pulumi.staging.yaml in ${dir}; the stacks are dev, warnings`),
        ],
        [
            "a missing file",
            ["--config", "Pulumi.missing.yaml"],
            () => badFile("Pulumi.missing.yaml: (file): no such file"),
        ],
        [
            "a missing file as the argument",
            ["conf/Pulumi.x.yaml"],
            () => badFile("conf/Pulumi.x.yaml: (file): no such file"),
        ],
        [
            "a folder for a file",
            ["--config", "policies"],
            () => badFile("policies: (file): is a directory, not a file"),
        ],
        [
            "a stack file as the argument",
            ["Pulumi.warnings.yaml"],
            () => ({ code: 0, stdout: `${warningLines("Pulumi.warnings.yaml").join("\n")}\n`, stderr: "" }),
        ],
        [
            "a stack by --stack",
            ["--stack", "warnings"],
            () => ({ code: 0, stdout: `${warningLines("Pulumi.warnings.yaml").join("\n")}\n`, stderr: "" }),
        ],
        [
            "--config of any name",
            ["--config", "reader-stack.yml"],
            () => ({ code: 0, stdout: `${warningLines("reader-stack.yml").join("\n")}\n`, stderr: "" }),
        ],
        [
            "--config of any name, with --stack",
            ["--config", "reader-stack.yml", "--stack", "dev", "--strict"],
            () => ({
                code: 1,
                stdout: `${[...warningLines("reader-stack.yml").slice(0, 4), "FAILED: 1 user, 0 groups, 0 errors, 2 warnings (strict)"].join("\n")}\n`,
                stderr: "",
            }),
        ],
    ];
    for (const [name, argv, expected] of cases) {
        it(`${name}: ${JSON.stringify(argv)}`, async () => {
            assert.deepStrictEqual(await runCli(main, argv, dir), expected());
        });
    }

    it("a stack name outside any project says where it looked", async () => {
        assert.deepStrictEqual(
            await runCli(main, ["dev"], outside),
            usageError(`no Pulumi.yaml in ${outside} or above it: run from the project, or use --config <file>`),
        );
    });

    it("a project without stack files says so", async () => {
        fs.writeFileSync(path.join(outside, "Pulumi.yaml"), "name: empty\n");
        try {
            assert.deepStrictEqual(
                await runCli(main, ["dev"], outside),
                usageError(`no stack "dev": no Pulumi.dev.yaml in ${outside}; there is no Pulumi.<stack>.yaml there`),
            );
        } finally {
            fs.rmSync(path.join(outside, "Pulumi.yaml"));
        }
    });

    it("finds the project's stacks from a folder inside it", async () => {
        const sub = path.join(dir, "policies");
        assert.deepStrictEqual(await runCli(main, ["warnings"], sub), {
            code: 0,
            stdout: `${warningLines("Pulumi.warnings.yaml").join("\n")}\n`,
            stderr: "",
        });
    });
});
