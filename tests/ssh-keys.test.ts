import * as assert from "assert";
import { parseSshPublicKey, sshPublicKeyProblem } from "../rules/ssh-keys";
import { pemPublicKey, sshKeyPair } from "./support/ssh-keys";

/** The SSH wire format of `parts`: each a 32-bit big-endian length, then the bytes. */
const wire = (...parts: Buffer[]): string =>
    Buffer.concat(
        parts.flatMap((p) => {
            const length = Buffer.alloc(4);
            length.writeUInt32BE(p.length);
            return [length, p];
        }),
    ).toString("base64");
const text = (s: string) => Buffer.from(s, "latin1");

describe("parseSshPublicKey", function () {
    this.timeout(30_000);

    const accepted: [string, () => string, string, number][] = [
        ["ssh-ed25519", () => sshKeyPair("ed25519").publicKey, "ssh-ed25519", 256],
        ["ssh-rsa of 2048 bits", () => sshKeyPair("rsa", 2048).publicKey, "ssh-rsa", 2048],
        ["ecdsa-sha2-nistp256", () => sshKeyPair("ecdsa", 256).publicKey, "ecdsa-sha2-nistp256", 256],
        ["ecdsa-sha2-nistp384", () => sshKeyPair("ecdsa", 384).publicKey, "ecdsa-sha2-nistp384", 384],
        ["ecdsa-sha2-nistp521", () => sshKeyPair("ecdsa", 521).publicKey, "ecdsa-sha2-nistp521", 521],
        [
            "a line without a comment",
            () => sshKeyPair("ed25519").publicKey.split(" ").slice(0, 2).join(" "),
            "ssh-ed25519",
            256,
        ],
    ];
    for (const [name, key, type, bits] of accepted) {
        it(`accepts ${name}`, () => {
            const parsed = parseSshPublicKey(key());
            assert.ok("key" in parsed, JSON.stringify(parsed));
            assert.deepStrictEqual({ type: parsed.key.type, bits: parsed.key.bits }, { type, bits });
        });
    }

    const ed = () => sshKeyPair("ed25519").publicKey.split(" ")[1];
    const refused: [string, () => string, string, string?][] = [
        [
            "an OpenSSH private key",
            () => sshKeyPair("ed25519").privateKey,
            "is a private key; only the public key (the .pub file) belongs here",
            "remove it from the file and from the repository's history, and make a new key pair: this one is exposed",
        ],
        [
            "an RSA private key in PEM",
            () => ["-----BEGIN RSA", "PRIVATE KEY-----", "FAKE"].join(" "),
            "is a private key; only the public key (the .pub file) belongs here",
            "remove it from the file and from the repository's history, and make a new key pair: this one is exposed",
        ],
        [
            "a PEM public key",
            () => pemPublicKey("rsa", 2048),
            "is a PEM key; write the OpenSSH line instead",
            "ssh-keygen -i -m PKCS8 -f <file.pem> prints it",
        ],
        [
            "an RSA key of 1024 bits",
            () => sshKeyPair("rsa", 1024).publicKey,
            "an ssh-rsa key of 1024 bits; IAM requires 2048 or more",
            "ssh-keygen -t ed25519, or -t rsa -b 4096, makes one that is",
        ],
        [
            "a key cut short",
            () => `ssh-ed25519 ${ed().slice(0, 40)}`,
            "the base64 part is not a valid ssh-ed25519 key: it is cut short or corrupt",
            "paste the whole line of the .pub file",
        ],
        [
            "no base64 at all",
            () => "ssh-rsa",
            "the base64 part is not a valid ssh-rsa key: it is cut short or corrupt",
            "paste the whole line of the .pub file",
        ],
        ["a type that says otherwise", () => `ssh-rsa ${ed()}`, "says ssh-rsa, but the key inside is ssh-ed25519"],
        [
            "an ECDSA point of the wrong curve",
            () => `ecdsa-sha2-nistp384 ${wire(text("ecdsa-sha2-nistp384"), text("nistp384"), Buffer.alloc(65, 4))}`,
            "the base64 part is not a valid ecdsa-sha2-nistp384 key: it is cut short or corrupt",
            "paste the whole line of the .pub file",
        ],
        [
            "ssh-dss",
            () => `ssh-dss ${wire(text("ssh-dss"))}`,
            'key type "ssh-dss" is not accepted: use ssh-rsa (2048 bits or more), ssh-ed25519 or ecdsa-sha2-nistp256/384/521',
            "paste the whole line of the .pub file",
        ],
        [
            "anything else, without quoting it",
            () => "FAKE-not-a-key",
            "is not an OpenSSH public key: use ssh-rsa (2048 bits or more), ssh-ed25519 or ecdsa-sha2-nistp256/384/521",
            "paste the whole line of the .pub file",
        ],
    ];
    for (const [name, key, message, hint] of refused) {
        it(`refuses ${name}`, () => {
            assert.deepStrictEqual(sshPublicKeyProblem(key()), hint === undefined ? { message } : { message, hint });
        });
    }
});
