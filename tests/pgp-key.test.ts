/** `pgpKeyProblem` (stacks/config/pgp-key.ts), as a table: the value, and the exact problem or none. */
import * as assert from "assert";
import { pgpKeyProblem } from "../stacks/config/pgp-key";

const base64 = (...bytes: number[]): string => Buffer.from(bytes).toString("base64");
/** `n` zero bytes, the body of a packet after its version byte. */
const zeros = (n: number): number[] => new Array<number>(n).fill(0);

const EXPORT = "export the public key with: gpg --export <key id> | base64 -w0";
const NOT_PUBLIC = { message: "is base64 but not an OpenPGP public key", hint: EXPORT };
const PRIVATE = {
    message: "is a PRIVATE key: the stack file is committed, so that key is now in git and must be treated as leaked",
    hint: "revoke it and create a new key pair, remove this value (and purge it from git history), then set the public key: gpg --export <key id> | base64 -w0",
};
const cut = (what: string) => ({
    message: `is an OpenPGP public key cut short: ${what}`,
    hint: "copy the whole output of: gpg --export <key id> | base64 -w0",
});

const ROWS: [string, string, { message: string; hint?: string } | undefined][] = [
    ["keybase user", "keybase:fake_user", undefined],
    [
        "keybase name with a dash",
        "keybase:fake-user",
        { message: '"keybase:fake-user" is not a valid keybase user name' },
    ],
    ["old format, 1-byte length, v4", base64(0x98, 0x03, 0x04, ...zeros(2)), undefined],
    ["old format, 2-byte length, v4", base64(0x99, 0x01, 0x00, 0x04, ...zeros(255)), undefined],
    ["old format, 4-byte length, v4", base64(0x9a, 0x00, 0x00, 0x00, 0x02, 0x04, 0x00), undefined],
    ["new format, 1-byte length, v4", base64(0xc6, 0x03, 0x04, ...zeros(2)), undefined],
    ["new format, 2-byte length (192 + 8), v5", base64(0xc6, 0xc0, 0x08, 0x05, ...zeros(199)), undefined],
    ["new format, 5-byte length, v6", base64(0xc6, 0xff, 0x00, 0x00, 0x00, 0x02, 0x06, 0x00), undefined],
    ["more data after the first packet (user ids, subkeys)", base64(0xc6, 0x01, 0x04, 0xcd, 0x00), undefined],
    ["wrapped over lines", `${base64(0x99, 0x00, 0x03)}\n${base64(0x04, 0x00, 0x00)}\n`, undefined],
    ["old format secret key (tag 5)", base64(0x95, 0x00, 0x01, 0x04), PRIVATE],
    ["new format secret subkey (tag 7), cut short", base64(0xc7, 0x40), PRIVATE],
    [
        "armored private key block",
        "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQFAKE\n-----END PGP PRIVATE KEY BLOCK-----",
        PRIVATE,
    ],
    [
        "armored public key block",
        "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQFAKE\n-----END PGP PUBLIC KEY BLOCK-----",
        {
            message: "an ASCII-armored key is not accepted; IAM needs the binary public key, base64-encoded",
            hint: "convert it with: gpg --export <key id> | base64 -w0",
        },
    ],
    [
        "not base64",
        "fake-key!",
        { message: "is neither base64 nor keybase:<name>", hint: "export it with: gpg --export <key id> | base64 -w0" },
    ],
    ["base64 of text", base64(...Buffer.from("fake key")), NOT_PUBLIC],
    ["a user id packet (tag 13) first", base64(0xcd, 0x01, 0x41), NOT_PUBLIC],
    ["a partial body length", base64(0xc6, 0xe1, 0x04, 0x00), NOT_PUBLIC],
    ["an indeterminate old-format length", base64(0x9b, 0x04, 0x00), NOT_PUBLIC],
    [
        "states more bytes than it holds",
        base64(0x99, 0x01, 0x0d, 0x04),
        cut("its first packet states 269 bytes but holds 1"),
    ],
    ["a header cut in its length", base64(0x99, 0x01), cut("its first packet header is incomplete")],
    [
        "version 3",
        base64(0xc6, 0x02, 0x03, 0x00),
        { message: "is an OpenPGP public key of version 3, not 4, 5 or 6", hint: EXPORT },
    ],
    [
        "an empty body",
        base64(0xc6, 0x00, 0x00),
        { message: "is an OpenPGP public key of version 0, not 4, 5 or 6", hint: EXPORT },
    ],
];

describe("pgpKeyProblem", () => {
    for (const [name, value, expected] of ROWS) {
        it(name, () => assert.deepStrictEqual(pgpKeyProblem(value), expected));
    }

    it("never puts the value in a message", () => {
        const secret = base64(0x95, 0x00, 0x05, 0x04, 0x46, 0x41, 0x4b, 0x45);
        const problem = pgpKeyProblem(secret)!;
        assert.ok(!`${problem.message} ${problem.hint}`.includes(secret));
    });
});
