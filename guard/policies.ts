/**
 * The static controls as CrossGuard policies, for the `aws.iam` resources of any Pulumi program.
 * The detectors are check's (least-privilege/controls/detect.ts); this file only reads resource
 * properties into their facts and reports each finding at the resource that causes it.
 */
import { iam } from "@pulumi/aws";
import {
    PolicyResource,
    ReportViolation,
    ResourceValidationPolicy,
    StackValidationPolicy,
    validateResourceOfType,
} from "@pulumi/policy";
import {
    ControlFinding,
    enforcesMfa,
    managedPolicyFindings,
    passwordPolicyFindings,
    policyDocumentFindings,
    userFindings,
} from "../least-privilege/controls/detect";
import { normalizeDocument } from "../stacks/config/policy-document";
import type { PolicyDocument } from "../stacks/config/model";

const report = (reportViolation: ReportViolation, findings: readonly ControlFinding[], urn?: string): void =>
    findings.forEach((f) => reportViolation(f.message, urn));

/** A policy property (a JSON string, or an object where a program passed one), or undefined while unknown. */
function documentOf(policy: unknown): PolicyDocument | undefined {
    try {
        return normalizeDocument(typeof policy === "string" ? JSON.parse(policy) : policy);
    } catch {
        return undefined;
    }
}

const customerPolicy = (policy: unknown, reportViolation: ReportViolation): void => {
    const document = documentOf(policy);
    if (document) report(reportViolation, policyDocumentFindings(document));
};

const cloudShell = (policyArn: string | undefined, reportViolation: ReportViolation): void => {
    if (policyArn) report(reportViolation, managedPolicyFindings(policyArn));
};

/** IAM.11-17 / CIS 1.8-1.9 on the account password policy. */
export const passwordPolicy: ResourceValidationPolicy = {
    name: "iam-password-policy",
    description: "IAM.11-17 / CIS 1.8-1.9: the password policy is as strong as the controls' defaults",
    enforcementLevel: "advisory",
    validateResource: validateResourceOfType(iam.AccountPasswordPolicy, (p, _, reportViolation) =>
        report(
            reportViolation,
            passwordPolicyFindings({
                minimumLength: p.minimumPasswordLength,
                requireSymbols: p.requireSymbols,
                requireNumbers: p.requireNumbers,
                requireUppercase: p.requireUppercaseCharacters,
                requireLowercase: p.requireLowercaseCharacters,
                maxAgeDays: p.maxPasswordAge,
                reusePrevention: p.passwordReusePrevention,
            }),
        ),
    ),
};

/** IAM.1 / CIS 1.16 and IAM.21 on customer and inline policy documents. */
export const customerPolicies: ResourceValidationPolicy = {
    name: "iam-customer-policies",
    description: 'IAM.1 / CIS 1.16, IAM.21: no "*" on "*", no service-wide wildcard',
    enforcementLevel: "advisory",
    validateResource: [
        validateResourceOfType(iam.Policy, (p, _, v) => customerPolicy(p.policy, v)),
        validateResourceOfType(iam.UserPolicy, (p, _, v) => customerPolicy(p.policy, v)),
        validateResourceOfType(iam.GroupPolicy, (p, _, v) => customerPolicy(p.policy, v)),
    ],
};

/** IAM.27 on every attachment of a managed policy. */
export const cloudShellFullAccess: ResourceValidationPolicy = {
    name: "iam-cloudshell-full-access",
    description: "IAM.27: AWSCloudShellFullAccess is attached to no identity",
    enforcementLevel: "advisory",
    validateResource: [
        validateResourceOfType(iam.UserPolicyAttachment, (p, _, v) => cloudShell(p.policyArn, v)),
        validateResourceOfType(iam.GroupPolicyAttachment, (p, _, v) => cloudShell(p.policyArn, v)),
        validateResourceOfType(iam.PolicyAttachment, (p, _, v) => cloudShell(p.policyArn, v)),
    ],
};

const USER = "aws:iam/user:User";
const is = (r: PolicyResource, token: string): boolean => r.type === `aws:iam/${token}`;

/** The names of the groups whose policies (inline, or a Policy of this stack attached) enforce MFA. */
function mfaGroups(resources: readonly PolicyResource[]): Set<string> {
    const enforcing = (policy: unknown) => {
        const document = documentOf(policy);
        return document !== undefined && enforcesMfa(document);
    };
    // An attachment's ARN may still be unknown in a preview; a Policy's name ends its ARN.
    const policyNames = resources
        .filter((r) => is(r, "policy:Policy") && enforcing(r.props.policy))
        .map((r) => `/${r.props.name}`);
    const groups = new Set<string>();
    for (const r of resources) {
        if (is(r, "groupPolicy:GroupPolicy") && enforcing(r.props.policy)) groups.add(r.props.group);
        const arn = is(r, "groupPolicyAttachment:GroupPolicyAttachment") ? String(r.props.policyArn ?? "") : "";
        if (arn && policyNames.some((n) => arn.endsWith(n))) groups.add(r.props.group);
    }
    return groups;
}

/** IAM.2 / CIS 1.15, IAM.5 / CIS 1.10, CIS 1.13 and CIS 1.11 on each user the stack creates. */
export const userControls: StackValidationPolicy = {
    name: "iam-user-controls",
    description: "IAM.2, IAM.5, CIS 1.11, CIS 1.13: groups only, MFA for console users, one active key",
    enforcementLevel: "advisory",
    validateStack: ({ resources }, reportViolation) => {
        const mfa = mfaGroups(resources);
        const of = (user: string, token: string) => resources.filter((r) => is(r, token) && r.props.user === user);
        for (const u of resources.filter((r) => r.type === USER)) {
            const name: string = u.props.name;
            const direct = [
                ...of(name, "userPolicyAttachment:UserPolicyAttachment"),
                ...of(name, "userPolicy:UserPolicy"),
            ];
            const groups = [
                ...of(name, "userGroupMembership:UserGroupMembership").flatMap((r) => r.props.groups ?? []),
                ...resources
                    .filter((r) => is(r, "groupMembership:GroupMembership") && (r.props.users ?? []).includes(name))
                    .map((r) => r.props.group),
            ];
            const logins = of(name, "userLoginProfile:UserLoginProfile");
            const keys = of(name, "accessKey:AccessKey");
            const urns = new Map([...direct, ...logins, ...keys].map((r) => [r.name, r.urn]));
            for (const f of userFindings({
                name,
                console: logins.length > 0,
                inMfaGroup: groups.some((g) => mfa.has(g)),
                directPolicies: direct.map((r) => r.name),
                activeKeys: keys.filter((k) => (k.props.status ?? "Active") === "Active").length,
                keysWithUser: keys.length,
                keysField: keys[0]?.name ?? "",
                consoleField: logins[0]?.name ?? "",
            })) {
                reportViolation(f.message, urns.get(f.field) ?? u.urn);
            }
        }
    },
};

/** IAM.7: a stack that gives users passwords sets the account password policy. */
export const passwordPolicyPresent: StackValidationPolicy = {
    name: "iam-password-policy-present",
    description: "IAM.7: a stack with console users sets the account password policy",
    enforcementLevel: "advisory",
    validateStack: ({ resources }, reportViolation) => {
        const consoles = resources.some((r) => is(r, "userLoginProfile:UserLoginProfile"));
        if (consoles && !resources.some((r) => is(r, "accountPasswordPolicy:AccountPasswordPolicy"))) {
            report(
                reportViolation,
                passwordPolicyFindings(undefined).filter((f) => f.control === "IAM.7"),
            );
        }
    },
};

/** Every policy of the pack, in the order `pulumi preview` lists them. */
export const POLICIES = [passwordPolicy, passwordPolicyPresent, customerPolicies, cloudShellFullAccess, userControls];
