/** `iam-users:expectations` (stacks/config/validate/expectations.ts). */
import { line, USER_KEYS, type Row, validationTable } from "./support/validate-table";

const EXPECTATION_ROWS: Row[] = [
    {
        name: "expectations for an undefined user",
        values: { users: { emily: {} }, expectations: { emiyl: { allowed: [{ action: "s3:GetObject" }] } } },
        problems: [line("expectations.emiyl", 'user "emiyl" is not defined (did you mean "emily"?)')],
    },
    {
        name: "expectations for a user whose config has errors",
        values: {
            users: { emily: { grups: [] }, cy: "admin" },
            expectations: { emily: { denied: [{ action: "iam:CreateUser" }] }, cy: {} },
        },
        problems: [
            line("users.emily.grups", 'unknown key "grups" (did you mean "groups"?)', USER_KEYS),
            line("users.cy", 'expected a map, got the string "admin"'),
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

describe("stack validation", () => {
    validationTable("expectations", EXPECTATION_ROWS);
});
