/**
 * The shape of the program's stack outputs, as `pulumi stack output --json --show-secrets` prints
 * them. The command-line tools read this shape; they never import the resource classes.
 */

/** What the stack says about one user (readable, never a credential). */
export interface UserOutput {
    /** The IAM user name. */
    readonly userName: string;
    /** The user's ARN. */
    readonly arn: string;
    /** IAM names of the groups the user is in. */
    readonly groups: readonly string[];
    /** Access key ID per slot. */
    readonly accessKeyIds: Readonly<Record<string, string>>;
    /** The account's console sign-in URL; only for console users. */
    readonly consoleSignInUrl?: string;
    /** Per slot with `rotateAfterDays`: the first day (YYYY-MM-DD, UTC) a deploy replaces the key. */
    readonly nextRotation?: Readonly<Record<string, string>>;
}

/** Every output of the program, by name. */
export interface StackOutputs {
    /** Per user key. */
    readonly users: Readonly<Record<string, UserOutput>>;
    /** Secret. Per console user key, when the stack has no pgpKey. */
    readonly passwords: Readonly<Record<string, string>>;
    /** Secret. Per user key, then slot, when the stack has no pgpKey. */
    readonly accessKeySecrets: Readonly<Record<string, Readonly<Record<string, string>>>>;
    /** Per console user key, base64 PGP messages; only when the stack has a pgpKey. */
    readonly encryptedPasswords?: Readonly<Record<string, string>>;
    /** Per user key, then slot, base64 PGP messages; only when the stack has a pgpKey. */
    readonly encryptedAccessKeySecrets?: Readonly<Record<string, Readonly<Record<string, string>>>>;
    /** `https://<account id>.signin.aws.amazon.com/console`. */
    readonly consoleSignInUrl: string;
}
