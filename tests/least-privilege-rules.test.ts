import * as assert from "assert";
import { analyzeStack } from "../least-privilege/analyze";
import { lintPolicies, lintUsers } from "../least-privilege/rules";
import { PolicyStatement } from "../stacks/config/model";
import { formatProblem } from "../stacks/config/problems";
import { consoleAccess, group, oneKey, policyFile, stack, user } from "./support/stack-model";

const lintStatement = (statement: PolicyStatement): string[] =>
    lintPolicies(stack({ users: [user("emily", { policies: [policyFile("p", statement)] })] })).map(formatProblem);

/** The hint of each statement rule, as every warning of that rule prints it. */
const HINTS: Record<string, string> = {
    "allow-all": "list the actions that are needed; attach AdministratorAccess if full access is really intended",
    "iam-full-access": "name the IAM actions and the users or roles they apply to",
    "pass-role-any": "restrict Resource to the ARNs of the roles it may pass",
    "assume-role-any": "restrict Resource to the ARNs of the roles it may assume",
    "allow-not-action": "list the allowed actions under Action instead",
    "write-any-resource": 'name the resources (ARNs, with wildcards where needed) instead of "*"',
};

/** A warning about the statement of `policies/p.json`, as check prints it. */
const warned = (rule: string, message: string, at = "Statement[0]"): string =>
    `policies/p.json: ${at}: warning[${rule}]: ${message}\n  hint: ${HINTS[rule]}`;

describe("least-privilege lint: statements", () => {
    /** A statement, and the rule and message of the one warning it should raise (at `Statement[0]`, or `at`). */
    const warns: [PolicyStatement, string, string, string?][] = [
        [
            { Sid: "AllowAll", Effect: "Allow", Action: ["*"], Resource: ["arn:aws:s3:::b"] },
            "allow-all",
            'allows every action ("*")',
            'Statement[0] (Sid "AllowAll")',
        ],
        [
            { Effect: "Allow", Action: ["s3:GetObject", "*:*"], Resource: ["*"] },
            "allow-all",
            'allows every action ("*:*")',
        ],
        [
            { Effect: "Allow", Action: ["IAM:*"], Resource: ["*"] },
            "iam-full-access",
            'allows "IAM:*" on every resource: whoever has it can grant themselves anything',
        ],
        [
            { Effect: "Allow", Action: ["iam:Pass*"], Resource: ["*"] },
            "pass-role-any",
            'allows iam:PassRole ("iam:Pass*") on every resource: any role, an admin role too, can be handed to a service',
        ],
        [
            { Effect: "Allow", Action: ["sts:AssumeRole"], Resource: ["*"] },
            "assume-role-any",
            'allows sts:AssumeRole ("sts:AssumeRole") on every resource: any role that trusts the account can be assumed',
        ],
        [
            { Effect: "Allow", NotAction: ["iam:*"], Resource: ["*"] },
            "allow-not-action",
            "Allow with NotAction grants every action not listed, including actions AWS adds later",
        ],
        [
            {
                Effect: "Allow",
                Action: [
                    "s3:GetObject",
                    "s3:PutObject",
                    "dynamodb:PutItem",
                    "dynamodb:DeleteItem",
                    "lambda:InvokeFunction",
                ],
                Resource: ["*"],
            },
            "write-any-resource",
            "allows write actions on every resource although their services can scope them to resources: s3:PutObject, dynamodb:PutItem, dynamodb:DeleteItem and 1 more",
        ],
    ];
    for (const [statement, rule, message, at] of warns) {
        it(`${rule}: ${JSON.stringify(statement.Action ?? statement.NotAction)}`, () =>
            assert.deepStrictEqual(lintStatement(statement), [warned(rule, message, at)]));
    }

    const clean: [string, PolicyStatement][] = [
        [
            "iam:* on named resources",
            { Effect: "Allow", Action: ["iam:*"], Resource: ["arn:aws:iam::*:user/${aws:username}"] },
        ],
        [
            "writes on named resources",
            { Effect: "Allow", Action: ["s3:PutObject"], Resource: ["arn:aws:s3:::invoices/*"] },
        ],
        [
            "reads, and writes without resource-level permissions, on *",
            {
                Effect: "Allow",
                Action: [
                    "s3:GetObject",
                    "s3:ListAllMyBuckets",
                    "cloudformation:ValidateTemplate",
                    "sts:GetCallerIdentity",
                ],
                Resource: ["*"],
            },
        ],
        ["a Deny of everything", { Effect: "Deny", Action: ["*"], Resource: ["*"] }],
        ["a Deny with NotAction", { Effect: "Deny", NotAction: ["iam:ChangePassword"], Resource: ["*"] }],
    ];
    for (const [name, statement] of clean) {
        it(`no warning: ${name}`, () => assert.deepStrictEqual(lintStatement(statement), []));
    }

    it("finds nothing to flag in the MFA policy that requireMfa groups attach", () => {
        assert.deepStrictEqual(lintPolicies(stack({ groups: [group("Ops", { requireMfa: true })] })), []);
    });

    it("reports a file once however many users and groups attach it, and the file's allowWarnings silence its rules", () => {
        const file = policyFile("deploy", {
            Effect: "Allow",
            Action: ["iam:PassRole", "s3:PutObject"],
            Resource: ["*"],
        });
        const users = [user("a", { policies: [file] }), user("b", { inlinePolicies: [file] })];
        const groups = [group("Ops", { policies: [file] })];
        assert.deepStrictEqual(
            lintPolicies(stack({ users, groups })).map((p) => p.rule),
            ["pass-role-any", "write-any-resource"],
        );
        const accepted = stack({ users, groups, allowWarnings: { "policies/deploy.json": ["pass-role-any"] } });
        assert.deepStrictEqual(
            lintPolicies(accepted).map((p) => p.rule),
            ["write-any-resource"],
        );
    });
});

describe("least-privilege lint: users", () => {
    const admins = group("Admins", { managedPolicies: ["AdministratorAccess"] });
    const mfaAdmins = group("MfaAdmins", {
        managedPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess"],
        requireMfa: true,
    });
    const power = group("Power", { managedPolicies: ["PowerUserAccess"] });
    const lint = (...args: Parameters<typeof stack>): string[] => lintUsers(stack(...args)).map(formatProblem);

    it("admin-console-without-mfa: AdministratorAccess or PowerUserAccess, console, no requireMfa group", () => {
        assert.deepStrictEqual(
            lint({
                groups: [admins, power, mfaAdmins],
                users: [
                    user("emily", { console: consoleAccess, groups: ["Power"] }),
                    user("root", { console: consoleAccess, managedPolicies: ["AdministratorAccess"] }),
                    user("safe", { console: consoleAccess, groups: ["MfaAdmins"] }),
                    user("bot", { groups: ["Admins"] }),
                ],
            }),
            [
                "Pulumi.test.yaml: iam-users:users.emily.console: warning[admin-console-without-mfa]: emily has PowerUserAccess via group Power and console access, but none of its groups has requireMfa\n" +
                    "  hint: add the user to a group with requireMfa: true, so that a password alone is not enough",
                "Pulumi.test.yaml: iam-users:users.root.console: warning[admin-console-without-mfa]: root has AdministratorAccess and console access, but none of its groups has requireMfa\n" +
                    "  hint: add the user to a group with requireMfa: true, so that a password alone is not enough",
            ],
        );
    });

    it("console-without-password-policy: a console user in a stack without a password policy", () => {
        assert.deepStrictEqual(
            lint({ passwordPolicy: undefined, users: [user("emily", { console: consoleAccess }), user("bot")] }),
            [
                "Pulumi.test.yaml: iam-users:users.emily.console: warning[console-without-password-policy]: emily has console access but the stack sets no iam-users:passwordPolicy\n" +
                    "  hint: add iam-users:passwordPolicy (minimumLength 14 or more)",
            ],
        );
    });

    it("admin-access-key-with-console: an access key on a console user with admin rights", () => {
        const everything = policyFile("everything", { Effect: "Allow", Action: ["*"], Resource: ["*"] });
        assert.deepStrictEqual(
            lint({
                groups: [mfaAdmins, power],
                users: [
                    user("emily", { console: consoleAccess, accessKeys: oneKey, groups: ["MfaAdmins"] }),
                    user("max", {
                        console: consoleAccess,
                        accessKeys: oneKey,
                        inlinePolicies: [everything],
                        groups: ["MfaAdmins"],
                    }),
                    user("pat", {
                        console: consoleAccess,
                        accessKeys: oneKey,
                        groups: ["Power"],
                        allowWarnings: ["admin-console-without-mfa"],
                    }),
                    user("terraform", { accessKeys: oneKey, managedPolicies: ["AdministratorAccess"] }),
                ],
            }),
            [
                "Pulumi.test.yaml: iam-users:users.emily.accessKeys: warning[admin-access-key-with-console]: emily has AdministratorAccess via group MfaAdmins, console access and an access key: a leaked key is a leaked administrator\n" +
                    "  hint: give automation a user of its own without console access",
                'Pulumi.test.yaml: iam-users:users.max.accessKeys: warning[admin-access-key-with-console]: max has policies/everything.json allowing "*", console access and an access key: a leaked key is a leaked administrator\n' +
                    "  hint: give automation a user of its own without console access",
            ],
        );
    });

    it("a user's or one of its groups' allowWarnings silence a user rule", () => {
        const accepted = group("BreakGlass", {
            managedPolicies: ["AdministratorAccess"],
            allowWarnings: ["admin-console-without-mfa"],
        });
        assert.deepStrictEqual(
            lint({
                passwordPolicy: undefined,
                groups: [accepted],
                users: [
                    user("a", { console: consoleAccess, groups: ["BreakGlass"] }),
                    user("b", { console: consoleAccess, allowWarnings: ["console-without-password-policy"] }),
                ],
            }).map((line) => line.split("\n")[0]),
            [
                "Pulumi.test.yaml: iam-users:users.a.console: warning[console-without-password-policy]: a has console access but the stack sets no iam-users:passwordPolicy",
            ],
        );
    });
});

describe("least-privilege: allowWarnings entries", () => {
    it("are errors when they name no rule or no policy file of the stack", async () => {
        const file = policyFile("p", { Effect: "Allow", Action: ["s3:GetObject"], Resource: ["*"] });
        const model = stack({
            groups: [group("Ops", { allowWarnings: ["allow-al"] })],
            users: [user("emily", { policies: [file], allowWarnings: ["nonsense"] })],
            allowWarnings: { "policies/p.json": ["write-any-resource"], "policies/q.json": ["allow-all"] },
        });
        assert.deepStrictEqual(
            // Only the entries' own errors: the stack also fails controls, which tests/controls.test.ts covers.
            (await analyzeStack(model)).filter((p) => !p.rule).map((p) => formatProblem({ ...p, hint: undefined })),
            [
                'Pulumi.test.yaml: iam-users:allowWarnings.policies/q.json: no policy file "policies/q.json" in this stack (did you mean "policies/p.json"?)',
                'Pulumi.test.yaml: iam-users:groups.Ops.allowWarnings[0]: unknown lint rule "allow-al" (did you mean "allow-all"?)',
                'Pulumi.test.yaml: iam-users:users.emily.allowWarnings[0]: unknown lint rule "nonsense"',
            ],
        );
    });
});
