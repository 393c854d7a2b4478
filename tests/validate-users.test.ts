/** Users: console access, password policy, access keys (stacks/config/validate/users.ts, access-keys.ts). */
import { line, ROTATION_SLOTS, ROTATION_HINT, bob, type Row, validationTable } from "./support/validate-table";

/** `count` users with nothing but defaults. */
const users = (count: number): Record<string, unknown> =>
    Object.fromEntries(Array.from({ length: count }, (_, i) => [`user${i}`, {}]));

const CONSOLE_AND_KEY_ROWS: Row[] = [
    {
        name: "empty entries mean every default, as {} does: console:, a key slot cli:, a user",
        values: { users: { bob: { console: null, accessKeys: { cli: null } }, al: null } },
        problems: [],
    },
    {
        name: "non-ASCII letters in ARNs are named by code point",
        values: bob({
            permissionsBoundary: "arn:aws:iam::aws:policy/P\u043ewerUserAccess",
            managedPolicies: ["ReadOnly\u0410ccess"],
        }),
        problems: [
            line(
                "users.bob.managedPolicies[0]",
                '"ReadOnlyАccess" has the non-ASCII character U+0410 at position 9, which looks like "A"',
            ),
            line(
                "users.bob.permissionsBoundary",
                '"arn:aws:iam::aws:policy/PоwerUserAccess" has the non-ASCII character U+043E at position 26, which looks like "o"',
            ),
        ],
    },
    {
        name: "a waiver needs a reason",
        values: bob({ waive: { "IAM.2": "" } }),
        problems: [line("users.bob.waive.IAM.2", "must give the reason for the waiver")],
    },
    { name: "5,000 users, IAM's quota per account", values: { users: users(5000) }, problems: [] },
    {
        name: "5,001 users",
        values: { users: users(5001) },
        problems: [
            line("users", "5,001 users; IAM allows 5,000 in an account", "split the users over several accounts"),
        ],
    },
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
        values: { passwordPolicy: { minimumLength: 5, maxAgeDays: 0, reusePrevention: 25 }, users: {} },
        problems: [
            line("passwordPolicy.minimumLength", "must be 6-128"),
            line("passwordPolicy.maxAgeDays", "must be 1-1095"),
            line("passwordPolicy.reusePrevention", "must be 1-24"),
        ],
    },
    {
        name: "password policy ranges, upper ends",
        values: {
            passwordPolicy: { minimumLength: 129, maxAgeDays: 1096, reusePrevention: 0, requireSymbols: "yes" },
            users: {},
        },
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
            line("users.bob.accessKeys.b.rotateAfterDays", "must be a whole number, 1-3650"),
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
        name: "overlap rotation: a schedule longer than the overlap, and the user's only slot",
        values: {
            users: {
                ok: { accessKeys: { cli: { rotateAfterDays: 90, overlapDays: 7 } } },
                alone: { accessKeys: { cli: { overlapDays: 7 } } },
                long: { accessKeys: { cli: { rotateAfterDays: 7, overlapDays: 7 } } },
                serial: { accessKeys: { cli: { rotateAfterDays: 90, overlapDays: 7, rotation: 2 } } },
                zero: { accessKeys: { cli: { rotateAfterDays: 90, overlapDays: 0 } } },
                two: { accessKeys: { cli: { rotateAfterDays: 90, overlapDays: 7 }, ci: {} } },
            },
        },
        problems: [
            line(
                "users.alone.accessKeys.cli",
                'key "cli": overlapDays needs rotateAfterDays, the schedule it overlaps',
                "set rotateAfterDays, or remove overlapDays",
            ),
            line(
                "users.long.accessKeys.cli",
                'key "cli": overlapDays (7) must be smaller than rotateAfterDays (7)',
                "the previous key lives for the first overlapDays days of each window; shorten the overlap",
            ),
            line(
                "users.serial.accessKeys.cli",
                'key "cli": a rotation serial would replace the key in use; with overlapDays keys rotate by the schedule only',
                "remove rotation, or remove overlapDays",
            ),
            line("users.zero.accessKeys.cli.overlapDays", "must be a whole number, 1-3649"),
            line(
                "users.two.accessKeys.cli",
                `key "cli" rotates with an overlap, which takes both of IAM's 2 key slots; the user cannot also have key "ci"`,
                "give the other key to another user, or remove overlapDays",
            ),
        ],
    },
    {
        name: "store: exactly one service, and its documented name rules",
        values: {
            users: {
                ok: {
                    accessKeys: {
                        a: { store: { secretsManager: { name: "prod/mailer_smtp+1=x.y@z", kmsKeyId: "alias/mail" } } },
                        b: { smtp: true, store: { ssmParameter: { name: "/prod/mailer/app" } } },
                    },
                },
                none: { accessKeys: { a: { store: {} } } },
                both: {
                    accessKeys: {
                        a: { store: { secretsManager: { name: "x" }, ssmParameter: { name: "x" } } },
                    },
                },
                names: {
                    accessKeys: {
                        a: { store: { secretsManager: { name: "has space" } } },
                        b: { store: { secretsManager: { name: "s".repeat(513) } } },
                    },
                },
                suffix: { accessKeys: { a: { store: { secretsManager: { name: "mailer-AbC123" } } } } },
                ssm: {
                    accessKeys: {
                        a: { store: { ssmParameter: { name: "prod/mailer" } } },
                        b: { store: { ssmParameter: { name: "/aws/mailer" } } },
                    },
                },
                ssm2: {
                    accessKeys: {
                        a: { store: { ssmParameter: { name: "/prod//mailer" } } },
                        b: { store: { ssmParameter: { name: `/${"l/".repeat(15)}x` } } },
                    },
                },
                ssm3: { accessKeys: { a: { store: { ssmParameter: { name: "mail:er" } } } } },
                kms: { accessKeys: { a: { store: { ssmParameter: { name: "x", kmsKeyId: "" } } } } },
            },
        },
        problems: [
            line("users.none.accessKeys.a.store", "must set exactly one of secretsManager and ssmParameter"),
            line("users.both.accessKeys.a.store", "must set exactly one of secretsManager and ssmParameter"),
            line("users.names.accessKeys.a.store.secretsManager.name", "must be 1-512 of letters, digits and /_+=.@-"),
            line("users.names.accessKeys.b.store.secretsManager.name", "must be 1-512 of letters, digits and /_+=.@-"),
            line(
                "users.suffix.accessKeys.a.store.secretsManager.name",
                "warning: ends with a hyphen and six characters, which look like the suffix Secrets Manager adds to the ARN",
                "end the name otherwise, for example without the last hyphen",
            ),
            line(
                "users.ssm.accessKeys.a.store.ssmParameter.name",
                'a name with a path starts with "/": "/prod/mailer"',
            ),
            line(
                "users.ssm.accessKeys.b.store.ssmParameter.name",
                'must not start with "aws" or "ssm" (any case): those names are reserved',
            ),
            line(
                "users.ssm2.accessKeys.a.store.ssmParameter.name",
                'must not have an empty level ("//", or "/" at the end)',
            ),
            line("users.ssm2.accessKeys.b.store.ssmParameter.name", "16 levels; a parameter hierarchy has 15 at most"),
            line(
                "users.ssm3.accessKeys.a.store.ssmParameter.name",
                "must be letters, digits and _.-, with / between the levels of a path",
            ),
            line(
                "users.kms.accessKeys.a.store.ssmParameter.kmsKeyId",
                "must be a KMS key ID, key ARN or alias (alias/...)",
            ),
        ],
    },
    {
        name: "smtp and store under a pgpKey",
        values: {
            pgpKey: "keybase:example",
            users: {
                bob: {
                    accessKeys: {
                        mail: { smtp: true },
                        app: { store: { ssmParameter: { name: "/bob/app" } } },
                    },
                },
            },
        },
        problems: [
            line(
                "users.bob.accessKeys.mail.smtp",
                `key "mail": IAM cannot encrypt an SMTP password with the stack's pgpKey`,
                "deploy this user from a stack without a pgpKey, or remove smtp",
            ),
            line(
                "users.bob.accessKeys.app.store",
                'key "app": with a pgpKey the stack holds only the encrypted secret, which a store cannot deliver',
                "deploy this user from a stack without a pgpKey, or remove store",
            ),
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

describe("stack validation", () => {
    validationTable("console and access keys", CONSOLE_AND_KEY_ROWS);
});
