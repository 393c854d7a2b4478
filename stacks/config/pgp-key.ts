/**
 * Why a PGP key value is not what IAM accepts, or undefined when it is. IAM takes a base64-encoded
 * binary public key, or `keybase:<username>`; an ASCII-armored export is the usual mistake.
 */
export function pgpKeyProblem(value: string): { message: string; hint?: string } | undefined {
    if (/^keybase:[A-Za-z0-9_]{1,16}$/.test(value)) {
        return undefined;
    }
    if (value.startsWith("keybase:")) {
        return { message: `"${value}" is not a valid keybase user name` };
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
    const first = Buffer.from(compact.slice(0, 8), "base64")[0];
    // An OpenPGP packet header: old format keeps the tag in bits 5-2, new format in bits 5-0; a public key is tag 6.
    const tag = first & 0x40 ? first & 0x3f : (first >> 2) & 0x0f;
    if (!(first & 0x80) || tag !== 6) {
        return {
            message: "is base64 but not an OpenPGP public key",
            hint: "export the public key with: gpg --export <key id> | base64 -w0",
        };
    }
    return undefined;
}
