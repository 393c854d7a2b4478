import { z } from "zod";
import { IAM_PATH, MANAGED_POLICY_NAME, POLICY_ARN } from "../../components/limits";

/**
 * The shape of the `iam-users:` stack config, key by key. Checks that need more than one value
 * (references, uniqueness, quotas, files) live in `validate.ts`.
 */

const path = z
    .string()
    .regex(IAM_PATH, { error: 'must be "/" or a path like "/engineering/": printable ASCII, 512 characters at most' });

const policyArn = z
    .string()
    .regex(POLICY_ARN, { error: "must be a policy ARN like arn:aws:iam::aws:policy/PowerUserAccess" });

const managedPolicy = z
    .string()
    .refine((v) => POLICY_ARN.test(v) || (!v.startsWith("arn:") && MANAGED_POLICY_NAME.test(v)), {
        error: "must be an AWS-managed policy name (ReadOnlyAccess, service-role/AWSLambdaBasicExecutionRole) or a policy ARN",
    });

const stringList = z.array(z.string());

/** Control id -> the reason; the ids are checked against the control catalog by check. */
const waive = z.record(z.string(), z.string().min(1, { error: "must give the reason for the waiver" }));

const int = (min: number, max: number) =>
    z
        .int()
        .min(min, { error: `must be ${min}-${max}` })
        .max(max, { error: `must be ${min}-${max}` });

/** `iam-users:passwordPolicy`. */
export const passwordPolicySchema = z.strictObject({
    minimumLength: int(6, 128).optional(),
    requireSymbols: z.boolean().optional(),
    requireNumbers: z.boolean().optional(),
    requireUppercase: z.boolean().optional(),
    requireLowercase: z.boolean().optional(),
    allowUsersToChangePassword: z.boolean().optional(),
    maxAgeDays: int(1, 1095).optional(),
    reusePrevention: int(1, 24).optional(),
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

/** One slot of a user's `accessKeys`. */
export const accessKeySchema = z.strictObject({
    description: z.string().optional(),
    status: z.enum(["Active", "Inactive"], { error: 'must be "Active" or "Inactive"' }).optional(),
    rotation: z.int().min(0, { error: "must be a whole number, 0 or more" }).optional(),
    rotateAfterDays: int(1, 3650).optional(),
    rotationMode: z
        .enum(["create-first", "delete-first"], { error: 'must be "create-first" or "delete-first"' })
        .optional(),
});

/** One entry of `iam-users:users`. */
export const userSchema = z.strictObject({
    userName: z.string().optional(),
    path: path.optional(),
    tags: z.record(z.string(), z.string()).optional(),
    groups: stringList.optional(),
    managedPolicies: z.array(managedPolicy).optional(),
    policyFiles: stringList.optional(),
    inlinePolicyFiles: stringList.optional(),
    permissionsBoundary: policyArn.optional(),
    console: z
        .strictObject({
            passwordResetRequired: z.boolean().optional(),
            passwordLength: int(6, 128).optional(),
        })
        .optional(),
    accessKeys: z.record(z.string(), accessKeySchema).optional(),
    protect: z.boolean().optional(),
    forceDestroy: z.boolean().optional(),
    allowWarnings: stringList.optional(),
    waive: waive.optional(),
});

const expectationSchema = z.strictObject({
    action: z.string().regex(/^[a-z0-9-]+:[A-Za-z0-9*?]+$/, { error: 'must be an action like "s3:GetObject"' }),
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
    namePrefix: z.string().regex(/^[\w+=,.@-]{0,32}$/, { error: "must be 0-32 of letters, digits and +=,.@_-" }),
    passwordPolicy: passwordPolicySchema,
    groups: z.record(z.string(), z.unknown()),
    users: z.record(z.string(), z.unknown()),
    pgpKey: z.union([z.string(), secureValue], { error: "must be a string" }),
    expectations: z.record(z.string(), z.unknown()),
    allowWarnings: z.record(z.string(), stringList),
    allowUnknown: z.strictObject({ actions: stringList.optional(), managedPolicies: stringList.optional() }),
} as const;

/** A user entry as written, once its shape is checked. */
export type UserConfig = z.infer<typeof userSchema>;
/** A group entry as written, once its shape is checked. */
export type GroupConfig = z.infer<typeof groupSchema>;
/** The password policy as written, once its shape is checked. */
export type PasswordPolicyConfig = z.infer<typeof passwordPolicySchema>;
