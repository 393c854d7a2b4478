/**
 * Decrypting the PGP-encrypted credentials of a stack with a `pgpKey`, with the local `gpg`.
 * AWS returns each one as the base64 of a binary OpenPGP message.
 */
import { spawnSync } from "child_process";

/** Options of the gpg helpers. */
export interface GpgOptions {
    /** The gpg executable. Defaults to `gpg`. */
    readonly gpg?: string;
    /** The environment gpg runs with (`GNUPGHOME` picks the key ring). Defaults to this process's. */
    readonly env?: NodeJS.ProcessEnv;
}

/** Decryption failed; the message holds gpg's own error lines, never the plain text. */
export class GpgError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "GpgError";
    }
}

/** Whether the gpg executable can be run. */
export function gpgAvailable(options: GpgOptions = {}): boolean {
    const result = spawnSync(options.gpg ?? "gpg", ["--version"], { env: options.env, stdio: "ignore" });
    return !result.error && result.status === 0;
}

/**
 * The shell command a user runs to decrypt one value by hand. The value is an encrypted message,
 * safe to print.
 */
export function decryptCommand(base64Message: string): string {
    return `echo '${base64Message}' | base64 --decode | gpg --decrypt`;
}

/** Decrypts the base64 of a binary OpenPGP message and returns the plain text. */
export function gpgDecrypt(base64Message: string, options: GpgOptions = {}): string {
    const result = spawnSync(options.gpg ?? "gpg", ["--batch", "--quiet", "--decrypt"], {
        input: Buffer.from(base64Message, "base64"),
        env: options.env,
        encoding: "utf8",
        // gpg asks a pinentry for a passphrase-protected key; bound the wait rather than hang.
        timeout: 120_000,
    });
    if (result.error) {
        throw new GpgError(`cannot run gpg: ${result.error.message}`);
    }
    if (result.status !== 0) {
        throw new GpgError(`gpg could not decrypt a credential: ${(result.stderr ?? "").trim()}`);
    }
    return result.stdout;
}
