import {
    DEFAULT_MANAGED_POLICIES_PER_USER,
    formatCount,
    MAX_GROUPS_PER_USER,
    MAX_MANAGED_POLICIES_PER_USER,
    MAX_MANAGED_POLICY_SIZE,
    MAX_USER_INLINE_POLICIES_SIZE,
    MAX_USERS_PER_ACCOUNT,
    policySize,
} from "../../../rules/limits";
import { DEFAULT_PASSWORD_LENGTH } from "../../../rules/passwords";
import { configKey, type UserModel } from "../model";
import { policyPath } from "../policy-files";
import { userSchema, type PasswordPolicyConfig, type UserConfig } from "../schema";
import { didYouMean } from "../suggest";
import { validateAccessKeys } from "./access-keys";
import { validateSshKeys } from "./ssh-keys";
import type { Context, NameMap } from "./context";
import { checkName } from "./names";
import { firstIndexes, managedPolicies, policyFiles } from "./policies";
import { validateTags } from "./tags";

/** IAM refuses a generated password shorter than the account policy's minimum, default or not. */
function passwordLength(ctx: Context, key: string, data: UserConfig, minimum: number | undefined): void {
    if (data.console === undefined || minimum === undefined) {
        return;
    }
    const length = data.console?.passwordLength;
    if (length === undefined && DEFAULT_PASSWORD_LENGTH < minimum) {
        ctx.report(
            configKey("users", key, "console"),
            `the default passwordLength of ${DEFAULT_PASSWORD_LENGTH} is below the password policy's minimumLength of ${minimum}`,
            `set passwordLength: ${minimum} or more`,
        );
    } else if (length !== undefined && length < minimum) {
        ctx.report(
            configKey("users", key, "console", "passwordLength"),
            `${length} is below the password policy's minimumLength of ${minimum}`,
            `use at least ${minimum}`,
        );
    }
}

function userGroups(ctx: Context, key: string, groups: readonly string[], defined: ReadonlySet<string>): void {
    if (groups.length > MAX_GROUPS_PER_USER) {
        ctx.report(
            configKey("users", key, "groups"),
            `${groups.length} groups; IAM allows a user in ${MAX_GROUPS_PER_USER}`,
        );
    }
    const first = firstIndexes(groups);
    groups.forEach((group, i) => {
        const at = configKey("users", key, "groups", i);
        if (!defined.has(group)) {
            ctx.report(
                at,
                `group "${group}" is not defined${didYouMean(group, defined)}`,
                `define it under iam-users:groups (with external: true if it exists already)`,
            );
        } else if (first.get(group) !== i) {
            ctx.report(at, `group "${group}" is listed twice`);
        }
    });
}

/** A file in both policyFiles and inlinePolicyFiles would grant the same thing twice. */
function policyOverlap(ctx: Context, key: string, data: UserConfig): void {
    const managed = firstIndexes((data.policyFiles ?? []).map((f) => policyPath(ctx.projectDir, f)));
    (data.inlinePolicyFiles ?? []).forEach((file, i) => {
        const j = managed.get(policyPath(ctx.projectDir, file));
        if (j !== undefined) {
            ctx.report(
                configKey("users", key, "inlinePolicyFiles", i),
                `duplicate policy "${file}", also at ${configKey("users", key, "policyFiles", j)}`,
            );
        }
    });
}

function policyCounts(ctx: Context, key: string, count: number): void {
    const at = configKey("users", key);
    if (count > MAX_MANAGED_POLICIES_PER_USER) {
        ctx.report(
            at,
            `${count} managed policies would be attached; IAM allows ${MAX_MANAGED_POLICIES_PER_USER} per user even with a quota increase`,
            "move permissions to groups, or merge policy files",
        );
    } else if (count > DEFAULT_MANAGED_POLICIES_PER_USER) {
        ctx.report(
            at,
            `${count} managed policies would be attached; the default quota is ${DEFAULT_MANAGED_POLICIES_PER_USER} per user`,
            `request a quota increase (up to ${MAX_MANAGED_POLICIES_PER_USER}) before deploying, or move permissions to groups`,
            "warning",
        );
    }
}

/** `iam-users:users`, each entry checked on its own, against the others and against the groups. */
export function validateUsers(
    ctx: Context,
    raw: NameMap,
    prefix: string,
    groupKeys: ReadonlySet<string>,
    passwordPolicy: PasswordPolicyConfig | undefined,
    stack: { readonly hasPgpKey: boolean },
): UserModel[] {
    if (raw.size > MAX_USERS_PER_ACCOUNT) {
        ctx.report(
            configKey("users"),
            `${formatCount(raw.size)} users; IAM allows ${formatCount(MAX_USERS_PER_ACCOUNT)} in an account`,
            "split the users over several accounts",
        );
    }
    const seen = new Map<string, string>();
    const users: UserModel[] = [];
    for (const [key, value] of raw) {
        // An empty entry (`bob:` alone) is a user with every default, as `{}` is.
        const data = ctx.parse(["users", key], userSchema, value ?? {});
        if (!data) {
            continue;
        }
        const name = prefix + (data.userName ?? key);
        checkName(ctx, name, "user", configKey("users", key), seen);
        userGroups(ctx, key, data.groups ?? [], groupKeys);
        managedPolicies(ctx, data.managedPolicies ?? [], ["users", key, "managedPolicies"]);
        const policies = policyFiles(ctx, data.policyFiles ?? [], ["users", key, "policyFiles"], name);
        const inlinePolicies = policyFiles(ctx, data.inlinePolicyFiles ?? [], ["users", key, "inlinePolicyFiles"]);
        policyOverlap(ctx, key, data);
        policyCounts(ctx, key, (data.managedPolicies?.length ?? 0) + policies.length);
        const inlineSize = inlinePolicies.reduce((sum, p) => sum + policySize(p.text), 0);
        if (inlineSize > MAX_USER_INLINE_POLICIES_SIZE) {
            ctx.report(
                configKey("users", key, "inlinePolicyFiles"),
                `the inline policies total ${inlineSize} characters without white space; IAM allows ${MAX_USER_INLINE_POLICIES_SIZE} per user`,
                `move them to policyFiles (managed policies allow ${formatCount(MAX_MANAGED_POLICY_SIZE)} characters each)`,
            );
        }
        const accessKeys = validateAccessKeys(ctx, key, data.accessKeys ?? new Map(), stack.hasPgpKey);
        const sshKeys = validateSshKeys(ctx, key, data.sshKeys ?? new Map());
        const tags = data.tags ?? new Map<string, string>();
        validateTags(ctx, key, tags, accessKeys);
        passwordLength(ctx, key, data, passwordPolicy?.minimumLength);
        users.push({
            key,
            name,
            path: data.path ?? "/",
            // A plain object, which Pulumi serializes (it hangs on one without a prototype);
            // `Object.fromEntries` defines each key, so `__proto__` is a key, not the prototype.
            tags: Object.fromEntries(tags),
            groups: data.groups ?? [],
            managedPolicies: data.managedPolicies ?? [],
            policies,
            inlinePolicies,
            permissionsBoundary: data.permissionsBoundary,
            console:
                data.console === undefined
                    ? undefined
                    : {
                          passwordResetRequired: data.console?.passwordResetRequired ?? true,
                          passwordLength: data.console?.passwordLength ?? DEFAULT_PASSWORD_LENGTH,
                      },
            accessKeys,
            sshKeys,
            protect: data.protect ?? false,
            forceDestroy: data.forceDestroy ?? false,
            allowWarnings: data.allowWarnings ?? [],
            waive: data.waive ?? new Map(),
        });
    }
    return users;
}
