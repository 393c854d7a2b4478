/**
 * The name rules of the stores an access key can be delivered to, from the Secrets Manager
 * `CreateSecret` and the Systems Manager `PutParameter` API references, so that `check` refuses a
 * name offline that AWS would refuse only in the middle of a deploy.
 */

/** The longest Secrets Manager secret name. */
export const MAX_SECRET_NAME_LENGTH = 512;
/** Secret names: ASCII letters, digits and /_+=.@-. */
export const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]+$/;
/**
 * Secrets Manager appends `-` and six random characters to a secret's ARN; a name that ends that
 * way makes a lookup by partial ARN match the wrong secret, which its documentation warns about.
 */
export const SECRET_NAME_ARN_SUFFIX = /-[A-Za-z0-9]{6}$/;

/**
 * The longest parameter name, counted with the ARN before it
 * (`arn:aws:ssm:us-east-2:111122223333:parameter/`), as `PutParameter` counts it.
 */
export const MAX_PARAMETER_ARN_LENGTH = 1011;
/** Parameter names: ASCII letters, digits, `_.-`, and `/` between the levels of a hierarchy. */
export const PARAMETER_NAME = /^[A-Za-z0-9_./-]+$/;
/** The deepest parameter hierarchy. */
export const MAX_PARAMETER_LEVELS = 15;

/** Why Secrets Manager refuses a secret name, or undefined. */
export function secretNameProblem(name: string): string | undefined {
    if (name.length === 0 || name.length > MAX_SECRET_NAME_LENGTH || !SECRET_NAME.test(name)) {
        return `must be 1-${MAX_SECRET_NAME_LENGTH} of letters, digits and /_+=.@-`;
    }
    return undefined;
}

/** Why a secret name works but misleads, or undefined: see {@link SECRET_NAME_ARN_SUFFIX}. */
export function secretNameWarning(name: string): string | undefined {
    return SECRET_NAME_ARN_SUFFIX.test(name)
        ? "ends with a hyphen and six characters, which look like the suffix Secrets Manager adds to the ARN"
        : undefined;
}

/**
 * The ARN of a parameter, whose length IAM's limit counts.
 * @param region the stack's `aws:region`; the account is any 12 digits.
 */
export const parameterArn = (name: string, partition: string, region: string): string =>
    `arn:${partition}:ssm:${region}:000000000000:parameter${name.startsWith("/") ? "" : "/"}${name}`;

/**
 * Why Systems Manager refuses a parameter name, or undefined.
 * @param arnLength the length of the name's ARN ({@link parameterArn}); unknown without a region.
 */
export function parameterNameProblem(name: string, arnLength?: number): string | undefined {
    if (name.length === 0 || !PARAMETER_NAME.test(name)) {
        return "must be letters, digits and _.-, with / between the levels of a path";
    }
    if (name.includes("/") && !name.startsWith("/")) {
        return `a name with a path starts with "/": "/${name}"`;
    }
    if (name.includes("//") || name.endsWith("/")) {
        return 'must not have an empty level ("//", or "/" at the end)';
    }
    const levels = name.split("/").filter((part) => part !== "");
    if (/^(aws|ssm)/i.test(levels[0])) {
        return 'must not start with "aws" or "ssm" (any case): those names are reserved';
    }
    if (levels.length > MAX_PARAMETER_LEVELS) {
        return `${levels.length} levels; a parameter hierarchy has ${MAX_PARAMETER_LEVELS} at most`;
    }
    if (arnLength !== undefined && arnLength > MAX_PARAMETER_ARN_LENGTH) {
        return `its ARN is ${arnLength} characters; Systems Manager allows ${MAX_PARAMETER_ARN_LENGTH}`;
    }
    return undefined;
}
