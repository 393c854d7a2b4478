/**
 * The policy-document checks (stacks/config/policy-document.ts) on the text of one file: what a
 * reader sees must be what IAM applies. Each row is a text and the exact problems, with key path,
 * message, hint and position; the ordinary shape rules are covered through validation in
 * validate.test.ts.
 */
import * as assert from "assert";
import { mfaPolicyDocument } from "../components/mfa-policy";
import { PARTITIONS } from "../rules/arn";
import { MAX_POLICY_DEPTH, checkPolicyDocument, normalizeDocument } from "../stacks/config/policy-document";
import type { Problem } from "../stacks/config/problems";

const FILE = "policies/p.json";
const ALLOW = { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::fake-bucket/*" };
const doc = (version: string | undefined, ...statements: unknown[]): string =>
    JSON.stringify({ ...(version ? { Version: version } : {}), Statement: statements }, null, 4);

const DUPLICATE_HINT = "keep one of them";
const ARN_HINT = "for example arn:aws:s3:::fake-bucket/* or arn:aws:dynamodb:us-east-1:123456789012:table/Fake";
const FORM = "arn:partition:service:region:account-id:resource";
const LOOKALIKE_HINT = "retype the ARN; a lookalike character names another resource, or none";
const VARIABLE_HINT = 'set "Version": "2012-10-17"';
const UTF8_HINT =
    "save the file as UTF-8; latin-1 and Windows-1252 write letters like é as one byte that UTF-8 cannot read";
const literal = (variable: string, version: string): string =>
    `"${variable}" is literal text ${version}: IAM substitutes policy variables only under Version "2012-10-17"`;

/** A problem in `policies/p.json` as the check returns it. */
const at = (keyPath: string, line: number, column: number, message: string, hint?: string): Problem => ({
    file: FILE,
    keyPath,
    message,
    hint,
    line,
    column,
});

interface Row {
    readonly name: string;
    readonly text: string;
    readonly partition?: string;
    readonly problems: readonly Problem[];
}

const ROWS: Row[] = [
    {
        name: "a duplicate Effect: the reader sees Deny, IAM applies Allow",
        text: [
            "{",
            '    "Version": "2012-10-17",',
            '    "Statement": [{',
            '        "Effect": "Deny",',
            '        "Action": "s3:GetObject",',
            '        "Effect": "Allow",',
            '        "Resource": "*"',
            "    }]",
            "}",
        ].join("\n"),
        problems: [
            at(
                "Statement[0].Effect",
                6,
                9,
                'duplicate key "Effect" at lines 4 and 6; JSON keeps the last one, so a reader sees "Deny" where IAM applies "Allow"',
                DUPLICATE_HINT,
            ),
        ],
    },
    {
        name: "duplicates at the top level, on one line: columns tell them apart",
        text: '{"Version": "2008-10-17", "Statement": [], "Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}',
        problems: [
            at(
                "Version",
                1,
                44,
                'duplicate key "Version" at line:column 1:2 and 1:44; JSON keeps the last one, so a reader sees "2008-10-17" where IAM applies "2012-10-17"',
                DUPLICATE_HINT,
            ),
            at(
                "Statement",
                1,
                69,
                'duplicate key "Statement" at line:column 1:27 and 1:69; JSON keeps the last one, so the one at line:column 1:27 is ignored',
                DUPLICATE_HINT,
            ),
        ],
    },
    {
        name: "duplicates in a Condition block, three times, and the same value twice",
        text: [
            "{",
            '    "Version": "2012-10-17",',
            '    "Statement": [{',
            '        "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",',
            '        "Condition": {',
            '            "StringEquals": {',
            '                "aws:username": "fake-alice",',
            '                "aws:username": "fake-alice",',
            '                "aws:username": "fake-bob"',
            "            },",
            '            "Bool": {',
            '                "aws:SecureTransport": "true",',
            '                "aws:SecureTransport": "true"',
            "            }",
            "        }",
            "    }]",
            "}",
        ].join("\n"),
        problems: [
            at(
                "Statement[0].Condition.StringEquals.aws:username",
                8,
                17,
                'duplicate key "aws:username" at lines 7, 8 and 9; JSON keeps the last one, so a reader sees "fake-alice" where IAM applies "fake-bob"',
                DUPLICATE_HINT,
            ),
            at(
                "Statement[0].Condition.Bool.aws:SecureTransport",
                13,
                17,
                'duplicate key "aws:SecureTransport" at lines 12 and 13; JSON keeps the last one',
                DUPLICATE_HINT,
            ),
        ],
    },
    {
        name: "a duplicate whose value is an object: the ignored ones are named",
        text:
            '{\n"Version": "2012-10-17",\n"Statement": [],\n"Statement": [],\n"Statement": [' +
            JSON.stringify(ALLOW) +
            "]\n}",
        problems: [
            at(
                "Statement",
                4,
                1,
                'duplicate key "Statement" at lines 3, 4 and 5; JSON keeps the last one, so the ones at lines 3 and 4 are ignored',
                DUPLICATE_HINT,
            ),
        ],
    },
    {
        name: "a key written many times is one line: the first two and a count",
        text: `{\n"Version": "2012-10-17",\n"Statement": {\n${'"Effect": "Deny",\n'.repeat(5)}"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}\n}`,
        problems: [
            at(
                "Statement.Effect",
                5,
                1,
                'duplicate key "Effect" at lines 4, 5 and 4 more; JSON keeps the last one, so a reader sees "Deny" where IAM applies "Allow"',
                DUPLICATE_HINT,
            ),
        ],
    },
    {
        name: "escapes spell the same key: JSON reads \\u0045ffect as Effect",
        text: '{\n"Version": "2012-10-17",\n"Statement": {"Effect": "Deny",\n"\\u0045ffect": "Allow", "Action": "s3:GetObject", "Resource": "*"}\n}',
        problems: [
            at(
                "Statement.Effect",
                4,
                1,
                'duplicate key "Effect" at lines 3 and 4; JSON keeps the last one, so a reader sees "Deny" where IAM applies "Allow"',
                DUPLICATE_HINT,
            ),
        ],
    },
    {
        name: "policy variables under 2008-10-17 are literal text, in Resource and in condition values",
        text: doc("2008-10-17", {
            ...ALLOW,
            Resource: ["arn:aws:s3:::fake-bucket/home/${aws:username}/*"],
            Condition: { StringLike: { "s3:prefix": ["home/", "home/${aws:userid}/*"] } },
        }),
        problems: [
            at(
                "Statement[0].Resource[0]",
                8,
                17,
                literal("${aws:username}", 'under Version "2008-10-17"'),
                VARIABLE_HINT,
            ),
            at(
                "Statement[0].Condition.StringLike.s3:prefix[1]",
                14,
                25,
                literal("${aws:userid}", 'under Version "2008-10-17"'),
                VARIABLE_HINT,
            ),
        ],
    },
    {
        name: "policy variables without a Version are literal text too",
        text: doc(undefined, { ...ALLOW, Resource: "arn:aws:s3:::fake-bucket/${aws:username}" }),
        problems: [
            // A missing key has no place in the text.
            {
                file: FILE,
                keyPath: "Version",
                message: 'missing; use "2012-10-17"',
                hint: "without it IAM ignores policy variables like ${aws:username}",
            },
            at("Statement[0].Resource[0]", 6, 13, literal("${aws:username}", "without a Version"), VARIABLE_HINT),
        ],
    },
    {
        name: "Resource ARNs: six parts, a service, a resource, a 12-digit account",
        text: doc("2012-10-17", {
            ...ALLOW,
            Resource: ["arn:aws:s3", "arn:aws::::fake", "arn:aws:s3:::", "arn:aws:iam::1234:user/fake"],
        }),
        problems: [
            at(
                "Statement[0].Resource[0]",
                8,
                17,
                `"arn:aws:s3" is not a well-formed ARN: it has 3 of the 6 parts ${FORM}`,
                ARN_HINT,
            ),
            at(
                "Statement[0].Resource[1]",
                9,
                17,
                `"arn:aws::::fake" is not a well-formed ARN: the service is empty (${FORM})`,
                ARN_HINT,
            ),
            at(
                "Statement[0].Resource[2]",
                10,
                17,
                `"arn:aws:s3:::" is not a well-formed ARN: the resource is empty (${FORM})`,
                ARN_HINT,
            ),
            at(
                "Statement[0].Resource[3]",
                11,
                17,
                '"arn:aws:iam::1234:user/fake" is not a well-formed ARN: the account "1234" is not 12 digits',
                ARN_HINT,
            ),
        ],
    },
    {
        name: "ARNs with wildcards and variables in any part are well-formed",
        text: doc("2012-10-17", {
            ...ALLOW,
            NotResource: [
                "arn:*:s3:::fake-bucket",
                "arn:aws:iam::${aws:PrincipalAccount}:user/${aws:username}",
                "arn:aws:lambda:us-east-1:123456789012:function:fake:live",
                "arn:aws:iam::aws:policy/ReadOnlyAccess",
                "arn:aws:s3:::fake-bucket/отчёты/*",
                "arn:aws:s3:::fake-bucket/café/*",
            ],
            Resource: undefined,
        }),
        partition: "aws",
        problems: [],
    },
    {
        name: "an unknown partition, and one that is not the stack's",
        text: doc("2012-10-17", {
            ...ALLOW,
            Resource: ["arn:aws-xx:s3:::fake", "arn:aws-cn:s3:::fake", "arn:aws-us-*:s3:::fake", "arn:aws:s3:::fake"],
        }),
        partition: "aws",
        problems: [
            at(
                "Statement[0].Resource[0]",
                8,
                17,
                '"arn:aws-xx:s3:::fake" is in the unknown partition "aws-xx" (did you mean "aws-cn"?)',
                `the partitions are ${PARTITIONS.join(", ")}`,
            ),
            at(
                "Statement[0].Resource[1]",
                9,
                17,
                '"arn:aws-cn:s3:::fake" is in partition "aws-cn", but the stack deploys to partition "aws"',
                'IAM in "aws" matches no resource of another partition; write arn:aws:...',
            ),
            at(
                "Statement[0].Resource[2]",
                10,
                17,
                '"arn:aws-us-*:s3:::fake" is in partition "aws-us-*", but the stack deploys to partition "aws"',
                'IAM in "aws" matches no resource of another partition; write arn:aws:...',
            ),
        ],
    },
    {
        name: "without the stack's partition, any known partition is accepted",
        text: doc("2012-10-17", { ...ALLOW, Resource: ["arn:aws-cn:s3:::fake", "arn:aws-eusc:s3:::fake"] }),
        problems: [],
    },
    {
        name: "lookalike letters in actions and ARNs are named by code point",
        text: doc("2012-10-17", {
            ...ALLOW,
            Action: ["s3:GetObj\u0435ct", "S3:GetObject"],
            Resource: [
                "arn:aws:s3:::fake-bu\u0441ket/*",
                "arn:\u0430ws:s3:::fake",
                "arn:aws:s3:::fake-bucket/\u200bx",
                "arn:aws:s3:::fake-bucket/\uff41",
            ],
        }),
        problems: [
            at(
                "Statement[0].Action[0]",
                7,
                17,
                '"s3:GetObj\u0435ct" is not an action: "\u0435" (U+0435) is not ASCII',
                "retype the name; a letter that looks Latin but is not names no action",
            ),
            at(
                "Statement[0].Resource[0]",
                11,
                17,
                '"arn:aws:s3:::fake-bu\u0441ket/*" has "\u0441" (U+0441): the ARN is not what it looks like',
                LOOKALIKE_HINT,
            ),
            at(
                "Statement[0].Resource[1]",
                12,
                17,
                '"arn:\u0430ws:s3:::fake" has "\u0430" (U+0430): the ARN is not what it looks like',
                LOOKALIKE_HINT,
            ),
            at(
                "Statement[0].Resource[2]",
                13,
                17,
                '"arn:aws:s3:::fake-bucket/\u200bx" has the invisible character U+200B: the ARN is not what it looks like',
                LOOKALIKE_HINT,
            ),
            at(
                "Statement[0].Resource[3]",
                14,
                17,
                '"arn:aws:s3:::fake-bucket/\uff41" has "\uff41" (U+FF41): the ARN is not what it looks like',
                LOOKALIKE_HINT,
            ),
        ],
    },
    {
        name: "a replacement character: the file was not UTF-8, and nothing else is checked",
        text: '{\n    "Version": "2012-10-17",\n    "Statement": {"Sid": "Caf\uFFFD", "Effect": "Permit"}\n}',
        problems: [
            at(
                "(file)",
                3,
                30,
                "the file is not UTF-8: a byte here is not valid UTF-8 (it reads as U+FFFD)",
                UTF8_HINT,
            ),
        ],
    },
    {
        name: "100,000 nested brackets end in a message naming the depth and the place",
        text: "[".repeat(100_000) + "]".repeat(100_000),
        problems: [
            at(
                "(file)",
                1,
                MAX_POLICY_DEPTH + 1,
                `nesting deeper than ${MAX_POLICY_DEPTH} levels`,
                "a policy document needs 6 at most",
            ),
        ],
    },
    {
        name: `nesting of ${MAX_POLICY_DEPTH} levels is read as JSON`,
        text: "[".repeat(MAX_POLICY_DEPTH) + "]".repeat(MAX_POLICY_DEPTH),
        problems: [{ file: FILE, keyPath: "(document)", message: "a policy document must be a JSON object" }],
    },
    {
        name: "brackets inside strings are not nesting",
        text: doc("2012-10-17", {
            ...ALLOW,
            Sid: undefined,
            Condition: { StringLike: { "s3:prefix": "[".repeat(100) } },
        }),
        problems: [],
    },
    {
        name: "a syntax error keeps its line and column, after a byte-order mark",
        text: '\uFEFF{\n    "Version": "2012-10-17",\n    "Statement": [\n        { "Effect": Allow }\n    ]\n}\n',
        problems: [at("(file)", 4, 21, "not valid JSON: Unexpected character")],
    },
    {
        name: "ordinary problems carry the line and column of their element, CRLF or not",
        text: '{\r\n  "Version": "2012-10-17",\r\n  "Statement": {"Effect": "Permit", "Action": "s3:GetObject", "Resource": "*"}\r\n}\r\n',
        problems: [at("Statement.Effect", 3, 17, 'must be "Allow" or "Deny", not "Permit"')],
    },
];

describe("policy documents: what a reader sees is what IAM applies", () => {
    for (const row of ROWS) {
        it(row.name, () => {
            const { document, problems } = checkPolicyDocument(FILE, row.text, { partition: row.partition });
            assert.deepStrictEqual(
                problems.map((p) => JSON.parse(JSON.stringify(p))),
                row.problems.map((p) => JSON.parse(JSON.stringify(p))),
            );
            assert.strictEqual(document !== undefined, row.problems.length === 0);
        });
    }

    it("accepts a UTF-8 byte-order mark and CRLF line endings", () => {
        const text = "\uFEFF" + doc("2012-10-17", ALLOW).replace(/\n/g, "\r\n");
        const { document, problems } = checkPolicyDocument(FILE, text);
        assert.deepStrictEqual(problems, []);
        assert.deepStrictEqual(document, {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::fake-bucket/*"] }],
        });
    });

    it("accepts the MFA policy in every partition, checked against that partition", () => {
        for (const partition of PARTITIONS) {
            assert.deepStrictEqual(checkPolicyDocument(FILE, mfaPolicyDocument(partition), { partition }).problems, []);
        }
    });
});

describe("policy documents: the one normaliser", () => {
    it("makes every Action, Resource and condition value a list of strings, and keeps absent elements absent", () => {
        assert.deepStrictEqual(
            normalizeDocument({
                Version: "2012-10-17",
                Id: "FakeId",
                Statement: {
                    Sid: "Fake",
                    Effect: "Deny",
                    NotAction: "s3:*",
                    NotResource: ["arn:aws:s3:::fake"],
                    Condition: { NumericLessThan: { "aws:MultiFactorAuthAge": 3600 }, Bool: { "aws:x": [true] } },
                },
            }),
            {
                Version: "2012-10-17",
                Id: "FakeId",
                Statement: [
                    {
                        Sid: "Fake",
                        Effect: "Deny",
                        NotAction: ["s3:*"],
                        NotResource: ["arn:aws:s3:::fake"],
                        Condition: {
                            NumericLessThan: { "aws:MultiFactorAuthAge": ["3600"] },
                            Bool: { "aws:x": ["true"] },
                        },
                    },
                ],
            },
        );
    });

    it("defaults the Version of a managed policy to 2012-10-17", () => {
        assert.strictEqual(normalizeDocument({ Statement: [ALLOW] }).Version, "2012-10-17");
    });

    it("keeps a condition operator or key named __proto__ as data", () => {
        const raw = JSON.parse(
            '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject",' +
                '"Resource":"*","Condition":{"__proto__":{"__proto__":"x"}}}]}',
        );
        const condition = normalizeDocument(raw).Statement[0].Condition!;
        assert.deepStrictEqual(Object.keys(condition), ["__proto__"]);
        assert.deepStrictEqual(Object.getPrototypeOf(condition), Object.prototype);
        assert.deepStrictEqual(Object.keys(condition["__proto__"]), ["__proto__"]);
    });

    it("is what checkPolicyDocument returns for a valid file", () => {
        const text = doc("2012-10-17", { ...ALLOW, Condition: { Bool: { "aws:SecureTransport": true } } });
        assert.deepStrictEqual(checkPolicyDocument(FILE, text).document, normalizeDocument(JSON.parse(text)));
    });
});
