/** Names (stacks/config/validate/names.ts): user, group and policy names, and IAM paths. */
import {
    line,
    NAME_CHARS,
    PATH_FORM,
    POLICY_NAME_HINT,
    ALLOW,
    policy,
    bob,
    type Row,
    validationTable,
} from "./support/validate-table";

const NAME_ROWS: Row[] = [
    {
        name: "non-ASCII letters in names are named by code point, with the letter they look like",
        values: {
            groups: { Αdmins: {} },
            users: { "em\u0456ly": {}, bob: { userName: "b\u00f6b" } },
        },
        problems: [
            line(
                "groups.Αdmins",
                'group name "Αdmins" has the non-ASCII character U+0391 at position 1, which looks like "A"',
            ),
            line(
                "users.emіly",
                'user name "emіly" has the non-ASCII character U+0456 at position 3, which looks like "i"',
            ),
            line("users.bob", 'user name "böb" has the non-ASCII character U+00F6 at position 2'),
        ],
    },
    {
        name: "paths: an empty segment, which IAM refuses",
        values: { users: { a: { path: "//" }, b: { path: "/a//b/" }, c: { path: "/a/b/" } } },
        problems: [
            line("users.a.path", 'must not have an empty segment ("//"), which IAM refuses'),
            line("users.b.path", 'must not have an empty segment ("//"), which IAM refuses'),
        ],
    },
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

describe("stack validation", () => {
    validationTable("names and paths", NAME_ROWS);
});
