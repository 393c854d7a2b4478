/**
 * Picking the credentials to deliver out of the stack outputs: which users and keys (`--user`,
 * `--slot`), each with its plain password and secret, decrypted when the stack has a pgpKey.
 */
import { CredentialsInputError, lookUp, ReadOutputs, secretOf } from "./stack-outputs";

/** One access key, ready to deliver. */
export interface KeyCredentials {
    readonly slot: string;
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    /** The SES SMTP password; only for a slot with `smtp: true`. */
    readonly smtpPassword?: string;
}

/** An access key the stack delivers to a secret store itself: where to read it, and no secret. */
export interface StoredKey {
    readonly slot: string;
    readonly accessKeyId: string;
    /** The ARN of the Secrets Manager secret or SSM parameter. */
    readonly storeArn: string;
}

/** What one user receives. */
export interface UserCredentials {
    /** The key under `iam-users:users`. */
    readonly key: string;
    /** The IAM user name. */
    readonly userName: string;
    /** Only for console users. */
    readonly password?: string;
    /** Only for console users. */
    readonly consoleSignInUrl?: string;
    readonly keys: readonly KeyCredentials[];
    /** The selected keys that live in a store: they are read there, not delivered by hand. */
    readonly stored: readonly StoredKey[];
}

/** Which credentials to take. */
export interface Selection {
    /** A user key or IAM user name; all users when absent. */
    readonly user?: string;
    /** An access key slot; all slots when absent. */
    readonly slot?: string;
}

/** One PGP-encrypted value the stack holds, named by its place in the outputs. */
export interface EncryptedValue {
    /** `encryptedPasswords.emily`, `encryptedAccessKeySecrets.emily.cli`. */
    readonly where: string;
    readonly base64Message: string;
}

/** Turns a PGP-encrypted value into plain text (gpg, or a stand-in in tests). */
export type Decrypt = (value: EncryptedValue) => string;

/** A user and the slots of theirs that the selection takes. */
interface Picked {
    readonly key: string;
    /** The selected slots delivered by hand. */
    readonly slots: readonly string[];
    /** The selected slots the stack delivers to a store. */
    readonly stored: readonly string[];
    readonly console: boolean;
}

function pick(outputs: ReadOutputs, selection: Selection): Picked[] {
    const entries = Object.entries(outputs.users);
    let users = entries;
    if (selection.user !== undefined) {
        const byKey = entries.filter(([key]) => key === selection.user);
        users = byKey.length ? byKey : entries.filter(([, u]) => u.userName === selection.user);
        if (users.length === 0) {
            const known = entries.map(([key]) => key).join(", ") || "none";
            throw new CredentialsInputError(`no user "${selection.user}" in the stack outputs (users: ${known})`);
        }
    }
    const picked = users.map(([key, u]) => {
        const slots = Object.keys(u.accessKeyIds).filter((s) => selection.slot === undefined || s === selection.slot);
        const inStore = (slot: string) => u.storeArns?.[slot] !== undefined;
        return {
            key,
            console: u.consoleSignInUrl !== undefined,
            slots: slots.filter((slot) => !inStore(slot)),
            stored: slots.filter(inStore),
        };
    });
    if (selection.slot === undefined) {
        return picked;
    }
    // With --slot, only the users holding that key: a console password alone is not what was asked for.
    const withSlot = picked.filter((p) => p.slots.length + p.stored.length > 0);
    if (withSlot.length === 0) {
        const whose = selection.user === undefined ? "any user" : `user "${selection.user}"`;
        throw new CredentialsInputError(`no access key slot "${selection.slot}" for ${whose} in the stack outputs`);
    }
    return withSlot;
}

type PlainOutput = "passwords" | "accessKeySecrets";
const ENCRYPTED: Record<PlainOutput, "encryptedPasswords" | "encryptedAccessKeySecrets"> = {
    passwords: "encryptedPasswords",
    accessKeySecrets: "encryptedAccessKeySecrets",
};

/** Every secret the selection needs: the output holding it in plain text, and the keys below it. */
function neededSecrets(outputs: ReadOutputs, selection: Selection): { output: PlainOutput; path: string[] }[] {
    return pick(outputs, selection).flatMap((p) => [
        ...(p.console ? [{ output: "passwords" as const, path: [p.key] }] : []),
        ...p.slots.map((slot) => ({ output: "accessKeySecrets" as const, path: [p.key, slot] })),
    ]);
}

/**
 * The encrypted values the selection needs (a pgpKey stack has no plain secret), so a caller can
 * decrypt them all, or print the commands for all of them, before anything is written.
 */
export function encryptedValues(outputs: ReadOutputs, selection: Selection): EncryptedValue[] {
    return neededSecrets(outputs, selection)
        .filter(({ output, path }) => lookUp(outputs[output], path) === undefined && outputs[ENCRYPTED[output]])
        .map(({ output, path }) => ({
            where: [ENCRYPTED[output], ...path].join("."),
            base64Message: secretOf(outputs, ENCRYPTED[output], path),
        }));
}

/**
 * The credentials the selection takes, every secret in plain text. Throws a
 * {@link CredentialsInputError} when a user or slot is unknown or a secret is missing or hidden.
 * @param decrypt used for the values of a pgpKey stack; never called for a stack without one.
 */
export function collectCredentials(outputs: ReadOutputs, selection: Selection, decrypt: Decrypt): UserCredentials[] {
    const encrypted = new Map(encryptedValues(outputs, selection).map((v) => [v.where, v]));
    const secret = (output: PlainOutput, path: string[]): string => {
        const sealed = encrypted.get([ENCRYPTED[output], ...path].join("."));
        return sealed ? decrypt(sealed) : secretOf(outputs, output, path);
    };
    return pick(outputs, selection).map((p) => {
        const user = outputs.users[p.key];
        return {
            key: p.key,
            userName: user.userName,
            ...(p.console ? { password: secret("passwords", [p.key]), consoleSignInUrl: user.consoleSignInUrl } : {}),
            keys: p.slots.map((slot) => {
                const smtp = lookUp(outputs.smtpPasswords, [p.key, slot]) !== undefined;
                return {
                    slot,
                    accessKeyId: user.accessKeyIds[slot],
                    secretAccessKey: secret("accessKeySecrets", [p.key, slot]),
                    ...(smtp ? { smtpPassword: secretOf(outputs, "smtpPasswords", [p.key, slot]) } : {}),
                };
            }),
            stored: p.stored.map((slot) => ({
                slot,
                accessKeyId: user.accessKeyIds[slot],
                storeArn: user.storeArns![slot],
            })),
        };
    });
}
