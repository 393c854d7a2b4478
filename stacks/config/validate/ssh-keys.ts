import { MAX_SSH_KEYS_PER_USER } from "../../../rules/limits";
import { parseSshPublicKey } from "../../../rules/ssh-keys";
import { configKey, type SshKeyModel } from "../model";
import type { Context } from "./context";

/** IAM's API reference documents ssh-rsa keys for `UploadSSHPublicKey`; other types are said to be accepted. */
const DOCUMENTED_TYPE = "ssh-rsa";

/** A user's `sshKeys`: each key parsed (never quoted in a message), within IAM's count, none twice. */
export function validateSshKeys(ctx: Context, userKey: string, keys: ReadonlyMap<string, string>): SshKeyModel[] {
    if (keys.size > MAX_SSH_KEYS_PER_USER) {
        ctx.report(
            configKey("users", userKey, "sshKeys"),
            `${keys.size} SSH keys; IAM allows ${MAX_SSH_KEYS_PER_USER} per user`,
        );
    }
    const seen = new Map<string, string>();
    for (const [name, publicKey] of keys) {
        const at = configKey("users", userKey, "sshKeys", name);
        const parsed = parseSshPublicKey(publicKey);
        if ("problem" in parsed) {
            ctx.report(at, parsed.problem.message, parsed.problem.hint);
            continue;
        }
        const blob = parsed.key.blob.toString("base64");
        const first = seen.get(blob);
        if (first !== undefined) {
            ctx.report(at, `the same key as ${configKey("users", userKey, "sshKeys", first)}; IAM refuses a duplicate`);
        }
        seen.set(blob, first ?? name);
        if (parsed.key.type !== DOCUMENTED_TYPE) {
            ctx.report(
                at,
                `IAM's API reference documents ssh-rsa keys only; if the deploy is refused, use an ssh-rsa key`,
                undefined,
                "warning",
            );
        }
    }
    return [...keys].map(([name, publicKey]) => ({ name, publicKey }));
}
