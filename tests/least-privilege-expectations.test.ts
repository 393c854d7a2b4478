import * as assert from "assert";
import { checkExpectations } from "../least-privilege/expectations";
import { ExpectationModel, StackModel } from "../stacks/config/model";
import { formatProblem } from "../stacks/config/problems";
import { consoleAccess, group, policyFile, stack, user } from "./support/stack-model";

const invoices = policyFile("invoices", {
    Sid: "Invoices",
    Effect: "Allow",
    Action: ["s3:*"],
    Resource: ["arn:aws:s3:::invoices", "arn:aws:s3:::invoices/*"],
});
const noBucketDeletes = policyFile("no-delete", {
    Sid: "NoBucketDeletes",
    Effect: "Deny",
    Action: ["s3:DeleteBucket"],
    Resource: ["*"],
});
const ops = group("Ops", { name: "dev-Ops", policies: [noBucketDeletes], requireMfa: true });
const admins = group("Admins", { external: true });

/** One expectation of `emily`, at `allowed[0]` or `denied[0]`. */
const expect1 = (
    kind: "allowed" | "denied",
    action: string,
    resource = "*",
    mfa = true,
): StackModel["expectations"] => {
    const e: ExpectationModel = { action, resource, mfa, keyPath: `iam-users:expectations.emily.${kind}[0]` };
    return { emily: { allowed: kind === "allowed" ? [e] : [], denied: kind === "denied" ? [e] : [] } };
};

const run = async (over: Partial<StackModel>): Promise<string[]> =>
    (await checkExpectations(stack(over))).map(formatProblem);

describe("least-privilege expectations", () => {
    const emily = user("emily", { name: "dev-emily", policies: [invoices], groups: ["Ops"], console: consoleAccess });
    const groups = [ops, admins];

    const cases: [string, StackModel["expectations"], string[]][] = [
        ["allowed, and Allowed", expect1("allowed", "s3:PutObject", "arn:aws:s3:::invoices/2026/01.pdf"), []],
        ["allowed on * when some resource is allowed", expect1("allowed", "s3:PutObject"), []],
        ["denied, and ImplicitlyDenied", expect1("denied", "iam:CreateUser"), []],
        ["denied, and ExplicitlyDenied", expect1("denied", "s3:DeleteBucket", "arn:aws:s3:::invoices"), []],
        [
            "allowed, but ImplicitlyDenied",
            expect1("allowed", "s3:PutObject", "arn:aws:s3:::other/x"),
            [
                "Pulumi.test.yaml: iam-users:expectations.emily.allowed[0]: emily: expected allowed, got ImplicitlyDenied for s3:PutObject on arn:aws:s3:::other/x: no statement allows it",
            ],
        ],
        [
            "denied, but Allowed",
            expect1("denied", "s3:PutObject", "arn:aws:s3:::invoices/x"),
            [
                'Pulumi.test.yaml: iam-users:expectations.emily.denied[0]: emily: expected denied, got Allowed for s3:PutObject on arn:aws:s3:::invoices/x: allowed by policies/invoices.json Statement[0] (Sid "Invoices")',
            ],
        ],
        [
            "allowed, but a group's Deny beats the user's Allow: ExplicitlyDenied",
            expect1("allowed", "s3:DeleteBucket", "arn:aws:s3:::invoices"),
            [
                'Pulumi.test.yaml: iam-users:expectations.emily.allowed[0]: emily: expected allowed, got ExplicitlyDenied for s3:DeleteBucket on arn:aws:s3:::invoices: denied by policies/no-delete.json (group Ops) Statement[0] (Sid "NoBucketDeletes")',
            ],
        ],
        [
            "without MFA, the group's MFA policy denies all but the user's own credentials",
            expect1("allowed", "s3:GetObject", "arn:aws:s3:::invoices/x", false),
            [
                'Pulumi.test.yaml: iam-users:expectations.emily.allowed[0]: emily: expected allowed, got ExplicitlyDenied for s3:GetObject on arn:aws:s3:::invoices/x without MFA: denied by dev-Ops-require-mfa (group Ops) Statement[5] (Sid "DenyAllExceptListedIfNoMFA")',
            ],
        ],
        [
            "without MFA, the user may still change its own password",
            expect1("allowed", "iam:ChangePassword", "arn:aws:iam::123456789012:user/dev-emily", false),
            [],
        ],
        [
            "an action pattern",
            expect1("denied", "s3:Put*"),
            [
                'Pulumi.test.yaml: iam-users:expectations.emily.denied[0]: expectations name one action, not the pattern "s3:Put*"\n' +
                    "  hint: write one line per action",
            ],
        ],
        [
            "an unknown action",
            expect1("denied", "s3:PutObjekt"),
            [
                'Pulumi.test.yaml: iam-users:expectations.emily.denied[0]: unknown action "s3:PutObjekt" (did you mean "s3:PutObject"?)',
            ],
        ],
    ];
    for (const [name, expectations, expected] of cases) {
        it(name, async () => assert.deepStrictEqual(await run({ groups, users: [emily], expectations }), expected));
    }

    describe("a permissions boundary caps an AdministratorAccess user", () => {
        const root = user("emily", {
            managedPolicies: ["AdministratorAccess"],
            permissionsBoundary: "arn:aws:iam::aws:policy/PowerUserAccess",
        });
        it("denied iam:CreateUser holds", async () => {
            assert.deepStrictEqual(await run({ users: [root], expectations: expect1("denied", "iam:CreateUser") }), []);
        });
        it("allowed iam:CreateUser fails, naming the boundary", async () => {
            assert.deepStrictEqual(
                await run({
                    users: [root],
                    expectations: expect1("allowed", "iam:CreateUser", "arn:aws:iam::123456789012:user/x"),
                }),
                [
                    "Pulumi.test.yaml: iam-users:expectations.emily.allowed[0]: emily: expected allowed, got ImplicitlyDenied for iam:CreateUser on arn:aws:iam::123456789012:user/x: the permissions boundary arn:aws:iam::aws:policy/PowerUserAccess does not allow it",
                ],
            );
        });
        it("denied s3:PutObject fails, naming the managed policy's statement", async () => {
            assert.deepStrictEqual(await run({ users: [root], expectations: expect1("denied", "s3:PutObject") }), [
                "Pulumi.test.yaml: iam-users:expectations.emily.denied[0]: emily: expected denied, got Allowed for s3:PutObject on *: allowed by AdministratorAccess Statement[0]",
            ]);
        });
    });

    describe("a user that cannot be fully resolved", () => {
        const partial = user("emily", {
            policies: [invoices, noBucketDeletes],
            groups: ["Admins"],
            managedPolicies: ["arn:aws:iam::111122223333:policy/custom"],
        });
        it("says which parts were not evaluated instead of guessing", async () => {
            assert.deepStrictEqual(
                await run({ groups, users: [partial], expectations: expect1("denied", "iam:CreateUser") }),
                [
                    "Pulumi.test.yaml: iam-users:expectations.emily.denied[0]: warning[unresolved-expectation]: emily: iam:CreateUser on * was not evaluated: managed policy arn:aws:iam::111122223333:policy/custom, external group Admins cannot be resolved offline\n" +
                        "  hint: expectations of this user hold only for the parts this stack defines",
                ],
            );
        });
        it("still decides an explicit Deny, which nothing can override", async () => {
            assert.deepStrictEqual(
                await run({
                    groups,
                    users: [partial],
                    expectations: expect1("denied", "s3:DeleteBucket", "arn:aws:s3:::invoices"),
                }),
                [],
            );
        });
        it("is silenced by the user's allowWarnings", async () => {
            const accepted = { ...partial, allowWarnings: ["unresolved-expectation"] };
            assert.deepStrictEqual(
                await run({ groups, users: [accepted], expectations: expect1("denied", "iam:CreateUser") }),
                [],
            );
        });
        it("does not evaluate an action that allowUnknown admits but the catalog lacks", async () => {
            assert.deepStrictEqual(
                await run({
                    users: [user("emily")],
                    expectations: expect1("denied", "s3:BrandNewThing"),
                    allowUnknown: { actions: ["s3:BrandNewThing"], managedPolicies: [] },
                }),
                [
                    "Pulumi.test.yaml: iam-users:expectations.emily.denied[0]: warning[unresolved-expectation]: emily: s3:BrandNewThing on * was not evaluated: the action is not in the IAM catalog",
                ],
            );
        });
    });
});
