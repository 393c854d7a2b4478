/** Resolves an AWS-managed policy name to its ARN; an ARN is returned as given. */
export function managedPolicyArn(nameOrArn: string, partition: string): string {
    return nameOrArn.startsWith("arn:") ? nameOrArn : `arn:${partition}:iam::aws:policy/${nameOrArn}`;
}

/** The policy's own name, the last part of its name or ARN: a key that survives reordering. */
export const managedPolicyKey = (nameOrArn: string): string => nameOrArn.slice(nameOrArn.lastIndexOf("/") + 1);
