import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { main } from "../cli/credentials";
import { decryptorFor } from "../credentials/deliver";
import { decryptCommand } from "../credentials/gpg";
import { parseStackOutputs } from "../credentials/stack-outputs";
import { StackOutputs } from "../stacks/outputs";
import { runCli, tempDir, withEnv } from "./support/cli";
import { sampleOutputs } from "./support/outputs";

/** A throwaway key ring with one passphrase-less key, as a pgpKey stack's owner would hold. */
describe("credentials: a pgpKey stack", function () {
    let dir: string;
    let gnupgHome: string;
    let encrypted: StackOutputs;
    const gpgEnv = () => ({ ...process.env, GNUPGHOME: gnupgHome });
    const gpg = (args: string[], input?: Buffer) =>
        execFileSync("gpg", ["--batch", ...args], {
            env: gpgEnv(),
            input,
            timeout: 30_000,
            stdio: ["pipe", "pipe", "ignore"],
        });
    const seal = (plain: string) =>
        gpg(["--trust-model", "always", "-r", "test@example.invalid", "--encrypt"], Buffer.from(plain)).toString(
            "base64",
        );

    before(() => {
        dir = tempDir("gpg");
        gnupgHome = path.join(dir, "gnupg");
        fs.mkdirSync(gnupgHome, { mode: 0o700 });
        gpg([
            "--passphrase",
            "",
            "--quick-gen-key",
            "iam-users test <test@example.invalid>",
            "future-default",
            "default",
            "never",
        ]);
        const plain = sampleOutputs();
        encrypted = {
            ...plain,
            passwords: {},
            accessKeySecrets: {},
            encryptedPasswords: { emily: seal(plain.passwords.emily), reader: seal(plain.passwords.reader) },
            encryptedAccessKeySecrets: {
                emily: { cli: seal(plain.accessKeySecrets.emily.cli), ci: seal(plain.accessKeySecrets.emily.ci) },
                terraform: { main: seal(plain.accessKeySecrets.terraform.main) },
            },
        };
    });
    after(() => {
        // The agent gpg started for the key ring would otherwise outlive the test.
        execFileSync("gpgconf", ["--kill", "gpg-agent"], { env: gpgEnv(), stdio: "ignore" });
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("decrypts with the local gpg and writes the same csv as a plain stack", async () => {
        const from = path.join(dir, "encrypted.json");
        fs.writeFileSync(from, JSON.stringify(encrypted));
        const plainFrom = path.join(dir, "plain.json");
        fs.writeFileSync(plainFrom, JSON.stringify(sampleOutputs()));
        const sealed = await withEnv({ GNUPGHOME: gnupgHome }, () =>
            runCli(main, ["--from", from, "--out-dir", path.join(dir, "sealed")], dir),
        );
        assert.strictEqual(sealed.code, 0, sealed.stderr);
        const plain = await runCli(main, ["--from", plainFrom, "--out-dir", path.join(dir, "plain")], dir);
        assert.strictEqual(plain.code, 0);
        for (const file of fs.readdirSync(path.join(dir, "plain"))) {
            assert.strictEqual(
                fs.readFileSync(path.join(dir, "sealed", file), "utf8"),
                fs.readFileSync(path.join(dir, "plain", file), "utf8"),
            );
        }
        assert.strictEqual(fs.readdirSync(path.join(dir, "sealed")).length, 3);
    });

    it("prints the exact command for every value when gpg is missing", () => {
        const outputs = parseStackOutputs(JSON.stringify(encrypted), "test");
        assert.throws(() => decryptorFor(outputs, { user: "emily" }, { gpg: path.join(dir, "no-gpg") }), {
            message:
                "the stack's credentials are PGP-encrypted and gpg is not installed; nothing was written. " +
                "Decrypt each with the private key of the stack's pgpKey:\n" +
                `  # encryptedPasswords.emily\n  ${decryptCommand(encrypted.encryptedPasswords!.emily)}\n` +
                `  # encryptedAccessKeySecrets.emily.cli\n  ${decryptCommand(encrypted.encryptedAccessKeySecrets!.emily.cli)}\n` +
                `  # encryptedAccessKeySecrets.emily.ci\n  ${decryptCommand(encrypted.encryptedAccessKeySecrets!.emily.ci)}`,
        });
    });

    it("prints a command that decrypts the value", () => {
        const command = decryptCommand(encrypted.encryptedPasswords!.reader);
        const out = execFileSync("sh", ["-c", command.replace("gpg --decrypt", "gpg --batch --quiet --decrypt")], {
            env: gpgEnv(),
            stdio: ["ignore", "pipe", "ignore"],
        });
        assert.strictEqual(out.toString(), "EXAMPLE-reader-password");
    });

    it("reports a value the key ring cannot decrypt, without any secret", () => {
        const outputs = parseStackOutputs(
            JSON.stringify({ ...encrypted, encryptedPasswords: { reader: Buffer.from("not pgp").toString("base64") } }),
            "test",
        );
        const decrypt = decryptorFor(outputs, { user: "reader" }, { env: gpgEnv() });
        assert.throws(
            () =>
                decrypt({
                    where: "encryptedPasswords.reader",
                    base64Message: (outputs.encryptedPasswords as Record<string, string>).reader,
                }),
            (e: Error) => e.name === "GpgError" && e.message.startsWith("gpg could not decrypt a credential: gpg: "),
        );
    });
});
