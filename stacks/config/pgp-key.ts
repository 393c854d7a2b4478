/**
 * Checks of a `pgpKey` value (RFC 9580, section 4: packet headers). Only the first packet is read:
 * its header, its length and the key version, which is enough to tell a public key from a secret
 * key, a truncated paste or something else; gpg reads the rest at deploy time.
 */

const EXPORT_HINT = "export the public key with: gpg --export <key id> | base64 -w0";
/** Public-key packets; a primary key comes first in an export. */
const PUBLIC_KEY = 6;
/** Secret-key and secret-subkey packets: what `gpg --export-secret-keys` writes. */
const SECRET_KEYS = new Set([5, 7]);
/** Key packet versions: 4 (RFC 4880), 5 (LibrePGP) and 6 (RFC 9580). */
const KEY_VERSIONS = new Set([4, 5, 6]);

const PRIVATE_KEY = {
    message: "is a PRIVATE key: the stack file is committed, so that key is now in git and must be treated as leaked",
    hint: "revoke it and create a new key pair, remove this value (and purge it from git history), then set the public key: gpg --export <key id> | base64 -w0",
};

/**
 * The first packet's tag, where its body starts and its stated length (-1 when the header itself
 * is cut short), or why there is no packet.
 */
function packetHeader(bytes: Uint8Array): { tag: number; start: number; length: number } | "no packet" | "partial" {
    const first = bytes[0];
    if (first === undefined || !(first & 0x80)) {
        return "no packet";
    }
    if (first & 0x40) {
        // New format: the tag in bits 5-0, then a one-, two- or five-octet length.
        const tag = first & 0x3f;
        const l = bytes[1];
        const cut = { tag, start: bytes.length, length: -1 };
        if (l === undefined) return cut;
        if (l < 192) return { tag, start: 2, length: l };
        if (l < 224) return bytes.length < 3 ? cut : { tag, start: 3, length: ((l - 192) << 8) + bytes[2] + 192 };
        if (l === 255) {
            return bytes.length < 6
                ? cut
                : { tag, start: 6, length: new DataView(bytes.buffer, bytes.byteOffset + 2, 4).getUint32(0) };
        }
        return "partial"; // a partial body length, which no key packet may use
    }
    // Old format: the tag in bits 5-2, the size of the length in bits 1-0.
    const tag = (first >> 2) & 0x0f;
    const size = [1, 2, 4][first & 0x03];
    if (size === undefined) return "partial"; // an indeterminate length
    if (bytes.length < 1 + size) return { tag, start: bytes.length, length: -1 };
    let length = 0;
    for (let i = 1; i <= size; i++) length = length * 256 + bytes[i];
    return { tag, start: 1 + size, length };
}

/**
 * Why a PGP key value is not what IAM accepts, or undefined when it is. IAM takes a base64-encoded
 * binary public key, or `keybase:<username>`; an ASCII-armored export is the usual mistake, a
 * secret key the dangerous one. The value itself is never part of a message.
 */
export function pgpKeyProblem(value: string): { message: string; hint?: string } | undefined {
    if (/^keybase:[A-Za-z0-9_]{1,16}$/.test(value)) {
        return undefined;
    }
    if (value.startsWith("keybase:")) {
        return { message: `"${value}" is not a valid keybase user name` };
    }
    if (value.includes("-----BEGIN PGP PRIVATE KEY BLOCK-----")) {
        return PRIVATE_KEY;
    }
    if (value.includes("-----BEGIN PGP")) {
        return {
            message: "an ASCII-armored key is not accepted; IAM needs the binary public key, base64-encoded",
            hint: "convert it with: gpg --export <key id> | base64 -w0",
        };
    }
    const compact = value.replace(/\s/g, "");
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact) || compact.length % 4 !== 0) {
        return {
            message: "is neither base64 nor keybase:<name>",
            hint: "export it with: gpg --export <key id> | base64 -w0",
        };
    }
    const bytes = Buffer.from(compact, "base64");
    const header = packetHeader(bytes);
    if (typeof header !== "string" && SECRET_KEYS.has(header.tag)) {
        return PRIVATE_KEY;
    }
    if (typeof header === "string" || header.tag !== PUBLIC_KEY) {
        return { message: "is base64 but not an OpenPGP public key", hint: EXPORT_HINT };
    }
    const cut = (what: string) => ({
        message: `is an OpenPGP public key cut short: ${what}`,
        hint: "copy the whole output of: gpg --export <key id> | base64 -w0",
    });
    if (header.length < 0) {
        return cut("its first packet header is incomplete");
    }
    const available = bytes.length - header.start;
    if (header.length > available) {
        return cut(`its first packet states ${header.length} bytes but holds ${available}`);
    }
    const version = bytes[header.start];
    if (header.length === 0 || !KEY_VERSIONS.has(version)) {
        return {
            message: `is an OpenPGP public key of version ${version ?? "none"}, not 4, 5 or 6`,
            hint: EXPORT_HINT,
        };
    }
    return undefined;
}
