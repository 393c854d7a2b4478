import * as path from "path";
import { GROUP_OR_POLICY_NAME, MAX_GROUP_OR_POLICY_NAME_LENGTH } from "../../../rules/limits";
import { managedPolicyArn, managedPolicyKey } from "../../../rules/managed-policy";
import { policyName } from "../../../rules/names";
import { configKey, type PolicyFile } from "../model";
import { policyPath } from "../policy-files";
import { checkPolicyDocument } from "../policy-document";
import type { Context } from "./context";
import { generatedPolicyName } from "./names";

/** A policy file's name without `.json` names the policy (an inline one exactly), so it is a policy name. */
const FILE_KEY = GROUP_OR_POLICY_NAME;

/** The first index of each value, for "also at" messages in one pass. */
export function firstIndexes<T>(values: readonly T[]): Map<T, number> {
    const first = new Map<T, number>();
    values.forEach((v, i) => {
        if (!first.has(v)) first.set(v, i);
    });
    return first;
}

/** One policy file, checked once however many entries name it; undefined when it has errors. */
function policyFile(ctx: Context, ref: string, keyPath: string): PolicyFile | undefined {
    const relative = policyPath(ctx.projectDir, ref);
    if (ctx.policyFiles.has(relative)) {
        return ctx.policyFiles.get(relative);
    }
    ctx.policyFiles.set(relative, undefined);
    const text = ctx.texts.get(relative);
    if (text === undefined) {
        return undefined; // the loading stage said why
    }
    const key = path.posix.basename(relative).replace(/\.json$/, "");
    if (!FILE_KEY.test(key)) {
        ctx.report(
            keyPath,
            `the file name "${key}" names the policy, so it must be 1-${MAX_GROUP_OR_POLICY_NAME_LENGTH} of letters, digits and +=,.@_-`,
        );
        return undefined;
    }
    const { document, problems } = checkPolicyDocument(relative, text, { partition: ctx.partition });
    ctx.problems.push(...problems);
    const policy = document && { path: relative, key, text, document };
    ctx.policyFiles.set(relative, policy);
    return policy;
}

/**
 * The policy files a user or group names; each file's own problems are reported once, however
 * many entries name it. With an owner, checks the name of the policy it will create.
 */
export function policyFiles(
    ctx: Context,
    refs: readonly string[],
    at: (string | number)[],
    owner?: string,
): PolicyFile[] {
    const loaded: PolicyFile[] = [];
    const byKey = new Map<string, PolicyFile>();
    const first = firstIndexes(refs.map((r) => policyPath(ctx.projectDir, r)));
    refs.forEach((ref, i) => {
        const keyPath = configKey(...at, i);
        const firstAt = first.get(policyPath(ctx.projectDir, ref))!;
        if (firstAt !== i) {
            ctx.report(keyPath, `duplicate policy "${ref}", also at ${configKey(...at, firstAt)}`);
            return;
        }
        const policy = policyFile(ctx, ref, keyPath);
        if (!policy) {
            return;
        }
        const clash = byKey.get(policy.key);
        if (clash) {
            ctx.report(
                keyPath,
                `"${ref}" and "${clash.path}" would both create the policy "${policy.key}"`,
                "rename one of the files",
            );
        } else {
            byKey.set(policy.key, policy);
            if (owner !== undefined) {
                generatedPolicyName(ctx, policyName(owner, policy.key), keyPath, "use a shorter file name");
            }
        }
        loaded.push(policy);
    });
    return loaded;
}

/** Duplicates among names and ARNs: the same ARN, or the same policy name (which keys the attachment). */
export function managedPolicies(ctx: Context, entries: readonly string[], at: (string | number)[]): void {
    const seen = new Map<string, number>();
    entries.forEach((entry, i) => {
        const first = seen.get(managedPolicyKey(entry));
        if (first === undefined) {
            seen.set(managedPolicyKey(entry), i);
        } else if (managedPolicyArn(entry, "aws") === managedPolicyArn(entries[first], "aws")) {
            ctx.report(configKey(...at, i), `duplicate policy "${entry}", also at ${configKey(...at, first)}`);
        } else {
            ctx.report(
                configKey(...at, i),
                `"${entry}" has the same policy name as "${entries[first]}" at ${configKey(...at, first)}`,
                "attachments are named after the policy name; attach one of them through a group",
            );
        }
    });
}
