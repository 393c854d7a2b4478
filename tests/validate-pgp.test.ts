/** `iam-users:pgpKey` (stacks/config/validate/pgp.ts). */
import { base64, line, type Row, validationTable } from "./support/validate-table";

const PRIVATE_KEY =
    "is a PRIVATE key: the stack file is committed, so that key is now in git and must be treated as leaked";
const PRIVATE_KEY_HINT =
    "revoke it and create a new key pair, remove this value (and purge it from git history), then set the public key: gpg --export <key id> | base64 -w0";

/** Every row has `users: {}`, so that the stack is otherwise valid. */
const PGP_ROWS: Row[] = (
    [
        {
            name: "pgpKey: base64 of an old-format public key packet",
            values: { pgpKey: base64(0x99, 0x00, 0x03, 0x04, 0x00, 0x00) },
            problems: [],
        },
        {
            name: "pgpKey: base64 of a new-format public key packet",
            values: { pgpKey: base64(0xc6, 0x03, 0x04, 0x00, 0x00) },
            problems: [],
        },
        {
            name: "pgpKey: base64 wrapped over lines, as base64 prints it by default",
            values: { pgpKey: `${base64(0x99, 0x00, 0x03)}\n${base64(0x04, 0x5f, 0x00)}\n` },
            problems: [],
        },
        { name: "pgpKey: keybase", values: { pgpKey: "keybase:fake_user" }, problems: [] },
        {
            name: "pgpKey: a Pulumi secret is checked by the program",
            values: { pgpKey: { secure: "v1:ZmFrZQ==:ZmFrZQ==" } },
            problems: [],
        },
        {
            name: "pgpKey: an armored key",
            values: {
                pgpKey: "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQENBFAKE\n-----END PGP PUBLIC KEY BLOCK-----\n",
            },
            problems: [
                line(
                    "pgpKey",
                    "an ASCII-armored key is not accepted; IAM needs the binary public key, base64-encoded",
                    "convert it with: gpg --export <key id> | base64 -w0",
                ),
            ],
        },
        {
            name: "pgpKey: base64 of a secret key packet, never printed",
            values: { pgpKey: base64(0x95, 0x00, 0x02, 0x04, 0x00) },
            problems: [line("pgpKey", PRIVATE_KEY, PRIVATE_KEY_HINT)],
        },
        {
            name: "pgpKey: base64 of text",
            values: { pgpKey: base64(...Buffer.from("fake key")) },
            problems: [
                line(
                    "pgpKey",
                    "is base64 but not an OpenPGP public key",
                    "export the public key with: gpg --export <key id> | base64 -w0",
                ),
            ],
        },
        {
            name: "pgpKey: not base64",
            values: { pgpKey: "fake-key!" },
            problems: [
                line(
                    "pgpKey",
                    "is neither base64 nor keybase:<name>",
                    "export it with: gpg --export <key id> | base64 -w0",
                ),
            ],
        },
        {
            name: "pgpKey: keybase name form",
            values: { pgpKey: "keybase:fake-user" },
            problems: [line("pgpKey", '"keybase:fake-user" is not a valid keybase user name')],
        },
        { name: "pgpKey: a number", values: { pgpKey: 42 }, problems: [line("pgpKey", "must be a string")] },
        {
            name: "pgpKey: a pasted private key block, never printed",
            values: {
                pgpKey: "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQFAKE\n-----END PGP PRIVATE KEY BLOCK-----\n",
            },
            problems: [line("pgpKey", PRIVATE_KEY, PRIVATE_KEY_HINT)],
        },
    ] as Row[]
).map((row) => ({ ...row, values: { ...row.values, users: {} } }));

describe("stack validation", () => {
    validationTable("pgpKey", PGP_ROWS);
});
