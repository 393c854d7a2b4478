/** Groups and their managed policies (stacks/config/validate/groups.ts). */
import {
    line,
    GROUP_KEYS,
    EXTERNAL,
    EXTERNAL_HINT,
    UNDEFINED_GROUP_HINT,
    MANAGED_FORM,
    bob,
    managed,
    type Row,
    validationTable,
} from "./support/validate-table";

const GROUP_AND_POLICY_ROWS: Row[] = [
    {
        name: "a waiver's reason is a string",
        values: { users: {}, groups: { G: { waive: { "IAM.5": 5 } } } },
        problems: [line("groups.G.waive.IAM.5", "expected a string, got the number 5")],
    },
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
        name: "an empty group entry (`Ops:` alone) is a group with every default, defined for its users",
        values: { groups: { Ops: null }, users: { bob: { groups: ["Ops"] } }, expectations: { cy: {} } },
        problems: [line("expectations.cy", 'user "cy" is not defined')],
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

describe("stack validation", () => {
    validationTable("groups and managed policies", GROUP_AND_POLICY_ROWS);
});
