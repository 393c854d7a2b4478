/**
 * The program's stack outputs, defined once: the shape the program writes and the command-line
 * tools read back from `pulumi stack output --json --show-secrets`. The tools read this shape;
 * they never import the resource classes.
 */
import { z } from "zod";

/** What `pulumi stack output` prints in place of a secret when `--show-secrets` is missing. */
export const HIDDEN_SECRET = "[secret]";

const slotMap = z.record(z.string(), z.string());

/** What the stack says about one user (readable, never a credential). */
export const userOutputSchema = z.object({
    /** The IAM user name. */
    userName: z.string(),
    /** The user's ARN. */
    arn: z.string(),
    /** IAM names of the groups the user is in. */
    groups: z.array(z.string()),
    /** Access key ID per slot. */
    accessKeyIds: slotMap,
    /** The account's console sign-in URL; only for console users. */
    consoleSignInUrl: z.string().optional(),
    /** Per slot with `rotateAfterDays`: the first day (YYYY-MM-DD, UTC) a deploy replaces the key. */
    nextRotation: slotMap.optional(),
    /** Per slot with `overlapDays`, during the overlap only: the previous key, still Active. */
    previousAccessKeyIds: slotMap.optional(),
    /** Per slot with `overlapDays`: the day (YYYY-MM-DD, UTC) the current window's overlap ends. */
    overlapEnds: slotMap.optional(),
    /** Per slot with a `store`: the ARN of the Secrets Manager secret or SSM parameter holding the current key. */
    storeArns: slotMap.optional(),
    /** Per `sshKeys` key: the SSH key ID, the user name for CodeCommit over SSH. */
    sshKeyIds: slotMap.optional(),
});

/** Every output of the program, by name, as the program writes them. */
export const stackOutputsSchema = z.object({
    /** Per user key. */
    users: z.record(z.string(), userOutputSchema),
    /** Secret. Per console user key, when the stack has no pgpKey. */
    passwords: z.record(z.string(), z.string()),
    /** Secret. Per user key, then slot, when the stack has no pgpKey. */
    accessKeySecrets: z.record(z.string(), slotMap),
    /** Secret. Per user key with `overlapDays`, then slot: the previous secret during the overlap; no pgpKey. */
    previousAccessKeySecrets: z.record(z.string(), slotMap).optional(),
    /** Per user key with `overlapDays`, then slot: the previous secret as a PGP message; with a pgpKey. */
    encryptedPreviousAccessKeySecrets: z.record(z.string(), slotMap).optional(),
    /** Secret. Per user key with `smtp` keys, then slot: the SES SMTP password of the current key. */
    smtpPasswords: z.record(z.string(), slotMap).optional(),
    /** Per console user key, base64 PGP messages; only when the stack has a pgpKey. */
    encryptedPasswords: z.record(z.string(), z.string()).optional(),
    /** Per user key, then slot, base64 PGP messages; only when the stack has a pgpKey. */
    encryptedAccessKeySecrets: z.record(z.string(), slotMap).optional(),
    /** `https://<account id>.signin.aws.amazon.com/console`. */
    consoleSignInUrl: z.string(),
});

/** What the stack says about one user. */
export type UserOutput = z.infer<typeof userOutputSchema>;
/** Every output of the program, by name. */
export type StackOutputs = z.infer<typeof stackOutputsSchema>;

// A secret output read without --show-secrets is "[secret]": the read shape lets it through, so the
// tools can say what happened instead of "expected object".
const hideable = <T extends z.ZodType>(output: T) => z.union([output, z.literal(HIDDEN_SECRET)]).optional();

/**
 * The outputs as the tools read them back: {@link stackOutputsSchema}, except that a secret output
 * may be missing (an older deploy) or hidden (`"[secret]"`), and so may the account's sign-in URL.
 */
export const readOutputsSchema = stackOutputsSchema.extend({
    passwords: hideable(stackOutputsSchema.shape.passwords),
    accessKeySecrets: hideable(stackOutputsSchema.shape.accessKeySecrets),
    smtpPasswords: hideable(stackOutputsSchema.shape.smtpPasswords.unwrap()),
    previousAccessKeySecrets: hideable(stackOutputsSchema.shape.previousAccessKeySecrets.unwrap()),
    encryptedPreviousAccessKeySecrets: hideable(stackOutputsSchema.shape.encryptedPreviousAccessKeySecrets.unwrap()),
    encryptedPasswords: hideable(stackOutputsSchema.shape.encryptedPasswords.unwrap()),
    encryptedAccessKeySecrets: hideable(stackOutputsSchema.shape.encryptedAccessKeySecrets.unwrap()),
    consoleSignInUrl: stackOutputsSchema.shape.consoleSignInUrl.optional(),
});

/** The outputs as read: see {@link readOutputsSchema}. */
export type ReadStackOutputs = z.infer<typeof readOutputsSchema>;
