/**
 * Every rule of the stack validation (stacks/config), as tables: a minimal bad config, and the
 * exact list of problems it must produce, formatted as `check` prints them.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { formatProblem, namespaceValues, validateStack, type StackModel } from "../stacks/config";
import { tempDir } from "./support/cli";

const FILE = "Pulumi.test.yaml";

/** The line `check` prints for a problem in the stack config: `iam-users:` is added to `keyPath`. */
const line = (keyPath: string, message: string, hint?: string): string =>
    `${FILE}: iam-users:${keyPath}: ${message}${hint === undefined ? "" : `\n  hint: ${hint}`}`;
/** The line `check` prints for a problem inside a policy file. */
const inFile = (file: string, keyPath: string, message: string, hint?: string): string =>
    `${file}: ${keyPath}: ${message}${hint === undefined ? "" : `\n  hint: ${hint}`}`;

const TOP_KEYS =
    "allowed keys: namePrefix, passwordPolicy, groups, users, pgpKey, expectations, allowWarnings, allowUnknown";
const USER_KEYS =
    "allowed keys: userName, path, tags, groups, managedPolicies, policyFiles, inlinePolicyFiles, " +
    "permissionsBoundary, console, accessKeys, protect, forceDestroy, allowWarnings, waive";
const GROUP_KEYS =
    "allowed keys: groupName, path, managedPolicies, policyFiles, requireMfa, external, allowWarnings, waive";
const NAME_CHARS = "of letters, digits and +=,.@_-";
const PATH_FORM = 'must be "/" or a path like "/engineering/": printable ASCII, 512 characters at most';
const TAG_CHARS = "of letters, digits, spaces and _.:/=+-@";
const EXTERNAL = "an external group is not managed by this stack, so it cannot set this";
const EXTERNAL_HINT = "remove it, or remove external: true to manage the group here";
const UNDEFINED_GROUP_HINT = "define it under iam-users:groups (with external: true if it exists already)";
const MANAGED_FORM =
    "must be an AWS-managed policy name (ReadOnlyAccess, service-role/AWSLambdaBasicExecutionRole) or a policy ARN";
const ACTION_HINT = 'write actions as "service:Action", for example "s3:GetObject" or "s3:Get*"';
const POLICY_NAME_HINT = "IAM policy names are unique in the account, ignoring case; rename one of the files";
const ROTATION_SLOTS =
    "rotating this key creates its replacement before deleting it, which needs a third key; IAM allows 2";
const ROTATION_HINT =
    "keep one slot while rotating, or set rotationMode: delete-first to accept a moment without the old key";

/** A valid statement; rows spread it and change one thing. */
const ALLOW = { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::fake-bucket/*" };
const policy = (...statements: unknown[]): string =>
    JSON.stringify({ Version: "2012-10-17", Statement: statements }, null, 4);

/** A valid policy document of exactly `size` characters once white space is removed. */
function sizedPolicy(size: number): string {
    const head =
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::';
    const tail = '"}]}';
    return head + "x".repeat(size - head.length - tail.length) + tail;
}

/** Stack values with one user `bob` configured as given. */
const bob = (config: Record<string, unknown>) => ({ users: { bob: config } });
/** Stack values with one user `bob` naming one policy file. */
const bobWithPolicy = (file: string) => bob({ policyFiles: [file] });
/** `count` distinct, well-formed managed policy names. */
const managed = (count: number): string[] =>
    Array.from({ length: count }, (_, i) => `FakePolicy${String(i + 1).padStart(2, "0")}`);
/** `count` tags `t01: v` ... */
const tags = (count: number): Record<string, string> =>
    Object.fromEntries(Array.from({ length: count }, (_, i) => [`t${String(i + 1).padStart(2, "0")}`, "v"]));
/** Base64 of bytes: a PGP key is only judged by its first packet header. */
const base64 = (...bytes: number[]): string => Buffer.from(bytes).toString("base64");

interface Row {
    readonly name: string;
    /** Files written into the temporary project before the tests, relative to it. */
    readonly files?: Readonly<Record<string, string>>;
    /** `iam-users:` keys without the namespace. */
    readonly values: Record<string, unknown>;
    /** The exact problems, formatted, in order. */
    readonly problems: readonly string[];
}

const VALID_POLICIES: Record<string, string> = {
    "policies/s3-read.json": policy(ALLOW),
    "policies/ec2-read.json": policy({ ...ALLOW, Action: "ec2:Describe*", Resource: "*" }),
    "policies/sub/s3-read.json": policy(ALLOW),
};

const SCHEMA_ROWS: Row[] = [
    {
        name: "unknown top-level key, with the closest allowed one",
        values: { user: {} },
        problems: [line("user", 'unknown key "user" (did you mean "users"?)', TOP_KEYS)],
    },
    {
        name: "unknown user key",
        values: bob({ grups: ["Ops"] }),
        problems: [line("users.bob.grups", 'unknown key "grups" (did you mean "groups"?)', USER_KEYS)],
    },
    {
        name: "unknown user key with nothing close to it",
        values: bob({ colour: "blue" }),
        problems: [line("users.bob.colour", 'unknown key "colour"', USER_KEYS)],
    },
    {
        name: "unknown group key",
        values: { groups: { Ops: { requireMFA: true } } },
        problems: [line("groups.Ops.requireMFA", 'unknown key "requireMFA" (did you mean "requireMfa"?)', GROUP_KEYS)],
    },
    {
        name: "unknown console key",
        values: bob({ console: { passwordResetRequire: false } }),
        problems: [
            line(
                "users.bob.console.passwordResetRequire",
                'unknown key "passwordResetRequire" (did you mean "passwordResetRequired"?)',
                "allowed keys: passwordResetRequired, passwordLength",
            ),
        ],
    },
    {
        name: "unknown access key key",
        values: bob({ accessKeys: { cli: { descripton: "Fake CLI key" } } }),
        problems: [
            line(
                "users.bob.accessKeys.cli.descripton",
                'unknown key "descripton" (did you mean "description"?)',
                "allowed keys: description, status, rotation, rotateAfterDays, rotationMode",
            ),
        ],
    },
    {
        name: "unknown password policy key",
        values: { passwordPolicy: { minimumLenght: 14 } },
        problems: [
            line(
                "passwordPolicy.minimumLenght",
                'unknown key "minimumLenght" (did you mean "minimumLength"?)',
                "allowed keys: minimumLength, requireSymbols, requireNumbers, requireUppercase, requireLowercase, " +
                    "allowUsersToChangePassword, maxAgeDays, reusePrevention, hardExpiry",
            ),
        ],
    },
    {
        name: "wrong types at the top level",
        values: { users: ["bob"], groups: "Ops", namePrefix: 42, passwordPolicy: true },
        problems: [
            line("users", "expected a map, got a list"),
            line("groups", 'expected a map, got the string "Ops"'),
            line("namePrefix", "expected a string, got the number 42"),
            line("passwordPolicy", "expected a map, got true"),
        ],
    },
    {
        name: "wrong types for a user and its fields",
        values: {
            users: {
                al: null,
                cy: "admin",
                bob: {
                    groups: "Ops",
                    tags: { cost: 42 },
                    protect: "yes",
                    console: { passwordLength: 20.5, passwordResetRequired: "no" },
                    accessKeys: { cli: "Fake CLI key" },
                },
            },
        },
        problems: [
            line("users.al", "expected a map, got nothing"),
            line("users.cy", 'expected a map, got the string "admin"'),
            line("users.bob.tags.cost", "expected a string, got the number 42"),
            line("users.bob.groups", 'expected a list, got the string "Ops"'),
            line("users.bob.console.passwordResetRequired", 'expected true or false, got the string "no"'),
            line("users.bob.console.passwordLength", "expected a whole number, got the number 20.5"),
            line("users.bob.accessKeys.cli", 'expected a map, got the string "Fake CLI key"'),
            line("users.bob.protect", 'expected true or false, got the string "yes"'),
        ],
    },
    {
        name: "namePrefix form",
        values: { namePrefix: "dev team-" },
        problems: [line("namePrefix", "must be 0-32 of letters, digits and +=,.@_-")],
    },
];

const NAME_ROWS: Row[] = [
    {
        name: "user name form, from the key and from userName",
        values: { users: { "emily smith": {}, bob: { userName: "bob/ops" } } },
        problems: [
            line("users.emily smith", `user name "emily smith" must be 1-64 ${NAME_CHARS}`),
            line("users.bob", `user name "bob/ops" must be 1-64 ${NAME_CHARS}`),
        ],
    },
    {
        name: "user name length counts the namePrefix: 64 is fine, 65 is not",
        values: { namePrefix: "dev-", users: { ["u".repeat(60)]: {}, ["v".repeat(61)]: {} } },
        problems: [line(`users.${"v".repeat(61)}`, `user name "dev-${"v".repeat(61)}" must be 1-64 ${NAME_CHARS}`)],
    },
    {
        name: "user names are unique ignoring case, from the key and from userName",
        values: { users: { Emily: {}, emily: {}, a: { userName: "Ops" }, b: { userName: "OPS" } } },
        problems: [
            line("users.emily", 'user name "emily" is already used by iam-users:users.Emily (IAM names ignore case)'),
            line("users.b", 'user name "OPS" is already used by iam-users:users.a (IAM names ignore case)'),
        ],
    },
    {
        name: "group names are unique ignoring case, an external group's name included",
        values: {
            namePrefix: "dev-",
            groups: { Admins: {}, admins: {}, Ops: {}, legacy: { external: true, groupName: "dev-ops" } },
        },
        problems: [
            line(
                "groups.admins",
                'group name "dev-admins" is already used by iam-users:groups.Admins (IAM names ignore case)',
            ),
            line(
                "groups.legacy",
                'group name "dev-ops" is already used by iam-users:groups.Ops (IAM names ignore case)',
            ),
        ],
    },
    {
        name: "group name form and length (128 with the prefix)",
        values: { namePrefix: "dev-", groups: { "power users": {}, ["g".repeat(124)]: {}, ["h".repeat(125)]: {} } },
        problems: [
            line("groups.power users", `group name "dev-power users" must be 1-128 ${NAME_CHARS}`),
            line(`groups.${"h".repeat(125)}`, `group name "dev-${"h".repeat(125)}" must be 1-128 ${NAME_CHARS}`),
        ],
    },
    {
        name: "policy names: the file name must be a legal policy name",
        files: { "policies/s3 read.json": policy(ALLOW) },
        values: bob({ policyFiles: ["policies/s3 read.json"], inlinePolicyFiles: ["policies/s3 read.json"] }),
        problems: [
            line(
                "users.bob.policyFiles[0]",
                `the file name "s3 read" names the policy, so it must be 1-128 ${NAME_CHARS}`,
            ),
            line(
                "users.bob.inlinePolicyFiles[0]",
                'duplicate policy "policies/s3 read.json", also at iam-users:users.bob.policyFiles[0]',
            ),
        ],
    },
    {
        name: "policy names: an inline policy is named by its file, 128 characters at most",
        files: { [`policies/${"i".repeat(129)}.json`]: policy(ALLOW) },
        values: bob({ inlinePolicyFiles: [`policies/${"i".repeat(129)}.json`] }),
        problems: [
            line(
                "users.bob.inlinePolicyFiles[0]",
                `the file name "${"i".repeat(129)}" names the policy, so it must be 1-128 ${NAME_CHARS}`,
            ),
        ],
    },
    {
        name: "policy names: <owner>-<file> and <group>-require-mfa fit in 128 characters",
        files: { [`policies/${"p".repeat(64)}.json`]: policy(ALLOW) },
        values: {
            groups: { ["g".repeat(116)]: { requireMfa: true }, ["h".repeat(117)]: { requireMfa: true } },
            users: {
                ["u".repeat(63)]: { policyFiles: [`policies/${"p".repeat(64)}.json`] },
                ["v".repeat(64)]: { policyFiles: [`policies/${"p".repeat(64)}.json`] },
            },
        },
        problems: [
            line(
                `groups.${"h".repeat(117)}.requireMfa`,
                `the policy name "${"h".repeat(117)}-require-mfa" would be longer than 128 characters`,
                "use a shorter group name",
            ),
            line(
                `users.${"v".repeat(64)}.policyFiles[0]`,
                `the policy name "${"v".repeat(64)}-${"p".repeat(64)}" would be longer than 128 characters`,
                "use a shorter file name",
            ),
        ],
    },
    {
        name: "policy names are unique in the account ignoring case, across users and groups",
        files: { "policies/Require-MFA.json": policy(ALLOW), "policies/read.json": policy(ALLOW) },
        values: {
            namePrefix: "dev-",
            groups: { ops: { requireMfa: true, policyFiles: ["policies/s3-read.json"] } },
            users: {
                ops: { policyFiles: ["policies/s3-read.json", "policies/Require-MFA.json", "policies/ec2-read.json"] },
                "ops-s3": { policyFiles: ["policies/read.json"] },
            },
        },
        problems: [
            line(
                "users.ops.policyFiles[0]",
                'the policy name "dev-ops-s3-read" is also created by iam-users:groups.ops.policyFiles[0]',
                POLICY_NAME_HINT,
            ),
            line(
                "users.ops.policyFiles[1]",
                'the policy name "dev-ops-Require-MFA" is also created by iam-users:groups.ops.requireMfa',
                POLICY_NAME_HINT,
            ),
            line(
                "users.ops-s3.policyFiles[0]",
                'the policy name "dev-ops-s3-read" is also created by iam-users:groups.ops.policyFiles[0]',
                POLICY_NAME_HINT,
            ),
        ],
    },
    {
        name: "paths",
        values: {
            groups: { Ops: { path: "/a b/" } },
            users: {
                a: { path: "/" },
                b: { path: "/engineering/data/" },
                c: { path: "engineering/" },
                d: { path: "/engineering" },
                e: { path: `/${"p".repeat(510)}/` },
                f: { path: `/${"p".repeat(511)}/` },
            },
        },
        problems: [
            line("groups.Ops.path", PATH_FORM),
            line("users.c.path", PATH_FORM),
            line("users.d.path", PATH_FORM),
            line("users.f.path", PATH_FORM),
        ],
    },
];

const TAG_ROWS: Row[] = [
    {
        name: "tags: at most 50, access key descriptions included",
        values: {
            users: {
                fine: {
                    tags: tags(48),
                    accessKeys: { a: { description: "Fake key A" }, b: { description: "Fake key B" } },
                },
                bob: {
                    tags: tags(49),
                    accessKeys: { a: { description: "Fake key A" }, b: { description: "Fake key B" } },
                },
                cy: { tags: tags(51) },
            },
        },
        problems: [
            line("users.bob.tags", "49 tags and 2 access key descriptions; IAM allows 50 tags per user"),
            line("users.cy.tags", "51 tags and 0 access key descriptions; IAM allows 50 tags per user"),
        ],
    },
    {
        name: "tag keys: 1-128 of the allowed characters, no aws: prefix, not an access key description's",
        values: bob({
            tags: {
                ["k".repeat(128)]: "fine",
                ["k".repeat(129)]: "v",
                "team!": "v",
                "": "v",
                "aws:owner": "v",
                "AWS:team": "v",
                "access-key/cli": "v",
            },
            accessKeys: { cli: { description: "Fake CLI key" } },
        }),
        problems: [
            line(`users.bob.tags.${"k".repeat(129)}`, `tag key must be 1-128 ${TAG_CHARS}`),
            line("users.bob.tags.team!", `tag key must be 1-128 ${TAG_CHARS}`),
            line("users.bob.tags.", `tag key must be 1-128 ${TAG_CHARS}`),
            line("users.bob.tags.aws:owner", 'tag keys starting with "aws:" are reserved for AWS'),
            line("users.bob.tags.AWS:team", 'tag keys starting with "aws:" are reserved for AWS'),
            line(
                "users.bob.tags.access-key/cli",
                'tag key "access-key/cli" holds an access key description; choose another key',
            ),
        ],
    },
    {
        name: "tag values and access key descriptions: 0-256 of the allowed characters",
        values: bob({
            tags: {
                empty: "",
                long: "v".repeat(256),
                longer: "v".repeat(257),
                owner: "a;b",
                "cost center": "Fake Team 7 @ HQ",
            },
            accessKeys: { cli: { description: "Emily's laptop" } },
        }),
        problems: [
            line("users.bob.tags.longer", `must be 0-256 ${TAG_CHARS} (it is stored as a tag)`),
            line("users.bob.tags.owner", `must be 0-256 ${TAG_CHARS} (it is stored as a tag)`),
            line("users.bob.accessKeys.cli.description", `must be 0-256 ${TAG_CHARS} (it is stored as a tag)`),
        ],
    },
];

const GROUP_AND_POLICY_ROWS: Row[] = [
    {
        name: "undefined group, with the closest defined one",
        values: { groups: { Power_Users: {} }, users: { emily: { groups: ["Power_User"] } } },
        problems: [
            `Pulumi.test.yaml: iam-users:users.emily.groups[0]: group "Power_User" is not defined (did you mean "Power_Users"?)\n` +
                `  hint: ${UNDEFINED_GROUP_HINT}`,
        ],
    },
    {
        name: "undefined group with nothing close, a group listed twice; an external group is defined",
        values: {
            groups: { Ops: {}, Admins: { external: true } },
            users: { bob: { groups: ["Ops", "Auditors", "Admins", "Ops"] } },
        },
        problems: [
            line("users.bob.groups[1]", 'group "Auditors" is not defined', UNDEFINED_GROUP_HINT),
            line("users.bob.groups[3]", 'group "Ops" is listed twice'),
        ],
    },
    {
        name: "a group whose config has errors is still defined for its users",
        values: { groups: { Ops: { managedPolicy: ["ReadOnlyAccess"] } }, users: { bob: { groups: ["Ops"] } } },
        problems: [
            line(
                "groups.Ops.managedPolicy",
                'unknown key "managedPolicy" (did you mean "managedPolicies"?)',
                GROUP_KEYS,
            ),
        ],
    },
    {
        name: "a group with no config at all is still defined for its users",
        values: { groups: { Ops: null }, users: { bob: { groups: ["Ops"] } }, expectations: { cy: {} } },
        problems: [
            line("groups.Ops", "expected a map, got nothing"),
            line("expectations.cy", 'user "cy" is not defined'),
        ],
    },
    {
        name: "at most 10 groups per user",
        values: {
            groups: Object.fromEntries(managed(11).map((g) => [g, {}])),
            users: { fine: { groups: managed(10) }, bob: { groups: managed(11) } },
        },
        problems: [line("users.bob.groups", "11 groups; IAM allows a user in 10")],
    },
    {
        name: "duplicate managed policies: the same ARN by name and by ARN, and the same policy name",
        values: bob({
            managedPolicies: [
                "ReadOnlyAccess",
                "arn:aws:iam::aws:policy/ReadOnlyAccess",
                "PowerUserAccess",
                "PowerUserAccess",
                "arn:aws:iam::123456789012:policy/ReadOnlyAccess",
            ],
        }),
        problems: [
            line(
                "users.bob.managedPolicies[1]",
                'duplicate policy "arn:aws:iam::aws:policy/ReadOnlyAccess", also at iam-users:users.bob.managedPolicies[0]',
            ),
            line(
                "users.bob.managedPolicies[3]",
                'duplicate policy "PowerUserAccess", also at iam-users:users.bob.managedPolicies[2]',
            ),
            line(
                "users.bob.managedPolicies[4]",
                '"arn:aws:iam::123456789012:policy/ReadOnlyAccess" has the same policy name as "ReadOnlyAccess" at iam-users:users.bob.managedPolicies[0]',
                "attachments are named after the policy name; attach one of them through a group",
            ),
        ],
    },
    {
        name: "duplicate managed policies on a group",
        values: {
            groups: { Ops: { managedPolicies: ["ReadOnlyAccess", "arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess"] } },
        },
        problems: [
            line(
                "groups.Ops.managedPolicies[1]",
                '"arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess" has the same policy name as "ReadOnlyAccess" at iam-users:groups.Ops.managedPolicies[0]',
                "attachments are named after the policy name; attach one of them through a group",
            ),
        ],
    },
    {
        name: "managed policy and permissionsBoundary forms",
        values: bob({
            managedPolicies: [
                "service-role/AWSLambdaBasicExecutionRole",
                "arn:aws:iam::123456789012:policy/team/FakeTeamPolicy",
                "Read Only",
                "arn:aws:iam::1234:policy/FakePolicy",
                "arn:aws:iam::aws:role/FakeRole",
            ],
            permissionsBoundary: "PowerUserAccess",
        }),
        problems: [
            line("users.bob.managedPolicies[2]", MANAGED_FORM),
            line("users.bob.managedPolicies[3]", MANAGED_FORM),
            line("users.bob.managedPolicies[4]", MANAGED_FORM),
            line("users.bob.permissionsBoundary", "must be a policy ARN like arn:aws:iam::aws:policy/PowerUserAccess"),
        ],
    },
    {
        name: "more than 10 managed policies on a user is a warning (files count), more than 20 an error",
        values: {
            users: {
                ten: { managedPolicies: managed(10) },
                bob: { managedPolicies: managed(9), policyFiles: ["policies/s3-read.json", "policies/ec2-read.json"] },
                cy: { managedPolicies: managed(21) },
            },
        },
        problems: [
            line(
                "users.bob",
                "warning: 11 managed policies would be attached; the default quota is 10 per user",
                "request a quota increase (up to 20) before deploying, or move permissions to groups",
            ),
            line(
                "users.cy",
                "21 managed policies would be attached; IAM allows 20 per user even with a quota increase",
                "move permissions to groups, or merge policy files",
            ),
        ],
    },
    {
        name: "more than 10 managed policies on a group, requireMfa and files included",
        values: {
            groups: {
                ten: { managedPolicies: managed(9), requireMfa: true },
                Ops: { managedPolicies: managed(9), policyFiles: ["policies/s3-read.json"], requireMfa: true },
            },
        },
        problems: [
            line(
                "groups.Ops",
                "11 managed policies would be attached to the group; IAM allows 10",
                "merge policy files, or split the group",
            ),
        ],
    },
    {
        name: "an external group sets nothing it would manage",
        values: {
            groups: {
                Admins: {
                    external: true,
                    groupName: "FakeAdmins",
                    managedPolicies: ["ReadOnlyAccess"],
                    policyFiles: ["policies/s3-read.json"],
                    requireMfa: true,
                    path: "/admins/",
                },
            },
        },
        problems: [
            line("groups.Admins.managedPolicies", EXTERNAL, EXTERNAL_HINT),
            line("groups.Admins.policyFiles", EXTERNAL, EXTERNAL_HINT),
            line("groups.Admins.requireMfa", EXTERNAL, EXTERNAL_HINT),
            line("groups.Admins.path", EXTERNAL, EXTERNAL_HINT),
        ],
    },
];

const POLICY_FILE_ROWS: Row[] = [
    {
        name: "a missing policy file, with the closest file next to it",
        values: bob({ policyFiles: ["policies/s3-reed.json", "nowhere/fake.json"] }),
        problems: [
            line(
                "users.bob.policyFiles[0]",
                'policy file "policies/s3-reed.json" does not exist (did you mean "policies/s3-read.json"?)',
            ),
            line("users.bob.policyFiles[1]", 'policy file "nowhere/fake.json" does not exist'),
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
            inFile(
                "policies/not-json.json",
                "line 4, column 30",
                "not valid JSON: Expected double-quoted property name",
            ),
        ],
    },
    {
        name: "a policy file with an unquoted value, with line and column",
        files: {
            "policies/bare-word.json":
                '{\n    "Version": "2012-10-17",\n    "Statement": [\n        { "Effect": Allow }\n    ]\n}\n',
        },
        values: bobWithPolicy("policies/bare-word.json"),
        problems: [inFile("policies/bare-word.json", "line 4, column 21", "not valid JSON: Unexpected character")],
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
 * and expects problems inside that file as [key path, message, hint].
 */
const documentRow = (
    name: string,
    file: string,
    text: string,
    problems: readonly [string, string, string?][],
): Row => ({
    name,
    files: { [`policies/${file}.json`]: text },
    values: bobWithPolicy(`policies/${file}.json`),
    problems: problems.map(([keyPath, message, hint]) => inFile(`policies/${file}.json`, keyPath, message, hint)),
});

const DOCUMENT_ROWS: Row[] = [
    documentRow("not an object", "doc-list", "[]", [["(document)", "a policy document must be a JSON object"]]),
    documentRow("Version missing", "no-version", JSON.stringify({ Statement: [ALLOW] }), [
        ["Version", 'missing; use "2012-10-17"', "without it IAM ignores policy variables like ${aws:username}"],
    ]),
    documentRow("Version wrong", "bad-version", JSON.stringify({ Version: "2012-10-18", Statement: ALLOW }), [
        ["Version", 'must be "2012-10-17" (or the legacy "2008-10-17"), not "2012-10-18"'],
    ]),
    documentRow(
        "Statement missing, under a misspelt key",
        "no-statement",
        JSON.stringify({ Version: "2012-10-17", Statements: [ALLOW] }),
        [
            ["Statements", 'unknown top-level key "Statements"', "a policy document has Version, Id and Statement"],
            ["Statement", "must be a statement object or a non-empty list of them"],
        ],
    ),
    documentRow("Statement empty", "empty-statement", policy(), [
        ["Statement", "must be a statement object or a non-empty list of them"],
    ]),
    documentRow("a statement that is not an object", "string-statement", policy("s3:GetObject"), [
        ["Statement[0]", "a statement must be a JSON object"],
    ]),
    documentRow(
        "Effect",
        "bad-effect",
        policy({ ...ALLOW, Effect: "allow" }, { Action: "s3:GetObject", Resource: "*" }),
        [
            ["Statement[0].Effect", 'must be "Allow" or "Deny", not "allow"'],
            ["Statement[1].Effect", 'missing; use "Allow" or "Deny"'],
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
            ["Statement[0]", "needs exactly one of Action and NotAction"],
            ["Statement[0]", "needs exactly one of Resource and NotResource"],
            ["Statement[1]", "needs exactly one of Action and NotAction"],
            ["Statement[1]", "needs exactly one of Resource and NotResource"],
            ["Statement[2].Action", "must be a string or a non-empty list of strings"],
            ["Statement[2].Resource", "must be a string or a non-empty list of strings"],
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
                "Statement[0].Principal",
                "an identity policy cannot name a Principal",
                "the user it is attached to is the principal; Principal belongs in resource and trust policies",
            ],
            [
                "Statement[1].NotPrincipal",
                "an identity policy cannot name a NotPrincipal",
                "the user it is attached to is the principal; Principal belongs in resource and trust policies",
            ],
            [
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
            ["Statement[0].Action[3]", '"s3GetObject" is not an action', ACTION_HINT],
            ["Statement[0].Action[4]", '"s3:Get Object" is not an action', ACTION_HINT],
            ["Statement[1].Resource[1]", '"fake-bucket" is not "*" or an ARN'],
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
                "Statement[1].Condition.StringEqual",
                'unknown condition operator "StringEqual"',
                "see 'IAM JSON policy elements: Condition operators'",
            ],
            [
                "Statement[1].Condition.NullIfExists",
                'unknown condition operator "NullIfExists"',
                "see 'IAM JSON policy elements: Condition operators'",
            ],
            ["Statement[2].Condition.Bool", "must be an object of condition key -> value"],
            ["Statement[3].Condition.Bool.aws:SecureTransport", "values must be strings, numbers or booleans"],
            ["Statement[4].Condition", "must be an object of operator -> { key: value }"],
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
            ["Statement[1].Sid", "must be letters and digits only"],
            ["Statement[2].Sid", 'duplicate Sid "ReadFakeBucket", also at Statement[0]'],
            ["Statement[3].Sid", "must be letters and digits only"],
        ],
    ),
    documentRow(
        "a single statement object names its problems without an index",
        "single-statement",
        JSON.stringify({ Version: "2008-10-17", Id: "FakeId", Statement: { ...ALLOW, Effect: "Permit" } }),
        [["Statement.Effect", 'must be "Allow" or "Deny", not "Permit"']],
    ),
];

const CONSOLE_AND_KEY_ROWS: Row[] = [
    {
        name: "passwordLength 6-128",
        values: {
            users: {
                a: { console: { passwordLength: 6 } },
                b: { console: { passwordLength: 128 } },
                c: { console: { passwordLength: 5 } },
                d: { console: { passwordLength: 129 } },
            },
        },
        problems: [
            line("users.c.console.passwordLength", "must be 6-128"),
            line("users.d.console.passwordLength", "must be 6-128"),
        ],
    },
    {
        name: "passwordLength, set or the default of 20, not below the password policy's minimumLength",
        values: {
            passwordPolicy: { minimumLength: 24 },
            users: {
                fine: { console: { passwordLength: 24 } },
                bob: { console: { passwordLength: 23 } },
                cy: { console: {} },
                "no-console": {},
            },
        },
        problems: [
            line(
                "users.bob.console.passwordLength",
                "23 is below the password policy's minimumLength of 24",
                "use at least 24",
            ),
            line(
                "users.cy.console",
                "the default passwordLength of 20 is below the password policy's minimumLength of 24",
                "set passwordLength: 24 or more",
            ),
        ],
    },
    {
        name: "password policy ranges",
        values: { passwordPolicy: { minimumLength: 5, maxAgeDays: 0, reusePrevention: 25 } },
        problems: [
            line("passwordPolicy.minimumLength", "must be 6-128"),
            line("passwordPolicy.maxAgeDays", "must be 1-1095"),
            line("passwordPolicy.reusePrevention", "must be 1-24"),
        ],
    },
    {
        name: "password policy ranges, upper ends",
        values: { passwordPolicy: { minimumLength: 129, maxAgeDays: 1096, reusePrevention: 0, requireSymbols: "yes" } },
        problems: [
            line("passwordPolicy.minimumLength", "must be 6-128"),
            line("passwordPolicy.requireSymbols", 'expected true or false, got the string "yes"'),
            line("passwordPolicy.maxAgeDays", "must be 1-1095"),
            line("passwordPolicy.reusePrevention", "must be 1-24"),
        ],
    },
    {
        name: "at most 2 access keys",
        values: bob({ accessKeys: { a: {}, b: {}, c: {} } }),
        problems: [line("users.bob.accessKeys", "3 access keys; IAM allows 2 per user")],
    },
    {
        name: "access key status, rotation fields",
        values: bob({
            accessKeys: {
                a: { status: "active", rotation: -1 },
                b: { status: "Inactive", rotateAfterDays: 0, rotationMode: "blue-green" },
            },
        }),
        problems: [
            line("users.bob.accessKeys.a.status", 'must be "Active" or "Inactive"'),
            line("users.bob.accessKeys.a.rotation", "must be a whole number, 0 or more"),
            line("users.bob.accessKeys.b.rotateAfterDays", "must be 1-3650"),
            line("users.bob.accessKeys.b.rotationMode", 'must be "create-first" or "delete-first"'),
        ],
    },
    {
        name: "rotating with both slots taken needs delete-first",
        values: {
            users: {
                one: { accessKeys: { cli: { rotateAfterDays: 90 } } },
                "delete-first": {
                    accessKeys: {
                        a: { rotation: 1, rotationMode: "delete-first" },
                        b: { rotateAfterDays: 90, rotationMode: "delete-first" },
                    },
                },
                bob: { accessKeys: { a: { rotation: 1 }, b: {} } },
                cy: { accessKeys: { a: { rotateAfterDays: 30, rotationMode: "create-first" }, b: { rotation: 0 } } },
            },
        },
        problems: [
            line("users.bob.accessKeys.a", ROTATION_SLOTS, ROTATION_HINT),
            line("users.cy.accessKeys.a", ROTATION_SLOTS, ROTATION_HINT),
            line("users.cy.accessKeys.b", ROTATION_SLOTS, ROTATION_HINT),
        ],
    },
    {
        name: "slot names",
        values: bob({ accessKeys: { "my key": {}, ["s".repeat(33)]: {} } }),
        problems: [
            line("users.bob.accessKeys.my key", "slot names are 1-32 letters, digits, _ and -"),
            line(`users.bob.accessKeys.${"s".repeat(33)}`, "slot names are 1-32 letters, digits, _ and -"),
        ],
    },
];

const PGP_ROWS: Row[] = [
    {
        name: "pgpKey: base64 of an old-format public key packet",
        values: { pgpKey: base64(0x99, 0x01, 0x0d, 0x04) },
        problems: [],
    },
    {
        name: "pgpKey: base64 of a new-format public key packet",
        values: { pgpKey: base64(0xc6, 0x33, 0x04) },
        problems: [],
    },
    {
        name: "pgpKey: base64 wrapped over lines, as base64 prints it by default",
        values: { pgpKey: `${base64(0x99, 0x02, 0x0d)}\n${base64(0x04, 0x5f, 0x00)}\n` },
        problems: [],
    },
    { name: "pgpKey: keybase", values: { pgpKey: "keybase:fake_user" }, problems: [] },
    {
        name: "pgpKey: a Pulumi secret is checked by the program",
        values: { pgpKey: { secure: "v1:ZmFrZQ==:ZmFrZQ==" } },
        problems: [],
    },
    {
        name: "pgpKey: an armored key",
        values: { pgpKey: "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQENBFAKE\n-----END PGP PUBLIC KEY BLOCK-----\n" },
        problems: [
            line(
                "pgpKey",
                "an ASCII-armored key is not accepted; IAM needs the binary public key, base64-encoded",
                "convert it with: gpg --export <key id> | base64 -w0",
            ),
        ],
    },
    {
        name: "pgpKey: base64 of a secret key packet",
        values: { pgpKey: base64(0x95, 0x01, 0xd8, 0x04) },
        problems: [
            line(
                "pgpKey",
                "is base64 but not an OpenPGP public key",
                "export the public key with: gpg --export <key id> | base64 -w0",
            ),
        ],
    },
    {
        name: "pgpKey: base64 of text",
        values: { pgpKey: base64(...Buffer.from("fake key")) },
        problems: [
            line(
                "pgpKey",
                "is base64 but not an OpenPGP public key",
                "export the public key with: gpg --export <key id> | base64 -w0",
            ),
        ],
    },
    {
        name: "pgpKey: not base64",
        values: { pgpKey: "fake-key!" },
        problems: [
            line(
                "pgpKey",
                "is neither base64 nor keybase:<name>",
                "export it with: gpg --export <key id> | base64 -w0",
            ),
        ],
    },
    {
        name: "pgpKey: keybase name form",
        values: { pgpKey: "keybase:fake-user" },
        problems: [line("pgpKey", '"keybase:fake-user" is not a valid keybase user name')],
    },
    { name: "pgpKey: a number", values: { pgpKey: 42 }, problems: [line("pgpKey", "must be a string")] },
];

const EXPECTATION_ROWS: Row[] = [
    {
        name: "expectations for an undefined user",
        values: { users: { emily: {} }, expectations: { emiyl: { allowed: [{ action: "s3:GetObject" }] } } },
        problems: [line("expectations.emiyl", 'user "emiyl" is not defined (did you mean "emily"?)')],
    },
    {
        name: "expectations for a user whose config has errors",
        values: {
            users: { emily: { grups: [] }, cy: null },
            expectations: { emily: { denied: [{ action: "iam:CreateUser" }] }, cy: {} },
        },
        problems: [
            line("users.emily.grups", 'unknown key "grups" (did you mean "groups"?)', USER_KEYS),
            line("users.cy", "expected a map, got nothing"),
        ],
    },
    {
        name: "expectation form",
        values: {
            users: { emily: {} },
            expectations: { emily: { allowed: [{ action: "s3GetObject", mfa: "yes" }], denyed: [] } },
        },
        problems: [
            line("expectations.emily.allowed[0].action", 'must be an action like "s3:GetObject"'),
            line("expectations.emily.allowed[0].mfa", 'expected true or false, got the string "yes"'),
            line(
                "expectations.emily.denyed",
                'unknown key "denyed" (did you mean "denied"?)',
                "allowed keys: allowed, denied",
            ),
        ],
    },
];

const TABLES: Record<string, Row[]> = {
    "schema: unknown keys and wrong types": SCHEMA_ROWS,
    "names and paths": NAME_ROWS,
    tags: TAG_ROWS,
    "groups and managed policies": GROUP_AND_POLICY_ROWS,
    "policy files": POLICY_FILE_ROWS,
    "policy documents": DOCUMENT_ROWS,
    "console and access keys": CONSOLE_AND_KEY_ROWS,
    pgpKey: PGP_ROWS,
    expectations: EXPECTATION_ROWS,
};

describe("stack validation", () => {
    let projectDir: string;
    const validate = (values: Record<string, unknown>) =>
        validateStack({ file: FILE, stack: "test", projectDir, values });
    const problems = (values: Record<string, unknown>) => validate(values).problems.map(formatProblem);

    before(() => {
        projectDir = tempDir("validate");
        const files: Record<string, string> = Object.assign(
            { "Pulumi.yaml": "name: fake-project\n" },
            VALID_POLICIES,
            ...Object.values(TABLES)
                .flat()
                .map((r) => r.files ?? {}),
        );
        for (const [file, text] of Object.entries(files)) {
            fs.mkdirSync(path.dirname(path.join(projectDir, file)), { recursive: true });
            fs.writeFileSync(path.join(projectDir, file), text);
        }
    });
    after(() => fs.rmSync(projectDir, { recursive: true, force: true }));

    for (const [table, rows] of Object.entries(TABLES)) {
        describe(table, () => {
            for (const row of rows) {
                it(row.name, () => {
                    const result = validate(row.values);
                    assert.deepStrictEqual(result.problems.map(formatProblem), row.problems);
                    // A model comes back exactly when there is no error; warnings alone keep it.
                    assert.strictEqual(
                        result.model !== undefined,
                        !row.problems.some((p) => !/: warning(\[[\w-]+\])?: /.test(p)),
                    );
                });
            }
        });
    }

    it("reports every problem of a config at once", () => {
        assert.deepStrictEqual(
            problems({
                namePrefix: "dev-",
                passwordPolicy: { minimumLength: 14, reusePrevention: 30 },
                groups: { Power_Users: { requireMfa: true, managedPolicies: ["PowerUserAccess", "PowerUserAccess"] } },
                users: {
                    emily: { groups: ["Power_User"], console: { passwordLength: 12 }, tags: { "aws:team": "data" } },
                    Emily: { accessKeys: { a: {}, b: {}, c: {} } },
                    terraform: {
                        managedPolicies: ["AdministratorAccess"],
                        policyFiles: ["policies/missing.json"],
                        accessKeys: { ci: { status: "Disabled" } },
                        protect: "yes",
                    },
                },
                pgpKey: "keybase:",
            }),
            [
                "Pulumi.test.yaml: iam-users:passwordPolicy.reusePrevention: must be 1-24",
                'Pulumi.test.yaml: iam-users:groups.Power_Users.managedPolicies[1]: duplicate policy "PowerUserAccess", also at iam-users:groups.Power_Users.managedPolicies[0]',
                'Pulumi.test.yaml: iam-users:users.emily.groups[0]: group "Power_User" is not defined (did you mean "Power_Users"?)\n' +
                    "  hint: define it under iam-users:groups (with external: true if it exists already)",
                'Pulumi.test.yaml: iam-users:users.emily.tags.aws:team: tag keys starting with "aws:" are reserved for AWS',
                "Pulumi.test.yaml: iam-users:users.emily.console.passwordLength: 12 is below the password policy's minimumLength of 14\n" +
                    "  hint: use at least 14",
                'Pulumi.test.yaml: iam-users:users.Emily: user name "dev-Emily" is already used by iam-users:users.emily (IAM names ignore case)',
                "Pulumi.test.yaml: iam-users:users.Emily.accessKeys: 3 access keys; IAM allows 2 per user",
                'Pulumi.test.yaml: iam-users:users.terraform.accessKeys.ci.status: must be "Active" or "Inactive"',
                'Pulumi.test.yaml: iam-users:users.terraform.protect: expected true or false, got the string "yes"',
                'Pulumi.test.yaml: iam-users:users.terraform.policyFiles[0]: policy file "policies/missing.json" does not exist',
                'Pulumi.test.yaml: iam-users:pgpKey: "keybase:" is not a valid keybase user name',
            ],
        );
    });

    it("builds the model of a valid config with every default", () => {
        const text = fs.readFileSync(path.join(projectDir, "policies/s3-read.json"), "utf8");
        const document = {
            Version: "2012-10-17",
            Statement: [
                { Effect: "Allow" as const, Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::fake-bucket/*"] },
            ],
        };
        const result = validate({
            namePrefix: "dev-",
            groups: {
                Power_Users: { managedPolicies: ["PowerUserAccess"], requireMfa: true },
                Admins: { external: true },
            },
            users: {
                emily: { groups: ["Power_Users", "Admins"], console: {}, accessKeys: { cli: {} } },
                scanner: {
                    userName: "invoice-scanner",
                    path: "/automation/",
                    tags: { team: "data" },
                    inlinePolicyFiles: ["policies/s3-read.json"],
                    console: { passwordResetRequired: false, passwordLength: 32 },
                    accessKeys: {
                        cli: {
                            description: "Fake scanner key",
                            status: "Inactive",
                            rotateAfterDays: 90,
                            rotationMode: "delete-first",
                        },
                    },
                    protect: true,
                },
            },
        });
        const expected: StackModel = {
            file: FILE,
            stack: "test",
            projectDir,
            namePrefix: "dev-",
            passwordPolicy: undefined,
            groups: [
                {
                    key: "Power_Users",
                    name: "dev-Power_Users",
                    path: "/",
                    external: false,
                    managedPolicies: ["PowerUserAccess"],
                    policies: [],
                    requireMfa: true,
                    allowWarnings: [],
                    waive: {},
                },
                {
                    key: "Admins",
                    name: "Admins",
                    path: "/",
                    external: true,
                    managedPolicies: [],
                    policies: [],
                    requireMfa: false,
                    allowWarnings: [],
                    waive: {},
                },
            ],
            users: [
                {
                    key: "emily",
                    name: "dev-emily",
                    path: "/",
                    tags: {},
                    groups: ["Power_Users", "Admins"],
                    managedPolicies: [],
                    policies: [],
                    inlinePolicies: [],
                    permissionsBoundary: undefined,
                    console: { passwordResetRequired: true, passwordLength: 20 },
                    accessKeys: [
                        {
                            slot: "cli",
                            status: "Active",
                            description: undefined,
                            rotation: undefined,
                            rotateAfterDays: undefined,
                            rotationMode: "create-first",
                        },
                    ],
                    protect: false,
                    forceDestroy: false,
                    allowWarnings: [],
                    waive: {},
                },
                {
                    key: "scanner",
                    name: "dev-invoice-scanner",
                    path: "/automation/",
                    tags: { team: "data" },
                    groups: [],
                    managedPolicies: [],
                    policies: [],
                    inlinePolicies: [{ path: "policies/s3-read.json", key: "s3-read", text, document }],
                    permissionsBoundary: undefined,
                    console: { passwordResetRequired: false, passwordLength: 32 },
                    accessKeys: [
                        {
                            slot: "cli",
                            status: "Inactive",
                            description: "Fake scanner key",
                            rotation: undefined,
                            rotateAfterDays: 90,
                            rotationMode: "delete-first",
                        },
                    ],
                    protect: true,
                    forceDestroy: false,
                    allowWarnings: [],
                    waive: {},
                },
            ],
            pgpKey: undefined,
            expectations: {},
            allowWarnings: {},
            allowUnknown: { actions: [], managedPolicies: [] },
        };
        assert.deepStrictEqual(result, { model: expected, draft: expected, problems: [] });
    });

    it("keeps only this project's config keys, and reports keys meant for it", () => {
        const { values, problems } = namespaceValues(FILE, [
            ["aws:region", "us-east-1"],
            ["iam-users:namePrefix", "dev-"],
            ["users", {}],
            ["iam-user:groups", {}],
            ["IAM-Users:pgpKey", "keybase:fake_user"],
            ["other-project:users", {}],
        ]);
        assert.deepStrictEqual(values, { namePrefix: "dev-" });
        assert.deepStrictEqual(problems.map(formatProblem), [
            'Pulumi.test.yaml: users: config keys need a namespace (did you mean "iam-users:users"?)',
            'Pulumi.test.yaml: iam-user:groups: unknown namespace "iam-user" (did you mean "iam-users:groups"?)',
            'Pulumi.test.yaml: IAM-Users:pgpKey: unknown namespace "IAM-Users" (did you mean "iam-users:pgpKey"?)',
        ]);
    });
});
