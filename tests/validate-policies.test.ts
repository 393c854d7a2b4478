/** Policy files named by users and groups (stacks/config/validate/policies.ts), and the documents in them. */
import {
    line,
    inFile,
    ACTION_HINT,
    ALLOW,
    policy,
    sizedPolicy,
    bob,
    bobWithPolicy,
    type Row,
    validationTable,
} from "./support/validate-table";

const POLICY_FILE_ROWS: Row[] = [
    {
        name: "a missing policy file, with the closest file next to it",
        values: bob({ policyFiles: ["policies/s3-reed.json", "nowhere/fake.json"] }),
        problems: [
            line(
                "users.bob.policyFiles[0]",
                'policy file "policies/s3-reed.json" does not exist (did you mean "policies/s3-read.json"?)',
            ),
            line(
                "users.bob.policyFiles[1]",
                'policy file "nowhere/fake.json" does not exist in <project> (paths are relative to the folder holding Pulumi.yaml)',
            ),
        ],
    },
    {
        name: "a policy file outside the project folder",
        values: bob({ policyFiles: ["../fake.json", "/etc/fake-policy.json"] }),
        problems: [
            line(
                "users.bob.policyFiles[0]",
                'policy file "../fake.json" is outside the project folder',
                "keep policies in policies/",
            ),
            line(
                "users.bob.policyFiles[1]",
                'policy file "/etc/fake-policy.json" is outside the project folder',
                "keep policies in policies/",
            ),
        ],
    },
    {
        name: "a policy file that is not JSON, with line and column",
        files: {
            "policies/not-json.json":
                '{\n    "Version": "2012-10-17",\n    "Statement": [\n        { "Effect": "Allow", }\n    ]\n}\n',
        },
        values: bobWithPolicy("policies/not-json.json"),
        problems: [
            inFile("policies/not-json.json:4:30", "(file)", "not valid JSON: Expected double-quoted property name"),
        ],
    },
    {
        name: "a policy file with an unquoted value, with line and column",
        files: {
            "policies/bare-word.json":
                '{\n    "Version": "2012-10-17",\n    "Statement": [\n        { "Effect": Allow }\n    ]\n}\n',
        },
        values: bobWithPolicy("policies/bare-word.json"),
        problems: [inFile("policies/bare-word.json:4:21", "(file)", "not valid JSON: Unexpected character")],
    },
    {
        name: "an empty policy file",
        files: { "policies/empty.json": "" },
        values: bobWithPolicy("policies/empty.json"),
        problems: [inFile("policies/empty.json", "end of file", "not valid JSON: Unexpected end of JSON input")],
    },
    {
        name: "a policy file's problems are reported once, however many entries name it",
        values: {
            groups: { Ops: { policyFiles: ["policies/empty.json"] } },
            users: {
                bob: { policyFiles: ["policies/empty.json"] },
                cy: { inlinePolicyFiles: ["policies/empty.json"] },
            },
        },
        problems: [inFile("policies/empty.json", "end of file", "not valid JSON: Unexpected end of JSON input")],
    },
    {
        name: "the same file twice, in both lists, or under another spelling",
        values: bob({
            policyFiles: [
                "policies/s3-read.json",
                "policies/ec2-read.json",
                "policies/s3-read.json",
                "./policies/ec2-read.json",
            ],
            inlinePolicyFiles: ["policies/ec2-read.json"],
        }),
        problems: [
            line(
                "users.bob.policyFiles[2]",
                'duplicate policy "policies/s3-read.json", also at iam-users:users.bob.policyFiles[0]',
            ),
            line(
                "users.bob.policyFiles[3]",
                'duplicate policy "./policies/ec2-read.json", also at iam-users:users.bob.policyFiles[1]',
            ),
            line(
                "users.bob.inlinePolicyFiles[0]",
                'duplicate policy "policies/ec2-read.json", also at iam-users:users.bob.policyFiles[1]',
            ),
        ],
    },
    {
        name: "two files with the same name would create the same policy",
        values: bob({ policyFiles: ["policies/s3-read.json", "policies/sub/s3-read.json"] }),
        problems: [
            line(
                "users.bob.policyFiles[1]",
                '"policies/sub/s3-read.json" and "policies/s3-read.json" would both create the policy "s3-read"',
                "rename one of the files",
            ),
        ],
    },
    {
        name: "a policy at most 6,144 characters without white space",
        files: {
            "policies/size-6144.json": JSON.stringify(JSON.parse(sizedPolicy(6144)), null, 8),
            "policies/size-6145.json": sizedPolicy(6145),
        },
        values: bob({ policyFiles: ["policies/size-6144.json", "policies/size-6145.json"] }),
        problems: [
            inFile(
                "policies/size-6145.json",
                "(document)",
                "6145 characters without white space; IAM allows 6144 per policy",
                "split it into two policy files",
            ),
        ],
    },
    {
        name: "one user's inline policies at most 2,048 characters in total",
        files: {
            "policies/inline-1024a.json": sizedPolicy(1024),
            "policies/inline-1024b.json": sizedPolicy(1024),
            "policies/inline-1025.json": sizedPolicy(1025),
        },
        values: {
            users: {
                fine: { inlinePolicyFiles: ["policies/inline-1024a.json", "policies/inline-1024b.json"] },
                bob: { inlinePolicyFiles: ["policies/inline-1024a.json", "policies/inline-1025.json"] },
            },
        },
        problems: [
            line(
                "users.bob.inlinePolicyFiles",
                "the inline policies total 2049 characters without white space; IAM allows 2048 per user",
                "move them to policyFiles (managed policies allow 6,144 characters each)",
            ),
        ],
    },
];

/**
 * Rows for the identity-policy checks: each writes `policies/<file>.json`, names it from one user,
 * and expects problems inside that file as [line:column or "", key path, message, hint].
 */
const documentRow = (
    name: string,
    file: string,
    text: string,
    problems: readonly [string, string, string, string?][],
): Row => ({
    name,
    files: { [`policies/${file}.json`]: text },
    values: bobWithPolicy(`policies/${file}.json`),
    problems: problems.map(([position, keyPath, message, hint]) =>
        inFile(`policies/${file}.json${position ? `:${position}` : ""}`, keyPath, message, hint),
    ),
});

const DOCUMENT_ROWS: Row[] = [
    documentRow("not an object", "doc-list", "[]", [["", "(document)", "a policy document must be a JSON object"]]),
    documentRow("Version missing", "no-version", JSON.stringify({ Statement: [ALLOW] }), [
        ["", "Version", 'missing; use "2012-10-17"', "without it IAM ignores policy variables like ${aws:username}"],
    ]),
    documentRow("Version wrong", "bad-version", JSON.stringify({ Version: "2012-10-18", Statement: ALLOW }), [
        ["1:2", "Version", 'must be "2012-10-17" (or the legacy "2008-10-17"), not "2012-10-18"'],
    ]),
    documentRow(
        "Statement missing, under a misspelt key",
        "no-statement",
        JSON.stringify({ Version: "2012-10-17", Statements: [ALLOW] }),
        [
            [
                "1:25",
                "Statements",
                'unknown top-level key "Statements"',
                "a policy document has Version, Id and Statement",
            ],
            ["", "Statement", "must be a statement object or a non-empty list of them"],
        ],
    ),
    documentRow("Statement empty", "empty-statement", policy(), [
        ["3:5", "Statement", "must be a statement object or a non-empty list of them"],
    ]),
    documentRow("a statement that is not an object", "string-statement", policy("s3:GetObject"), [
        ["4:9", "Statement[0]", "a statement must be a JSON object"],
    ]),
    documentRow(
        "Effect",
        "bad-effect",
        policy({ ...ALLOW, Effect: "allow" }, { Action: "s3:GetObject", Resource: "*" }),
        [
            ["5:13", "Statement[0].Effect", 'must be "Allow" or "Deny", not "allow"'],
            ["9:9", "Statement[1].Effect", 'missing; use "Allow" or "Deny"'],
        ],
    ),
    documentRow(
        "exactly one of Action and NotAction, and of Resource and NotResource",
        "one-of",
        policy(
            { ...ALLOW, NotAction: "s3:PutObject", NotResource: "*" },
            { Effect: "Allow" },
            { ...ALLOW, Action: [], Resource: [42] },
        ),
        [
            ["4:9", "Statement[0]", "needs exactly one of Action and NotAction"],
            ["4:9", "Statement[0]", "needs exactly one of Resource and NotResource"],
            ["11:9", "Statement[1]", "needs exactly one of Action and NotAction"],
            ["11:9", "Statement[1]", "needs exactly one of Resource and NotResource"],
            ["16:13", "Statement[2].Action", "must be a string or a non-empty list of strings"],
            ["17:13", "Statement[2].Resource", "must be a string or a non-empty list of strings"],
        ],
    ),
    documentRow(
        "no Principal, and no unknown statement keys",
        "principal",
        policy(
            { ...ALLOW, Principal: "*" },
            { ...ALLOW, NotPrincipal: { AWS: "*" } },
            { ...ALLOW, Actions: "s3:PutObject" },
        ),
        [
            [
                "8:13",
                "Statement[0].Principal",
                "an identity policy cannot name a Principal",
                "the user it is attached to is the principal; Principal belongs in resource and trust policies",
            ],
            [
                "14:13",
                "Statement[1].NotPrincipal",
                "an identity policy cannot name a NotPrincipal",
                "the user it is attached to is the principal; Principal belongs in resource and trust policies",
            ],
            [
                "22:13",
                "Statement[2].Actions",
                'unknown statement key "Actions"',
                "a statement has Sid, Effect, Action, NotAction, Resource, NotResource, Condition",
            ],
        ],
    ),
    documentRow(
        "actions are service:Action; resources are * or an ARN",
        "action-form",
        policy(
            { ...ALLOW, Action: ["*", "s3:Get*", "s3:?etObject", "s3GetObject", "s3:Get Object"] },
            {
                ...ALLOW,
                NotAction: "iam:*",
                Action: undefined,
                Resource: ["*", "fake-bucket"],
            },
        ),
        [
            ["10:17", "Statement[0].Action[3]", '"s3GetObject" is not an action', ACTION_HINT],
            ["11:17", "Statement[0].Action[4]", '"s3:Get Object" is not an action', ACTION_HINT],
            ["19:17", "Statement[1].Resource[1]", '"fake-bucket" is not "*" or an ARN'],
        ],
    ),
    documentRow(
        "condition operators",
        "conditions",
        policy(
            {
                ...ALLOW,
                Condition: {
                    StringEquals: { "aws:username": "fake-user" },
                    "ForAnyValue:StringLikeIfExists": { "aws:TagKeys": ["team-*"] },
                    Null: { "aws:MultiFactorAuthAge": false },
                    NumericLessThan: { "aws:MultiFactorAuthAge": 3600 },
                },
            },
            {
                ...ALLOW,
                Condition: {
                    StringEqual: { "aws:username": "fake-user" },
                    NullIfExists: { "aws:TokenIssueTime": true },
                },
            },
            { ...ALLOW, Condition: { Bool: "true" } },
            { ...ALLOW, Condition: { Bool: { "aws:SecureTransport": { nested: true } } } },
            { ...ALLOW, Condition: ["Bool"] },
        ),
        [
            [
                "30:17",
                "Statement[1].Condition.StringEqual",
                'unknown condition operator "StringEqual"',
                "see 'IAM JSON policy elements: Condition operators'",
            ],
            [
                "33:17",
                "Statement[1].Condition.NullIfExists",
                'unknown condition operator "NullIfExists"',
                "see 'IAM JSON policy elements: Condition operators'",
            ],
            ["43:17", "Statement[2].Condition.Bool", "must be an object of condition key -> value"],
            ["52:21", "Statement[3].Condition.Bool.aws:SecureTransport", "values must be strings, numbers or booleans"],
            ["62:13", "Statement[4].Condition", "must be an object of operator -> { key: value }"],
        ],
    ),
    documentRow(
        "Sid: letters and digits, unique",
        "sids",
        policy(
            { ...ALLOW, Sid: "ReadFakeBucket" },
            { ...ALLOW, Sid: "read-fake-bucket" },
            { ...ALLOW, Sid: "ReadFakeBucket" },
            { ...ALLOW, Sid: 7 },
        ),
        [
            ["14:13", "Statement[1].Sid", "must be letters and digits only"],
            ["20:13", "Statement[2].Sid", 'duplicate Sid "ReadFakeBucket", also at Statement[0]'],
            ["26:13", "Statement[3].Sid", "must be letters and digits only"],
        ],
    ),
    documentRow(
        "a single statement object names its problems without an index",
        "single-statement",
        JSON.stringify({ Version: "2008-10-17", Id: "FakeId", Statement: { ...ALLOW, Effect: "Permit" } }),
        [["1:52", "Statement.Effect", 'must be "Allow" or "Deny", not "Permit"']],
    ),
];

describe("stack validation", () => {
    validationTable("policy files", POLICY_FILE_ROWS);
    validationTable("policy documents", DOCUMENT_ROWS);
});
