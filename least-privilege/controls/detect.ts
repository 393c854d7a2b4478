/**
 * The detectors of the static controls, on plain facts rather than on the stack model, so that
 * `check` (from a stack file) and the CrossGuard pack (from the resources of any Pulumi program)
 * run the same code. Each returns findings that name the field at fault; the caller turns the
 * field into a config key path or a resource. Pure: no imports but types.
 */
import type { PasswordPolicyModel, PolicyDocument, PolicyStatement } from "../../stacks/config/model";

/** One failed control: which, at which field of its subject, and why. */
export interface ControlFinding {
    /** The control's primary id (`IAM.2`). */
    readonly control: string;
    /** The field at fault (`managedPolicies`, `minimumLength`); empty for the subject itself. */
    readonly field: string;
    readonly message: string;
    readonly hint?: string;
    /** CIS 1.11 is advice on how a user is set up, so a note; everything else a warning. */
    readonly severity: "warning" | "note";
}

/** The password policy values the controls require (Security Hub's defaults, CIS 1.8 and 1.9). */
export const PASSWORD_THRESHOLDS = { minimumLength: 14, reusePrevention: 24, maxAgeDays: 90 } as const;

/** What IAM enforces where an account sets no password policy, or a policy leaves a value out. */
const AWS_DEFAULT_MINIMUM_LENGTH = 8;

const warning = (control: string, field: string, message: string, hint?: string): ControlFinding => ({
    control,
    field,
    message,
    hint,
    severity: "warning",
});

const CLASSES = [
    ["IAM.11", "requireUppercase", "an uppercase letter"],
    ["IAM.12", "requireLowercase", "a lowercase letter"],
    ["IAM.13", "requireSymbols", "a symbol"],
    ["IAM.14", "requireNumbers", "a number"],
] as const;

/**
 * The password policy controls (IAM.7, IAM.11-17, CIS 1.8-1.9), one finding per control that
 * fails. `undefined` is an account without a policy: IAM.7 fails, and every other control fails
 * against AWS's default.
 */
export function passwordPolicyFindings(policy: PasswordPolicyModel | undefined): ControlFinding[] {
    const p = policy ?? {};
    const findings: ControlFinding[] = [];
    if (!policy) {
        findings.push(
            warning(
                "IAM.7",
                "",
                "IAM.7: no password policy is set, so IAM's default applies (8 characters, no character classes, no reuse limit, no expiry)",
                "set iam-users:passwordPolicy: minimumLength 14, the four require* true, reusePrevention 24, maxAgeDays 90",
            ),
        );
    }
    for (const [control, field, what] of CLASSES) {
        if (p[field] !== true) {
            findings.push(
                warning(control, field, `${control}: passwords need not contain ${what} (${field} is not true)`),
            );
        }
    }
    const length = p.minimumLength ?? AWS_DEFAULT_MINIMUM_LENGTH;
    if (length < PASSWORD_THRESHOLDS.minimumLength) {
        findings.push(
            warning(
                "IAM.15",
                "minimumLength",
                `IAM.15 / CIS 1.8: the minimum password length is ${length}${p.minimumLength === undefined ? " (IAM's default)" : ""}; the controls require ${PASSWORD_THRESHOLDS.minimumLength} or more`,
            ),
        );
    }
    if ((p.reusePrevention ?? 0) < PASSWORD_THRESHOLDS.reusePrevention) {
        findings.push(
            warning(
                "IAM.16",
                "reusePrevention",
                `IAM.16 / CIS 1.9: ${p.reusePrevention === undefined ? "any earlier password may be reused" : `only the last ${p.reusePrevention} passwords are remembered`}; the controls require ${PASSWORD_THRESHOLDS.reusePrevention}`,
            ),
        );
    }
    if (p.maxAgeDays === undefined || p.maxAgeDays > PASSWORD_THRESHOLDS.maxAgeDays) {
        findings.push(
            warning(
                "IAM.17",
                "maxAgeDays",
                `IAM.17: passwords ${p.maxAgeDays === undefined ? "never expire" : `expire after ${p.maxAgeDays} days`}; the control requires ${PASSWORD_THRESHOLDS.maxAgeDays} days or less`,
            ),
        );
    }
    return findings;
}

/** What the user controls need to know about one user, wherever it is defined. */
export interface UserFacts {
    /** How messages name the user (the config key, or the IAM user name). */
    readonly name: string;
    readonly console: boolean;
    /** Some group of the user enforces MFA (see {@link enforcesMfa}). */
    readonly inMfaGroup: boolean;
    /** The fields that attach policies to the user directly (`managedPolicies`, `policyFiles`). */
    readonly directPolicies: readonly string[];
    readonly activeKeys: number;
    /** Access keys created in the same change as the user. */
    readonly keysWithUser: number;
    /** The field that holds the access keys, for where key findings point. */
    readonly keysField: string;
    /** The field that gives console access. */
    readonly consoleField: string;
}

/** IAM.2 (per field), IAM.5, CIS 1.13 and CIS 1.11 for one user. */
export function userFindings(u: UserFacts): ControlFinding[] {
    const findings = u.directPolicies.map((field) =>
        warning(
            "IAM.2",
            field,
            `IAM.2 / CIS 1.15: ${u.name} has policies attached directly (${field}); permissions should come only from groups`,
            `attach them to a group and add ${u.name} to it`,
        ),
    );
    if (u.console && !u.inMfaGroup) {
        findings.push(
            warning(
                "IAM.5",
                u.consoleField,
                `IAM.5 / CIS 1.10: ${u.name} has console access but is in no group that enforces MFA`,
                "add the user to a group with requireMfa: true",
            ),
        );
    }
    if (u.activeKeys > 1) {
        findings.push(
            warning(
                "CIS 1.13",
                u.keysField,
                `CIS 1.13: ${u.name} has ${u.activeKeys} Active access keys; the control allows 1, and 2 only while a rotation moves clients to the new key`,
                "set the old key's status to Inactive once nothing uses it, or waive CIS 1.13 with the end date of the rotation",
            ),
        );
    }
    if (u.console && u.keysWithUser > 0) {
        findings.push({
            control: "CIS 1.11",
            field: u.keysField,
            message: `CIS 1.11: ${u.name} is a console user whose access key is created with the user; create keys later, when the user asks for one`,
            severity: "note",
        });
    }
    return findings;
}

const allActions = (a: string): boolean => a === "*" || a === "*:*";

/** An Allow of every action (`"*"` or `"*:*"`): the lint rule `allow-all` and IAM.1 both start here. */
export const allowsAllActions = (s: PolicyStatement): boolean =>
    s.Effect === "Allow" && (s.Action ?? []).some(allActions);

/** `s3:*`: a whole service, whatever the resource. */
const serviceWide = (a: string): boolean => /^[^:*?]+:\*$/.test(a);

/** IAM.1 and IAM.21 on one customer policy document; `field` is the statement index. */
export function policyDocumentFindings(document: PolicyDocument): ControlFinding[] {
    return document.Statement.flatMap((s, i) => {
        const findings: ControlFinding[] = [];
        if (allowsAllActions(s) && (s.Resource ?? []).includes("*")) {
            findings.push(
                warning(
                    "IAM.1",
                    String(i),
                    'IAM.1 / CIS 1.16: allows "*" on "*": full administrative access in a customer policy',
                    "list the actions and resources needed; attach AdministratorAccess if full access is really intended",
                ),
            );
        }
        const wide = s.Effect === "Allow" ? (s.Action ?? []).filter(serviceWide) : [];
        if (wide.length > 0) {
            findings.push(
                warning(
                    "IAM.21",
                    String(i),
                    `IAM.21: allows every action of a service (${wide.map((a) => `"${a}"`).join(", ")})`,
                    "list the actions needed; the service's later actions are granted too otherwise",
                ),
            );
        }
        return findings;
    });
}

/** IAM.27 on one attached managed policy (a name or an ARN). */
export function managedPolicyFindings(nameOrArn: string): ControlFinding[] {
    return /(^|\/)AWSCloudShellFullAccess$/.test(nameOrArn)
        ? [
              warning(
                  "IAM.27",
                  "",
                  "IAM.27: AWSCloudShellFullAccess is attached: CloudShell can upload and download files and reach the internet",
                  "grant the CloudShell actions needed in a policy of your own, without file transfer",
              ),
          ]
        : [];
}

/**
 * The MFA-enforcing shape (AWS's documented policy that `requireMfa` attaches): a Deny of what is
 * not needed to set up MFA, when `aws:MultiFactorAuthPresent` is false.
 */
export function enforcesMfa(document: PolicyDocument): boolean {
    return document.Statement.some(
        (s) =>
            s.Effect === "Deny" &&
            Object.entries(s.Condition ?? {}).some(
                ([op, keys]) =>
                    /^Bool(IfExists)?$/.test(op) &&
                    Object.entries(keys).some(
                        ([key, values]) =>
                            key.toLowerCase() === "aws:multifactorauthpresent" && values.includes("false"),
                    ),
            ),
    );
}
