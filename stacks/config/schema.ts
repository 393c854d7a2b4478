import { z } from "zod";
import { ACTION } from "../../rules/actions";
import {
    overlapDaysProblem,
    rotateAfterDaysProblem,
    rotationModeProblem,
    rotationProblem,
    statusProblem,
} from "../../rules/access-keys";
import { IAM_PATH, MAX_IAM_PATH_LENGTH, MAX_NAME_PREFIX_LENGTH } from "../../rules/limits";
import { isManagedPolicyRef, POLICY_ARN } from "../../rules/managed-policy";
import { nonAsciiProblem } from "../../rules/names";
import {
    MAX_PASSWORD_AGE_DAYS,
    MAX_PASSWORD_LENGTH,
    MAX_PASSWORD_REUSE_PREVENTION,
    MIN_PASSWORD_LENGTH,
} from "../../rules/passwords";
import { adoptSchema } from "./adopt";

/**
 * The shape of the `iam-users:` stack config, key by key. Checks that need more than one value
 * (references, uniqueness, quotas, files) live in `validate/`.
 */

/** A string schema that also passes `value` to a rule, which says what is wrong with it or nothing. */
const ruled = (schema: z.ZodString, rule: (value: string) => string | undefined) =>
    schema.superRefine((value, ctx) => {
        const message = rule(value);
        if (message !== undefined) ctx.addIssue({ code: "custom", message });
    });

/** The same for a whole number. */
const ruledInt = (rule: (value: number) => string | undefined) =>
    z.int().superRefine((value, ctx) => {
        const message = rule(value);
        if (message !== undefined) ctx.addIssue({ code: "custom", message });
    });

/**
 * A map keyed by names (users, groups, tags, key slots...), parsed into a `Map`: zod's records
 * assign keys to a plain object, where `__proto__` sets the prototype and `constructor` is
 * inherited, so a name like those would vanish or turn into a function.
 */
export const nameMap = <T extends z.ZodType>(value: T) =>
    z.preprocess(
        (v) =>
            typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Map)
                ? new Map(Object.entries(v))
                : v,
        z.map(z.string(), value),
    );

const path = ruled(z.string(), (v) => {
    if (IAM_PATH.test(v)) return undefined;
    if (v.startsWith("/") && v.includes("//")) return 'must not have an empty segment ("//"), which IAM refuses';
    return `must be "/" or a path like "/engineering/": printable ASCII, ${MAX_IAM_PATH_LENGTH} characters at most`;
});

const policyArn = ruled(
    z.string(),
    (v) =>
        nonAsciiProblem(`"${v}"`, v) ??
        (POLICY_ARN.test(v) ? undefined : "must be a policy ARN like arn:aws:iam::aws:policy/PowerUserAccess"),
);

const managedPolicy = ruled(
    z.string(),
    (v) =>
        nonAsciiProblem(`"${v}"`, v) ??
        (isManagedPolicyRef(v)
            ? undefined
            : "must be an AWS-managed policy name (ReadOnlyAccess, service-role/AWSLambdaBasicExecutionRole) or a policy ARN"),
);

const stringList = z.array(z.string());

/** Control id -> the reason; the ids are checked against the control catalog by check. */
const waive = nameMap(z.string().min(1, { error: "must give the reason for the waiver" }));

const int = (min: number, max: number) =>
    z
        .int()
        .min(min, { error: `must be ${min}-${max}` })
        .max(max, { error: `must be ${min}-${max}` });

/** `iam-users:passwordPolicy`. */
export const passwordPolicySchema = z.strictObject({
    minimumLength: int(MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH).optional(),
    requireSymbols: z.boolean().optional(),
    requireNumbers: z.boolean().optional(),
    requireUppercase: z.boolean().optional(),
    requireLowercase: z.boolean().optional(),
    allowUsersToChangePassword: z.boolean().optional(),
    maxAgeDays: int(1, MAX_PASSWORD_AGE_DAYS).optional(),
    reusePrevention: int(1, MAX_PASSWORD_REUSE_PREVENTION).optional(),
    hardExpiry: z.boolean().optional(),
});

/** One entry of `iam-users:groups`. */
export const groupSchema = z.strictObject({
    groupName: z.string().optional(),
    path: path.optional(),
    managedPolicies: z.array(managedPolicy).optional(),
    policyFiles: stringList.optional(),
    requireMfa: z.boolean().optional(),
    external: z.boolean().optional(),
    allowWarnings: stringList.optional(),
    waive: waive.optional(),
});

/** A secret or parameter an access key is delivered to; its name rules are in validate/access-keys.ts. */
const secretStoreSchema = z.strictObject({
    name: z.string(),
    kmsKeyId: z.string().min(1, { error: "must be a KMS key ID, key ARN or alias (alias/...)" }).optional(),
});

/** A slot's `store`: one of the two services. */
const keyStoreSchema = z.strictObject({
    secretsManager: secretStoreSchema.optional(),
    ssmParameter: secretStoreSchema.optional(),
});

/** One slot of a user's `accessKeys`; the rules are those the `IamUser` constructor applies. */
export const accessKeySchema = z.strictObject({
    description: z.string().optional(),
    status: ruled(z.string(), statusProblem).optional(),
    rotation: ruledInt(rotationProblem).optional(),
    rotateAfterDays: ruledInt(rotateAfterDaysProblem).optional(),
    rotationMode: ruled(z.string(), rotationModeProblem).optional(),
    overlapDays: ruledInt(overlapDaysProblem).optional(),
    smtp: z.boolean().optional(),
    store: keyStoreSchema.optional(),
});

/** A user's `console` block; empty (`console:` alone) means every default, as `{}` does. */
const consoleSchema = z
    .strictObject({
        passwordResetRequired: z.boolean().optional(),
        passwordLength: int(MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH).optional(),
    })
    .nullable();

/** One entry of `iam-users:users`. */
export const userSchema = z.strictObject({
    userName: z.string().optional(),
    path: path.optional(),
    tags: nameMap(z.string()).optional(),
    groups: stringList.optional(),
    managedPolicies: z.array(managedPolicy).optional(),
    policyFiles: stringList.optional(),
    inlinePolicyFiles: stringList.optional(),
    permissionsBoundary: policyArn.optional(),
    console: consoleSchema.optional(),
    // An empty slot (`cli:` alone) is a key with every default, as `{}` is.
    accessKeys: nameMap(accessKeySchema.nullable()).optional(),
    sshKeys: nameMap(z.string()).optional(),
    protect: z.boolean().optional(),
    forceDestroy: z.boolean().optional(),
    allowWarnings: stringList.optional(),
    waive: waive.optional(),
});

const expectationSchema = z.strictObject({
    action: z.string().regex(ACTION, { error: 'must be an action like "s3:GetObject"' }),
    resource: z.string().optional(),
    mfa: z.boolean().optional(),
});

/** One user's entry of `iam-users:expectations`. */
export const expectationsSchema = z.strictObject({
    allowed: z.array(expectationSchema).optional(),
    denied: z.array(expectationSchema).optional(),
});

/** A value Pulumi keeps encrypted in the stack file; its plain text is seen only at deploy time. */
const secureValue = z.strictObject({ secure: z.string() });

/** Every top-level key of the `iam-users:` namespace, without the namespace. */
export const topLevelSchemas = {
    namePrefix: z.string().regex(new RegExp(`^[\\w+=,.@-]{0,${MAX_NAME_PREFIX_LENGTH}}$`), {
        error: `must be 0-${MAX_NAME_PREFIX_LENGTH} of letters, digits and +=,.@_-`,
    }),
    passwordPolicy: passwordPolicySchema,
    groups: nameMap(z.unknown()),
    users: nameMap(z.unknown()),
    pgpKey: z.union([z.string(), secureValue], { error: "must be a string" }),
    expectations: nameMap(z.unknown()),
    allowWarnings: nameMap(stringList),
    allowUnknown: z.strictObject({ actions: stringList.optional(), managedPolicies: stringList.optional() }),
    strict: z.boolean(),
    adopt: adoptSchema,
} as const;

/** A top-level key of the `iam-users:` namespace. */
export type TopLevelKey = keyof typeof topLevelSchemas;
/** Whether `key` is a top-level key; an own key only, so `constructor` is not one. */
export const isTopLevelKey = (key: string): key is TopLevelKey => Object.hasOwn(topLevelSchemas, key);

/** A user entry as written, once its shape is checked. */
export type UserConfig = z.infer<typeof userSchema>;
/** A group entry as written, once its shape is checked. */
export type GroupConfig = z.infer<typeof groupSchema>;
/** A slot's `store` as written, once its shape is checked. */
export type KeyStoreConfig = z.infer<typeof keyStoreSchema>;
/** An access key slot as written, once its shape is checked. */
export type AccessKeyConfig = z.infer<typeof accessKeySchema>;
/** The password policy as written, once its shape is checked. */
export type PasswordPolicyConfig = z.infer<typeof passwordPolicySchema>;
