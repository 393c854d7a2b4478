/**
 * Stack validation: `validateStack` loads the policy files a stack names (the one stage that
 * reads files), then `validateConfig` checks the config values and the loaded texts, a pure
 * function split by subject over the modules of this folder.
 */
import { partitionOfRegion } from "../../../rules/arn";
import { validateAdopt } from "../adopt";
import { configKey, dataRecord, type StackModel } from "../model";
import { loadPolicyFiles, type PolicyTexts } from "../policy-files";
import { isError, type Problem } from "../problems";
import type { StackSource } from "../read";
import { isTopLevelKey, topLevelSchemas, type PasswordPolicyConfig } from "../schema";
import { didYouMean } from "../suggest";
import { Context, type NameMap } from "./context";
import { validateExpectations } from "./expectations";
import { validateGroups } from "./groups";
import { validatePgpKey } from "./pgp";
import { validateUsers } from "./users";

/** What validation found: the model only when there is no error, and always the parts that were valid. */
export interface ValidationResult {
    readonly model?: StackModel;
    /**
     * The entries and policy files that passed on their own, for checks that look at single names
     * (the catalog checks), so a stack with errors still gets every problem reported in one run.
     * Never deploy it.
     */
    readonly draft: StackModel;
    readonly problems: Problem[];
}

const TOP_LEVEL_KEYS = Object.keys(topLevelSchemas);

/** The top-level values, each parsed with its schema; a key with errors keeps what parsed. */
function topLevel(ctx: Context, values: Readonly<Record<string, unknown>>) {
    const top: { [K in keyof typeof topLevelSchemas]?: import("zod").infer<(typeof topLevelSchemas)[K]> } = {};
    for (const [key, value] of Object.entries(values)) {
        if (!isTopLevelKey(key)) {
            ctx.report(
                configKey(key),
                `unknown key "${key}"${didYouMean(key, TOP_LEVEL_KEYS)}`,
                `allowed keys: ${TOP_LEVEL_KEYS.join(", ")}`,
            );
            continue;
        }
        (top as Record<string, unknown>)[key] = ctx.parse([key], topLevelSchemas[key] as never, value);
    }
    return top;
}

/**
 * Checks one stack's config values against each other and against its policy texts (by
 * project-relative path, as `loadPolicyFiles` returns them). Reads nothing.
 */
export function validateConfig(source: StackSource, texts: PolicyTexts): ValidationResult {
    const region = source.config["aws:region"];
    const ctx = new Context(
        source.file,
        source.projectDir,
        texts,
        typeof region === "string" ? partitionOfRegion(region) : undefined,
        typeof region === "string" ? region : undefined,
    );
    const top = topLevel(ctx, source.values);
    if (!Object.hasOwn(source.values, "users") && !Object.hasOwn(source.values, "groups")) {
        // On `pulumi up` a stack without users deletes every user it managed: make that deliberate.
        ctx.report(
            configKey("users"),
            "the stack defines no users and no groups",
            "to deploy a stack without users (and so delete every user it manages), write iam-users:users: {}",
        );
    }
    const namePrefix = top.namePrefix ?? "";
    const passwordPolicy: PasswordPolicyConfig | undefined = top.passwordPolicy;
    const rawGroups: NameMap = top.groups ?? new Map();
    const rawUsers: NameMap = top.users ?? new Map();
    const groups = validateGroups(ctx, rawGroups, namePrefix);
    // References resolve against every key written, even one whose own config has errors,
    // so that one mistake is reported once rather than again at every reference.
    const users = validateUsers(ctx, rawUsers, namePrefix, new Set(rawGroups.keys()), passwordPolicy, {
        hasPgpKey: Object.hasOwn(source.values, "pgpKey"),
    });
    const expectations = validateExpectations(ctx, top.expectations ?? new Map(), new Set(rawUsers.keys()));
    validatePgpKey(ctx, top.pgpKey);
    const adopted = validateAdopt(ctx.file, top.adopt, users, groups, passwordPolicy);
    ctx.problems.push(...adopted.problems);
    const allowUnknown = top.allowUnknown ?? {};

    const draft: StackModel = {
        file: source.file,
        stack: source.stack,
        projectDir: source.projectDir,
        namePrefix,
        passwordPolicy,
        groups,
        users,
        pgpKey: typeof top.pgpKey === "string" ? top.pgpKey : undefined,
        expectations,
        allowWarnings: dataRecord(top.allowWarnings ?? []),
        allowUnknown: {
            actions: allowUnknown.actions ?? [],
            managedPolicies: allowUnknown.managedPolicies ?? [],
        },
        strict: top.strict ?? false,
        ...(adopted.adopt ? { adopt: adopted.adopt } : {}),
    };
    return { model: ctx.problems.some(isError) ? undefined : draft, draft, problems: ctx.problems };
}

/**
 * Checks one stack's config and its policy files: loads the files (the problems of that stage
 * come first), then validates. The model comes back only when neither stage found an error.
 */
export function validateStack(source: StackSource): ValidationResult {
    const loaded = loadPolicyFiles(source);
    const result = validateConfig(source, loaded.texts);
    const failed = loaded.problems.some(isError);
    return {
        model: failed ? undefined : result.model,
        draft: result.draft,
        problems: [...loaded.problems, ...result.problems],
    };
}
