import { MAX_MANAGED_POLICIES_PER_GROUP } from "../../../rules/limits";
import { mfaPolicyName } from "../../../rules/names";
import { configKey, type GroupModel } from "../model";
import { groupSchema } from "../schema";
import type { Context, NameMap } from "./context";
import { checkName, generatedPolicyName } from "./names";
import { managedPolicies, policyFiles } from "./policies";

/** Fields an external group cannot set: this stack does not manage it. */
const MANAGED_ONLY = ["managedPolicies", "policyFiles", "requireMfa", "path"] as const;

/** `iam-users:groups`, each entry checked on its own and against the others. */
export function validateGroups(ctx: Context, raw: NameMap, prefix: string): GroupModel[] {
    const seen = new Map<string, string>();
    const groups: GroupModel[] = [];
    for (const [key, value] of raw) {
        const at = configKey("groups", key);
        // An empty entry (`Ops:` alone) is a group with every default, as `{}` is.
        const data = ctx.parse(["groups", key], groupSchema, value ?? {});
        if (!data) {
            continue;
        }
        const external = data.external ?? false;
        const name = external ? (data.groupName ?? key) : prefix + (data.groupName ?? key);
        checkName(ctx, name, "group", at, seen);
        if (external) {
            for (const field of MANAGED_ONLY) {
                if (data[field] !== undefined) {
                    ctx.report(
                        configKey("groups", key, field),
                        "an external group is not managed by this stack, so it cannot set this",
                        "remove it, or remove external: true to manage the group here",
                    );
                }
            }
        }
        const policies = policyFiles(ctx, data.policyFiles ?? [], ["groups", key, "policyFiles"], name);
        managedPolicies(ctx, data.managedPolicies ?? [], ["groups", key, "managedPolicies"]);
        const count = (data.managedPolicies?.length ?? 0) + policies.length + (data.requireMfa ? 1 : 0);
        if (count > MAX_MANAGED_POLICIES_PER_GROUP) {
            ctx.report(
                at,
                `${count} managed policies would be attached to the group; IAM allows ${MAX_MANAGED_POLICIES_PER_GROUP}`,
                "merge policy files, or split the group",
            );
        }
        if (data.requireMfa) {
            generatedPolicyName(
                ctx,
                mfaPolicyName(name),
                configKey("groups", key, "requireMfa"),
                "use a shorter group name",
            );
        }
        groups.push({
            key,
            name,
            path: data.path ?? "/",
            external,
            managedPolicies: data.managedPolicies ?? [],
            policies,
            requireMfa: data.requireMfa ?? false,
            allowWarnings: data.allowWarnings ?? [],
            waive: data.waive ?? new Map(),
        });
    }
    return groups;
}
