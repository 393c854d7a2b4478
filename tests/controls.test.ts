/**
 * The static controls (least-privilege/controls): each detector as a table of input and exact
 * finding, where `check` places each finding in the stack, and the `waive` entries.
 */
import * as assert from "assert";
import { CONTROLS, checkControls, passwordPolicyFindings } from "../least-privilege/controls";
import { formatProblem, type PasswordPolicyModel, type StackModel } from "../stacks/config";
import { consoleAccess, group, oneKey, policyFile, stack, user } from "./support/stack-model";

/** A password policy that passes every control. */
const STRONG: PasswordPolicyModel = {
    minimumLength: 14,
    requireSymbols: true,
    requireNumbers: true,
    requireUppercase: true,
    requireLowercase: true,
    maxAgeDays: 90,
    reusePrevention: 24,
};

/** The problems of `over` on a stack with the strong policy, one line each, hints dropped. */
const lines = (over: Partial<StackModel>): string[] =>
    checkControls(stack({ passwordPolicy: STRONG, ...over })).map((p) => formatProblem({ ...p, hint: undefined }));

const at = (keyPath: string, rest: string) => `Pulumi.test.yaml: ${keyPath}: ${rest}`;

describe("controls: the password policy (IAM.7, IAM.11-17, CIS 1.8-1.9)", () => {
    const table: [string, PasswordPolicyModel | undefined, [string, string, string][]][] = [
        ["the strong policy", STRONG, []],
        [
            "no policy",
            undefined,
            [
                [
                    "IAM.7",
                    "",
                    "IAM.7: no password policy is set, so IAM's default applies (8 characters, no character classes, no reuse limit, no expiry)",
                ],
                [
                    "IAM.11",
                    "requireUppercase",
                    "IAM.11: passwords need not contain an uppercase letter (requireUppercase is not true)",
                ],
                [
                    "IAM.12",
                    "requireLowercase",
                    "IAM.12: passwords need not contain a lowercase letter (requireLowercase is not true)",
                ],
                [
                    "IAM.13",
                    "requireSymbols",
                    "IAM.13: passwords need not contain a symbol (requireSymbols is not true)",
                ],
                [
                    "IAM.14",
                    "requireNumbers",
                    "IAM.14: passwords need not contain a number (requireNumbers is not true)",
                ],
                [
                    "IAM.15",
                    "minimumLength",
                    "IAM.15 / CIS 1.8: the minimum password length is 8 (IAM's default); the controls require 14 or more",
                ],
                [
                    "IAM.16",
                    "reusePrevention",
                    "IAM.16 / CIS 1.9: any earlier password may be reused; the controls require 24",
                ],
                ["IAM.17", "maxAgeDays", "IAM.17: passwords never expire; the control requires 90 days or less"],
            ],
        ],
        [
            "one value just below each threshold",
            { ...STRONG, minimumLength: 13, reusePrevention: 23, maxAgeDays: 91 },
            [
                [
                    "IAM.15",
                    "minimumLength",
                    "IAM.15 / CIS 1.8: the minimum password length is 13; the controls require 14 or more",
                ],
                [
                    "IAM.16",
                    "reusePrevention",
                    "IAM.16 / CIS 1.9: only the last 23 passwords are remembered; the controls require 24",
                ],
                [
                    "IAM.17",
                    "maxAgeDays",
                    "IAM.17: passwords expire after 91 days; the control requires 90 days or less",
                ],
            ],
        ],
        [
            "a character class switched off",
            { ...STRONG, requireSymbols: false },
            [["IAM.13", "requireSymbols", "IAM.13: passwords need not contain a symbol (requireSymbols is not true)"]],
        ],
    ];
    for (const [name, policy, expected] of table) {
        it(name, () => {
            assert.deepStrictEqual(
                passwordPolicyFindings(policy).map((f) => [f.control, f.field, f.message]),
                expected,
            );
        });
    }

    it("points at the failing key, and at the policy key when it is absent", () => {
        assert.deepStrictEqual(lines({ passwordPolicy: { ...STRONG, minimumLength: 12 } }), [
            at(
                "iam-users:passwordPolicy.minimumLength",
                "warning[IAM.15]: IAM.15 / CIS 1.8: the minimum password length is 12; the controls require 14 or more",
            ),
        ]);
        const absent = checkControls(
            stack({
                passwordPolicy: undefined,
                users: [user("a", { console: consoleAccess, groups: ["G"] })],
                groups: [group("G", { requireMfa: true })],
            }),
        );
        assert.deepStrictEqual(
            absent.map((p) => [p.rule, p.keyPath]),
            ["IAM.7", "IAM.11", "IAM.12", "IAM.13", "IAM.14", "IAM.15", "IAM.16", "IAM.17"].map((r) => [
                r,
                "iam-users:passwordPolicy",
            ]),
        );
    });

    it("says nothing of an absent policy in a stack without console users", () => {
        assert.deepStrictEqual(lines({ passwordPolicy: undefined, users: [user("ci")] }), []);
    });
});

describe("controls: users and policies, at the key that causes each", () => {
    const mfa = group("People", { requireMfa: true });
    const table: [string, Partial<StackModel>, string[]][] = [
        [
            "a user in an MFA group with nothing attached",
            { groups: [mfa], users: [user("emily", { groups: ["People"], console: consoleAccess })] },
            [],
        ],
        [
            "IAM.2 once per field that attaches policies to a user",
            {
                users: [
                    user("ci", {
                        managedPolicies: ["ReadOnlyAccess"],
                        policies: [policyFile("p", { Effect: "Allow", Action: ["s3:GetObject"], Resource: ["*"] })],
                        inlinePolicies: [
                            policyFile("q", { Effect: "Allow", Action: ["s3:GetObject"], Resource: ["*"] }),
                        ],
                    }),
                ],
            },
            ["managedPolicies", "policyFiles", "inlinePolicyFiles"].map((field) =>
                at(
                    `iam-users:users.ci.${field}`,
                    `warning[IAM.2]: IAM.2 / CIS 1.15: ci has policies attached directly (${field}); permissions should come only from groups`,
                ),
            ),
        ],
        [
            "IAM.5 for a console user in no MFA group, and CIS 1.11 for its key",
            {
                groups: [group("Plain")],
                users: [user("bob", { groups: ["Plain"], console: consoleAccess, accessKeys: oneKey })],
            },
            [
                at(
                    "iam-users:users.bob.console",
                    "warning[IAM.5]: IAM.5 / CIS 1.10: bob has console access but is in no group that enforces MFA",
                ),
                at(
                    "iam-users:users.bob.accessKeys",
                    "note[CIS 1.11]: CIS 1.11: bob is a console user whose access key is created with the user; create keys later, when the user asks for one",
                ),
            ],
        ],
        [
            "a group whose own policy enforces MFA counts as an MFA group",
            {
                groups: [
                    group("Own", {
                        policies: [
                            policyFile("mfa", {
                                Effect: "Deny",
                                NotAction: ["iam:ChangePassword"],
                                Resource: ["*"],
                                Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": ["false"] } },
                            }),
                        ],
                    }),
                ],
                users: [user("carol", { groups: ["Own"], console: consoleAccess })],
            },
            [],
        ],
        [
            "CIS 1.13 for two Active keys, not for an Active and an Inactive one",
            {
                users: [
                    user("two", { accessKeys: [oneKey[0], { ...oneKey[0], slot: "new" }] }),
                    user("rotated", { accessKeys: [oneKey[0], { ...oneKey[0], slot: "old", status: "Inactive" }] }),
                ],
            },
            [
                at(
                    "iam-users:users.two.accessKeys",
                    "warning[CIS 1.13]: CIS 1.13: two has 2 Active access keys; the control allows 1, and 2 only while a rotation moves clients to the new key",
                ),
            ],
        ],
        [
            "IAM.27 at the managed policy entry, by name or ARN, on groups and users",
            {
                groups: [
                    group("Shell", {
                        managedPolicies: ["ReadOnlyAccess", "arn:aws:iam::aws:policy/AWSCloudShellFullAccess"],
                    }),
                ],
                users: [user("dana", { groups: ["Shell"] })],
            },
            [
                at(
                    "iam-users:groups.Shell.managedPolicies[1]",
                    "warning[IAM.27]: IAM.27: AWSCloudShellFullAccess is attached: CloudShell can upload and download files and reach the internet",
                ),
            ],
        ],
        [
            "IAM.1 and IAM.21 at the statement of the policy file, once however many use it",
            {
                groups: [
                    group("A", {
                        policies: [
                            policyFile(
                                "wide",
                                { Sid: "All", Effect: "Allow", Action: ["*"], Resource: ["*"] },
                                {
                                    Effect: "Allow",
                                    Action: ["s3:*", "ec2:Describe*", "sqs:*"],
                                    Resource: ["arn:aws:s3:::b"],
                                },
                                { Effect: "Deny", Action: ["iam:*"], Resource: ["*"] },
                                { Effect: "Allow", Action: ["*"], Resource: ["arn:aws:s3:::b"] },
                            ),
                        ],
                    }),
                    group("B", { policies: [policyFile("wide", { Effect: "Allow", Action: ["*"], Resource: ["*"] })] }),
                ],
            },
            [
                'policies/wide.json: Statement[0] (Sid "All"): warning[IAM.1]: IAM.1 / CIS 1.16: allows "*" on "*": full administrative access in a customer policy',
                'policies/wide.json: Statement[1]: warning[IAM.21]: IAM.21: allows every action of a service ("s3:*", "sqs:*")',
            ],
        ],
    ];
    for (const [name, over, expected] of table) {
        it(name, () => assert.deepStrictEqual(lines(over), expected));
    }
});

describe("controls: waive", () => {
    it("turns a finding into a note that says who waived it and why, by any id of the control", () => {
        assert.deepStrictEqual(
            lines({
                users: [
                    user("break-glass", {
                        managedPolicies: ["AdministratorAccess"],
                        waive: new Map([["IAM.2", "break-glass user, reviewed 2026-11"]]),
                    }),
                    user("ci", {
                        managedPolicies: ["ReadOnlyAccess"],
                        waive: new Map([["CIS 1.15", "one read-only automation user"]]),
                    }),
                ],
            }),
            [
                at(
                    "iam-users:users.break-glass.managedPolicies",
                    'note[IAM.2]: waived by iam-users:users.break-glass.waive.IAM.2 ("break-glass user, reviewed 2026-11"): IAM.2 / CIS 1.15: break-glass has policies attached directly (managedPolicies); permissions should come only from groups',
                ),
                at(
                    "iam-users:users.ci.managedPolicies",
                    'note[IAM.2]: waived by iam-users:users.ci.waive.CIS 1.15 ("one read-only automation user"): IAM.2 / CIS 1.15: ci has policies attached directly (managedPolicies); permissions should come only from groups',
                ),
            ],
        );
    });

    it("of a group covers its members; a policy file's finding needs every owner to waive it", () => {
        const all = policyFile("all", { Effect: "Allow", Action: ["*"], Resource: ["*"] });
        const problems = checkControls(
            stack({
                passwordPolicy: STRONG,
                groups: [
                    group("Ops", { waive: new Map([["IAM.5", "members sign in through SSO first"]]) }),
                    group("G", { policies: [all], waive: new Map([["IAM.1", "admins"]]) }),
                ],
                users: [user("ops", { groups: ["Ops"], console: consoleAccess }), user("x", { policies: [all] })],
            }),
        );
        assert.deepStrictEqual(
            problems.map((p) => [p.rule, p.severity, p.keyPath]),
            [
                ["IAM.5", "note", "iam-users:users.ops.console"],
                ["IAM.2", "warning", "iam-users:users.x.policyFiles"],
                ["IAM.1", "warning", "Statement[0]"],
            ],
        );
    });

    it("naming an unknown control is an error with a suggestion", () => {
        assert.deepStrictEqual(
            checkControls(
                stack({
                    passwordPolicy: STRONG,
                    users: [
                        user("u", {
                            waive: new Map([
                                ["IAM.22x", "?"],
                                ["IAM 2", "typo"],
                            ]),
                        }),
                    ],
                }),
            ).map((p) => [formatProblem(p)]),
            [
                [
                    'Pulumi.test.yaml: iam-users:users.u.waive.IAM.22x: unknown control "IAM.22x" (did you mean "IAM.22"?)\n' +
                        `  hint: controls: ${CONTROLS.map((c) => c.id).join(", ")}`,
                ],
                [
                    'Pulumi.test.yaml: iam-users:users.u.waive.IAM 2: unknown control "IAM 2" (did you mean "IAM.2"?)\n' +
                        `  hint: controls: ${CONTROLS.map((c) => c.id).join(", ")}`,
                ],
            ],
        );
    });
});
