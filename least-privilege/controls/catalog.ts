/**
 * The named controls security teams judge an IAM setup by: AWS Security Hub's `IAM.n` and the CIS
 * AWS Foundations Benchmark v3.0 `CIS 1.n`. Each finding names its control, and the control's
 * thresholds are the ones Security Hub uses by default, so a stack that passes here passes there.
 */

/** Where a control is evaluated: `check` on the stack file, `guard` on any Pulumi program, `audit` on the account. */
export type ControlWhere = "check" | "guard" | "audit";

/** One control as the README and the SARIF rules describe it. */
export interface Control {
    /** The primary id, the `rule` of its problems: Security Hub's when it has one (`IAM.2`), else CIS's. */
    readonly id: string;
    /** Every id the control is known by, the primary first (`["IAM.2", "CIS 1.15"]`). */
    readonly ids: readonly string[];
    /** What passing means, in one sentence. */
    readonly title: string;
    /** The threshold, as the README prints it; empty when the control has none. */
    readonly threshold: string;
    readonly where: readonly ControlWhere[];
}

const control = (ids: string[], title: string, threshold: string, where: ControlWhere[]): Control => ({
    id: ids[0],
    ids,
    title,
    threshold,
    where,
});

const STATIC: ControlWhere[] = ["check", "guard"];
const BOTH: ControlWhere[] = ["check", "guard", "audit"];
const LIVE: ControlWhere[] = ["audit"];

/** Every control, in the order the README lists them. */
export const CONTROLS: readonly Control[] = [
    control(["IAM.1", "CIS 1.16"], 'customer policies do not allow "*" on "*"', "", STATIC),
    control(["IAM.2", "CIS 1.15"], "users get permissions only through groups", "no policy attached to a user", STATIC),
    control(["IAM.3", "CIS 1.14"], "access keys are rotated", "90 days, or the slot's rotateAfterDays", LIVE),
    control(["IAM.4", "CIS 1.4"], "the root user has no access key", "no active root key", LIVE),
    control(
        ["IAM.5", "CIS 1.10"],
        "console users must sign in with MFA",
        "a group with requireMfa (check); an MFA device (audit)",
        BOTH,
    ),
    control(["IAM.7"], "the account has a password policy", "iam-users:passwordPolicy set", STATIC),
    control(["IAM.8"], "unused credentials are removed", "used within 90 days", LIVE),
    control(["IAM.11"], "passwords need an uppercase letter", "requireUppercase", STATIC),
    control(["IAM.12"], "passwords need a lowercase letter", "requireLowercase", STATIC),
    control(["IAM.13"], "passwords need a symbol", "requireSymbols", STATIC),
    control(["IAM.14"], "passwords need a number", "requireNumbers", STATIC),
    control(["IAM.15", "CIS 1.8"], "passwords are long", "minimumLength 14 or more", STATIC),
    control(["IAM.16", "CIS 1.9"], "passwords are not reused", "reusePrevention 24", STATIC),
    control(["IAM.17"], "passwords expire", "maxAgeDays 90 or less", STATIC),
    control(["IAM.21"], "customer policies allow no service-wide wildcard", 'no "service:*" action', STATIC),
    control(["IAM.22", "CIS 1.12"], "credentials unused for 45 days are removed", "used within 45 days", LIVE),
    control(["IAM.27"], "no identity has AWSCloudShellFullAccess", "", STATIC),
    control(["CIS 1.11"], "console users get no access key when they are created", "", STATIC),
    control(["CIS 1.13"], "a user has one active access key", "1 Active key, 2 only during a rotation", BOTH),
];

/** The control known by `id` (any of its ids), if there is one. */
export const controlById = (id: string): Control | undefined => CONTROLS.find((c) => c.ids.includes(id));

/** `IAM.2 / CIS 1.15`: how messages name a control. */
export const controlLabel = (c: Control): string => c.ids.join(" / ");
