/**
 * The CrossGuard pack (guard/): each policy's validateResource and validateStack called directly,
 * as the Pulumi engine would, on (a) what the mocked program registers for Pulumi.dev.yaml and
 * Pulumi.prod.yaml and (b) hand-made aws.iam resources that do not come from our components.
 */
import * as assert from "assert";
import * as path from "path";
import type { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { ready, record, type Registration } from "./mocks";
import { loadStack } from "../stacks/config";

/** A resource as policies see it: its type, name, URN and properties. */
type Res = { type: string; name: string; props: Record<string, any> };

const asPolicyResource = (r: Res): PolicyResource =>
    ({
        ...r,
        urn: `urn:pulumi:test::iam-users::${r.type}::${r.name}`,
        opts: {} as PolicyResource["opts"],
    }) as PolicyResource;

/** Every violation of a resource policy over `resources`: `name: message`. */
async function resourceViolations(policy: ResourceValidationPolicy, resources: readonly Res[]): Promise<string[]> {
    const validations = [policy.validateResource!].flat();
    const out: string[] = [];
    for (const r of resources) {
        const args = {
            ...asPolicyResource(r),
            isType: (cls: unknown) => (cls as { __pulumiType?: string }).__pulumiType === r.type,
            notApplicable: () => undefined,
        };
        for (const validate of validations) {
            try {
                await validate(args as never, (message) => out.push(`${r.name}: ${message}`));
            } catch (e) {
                // validateResourceOfType says "not applicable" for other types by throwing.
                if (!/not applicable|NotApplicable/i.test(String(e))) throw e;
            }
        }
    }
    return out;
}

/** Every violation of a stack policy over `resources`: `resource name: message`. */
async function stackViolations(policy: StackValidationPolicy, resources: readonly Res[]): Promise<string[]> {
    const out: string[] = [];
    const all = resources.map(asPolicyResource);
    const names = new Map(all.map((r) => [r.urn, r.name]));
    await policy.validateStack({ resources: all } as never, (message, urn) =>
        out.push(`${urn ? names.get(urn) : "(stack)"}: ${message}`),
    );
    return out;
}

const fromRegistrations = (regs: readonly Registration[]): Res[] =>
    regs.map((r) => ({ type: r.type, name: r.name, props: r.inputs }));

describe("guard: the policy pack", () => {
    let guard: typeof import("../guard/policies");
    let dev: Res[];
    let prod: Res[];
    before(async function () {
        this.timeout(60_000);
        await ready;
        guard = await import("../guard/policies");
        const program = await import("../stacks/program");
        const build = async (stack: string) => {
            const { model } = loadStack(path.join(__dirname, "..", `Pulumi.${stack}.yaml`));
            return fromRegistrations(await record(() => void program.buildStack(model!)));
        };
        dev = await build("dev");
        prod = await build("prod");
    });

    it("lists one policy per control family, all advisory", () => {
        assert.deepStrictEqual(
            guard.POLICIES.map((p) => [p.name, p.enforcementLevel]),
            [
                ["iam-password-policy", "advisory"],
                ["iam-password-policy-present", "advisory"],
                ["iam-customer-policies", "advisory"],
                ["iam-cloudshell-full-access", "advisory"],
                ["iam-user-controls", "advisory"],
            ],
        );
    });

    it("on the dev program: what check finds, without the stack file's waivers (emily's MFA group is found from its policy)", async () => {
        assert.deepStrictEqual(await resourceViolations(guard.passwordPolicy, dev), []);
        assert.deepStrictEqual(await resourceViolations(guard.customerPolicies, dev), []);
        assert.deepStrictEqual(await resourceViolations(guard.cloudShellFullAccess, dev), []);
        assert.deepStrictEqual(await stackViolations(guard.passwordPolicyPresent, dev), []);
        assert.deepStrictEqual(await stackViolations(guard.userControls, dev), [
            "workshop-policy-workshop-minimal: IAM.2 / CIS 1.15: dev-workshop-cli has policies attached directly (workshop-policy-workshop-minimal); permissions should come only from groups",
            "emily-key-cli: CIS 1.11: dev-emily is a console user whose access key is created with the user; create keys later, when the user asks for one",
            "terraform-managed-AdministratorAccess: IAM.2 / CIS 1.15: dev-terraform has policies attached directly (terraform-managed-AdministratorAccess); permissions should come only from groups",
            "ai-invoice-scanner-user-policy-invoice-scanner-s3: IAM.2 / CIS 1.15: dev-ai-invoice-scanner-user has policies attached directly (ai-invoice-scanner-user-policy-invoice-scanner-s3); permissions should come only from groups",
            "ai-invoice-scanner-user-policy-invoice-scanner-textract: IAM.2 / CIS 1.15: dev-ai-invoice-scanner-user has policies attached directly (ai-invoice-scanner-user-policy-invoice-scanner-textract); permissions should come only from groups",
            "ai-invoice-scanner-user-console: IAM.5 / CIS 1.10: dev-ai-invoice-scanner-user has console access but is in no group that enforces MFA",
            "ai-invoice-scanner-user-key-cli: CIS 1.11: dev-ai-invoice-scanner-user is a console user whose access key is created with the user; create keys later, when the user asks for one",
        ]);
    });

    it("on the prod program", async () => {
        assert.deepStrictEqual(await resourceViolations(guard.passwordPolicy, prod), []);
        assert.deepStrictEqual(await resourceViolations(guard.customerPolicies, prod), []);
        assert.deepStrictEqual(await stackViolations(guard.userControls, prod), [
            "ai-invoice-scanner-user-policy-invoice-scanner-s3: IAM.2 / CIS 1.15: prod-ai-invoice-scanner-user has policies attached directly (ai-invoice-scanner-user-policy-invoice-scanner-s3); permissions should come only from groups",
            "ai-invoice-scanner-user-policy-invoice-scanner-textract: IAM.2 / CIS 1.15: prod-ai-invoice-scanner-user has policies attached directly (ai-invoice-scanner-user-policy-invoice-scanner-textract); permissions should come only from groups",
        ]);
    });

    describe("on hand-made aws.iam resources", () => {
        const res = (token: string, name: string, props: Record<string, any>): Res => ({
            type: `aws:iam/${token}`,
            name,
            props,
        });
        const mfaPolicy = JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Deny",
                    NotAction: "iam:ChangePassword",
                    Resource: "*",
                    Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
                },
            ],
        });

        it("the password policy, one violation per failing control", async () => {
            const weak = res("accountPasswordPolicy:AccountPasswordPolicy", "pp", {
                minimumPasswordLength: 8,
                requireUppercaseCharacters: true,
                requireLowercaseCharacters: true,
                requireNumbers: true,
                requireSymbols: true,
                passwordReusePrevention: 24,
                maxPasswordAge: 365,
            });
            assert.deepStrictEqual(await resourceViolations(guard.passwordPolicy, [weak]), [
                "pp: IAM.15 / CIS 1.8: the minimum password length is 8; the controls require 14 or more",
                "pp: IAM.17: passwords expire after 365 days; the control requires 90 days or less",
            ]);
            const login = res("userLoginProfile:UserLoginProfile", "bob-login", { user: "bob" });
            assert.deepStrictEqual(await stackViolations(guard.passwordPolicyPresent, [login]), [
                "(stack): IAM.7: no password policy is set, so IAM's default applies (8 characters, no character classes, no reuse limit, no expiry)",
            ]);
            assert.deepStrictEqual(await stackViolations(guard.passwordPolicyPresent, [login, weak]), []);
        });

        it("customer and inline policies, and CloudShell attachments", async () => {
            const resources = [
                res("policy:Policy", "admin", {
                    name: "admin",
                    policy: JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
                    }),
                }),
                res("groupPolicy:GroupPolicy", "queues", {
                    group: "ops",
                    policy: {
                        Version: "2012-10-17",
                        Statement: [{ Effect: "Allow", Action: ["sqs:*"], Resource: "*" }],
                    },
                }),
                res("userPolicy:UserPolicy", "unknown-yet", { user: "bob", policy: undefined }),
                res("userPolicyAttachment:UserPolicyAttachment", "shell", {
                    user: "bob",
                    policyArn: "arn:aws:iam::aws:policy/AWSCloudShellFullAccess",
                }),
                res("groupPolicyAttachment:GroupPolicyAttachment", "read", {
                    group: "ops",
                    policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
                }),
            ];
            assert.deepStrictEqual(await resourceViolations(guard.customerPolicies, resources), [
                'admin: IAM.1 / CIS 1.16: allows "*" on "*": full administrative access in a customer policy',
                'queues: IAM.21: allows every action of a service ("sqs:*")',
            ]);
            assert.deepStrictEqual(await resourceViolations(guard.cloudShellFullAccess, resources), [
                "shell: IAM.27: AWSCloudShellFullAccess is attached: CloudShell can upload and download files and reach the internet",
            ]);
        });

        it("users: IAM.2, IAM.5, CIS 1.13 and CIS 1.11 at the resource that causes each; an inline MFA group policy counts", async () => {
            const resources = [
                res("user:User", "bob", { name: "bob" }),
                res("userLoginProfile:UserLoginProfile", "bob-login", { user: "bob" }),
                res("accessKey:AccessKey", "bob-key-1", { user: "bob" }),
                res("accessKey:AccessKey", "bob-key-2", { user: "bob", status: "Active" }),
                res("userPolicy:UserPolicy", "bob-inline", { user: "bob", policy: "{}" }),
                res("user:User", "carol", { name: "carol" }),
                res("userLoginProfile:UserLoginProfile", "carol-login", { user: "carol" }),
                res("accessKey:AccessKey", "carol-old", { user: "carol", status: "Inactive" }),
                res("group:Group", "people", { name: "people" }),
                res("groupPolicy:GroupPolicy", "people-mfa", { group: "people", policy: mfaPolicy }),
                res("groupMembership:GroupMembership", "people-members", { group: "people", users: ["carol"] }),
            ];
            assert.deepStrictEqual(await stackViolations(guard.userControls, resources), [
                "bob-inline: IAM.2 / CIS 1.15: bob has policies attached directly (bob-inline); permissions should come only from groups",
                "bob-login: IAM.5 / CIS 1.10: bob has console access but is in no group that enforces MFA",
                "bob-key-1: CIS 1.13: bob has 2 Active access keys; the control allows 1, and 2 only while a rotation moves clients to the new key",
                "bob-key-1: CIS 1.11: bob is a console user whose access key is created with the user; create keys later, when the user asks for one",
                "carol-old: CIS 1.11: carol is a console user whose access key is created with the user; create keys later, when the user asks for one",
            ]);
        });
    });
});
