import { validationTable, bob, line, type Row } from "./support/validate-table";
import { sshKeyPair } from "./support/ssh-keys";

const PRIVATE = "is a private key; only the public key (the .pub file) belongs here";
const PRIVATE_HINT =
    "remove it from the file and from the repository's history, and make a new key pair: this one is exposed";
const UNDOCUMENTED =
    "warning: IAM's API reference documents ssh-rsa keys only; if the deploy is refused, use an ssh-rsa key";

describe("stack validation", function () {
    this.timeout(30_000);
    // Generated before the rows are built: ssh-keygen runs once per key type.
    const rsa = sshKeyPair("rsa", 2048);
    const ed = sshKeyPair("ed25519");
    const rows: Row[] = [
        { name: "an ssh-rsa key of 2048 bits", values: bob({ sshKeys: { laptop: rsa.publicKey } }), problems: [] },
        {
            name: "an ssh-ed25519 key is parsed, with a warning that IAM documents ssh-rsa",
            values: bob({ sshKeys: { laptop: ed.publicKey } }),
            problems: [line("users.bob.sshKeys.laptop", UNDOCUMENTED)],
        },
        {
            name: "a private key names the path, never the value",
            values: bob({ sshKeys: { laptop: rsa.privateKey } }),
            problems: [line("users.bob.sshKeys.laptop", PRIVATE, PRIVATE_HINT)],
        },
        {
            name: "the same key twice, and more keys than IAM allows",
            values: bob({
                sshKeys: { a: rsa.publicKey, b: rsa.publicKey, c: "FAKE", d: "FAKE", e: "FAKE", f: "FAKE" },
            }),
            problems: [
                line("users.bob.sshKeys", "6 SSH keys; IAM allows 5 per user"),
                line("users.bob.sshKeys.b", "the same key as iam-users:users.bob.sshKeys.a; IAM refuses a duplicate"),
                ...["c", "d", "e", "f"].map((k) =>
                    line(
                        `users.bob.sshKeys.${k}`,
                        "is not an OpenSSH public key: use ssh-rsa (2048 bits or more), ssh-ed25519 or ecdsa-sha2-nistp256/384/521",
                        "paste the whole line of the .pub file",
                    ),
                ),
            ],
        },
    ];
    validationTable("ssh keys", rows);
});
