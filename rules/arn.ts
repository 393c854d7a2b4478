/**
 * ARNs and partitions, from "Amazon Resource Names (ARNs)" in the IAM User Guide and the AWS SDK's
 * partition table (`partitions.json` in `@aws-sdk/util-endpoints`). Node built-ins only, so the
 * components and the tools share it.
 */

/**
 * Every AWS partition: a group of regions with its own IAM. An ARN names its partition, and a
 * policy in one partition matches no resource of another.
 */
export const PARTITIONS = [
    "aws",
    "aws-cn",
    "aws-us-gov",
    "aws-iso",
    "aws-iso-b",
    "aws-iso-e",
    "aws-iso-f",
    "aws-eusc",
] as const;

/** An AWS partition id. */
export type Partition = (typeof PARTITIONS)[number];

// The SDK's `regionRegex` of each partition but `aws`, which takes every other region.
const REGIONS: readonly [Partition, RegExp][] = [
    ["aws-cn", /^cn-\w+-\d+$/],
    ["aws-us-gov", /^us-gov-\w+-\d+$/],
    ["aws-iso", /^us-iso-\w+-\d+$/],
    ["aws-iso-b", /^us-isob-\w+-\d+$/],
    ["aws-iso-e", /^eu-isoe-\w+-\d+$/],
    ["aws-iso-f", /^us-isof-\w+-\d+$/],
    ["aws-eusc", /^eusc-de-\w+-\d+$/],
];

/** The partition of a region (`cn-north-1` is in `aws-cn`). Defaults to `aws`, as the AWS SDK does. */
export function partitionOfRegion(region: string): Partition {
    return REGIONS.find(([, pattern]) => pattern.test(region))?.[0] ?? "aws";
}

/** The parts of an ARN: `arn:partition:service:region:account-id:resource`. */
export interface Arn {
    readonly partition: string;
    readonly service: string;
    /** Empty for global services (IAM, S3 buckets). */
    readonly region: string;
    /** Empty where the resource name is global (S3), `aws` for AWS-managed IAM policies. */
    readonly account: string;
    /** The rest, colons and all (`function:fn:alias`). */
    readonly resource: string;
}

const FORM = "arn:partition:service:region:account-id:resource";

/** Splits at the colons outside policy variables: `${aws:PrincipalAccount}` is one account. */
function splitParts(text: string): string[] {
    const parts: string[] = [];
    let start = 0;
    let inVariable = false;
    for (let i = 0; i < text.length; i++) {
        if (text.startsWith("${", i)) inVariable = true;
        else if (text[i] === "}") inVariable = false;
        else if (text[i] === ":" && !inVariable) {
            parts.push(text.slice(start, i));
            start = i + 1;
        }
    }
    return [...parts, text.slice(start)];
}

/**
 * The parts of `text`, or why it is not an ARN. Wildcards and policy variables may stand in any
 * part (`arn:aws:s3:::*`), as IAM allows in Resource; whether the partition exists is for the
 * caller to say.
 */
export function parseArn(text: string): { arn: Arn } | { reason: string } {
    const parts = splitParts(text);
    if (parts[0] !== "arn") return { reason: `it must start with "arn:" (${FORM})` };
    if (parts.length < 6) return { reason: `it has ${parts.length} of the 6 parts ${FORM}` };
    const [, partition, service, region, account] = parts;
    const resource = parts.slice(5).join(":");
    for (const [name, value] of [
        ["partition", partition],
        ["service", service],
        ["resource", resource],
    ]) {
        if (value === "") return { reason: `the ${name} is empty (${FORM})` };
    }
    if (account !== "" && account !== "aws" && !/^\d{12}$/.test(account) && !/[*?]|\$\{/.test(account)) {
        return { reason: `the account "${account}" is not 12 digits` };
    }
    return { arn: { partition, service, region, account, resource } };
}
