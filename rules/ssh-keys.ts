/**
 * The SSH public keys IAM keeps for CodeCommit, parsed from the OpenSSH line
 * (`<type> <base64> [comment]`) down to the wire format inside the base64 (RFC 4253 section 6.6,
 * RFC 5656 section 3.1, RFC 8709 section 4), so that `check` refuses a key that is cut short, of
 * another type than it says, or a weak RSA key. No message ever quotes the key: what gets pasted
 * there by mistake is a private key.
 */

/** The key types accepted. */
export const SSH_KEY_TYPES: readonly string[] = [
    "ssh-rsa",
    "ssh-ed25519",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
];
/** IAM's minimum bit length for an RSA key. */
export const MIN_RSA_BITS = 2048;
/** IAM's longest `SSHPublicKeyBody`. */
export const MAX_SSH_PUBLIC_KEY_LENGTH = 16384;

/** The length of an uncompressed curve point (0x04, X, Y) per ECDSA curve. */
const POINT_LENGTH: Readonly<Record<string, number>> = { nistp256: 65, nistp384: 97, nistp521: 133 };
/** Types that are real SSH key types but not accepted, so a message may name them. */
const OTHER_TYPES = ["ssh-dss", "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com"];
const ACCEPTED = "ssh-rsa (2048 bits or more), ssh-ed25519 or ecdsa-sha2-nistp256/384/521";

/** A parsed public key: its type, its size in bits, and the decoded blob (equal keys have equal blobs). */
export interface SshPublicKey {
    readonly type: string;
    readonly bits: number;
    readonly blob: Buffer;
}

/** What is wrong with a key, without the key. */
export interface SshKeyProblem {
    readonly message: string;
    readonly hint?: string;
}

/** The length-prefixed strings of the wire format, in order; undefined when they do not fill the blob exactly. */
function wireStrings(blob: Buffer): Buffer[] | undefined {
    const parts: Buffer[] = [];
    let offset = 0;
    while (offset < blob.length) {
        if (offset + 4 > blob.length) return undefined;
        const length = blob.readUInt32BE(offset);
        offset += 4;
        if (offset + length > blob.length) return undefined;
        parts.push(blob.subarray(offset, offset + length));
        offset += length;
    }
    return parts;
}

/** The bit length of an unsigned big-endian integer (an mpint's leading zero bytes skipped). */
function bitLength(value: Buffer): number {
    let i = 0;
    while (i < value.length && value[i] === 0) i += 1;
    return i === value.length ? 0 : (value.length - i - 1) * 8 + (32 - Math.clz32(value[i]));
}

/** The key's size in bits, or undefined when the parts do not make a key of `type`. */
function keyBits(type: string, parts: readonly Buffer[]): number | undefined {
    if (type === "ssh-rsa") {
        return parts.length === 3 ? bitLength(parts[2]) : undefined;
    }
    if (type === "ssh-ed25519") {
        return parts.length === 2 && parts[1].length === 32 ? 256 : undefined;
    }
    const curve = type.slice("ecdsa-sha2-".length);
    const point = parts[2];
    return parts.length === 3 &&
        parts[1].toString("latin1") === curve &&
        point.length === POINT_LENGTH[curve] &&
        point[0] === 4
        ? Number(curve.slice("nistp".length))
        : undefined;
}

/** Parses an OpenSSH public key line; the problem says why it is not one IAM takes. */
export function parseSshPublicKey(text: string): { key: SshPublicKey } | { problem: SshKeyProblem } {
    const trimmed = text.trim();
    if (/PRIVATE KEY|PuTTY-User-Key-File/.test(trimmed)) {
        return {
            problem: {
                message: "is a private key; only the public key (the .pub file) belongs here",
                hint: "remove it from the file and from the repository's history, and make a new key pair: this one is exposed",
            },
        };
    }
    if (trimmed.startsWith("-----BEGIN")) {
        return {
            problem: {
                message: "is a PEM key; write the OpenSSH line instead",
                hint: "ssh-keygen -i -m PKCS8 -f <file.pem> prints it",
            },
        };
    }
    if (trimmed.length > MAX_SSH_PUBLIC_KEY_LENGTH) {
        return { problem: { message: `is ${trimmed.length} characters; IAM allows ${MAX_SSH_PUBLIC_KEY_LENGTH}` } };
    }
    const [type, base64] = trimmed.split(/\s+/);
    if (!SSH_KEY_TYPES.includes(type)) {
        const named = OTHER_TYPES.includes(type)
            ? `key type "${type}" is not accepted`
            : "is not an OpenSSH public key";
        return { problem: { message: `${named}: use ${ACCEPTED}`, hint: "paste the whole line of the .pub file" } };
    }
    const blob =
        base64 !== undefined && /^[A-Za-z0-9+/]+={0,2}$/.test(base64) ? Buffer.from(base64, "base64") : undefined;
    const parts = blob ? wireStrings(blob) : undefined;
    const inner = parts?.[0]?.toString("latin1");
    if (blob && parts && inner !== type && inner !== undefined && SSH_KEY_TYPES.includes(inner)) {
        return { problem: { message: `says ${type}, but the key inside is ${inner}` } };
    }
    const bits = blob && parts && inner === type ? keyBits(type, parts) : undefined;
    if (blob === undefined || bits === undefined) {
        return {
            problem: {
                message: `the base64 part is not a valid ${type} key: it is cut short or corrupt`,
                hint: "paste the whole line of the .pub file",
            },
        };
    }
    if (type === "ssh-rsa" && bits < MIN_RSA_BITS) {
        return {
            problem: {
                message: `an ssh-rsa key of ${bits} bits; IAM requires ${MIN_RSA_BITS} or more`,
                hint: "ssh-keygen -t ed25519, or -t rsa -b 4096, makes one that is",
            },
        };
    }
    return { key: { type, bits, blob } };
}

/** Why a key is not one IAM takes, or undefined. */
export function sshPublicKeyProblem(text: string): SshKeyProblem | undefined {
    const parsed = parseSshPublicKey(text);
    return "problem" in parsed ? parsed.problem : undefined;
}
