/**
 * Managed policy names and ARNs, parsed in this one place: the schema checks their form, the
 * components resolve them to ARNs, and the tools look AWS-managed ones up in the snapshot.
 */

/** A policy ARN in any partition: AWS-managed (`iam::aws:`) or a 12-digit account's. */
export const POLICY_ARN = /^arn:aws[a-z-]*:iam::(?:aws|\d{12}):policy\/(?:[\x21-\x7e]*\/)?[\w+=,.@-]{1,128}$/;
/** An AWS-managed policy name, optionally under its path (`service-role/AWSLambdaBasicExecutionRole`). */
export const MANAGED_POLICY_NAME = /^(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,128}$/;
const AWS_MANAGED_ARN = /^arn:aws[a-z-]*:iam::aws:policy\/(.*)$/;

/** Whether a `managedPolicies` entry is a policy ARN or an AWS-managed policy name. */
export const isManagedPolicyRef = (value: string): boolean =>
    POLICY_ARN.test(value) || (!value.startsWith("arn:") && MANAGED_POLICY_NAME.test(value));

/** Resolves an AWS-managed policy name to its ARN; an ARN is returned as given. */
export function managedPolicyArn(nameOrArn: string, partition: string): string {
    return nameOrArn.startsWith("arn:") ? nameOrArn : `arn:${partition}:iam::aws:policy/${nameOrArn}`;
}

/** The policy's own name, the last part of its name or ARN: a key that survives reordering. */
export const managedPolicyKey = (nameOrArn: string): string => nameOrArn.slice(nameOrArn.lastIndexOf("/") + 1);

/**
 * The AWS-managed policy a name or ARN refers to: `path` (`service-role/`, or empty) and `name`;
 * undefined for a customer-managed policy ARN, which the snapshot cannot know.
 */
export function awsManagedPolicyRef(nameOrArn: string): { path: string; name: string } | undefined {
    const arn = AWS_MANAGED_ARN.exec(nameOrArn);
    if (nameOrArn.startsWith("arn:") && !arn) return undefined;
    const full = arn ? arn[1] : nameOrArn;
    const slash = full.lastIndexOf("/");
    return { path: full.slice(0, slash + 1), name: full.slice(slash + 1) };
}
