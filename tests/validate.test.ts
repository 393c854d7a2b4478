/**
 * The stack validation as a whole (stacks/config/validate/index.ts): the top-level keys and their
 * types, every problem of a config at once, and the model of a valid config.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { dataRecord, formatProblem, namespaceValues, type StackModel } from "../stacks/config";
import {
    FILE,
    line,
    NO_USERS,
    TOP_KEYS,
    USER_KEYS,
    GROUP_KEYS,
    bob,
    type Row,
    validateIn,
    useProject,
    validationTable,
} from "./support/validate-table";

const SCHEMA_ROWS: Row[] = [
    {
        name: "a stack with no users and no groups, which would delete every user on deploy",
        values: { namePrefix: "dev-" },
        problems: [NO_USERS],
    },
    { name: "a stack that says it has no users, with users: {}", values: { users: {} }, problems: [] },
    { name: "a stack with groups only", values: { groups: { Ops: {} } }, problems: [] },
    {
        name: "strict is true or false",
        values: { users: {}, strict: "yes" },
        problems: [line("strict", 'expected true or false, got the string "yes"')],
    },
    {
        name: "unknown top-level key, with the closest allowed one",
        values: { user: {} },
        problems: [line("user", 'unknown key "user" (did you mean "users"?)', TOP_KEYS), NO_USERS],
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
                "allowed keys: description, status, rotation, rotateAfterDays, rotationMode, overlapDays, smtp, store",
            ),
        ],
    },
    {
        name: "unknown password policy key",
        values: { passwordPolicy: { minimumLenght: 14 }, users: {} },
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
        name: "wrong types for a user and its fields (an empty entry is a user with every default)",
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
        values: { namePrefix: "dev team-", users: {} },
        problems: [line("namePrefix", "must be 0-32 of letters, digits and +=,.@_-")],
    },
];

describe("stack validation", () => {
    validationTable("schema: unknown keys and wrong types", SCHEMA_ROWS);
    const projectDir = useProject();
    const problems = (values: Record<string, unknown>) => validateIn(projectDir(), values).problems.map(formatProblem);
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
                // The loading stage runs first, so the files it could not load come first.
                `Pulumi.test.yaml: iam-users:users.terraform.policyFiles[0]: policy file "policies/missing.json" does not exist in ${projectDir()} (paths are relative to the folder holding Pulumi.yaml)`,
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
                'Pulumi.test.yaml: iam-users:pgpKey: "keybase:" is not a valid keybase user name',
            ],
        );
    });

    it("builds the model of a valid config with every default", () => {
        const text = fs.readFileSync(path.join(projectDir(), "policies/s3-read.json"), "utf8");
        const document = {
            Version: "2012-10-17",
            Statement: [
                { Effect: "Allow" as const, Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::fake-bucket/*"] },
            ],
        };
        const result = validateIn(projectDir(), {
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
                            overlapDays: undefined,
                        },
                    },
                    protect: true,
                },
            },
        });
        const expected: StackModel = {
            file: FILE,
            stack: "test",
            projectDir: projectDir(),
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
                    waive: new Map(),
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
                    waive: new Map(),
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
                            overlapDays: undefined,
                        },
                    ],
                    sshKeys: [],
                    protect: false,
                    forceDestroy: false,
                    allowWarnings: [],
                    waive: new Map(),
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
                            overlapDays: undefined,
                        },
                    ],
                    sshKeys: [],
                    protect: true,
                    forceDestroy: false,
                    allowWarnings: [],
                    waive: new Map(),
                },
            ],
            pgpKey: undefined,
            expectations: dataRecord([]),
            allowWarnings: dataRecord([]),
            allowUnknown: { actions: [], managedPolicies: [] },
            strict: false,
        };
        assert.deepStrictEqual(result, { model: expected, draft: expected, problems: [] });
    });

    it("keeps only this project's config keys, and reports keys in namespaces nothing reads", () => {
        const { values, problems } = namespaceValues(FILE, [
            ["aws:region", "us-east-1"],
            ["iam-users:namePrefix", "dev-"],
            ["users", {}],
            ["iam-user:groups", {}],
            ["IAM-Users:pgpKey", "keybase:fake_user"],
            ["other-project:users", {}],
        ]);
        assert.deepStrictEqual({ ...values }, { namePrefix: "dev-" });
        const unknown = (namespace: string, meant: string) =>
            `warning: unknown namespace "${namespace}": this project reads iam-users:, aws:, pulumi: keys (did you mean "${meant}"?)`;
        assert.deepStrictEqual(problems.map(formatProblem), [
            'Pulumi.test.yaml: users: config keys need a namespace (did you mean "iam-users:users"?)',
            `Pulumi.test.yaml: iam-user:groups: ${unknown("iam-user", "iam-users:groups")}`,
            `Pulumi.test.yaml: IAM-Users:pgpKey: ${unknown("IAM-Users", "iam-users:pgpKey")}`,
            `Pulumi.test.yaml: other-project:users: ${unknown("other-project", "iam-users:users")}`,
        ]);
    });
});

/** Names that are properties of every plain object, and so break code that treats maps as objects. */
const OBJECT_NAMES = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty"];

/** A map with one entry, built as the reader builds maps: no prototype. */
const nullMap = (key: string, value: unknown): Record<string, unknown> =>
    Object.assign(Object.create(null) as Record<string, unknown>, { [key]: value });

/** The same stack as JSON.parse builds it: `__proto__` becomes an own key, not the prototype. */
const parsedStack = (name: string, top: boolean): Record<string, unknown> =>
    JSON.parse(
        JSON.stringify({
            users: { NAME: { groups: ["NAME"], tags: { NAME: "v" }, accessKeys: { NAME: {} } } },
            groups: { NAME: {} },
            expectations: { NAME: {} },
            allowWarnings: { NAME: [] },
            ...(top ? { NAME: 1 } : {}),
        }).replaceAll("NAME", name),
    ) as Record<string, unknown>;

/** The same stack from null-prototype maps. */
const nullStack = (name: string, top: boolean): Record<string, unknown> =>
    Object.assign(Object.create(null) as Record<string, unknown>, {
        users: nullMap(name, nullMap("groups", [name])),
        groups: nullMap(name, nullMap("path", "/")),
        expectations: nullMap(name, {}),
        allowWarnings: nullMap(name, []),
        ...(top ? nullMap(name, 1) : {}),
    });

describe("stack validation: config maps are data", () => {
    const projectDir = useProject();
    for (const name of OBJECT_NAMES) {
        for (const [how, build] of [
            ["JSON.parse", parsedStack],
            ["null-prototype maps", nullStack],
        ] as const) {
            it(`"${name}" as a top-level key is unknown (${how})`, () => {
                assert.deepStrictEqual(validateIn(projectDir(), build(name, true)).problems.map(formatProblem), [
                    line(name, `unknown key "${name}"`, TOP_KEYS),
                ]);
            });
            it(`"${name}" is a legal user, group, tag key, key slot, expectation and policy path (${how})`, () => {
                const { model, problems } = validateIn(projectDir(), build(name, false));
                assert.deepStrictEqual(problems, []);
                const user = model!.users[0];
                assert.deepStrictEqual(
                    [user.key, user.name, user.groups, model!.groups.map((g) => g.name)],
                    [name, name, [name], [name]],
                );
                assert.deepStrictEqual(Object.keys(model!.expectations), [name]);
                assert.deepStrictEqual(Object.keys(model!.allowWarnings), [name]);
                assert.strictEqual(Object.getPrototypeOf(model!.expectations), null);
                if (how === "JSON.parse") {
                    assert.deepStrictEqual(Object.keys(user.tags), [name]);
                    assert.deepStrictEqual(
                        user.accessKeys.map((k) => k.slot),
                        [name],
                    );
                }
            });
        }
        it(`"${name}" as a key of a user entry is an unknown key`, () => {
            assert.deepStrictEqual(
                validateIn(projectDir(), { users: JSON.parse(`{"bob": {"${name}": true}}`) }).problems.map(
                    formatProblem,
                ),
                [line(`users.bob.${name}`, `unknown key "${name}"`, USER_KEYS)],
            );
        });
    }
});
