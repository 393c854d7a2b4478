/**
 * SSH keys made with `ssh-keygen` at test time, so that no key, public or private, is in the
 * repository; each pair lives in a temporary folder removed at exit.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { tempDir } from "./cli";

/** A generated key pair: the `.pub` line and the private key file's text. */
export interface SshKeyPair {
    readonly publicKey: string;
    readonly privateKey: string;
}

const made = new Map<string, SshKeyPair>();
let dir: string | undefined;

/** A key pair of `type` (`ed25519`, `rsa`, `ecdsa`) and `bits`, made once per process. */
export function sshKeyPair(type: string, bits?: number): SshKeyPair {
    const id = `${type}-${bits ?? "default"}`;
    const known = made.get(id);
    if (known) return known;
    dir ??= tempDir("ssh-keys");
    const file = path.join(dir, id);
    execFileSync("ssh-keygen", [
        "-q",
        "-t",
        type,
        ...(bits ? ["-b", String(bits)] : []),
        "-N",
        "",
        "-C",
        "test@example.invalid",
        "-f",
        file,
    ]);
    const pair = {
        publicKey: fs.readFileSync(`${file}.pub`, "utf8").trim(),
        privateKey: fs.readFileSync(file, "utf8"),
    };
    made.set(id, pair);
    return pair;
}

/** The same public key in PEM (PKCS8), as `ssh-keygen -e` writes it. */
export function pemPublicKey(type: string, bits?: number): string {
    sshKeyPair(type, bits);
    return execFileSync(
        "ssh-keygen",
        ["-e", "-m", "PKCS8", "-f", path.join(dir!, `${type}-${bits ?? "default"}.pub`)],
        {
            encoding: "utf8",
        },
    );
}

process.on("exit", () => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
});
