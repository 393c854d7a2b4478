/**
 * A hostile corpus of policy files, run through `check` as a user runs it: each file is written
 * as raw bytes into a temporary project, and `check` must print the exact problem lines and exit 1,
 * quickly, without a stack trace. Good files that editors really write (a UTF-8 byte-order mark,
 * CRLF) must pass.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { main } from "../cli/check";
import { PARTITIONS } from "../rules/arn";
import { plural } from "../stacks/config";
import { MAX_POLICY_DEPTH } from "../stacks/config/policy-document";
import { runCli, tempDir } from "./support/cli";

const FILE = "policies/p.json";
const STACK = ["config:", "  iam-users:users:", "    emily:", `      policyFiles: [${FILE}]`, ""].join("\n");

/** Once a policy file is valid, the stack fails control IAM.2: emily's policy is her own, not a group's. */
const IAM_2 = [
    "Pulumi.t.yaml:4:7: iam-users:users.emily.policyFiles: warning[IAM.2]: IAM.2 / CIS 1.15: emily has policies attached directly (policyFiles); permissions should come only from groups",
    "  hint: attach them to a group and add emily to it",
];

const ALLOW = { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::fake-bucket/*" };
/** A policy document of these statements, indented as people write them. */
const doc = (...statements: unknown[]): string =>
    JSON.stringify({ Version: "2012-10-17", Statement: statements }, null, 4);
/** The same with one Resource. */
const withResource = (resource: string): string => doc({ ...ALLOW, Resource: resource });

/** A line `check` prints for a problem in the policy file, and its hint line. */
/** `position` is `line:column`, or "" for a problem of the whole file or a missing element. */
const inFile = (position: string, keyPath: string, message: string, hint?: string): string[] => [
    `${FILE}${position ? `:${position}` : ""}: ${keyPath}: ${message}`,
    ...(hint === undefined ? [] : [`  hint: ${hint}`]),
];
const failed = (errors: number): string => `FAILED: ${plural(errors, "error")}, 0 warnings`;

const ARN_HINT = "  hint: for example arn:aws:s3:::fake-bucket/* or arn:aws:dynamodb:us-east-1:123456789012:table/Fake";
const FORM = "arn:partition:service:region:account-id:resource";
const LOOKALIKE_HINT = "retype the ARN; a lookalike character names another resource, or none";
const VARIABLE_HINT = 'set "Version": "2012-10-17"';
const DUPLICATE_HINT = "keep one of them";

interface Row {
    readonly name: string;
    /** The policy file's bytes, or its text (written as UTF-8). */
    readonly file: string | Buffer;
    readonly lines: readonly string[];
}

const ROWS: Row[] = [
    {
        name: "duplicate Effect in a statement",
        file: '{\n  "Version": "2012-10-17",\n  "Statement": [{\n    "Effect": "Deny",\n    "Action": "s3:*",\n    "Effect": "Allow",\n    "Resource": "*"\n  }]\n}\n',
        lines: [
            ...inFile(
                "6:5",
                "Statement[0].Effect",
                'duplicate key "Effect" at lines 4 and 6; JSON keeps the last one, so a reader sees "Deny" where IAM applies "Allow"',
                DUPLICATE_HINT,
            ),
            failed(1),
        ],
    },
    {
        name: "duplicate Statement at the top level: the Deny is thrown away",
        file:
            '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}],\n' +
            '  "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]\n}\n',
        lines: [
            ...inFile(
                "4:3",
                "Statement",
                'duplicate key "Statement" at lines 3 and 4; JSON keeps the last one, so the one at line 3 is ignored',
                DUPLICATE_HINT,
            ),
            failed(1),
        ],
    },
    {
        name: "duplicate condition key",
        file: doc({ ...ALLOW, Condition: { StringEquals: { "aws:username": "fake-alice" } } }).replace(
            '"aws:username": "fake-alice"',
            '"aws:username": "fake-alice",\n"aws:username": "fake-bob"',
        ),
        lines: [
            ...inFile(
                "11:1",
                "Statement[0].Condition.StringEquals.aws:username",
                'duplicate key "aws:username" at lines 10 and 11; JSON keeps the last one, so a reader sees "fake-alice" where IAM applies "fake-bob"',
                DUPLICATE_HINT,
            ),
            failed(1),
        ],
    },
    {
        name: "a duplicate spelt with an escape",
        file: '{"Version": "2012-10-17",\n"Statement": {"Effect": "Deny", "Action": "s3:*", "Resource": "*",\n"\\u0045ffect": "Allow"}}',
        lines: [
            ...inFile(
                "3:1",
                "Statement.Effect",
                'duplicate key "Effect" at lines 2 and 3; JSON keeps the last one, so a reader sees "Deny" where IAM applies "Allow"',
                DUPLICATE_HINT,
            ),
            failed(1),
        ],
    },
    {
        name: "a policy variable under Version 2008-10-17",
        file: JSON.stringify({
            Version: "2008-10-17",
            Statement: { ...ALLOW, Resource: "arn:aws:s3:::fake-bucket/home/${aws:username}/*" },
        }),
        lines: [
            ...inFile(
                "1:79",
                "Statement.Resource[0]",
                '"${aws:username}" is literal text under Version "2008-10-17": IAM substitutes policy variables only under Version "2012-10-17"',
                VARIABLE_HINT,
            ),
            failed(1),
        ],
    },
    {
        name: "a policy variable in a condition, without a Version",
        file: JSON.stringify({
            Statement: { ...ALLOW, Condition: { StringLike: { "s3:prefix": "home/${aws:username}/" } } },
        }),
        lines: [
            ...inFile(
                "",
                "Version",
                'missing; use "2012-10-17"',
                "without it IAM ignores policy variables like ${aws:username}",
            ),
            ...inFile(
                "1:123",
                "Statement.Condition.StringLike.s3:prefix",
                '"${aws:username}" is literal text without a Version: IAM substitutes policy variables only under Version "2012-10-17"',
                VARIABLE_HINT,
            ),
            failed(2),
        ],
    },
    {
        name: "an ARN cut short",
        file: withResource("arn:aws:s3"),
        lines: [
            ...inFile(
                "7:13",
                "Statement[0].Resource[0]",
                `"arn:aws:s3" is not a well-formed ARN: it has 3 of the 6 parts ${FORM}`,
            ),
            ARN_HINT,
            failed(1),
        ],
    },
    {
        name: "an ARN without its service",
        file: withResource("arn:aws:::123456789012:fake"),
        lines: [
            ...inFile(
                "7:13",
                "Statement[0].Resource[0]",
                `"arn:aws:::123456789012:fake" is not a well-formed ARN: the service is empty (${FORM})`,
            ),
            ARN_HINT,
            failed(1),
        ],
    },
    {
        name: "an ARN with a short account",
        file: withResource("arn:aws:iam::12345678901:user/fake"),
        lines: [
            ...inFile(
                "7:13",
                "Statement[0].Resource[0]",
                '"arn:aws:iam::12345678901:user/fake" is not a well-formed ARN: the account "12345678901" is not 12 digits',
            ),
            ARN_HINT,
            failed(1),
        ],
    },
    {
        name: "an ARN in an unknown partition",
        file: withResource("arn:aws-gov:s3:::fake-bucket"),
        lines: [
            ...inFile(
                "7:13",
                "Statement[0].Resource[0]",
                '"arn:aws-gov:s3:::fake-bucket" is in the unknown partition "aws-gov"',
                `the partitions are ${PARTITIONS.join(", ")}`,
            ),
            failed(1),
        ],
    },
    {
        name: "a Cyrillic letter in an action",
        file: doc({ ...ALLOW, Action: ["s3:GetObject", "s3:G\u0435tObject"] }),
        lines: [
            ...inFile(
                "8:17",
                "Statement[0].Action[1]",
                '"s3:G\u0435tObject" is not an action: "\u0435" (U+0435) is not ASCII',
                "retype the name; a letter that looks Latin but is not names no action",
            ),
            failed(1),
        ],
    },
    {
        name: "a Cyrillic letter in a bucket name",
        file: withResource("arn:aws:s3:::f\u0430ke-bucket/*"),
        lines: [
            ...inFile(
                "7:13",
                "Statement[0].Resource[0]",
                '"arn:aws:s3:::f\u0430ke-bucket/*" has "\u0430" (U+0430): the ARN is not what it looks like',
                LOOKALIKE_HINT,
            ),
            failed(1),
        ],
    },
    {
        name: "a zero-width space in an ARN",
        file: withResource("arn:aws:s3:::fake-bucket\u200b/*"),
        lines: [
            ...inFile(
                "7:13",
                "Statement[0].Resource[0]",
                '"arn:aws:s3:::fake-bucket\u200b/*" has the invisible character U+200B: the ARN is not what it looks like',
                LOOKALIKE_HINT,
            ),
            failed(1),
        ],
    },
    {
        name: "a full-width letter in an ARN",
        file: withResource("arn:aws:s3:::fake-bucket/\uff52eports/*"),
        lines: [
            ...inFile(
                "7:13",
                "Statement[0].Resource[0]",
                '"arn:aws:s3:::fake-bucket/\uff52eports/*" has "\uff52" (U+FF52): the ARN is not what it looks like',
                LOOKALIKE_HINT,
            ),
            failed(1),
        ],
    },
    {
        name: "a latin-1 file: the é is one byte that UTF-8 cannot read",
        file: Buffer.from(doc({ ...ALLOW, Sid: "Caf\u00e9" }), "latin1"),
        lines: [
            ...inFile(
                "8:24",
                "(file)",
                "the file is not UTF-8: a byte here is not valid UTF-8 (it reads as U+FFFD)",
                "save the file as UTF-8; latin-1 and Windows-1252 write letters like é as one byte that UTF-8 cannot read",
            ),
            failed(1),
        ],
    },
    {
        name: "100,000 nested brackets",
        file: "[".repeat(100_000) + "]".repeat(100_000),
        lines: [
            ...inFile(
                "1:33",
                "(file)",
                `nesting deeper than ${MAX_POLICY_DEPTH} levels`,
                "a policy document needs 6 at most",
            ),
            failed(1),
        ],
    },
    {
        name: "nesting one level too deep inside a condition",
        file: doc({ ...ALLOW, Condition: { StringEquals: { "aws:x": JSON.parse("[".repeat(28) + "]".repeat(28)) } } }),
        lines: [
            ...inFile(
                "37:129",
                "(file)",
                `nesting deeper than ${MAX_POLICY_DEPTH} levels`,
                "a policy document needs 6 at most",
            ),
            failed(1),
        ],
    },
    {
        name: "an action with ten wildcards is checked in linear time",
        file: doc({ ...ALLOW, Action: "s3:*?*?*?*?*?*?*?*?*?*?Z" }),
        lines: [
            ...inFile(
                "6:13",
                "Statement[0].Action[0]",
                '"s3:*?*?*?*?*?*?*?*?*?*?Z" matches no action',
                "if AWS added it after the catalog was built, list it under iam-users:allowUnknown.actions",
            ),
            ...IAM_2,
            "FAILED: 1 user, 0 groups, 1 error, 1 warning",
        ],
    },
];

const OK = "OK: 1 user, 0 groups, 0 errors, 1 warning";

/** Good files as editors write them. */
const GOOD: [string, string | Buffer][] = [
    ["with a UTF-8 byte-order mark", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(doc(ALLOW))])],
    ["with CRLF line endings", doc(ALLOW).replace(/\n/g, "\r\n")],
    [
        "with both, and non-ASCII text where IAM allows it",
        "\uFEFF" + doc({ ...ALLOW, Resource: "arn:aws:s3:::fake-bucket/café/отчёты/*" }).replace(/\n/g, "\r\n"),
    ],
];

describe("check: hostile policy files", () => {
    let dir: string;
    before(() => {
        dir = tempDir("hostile-policies");
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: iam-users\n");
        fs.writeFileSync(path.join(dir, "Pulumi.t.yaml"), STACK);
        fs.mkdirSync(path.join(dir, "policies"));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    /** Writes the policy file and runs check on the stack; a hint is a line of its own. */
    async function check(file: string | Buffer): Promise<{ code: number; lines: string[]; ms: number }> {
        fs.writeFileSync(path.join(dir, FILE), file);
        const started = Date.now();
        const { code, stdout } = await runCli(main, ["--config", path.join(dir, "Pulumi.t.yaml")], dir);
        return { code, lines: stdout.split("\n").slice(0, -1), ms: Date.now() - started };
    }

    for (const row of ROWS) {
        it(`rejects ${row.name}`, async () => {
            const { code, lines, ms } = await check(row.file);
            assert.deepStrictEqual(lines, row.lines);
            assert.strictEqual(code, 1);
            assert.ok(ms < 5000, `took ${ms} ms`);
        });
    }

    for (const [name, file] of GOOD) {
        it(`accepts a file ${name}`, async () => {
            const { code, lines } = await check(file);
            assert.deepStrictEqual(lines, [...IAM_2, OK]);
            assert.strictEqual(code, 0);
        });
    }

    it("rejects an ARN of another partition than the stack's aws:region", async () => {
        const stack = path.join(dir, "Pulumi.cn.yaml");
        fs.writeFileSync(stack, STACK.replace("config:\n", "config:\n  aws:region: us-east-1\n"));
        fs.writeFileSync(path.join(dir, FILE), doc({ ...ALLOW, Resource: "arn:aws-cn:s3:::fake-bucket/*" }));
        const { code, stdout } = await runCli(main, ["--config", stack], dir);
        assert.strictEqual(code, 1);
        assert.deepStrictEqual(stdout.split("\n").slice(0, -1), [
            ...inFile(
                "7:13",
                "Statement[0].Resource[0]",
                '"arn:aws-cn:s3:::fake-bucket/*" is in partition "aws-cn", but the stack deploys to partition "aws"',
                'IAM in "aws" matches no resource of another partition; write arn:aws:...',
            ),
            failed(1),
        ]);
    });
});
