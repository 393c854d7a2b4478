import * as fs from "fs";
import * as path from "path";
import {
    DEFAULT_MANAGED_POLICIES_PER_USER,
    GROUP_OR_POLICY_NAME,
    MAX_ACCESS_KEYS_PER_USER,
    MAX_GROUPS_PER_USER,
    MAX_MANAGED_POLICIES_PER_GROUP,
    MAX_MANAGED_POLICIES_PER_USER,
    MAX_TAG_KEY_LENGTH,
    MAX_TAG_VALUE_LENGTH,
    MAX_TAGS_PER_USER,
    MAX_USER_INLINE_POLICIES_SIZE,
    policySize,
    TAG_CHARACTERS,
    USER_NAME,
} from "../../components/limits";
import { managedPolicyArn, managedPolicyKey } from "../../components/managed-policy";
import { accessKeyDescriptionTag, mfaPolicyName, policyName } from "../../components/names";
import type {
    AccessKeyModel,
    ExpectationModel,
    GroupModel,
    PolicyFile,
    StackModel,
    UserExpectationsModel,
    UserModel,
} from "./model";
import { configKey } from "./model";
import { pgpKeyProblem } from "./pgp-key";
import { checkPolicyDocument } from "./policy-document";
import { isError, type Problem } from "./problems";
import type { StackSource } from "./read";
import {
    expectationsSchema,
    groupSchema,
    topLevelSchemas,
    userSchema,
    type GroupConfig,
    type PasswordPolicyConfig,
    type UserConfig,
} from "./schema";
import { closest, didYouMean } from "./suggest";
import { parseWith } from "./zod-problems";

const SLOT = /^[A-Za-z0-9_-]{1,32}$/;
/** A policy file's name without `.json` names the policy (an inline one exactly), so it is a policy name. */
const FILE_KEY = GROUP_OR_POLICY_NAME;
/** The component's default for `console.passwordLength`. */
const DEFAULT_PASSWORD_LENGTH = 20;

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

/** Checks one stack's config and its policy files. */
export function validateStack(source: StackSource): ValidationResult {
    return new Validation(source).run();
}

class Validation {
    private readonly problems: Problem[] = [];
    private readonly policyFiles = new Map<string, PolicyFile | undefined>();
    /** Customer-managed policy names this stack creates (lower case), and where each comes from. */
    private readonly policyNames = new Map<string, string>();
    private readonly file: string;

    constructor(private readonly source: StackSource) {
        this.file = source.file;
    }

    private report(keyPath: string, message: string, hint?: string, severity?: "warning"): void {
        this.problems.push({ file: this.file, keyPath, message, hint, ...(severity ? { severity } : {}) });
    }

    run(): ValidationResult {
        const top: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(this.source.values)) {
            const schema = topLevelSchemas[key as keyof typeof topLevelSchemas];
            if (!schema) {
                this.report(
                    configKey(key),
                    `unknown key "${key}"${didYouMean(key, Object.keys(topLevelSchemas))}`,
                    `allowed keys: ${Object.keys(topLevelSchemas).join(", ")}`,
                );
                continue;
            }
            const parsed = parseWith(this.file, [key], schema as never, value);
            this.problems.push(...parsed.problems);
            top[key] = parsed.data;
        }
        const namePrefix = (top.namePrefix as string | undefined) ?? "";
        const passwordPolicy = top.passwordPolicy as PasswordPolicyConfig | undefined;

        const rawGroups = (top.groups as Record<string, unknown>) ?? {};
        const rawUsers = (top.users as Record<string, unknown>) ?? {};
        const groups = this.groups(rawGroups, namePrefix);
        // References resolve against every key written, even one whose own config has errors,
        // so that one mistake is reported once rather than again at every reference.
        const users = this.users(rawUsers, namePrefix, Object.keys(rawGroups), passwordPolicy);
        const rawExpectations = (top.expectations as Record<string, unknown>) ?? {};
        const expectations = this.expectations(rawExpectations, Object.keys(rawUsers));
        this.pgpKey(top.pgpKey);
        const allowUnknown = (top.allowUnknown ?? {}) as { actions?: string[]; managedPolicies?: string[] };

        const draft: StackModel = {
            file: this.file,
            stack: this.source.stack,
            projectDir: this.source.projectDir,
            namePrefix,
            passwordPolicy,
            groups,
            users,
            pgpKey: typeof top.pgpKey === "string" ? top.pgpKey : undefined,
            expectations,
            allowWarnings: (top.allowWarnings as StackModel["allowWarnings"] | undefined) ?? {},
            allowUnknown: {
                actions: allowUnknown.actions ?? [],
                managedPolicies: allowUnknown.managedPolicies ?? [],
            },
        };
        return { model: this.problems.some(isError) ? undefined : draft, draft, problems: this.problems };
    }

    /** Reports a name that is not legal or is taken (IAM names are unique ignoring case). */
    private uniqueName(name: string, form: RegExp, kind: string, keyPath: string, seen: Map<string, string>): void {
        const max = kind === "user" ? 64 : 128;
        if (!form.test(name)) {
            this.report(keyPath, `${kind} name "${name}" must be 1-${max} of letters, digits and +=,.@_-`);
        }
        const other = seen.get(name.toLowerCase());
        if (other) {
            this.report(keyPath, `${kind} name "${name}" is already used by ${other} (IAM names ignore case)`);
        } else {
            seen.set(name.toLowerCase(), keyPath);
        }
    }

    private groups(raw: Record<string, unknown>, prefix: string): GroupModel[] {
        const seen = new Map<string, string>();
        const groups: GroupModel[] = [];
        for (const [key, value] of Object.entries(raw)) {
            const at = configKey("groups", key);
            const { data } = this.parse(["groups", key], groupSchema, value);
            if (!data) {
                continue;
            }
            const external = data.external ?? false;
            const name = external ? (data.groupName ?? key) : prefix + (data.groupName ?? key);
            this.uniqueName(name, GROUP_OR_POLICY_NAME, "group", at, seen);
            if (external) {
                for (const field of ["managedPolicies", "policyFiles", "requireMfa", "path"] as const) {
                    if (data[field] !== undefined) {
                        this.report(
                            configKey("groups", key, field),
                            "an external group is not managed by this stack, so it cannot set this",
                            "remove it, or remove external: true to manage the group here",
                        );
                    }
                }
            }
            const policies = this.policyRefs(data.policyFiles ?? [], ["groups", key, "policyFiles"], name);
            this.managedPolicies(data.managedPolicies ?? [], ["groups", key, "managedPolicies"]);
            const count = (data.managedPolicies?.length ?? 0) + policies.length + (data.requireMfa ? 1 : 0);
            if (count > MAX_MANAGED_POLICIES_PER_GROUP) {
                this.report(
                    at,
                    `${count} managed policies would be attached to the group; IAM allows ${MAX_MANAGED_POLICIES_PER_GROUP}`,
                    "merge policy files, or split the group",
                );
            }
            if (data.requireMfa) {
                const at = configKey("groups", key, "requireMfa");
                this.generatedPolicyName(mfaPolicyName(name), at, "use a shorter group name");
            }
            groups.push(this.groupModel(key, name, data, policies));
        }
        return groups;
    }

    private groupModel(key: string, name: string, data: GroupConfig, policies: PolicyFile[]): GroupModel {
        return {
            key,
            name,
            path: data.path ?? "/",
            external: data.external ?? false,
            managedPolicies: data.managedPolicies ?? [],
            policies,
            requireMfa: data.requireMfa ?? false,
            allowWarnings: data.allowWarnings ?? [],
            waive: data.waive ?? {},
        };
    }

    private users(
        raw: Record<string, unknown>,
        prefix: string,
        groupKeys: readonly string[],
        passwordPolicy: PasswordPolicyConfig | undefined,
    ): UserModel[] {
        const seen = new Map<string, string>();
        const users: UserModel[] = [];
        for (const [key, value] of Object.entries(raw)) {
            const { data } = this.parse(["users", key], userSchema, value);
            if (!data) {
                continue;
            }
            const name = prefix + (data.userName ?? key);
            this.uniqueName(name, USER_NAME, "user", configKey("users", key), seen);
            this.userGroups(key, data.groups ?? [], groupKeys);
            this.managedPolicies(data.managedPolicies ?? [], ["users", key, "managedPolicies"]);
            const policies = this.policyRefs(data.policyFiles ?? [], ["users", key, "policyFiles"], name);
            const inlinePolicies = this.policyRefs(data.inlinePolicyFiles ?? [], ["users", key, "inlinePolicyFiles"]);
            this.policyOverlap(key, data);
            this.policyCounts(key, (data.managedPolicies?.length ?? 0) + policies.length);
            const inlineSize = inlinePolicies.reduce((sum, p) => sum + policySize(p.text), 0);
            if (inlineSize > MAX_USER_INLINE_POLICIES_SIZE) {
                this.report(
                    configKey("users", key, "inlinePolicyFiles"),
                    `the inline policies total ${inlineSize} characters without white space; IAM allows ${MAX_USER_INLINE_POLICIES_SIZE} per user`,
                    "move them to policyFiles (managed policies allow 6,144 characters each)",
                );
            }
            const accessKeys = this.accessKeys(key, data);
            this.tags(key, data, accessKeys);
            this.passwordLength(key, data, passwordPolicy?.minimumLength);
            users.push({
                key,
                name,
                path: data.path ?? "/",
                tags: data.tags ?? {},
                groups: data.groups ?? [],
                managedPolicies: data.managedPolicies ?? [],
                policies,
                inlinePolicies,
                permissionsBoundary: data.permissionsBoundary,
                console: data.console && {
                    passwordResetRequired: data.console.passwordResetRequired ?? true,
                    passwordLength: data.console.passwordLength ?? DEFAULT_PASSWORD_LENGTH,
                },
                accessKeys,
                protect: data.protect ?? false,
                forceDestroy: data.forceDestroy ?? false,
                allowWarnings: data.allowWarnings ?? [],
                waive: data.waive ?? {},
            });
        }
        return users;
    }

    /** IAM refuses a generated password shorter than the account policy's minimum, default or not. */
    private passwordLength(key: string, data: UserConfig, minimum: number | undefined): void {
        if (!data.console || minimum === undefined) {
            return;
        }
        const length = data.console.passwordLength;
        if (length === undefined && DEFAULT_PASSWORD_LENGTH < minimum) {
            this.report(
                configKey("users", key, "console"),
                `the default passwordLength of ${DEFAULT_PASSWORD_LENGTH} is below the password policy's minimumLength of ${minimum}`,
                `set passwordLength: ${minimum} or more`,
            );
        } else if (length !== undefined && length < minimum) {
            this.report(
                configKey("users", key, "console", "passwordLength"),
                `${length} is below the password policy's minimumLength of ${minimum}`,
                `use at least ${minimum}`,
            );
        }
    }

    private userGroups(key: string, groups: readonly string[], defined: readonly string[]): void {
        if (groups.length > MAX_GROUPS_PER_USER) {
            this.report(
                configKey("users", key, "groups"),
                `${groups.length} groups; IAM allows a user in ${MAX_GROUPS_PER_USER}`,
            );
        }
        groups.forEach((group, i) => {
            const at = configKey("users", key, "groups", i);
            if (!defined.includes(group)) {
                this.report(
                    at,
                    `group "${group}" is not defined${didYouMean(group, defined)}`,
                    `define it under iam-users:groups (with external: true if it exists already)`,
                );
            } else if (groups.indexOf(group) !== i) {
                this.report(at, `group "${group}" is listed twice`);
            }
        });
    }

    /** Duplicates among names and ARNs: the same ARN, or the same policy name (which keys the attachment). */
    private managedPolicies(entries: readonly string[], at: (string | number)[]): void {
        const seen = new Map<string, number>();
        entries.forEach((entry, i) => {
            const first = seen.get(managedPolicyKey(entry));
            if (first === undefined) {
                seen.set(managedPolicyKey(entry), i);
            } else if (managedPolicyArn(entry, "aws") === managedPolicyArn(entries[first], "aws")) {
                this.report(configKey(...at, i), `duplicate policy "${entry}", also at ${configKey(...at, first)}`);
            } else {
                this.report(
                    configKey(...at, i),
                    `"${entry}" has the same policy name as "${entries[first]}" at ${configKey(...at, first)}`,
                    "attachments are named after the policy name; attach one of them through a group",
                );
            }
        });
    }

    /** A file in both policyFiles and inlinePolicyFiles would grant the same thing twice. */
    private policyOverlap(key: string, data: UserConfig): void {
        (data.inlinePolicyFiles ?? []).forEach((file, i) => {
            const j = (data.policyFiles ?? []).findIndex((f) => this.relative(f) === this.relative(file));
            if (j >= 0) {
                this.report(
                    configKey("users", key, "inlinePolicyFiles", i),
                    `duplicate policy "${file}", also at ${configKey("users", key, "policyFiles", j)}`,
                );
            }
        });
    }

    private policyCounts(key: string, count: number): void {
        const at = configKey("users", key);
        if (count > MAX_MANAGED_POLICIES_PER_USER) {
            this.report(
                at,
                `${count} managed policies would be attached; IAM allows ${MAX_MANAGED_POLICIES_PER_USER} per user even with a quota increase`,
                "move permissions to groups, or merge policy files",
            );
        } else if (count > DEFAULT_MANAGED_POLICIES_PER_USER) {
            this.report(
                at,
                `${count} managed policies would be attached; the default quota is ${DEFAULT_MANAGED_POLICIES_PER_USER} per user`,
                "request a quota increase (up to 20) before deploying, or move permissions to groups",
                "warning",
            );
        }
    }

    private accessKeys(key: string, data: UserConfig): AccessKeyModel[] {
        const entries = Object.entries(data.accessKeys ?? {});
        const at = configKey("users", key, "accessKeys");
        if (entries.length > MAX_ACCESS_KEYS_PER_USER) {
            this.report(at, `${entries.length} access keys; IAM allows ${MAX_ACCESS_KEYS_PER_USER} per user`);
        }
        const keys = entries.map(([slot, k]) => ({
            slot,
            status: k.status ?? "Active",
            description: k.description,
            rotation: k.rotation,
            rotateAfterDays: k.rotateAfterDays,
            rotationMode: k.rotationMode ?? "create-first",
        }));
        for (const k of keys) {
            if (!SLOT.test(k.slot)) {
                this.report(
                    configKey("users", key, "accessKeys", k.slot),
                    "slot names are 1-32 letters, digits, _ and -",
                );
            }
            const rotates = k.rotation !== undefined || k.rotateAfterDays !== undefined;
            if (rotates && k.rotationMode === "create-first" && entries.length >= MAX_ACCESS_KEYS_PER_USER) {
                this.report(
                    configKey("users", key, "accessKeys", k.slot),
                    `rotating this key creates its replacement before deleting it, which needs a third key; IAM allows ${MAX_ACCESS_KEYS_PER_USER}`,
                    "keep one slot while rotating, or set rotationMode: delete-first to accept a moment without the old key",
                );
            }
        }
        return keys;
    }

    private tags(key: string, data: UserConfig, accessKeys: readonly AccessKeyModel[]): void {
        const tags = Object.entries(data.tags ?? {});
        const described = accessKeys.filter((k) => k.description !== undefined);
        if (tags.length + described.length > MAX_TAGS_PER_USER) {
            this.report(
                configKey("users", key, "tags"),
                `${tags.length} tags and ${described.length} access key descriptions; IAM allows ${MAX_TAGS_PER_USER} tags per user`,
            );
        }
        for (const [tag, value] of tags) {
            const at = configKey("users", key, "tags", tag);
            if (tag.length < 1 || tag.length > MAX_TAG_KEY_LENGTH || !TAG_CHARACTERS.test(tag)) {
                this.report(at, `tag key must be 1-${MAX_TAG_KEY_LENGTH} of letters, digits, spaces and _.:/=+-@`);
            }
            if (tag.toLowerCase().startsWith("aws:")) {
                this.report(at, 'tag keys starting with "aws:" are reserved for AWS');
            }
            if (described.some((k) => accessKeyDescriptionTag(k.slot) === tag)) {
                this.report(at, `tag key "${tag}" holds an access key description; choose another key`);
            }
            this.tagValue(at, value);
        }
        for (const k of described) {
            this.tagValue(configKey("users", key, "accessKeys", k.slot, "description"), k.description!);
        }
    }

    private tagValue(at: string, value: string): void {
        if (value.length > MAX_TAG_VALUE_LENGTH || !TAG_CHARACTERS.test(value)) {
            this.report(
                at,
                `must be 0-${MAX_TAG_VALUE_LENGTH} of letters, digits, spaces and _.:/=+-@ (it is stored as a tag)`,
            );
        }
    }

    /**
     * Loads the policy files a user or group names; each file's own problems are reported once,
     * however many entries name it. With an owner, checks the name of the policy it will create.
     */
    private policyRefs(refs: readonly string[], at: (string | number)[], owner?: string): PolicyFile[] {
        const loaded: PolicyFile[] = [];
        refs.forEach((ref, i) => {
            const keyPath = configKey(...at, i);
            const first = refs.findIndex((r) => this.relative(r) === this.relative(ref));
            if (first !== i) {
                this.report(keyPath, `duplicate policy "${ref}", also at ${configKey(...at, first)}`);
                return;
            }
            const policy = this.policyFile(ref, keyPath);
            if (!policy) {
                return;
            }
            const clash = loaded.find((p) => p.key === policy.key);
            if (clash) {
                this.report(
                    keyPath,
                    `"${ref}" and "${clash.path}" would both create the policy "${policy.key}"`,
                    "rename one of the files",
                );
            } else if (owner !== undefined) {
                this.generatedPolicyName(policyName(owner, policy.key), keyPath, "use a shorter file name");
            }
            loaded.push(policy);
        });
        return loaded;
    }

    /** A policy name this stack creates must fit, and be the only one of its name in the account ignoring case. */
    private generatedPolicyName(name: string, keyPath: string, shorter: string): void {
        if (!GROUP_OR_POLICY_NAME.test(name)) {
            this.report(keyPath, `the policy name "${name}" would be longer than 128 characters`, shorter);
        }
        const other = this.policyNames.get(name.toLowerCase());
        if (other) {
            this.report(
                keyPath,
                `the policy name "${name}" is also created by ${other}`,
                "IAM policy names are unique in the account, ignoring case; rename one of the files",
            );
        } else {
            this.policyNames.set(name.toLowerCase(), keyPath);
        }
    }

    /** A policy file path as written, relative to the project folder in `/` form: two spellings, one file. */
    private relative(ref: string): string {
        const projectDir = this.source.projectDir;
        return path.relative(projectDir, path.resolve(projectDir, ref)).split(path.sep).join("/");
    }

    private policyFile(ref: string, keyPath: string): PolicyFile | undefined {
        const projectDir = this.source.projectDir;
        const absolute = path.resolve(projectDir, ref);
        const relative = this.relative(ref);
        if (this.policyFiles.has(relative)) {
            return this.policyFiles.get(relative);
        }
        this.policyFiles.set(relative, undefined);
        if (relative.startsWith("../") || path.isAbsolute(relative)) {
            this.report(keyPath, `policy file "${ref}" is outside the project folder`, "keep policies in policies/");
            return undefined;
        }
        let text: string;
        try {
            text = fs.readFileSync(absolute, "utf8");
        } catch {
            this.report(keyPath, `policy file "${ref}" does not exist${similarSibling(absolute, projectDir)}`);
            return undefined;
        }
        const key = path.basename(relative).replace(/\.json$/, "");
        if (!FILE_KEY.test(key)) {
            this.report(
                keyPath,
                `the file name "${key}" names the policy, so it must be 1-128 of letters, digits and +=,.@_-`,
            );
            return undefined;
        }
        const { document, problems } = checkPolicyDocument(relative, text);
        this.problems.push(...problems);
        const policy = document && { path: relative, key, text, document };
        this.policyFiles.set(relative, policy);
        return policy;
    }

    private expectations(raw: Record<string, unknown>, keys: readonly string[]): Record<string, UserExpectationsModel> {
        const result: Record<string, UserExpectationsModel> = {};
        for (const [key, value] of Object.entries(raw)) {
            if (!keys.includes(key)) {
                this.report(configKey("expectations", key), `user "${key}" is not defined${didYouMean(key, keys)}`);
            }
            const { data } = this.parse(["expectations", key], expectationsSchema, value);
            if (!data) {
                continue;
            }
            const list = (kind: "allowed" | "denied"): ExpectationModel[] =>
                (data[kind] ?? []).map((e, i) => ({
                    action: e.action,
                    resource: e.resource ?? "*",
                    mfa: e.mfa ?? true,
                    keyPath: configKey("expectations", key, kind, i),
                }));
            result[key] = { allowed: list("allowed"), denied: list("denied") };
        }
        return result;
    }

    private pgpKey(value: unknown): void {
        if (typeof value !== "string") {
            return; // absent, or a Pulumi secret that only the program can read
        }
        const problem = pgpKeyProblem(value);
        if (problem) {
            this.report(configKey("pgpKey"), problem.message, problem.hint);
        }
    }

    private parse<T>(at: (string | number)[], schema: import("zod").ZodType<T>, value: unknown): { data?: T } {
        const { data, problems } = parseWith(this.file, at, schema, value);
        this.problems.push(...problems);
        return { data };
    }
}

/**
 * ` (did you mean "policies/x.json"?)` for a file next to a missing one with a close name, else
 * nothing. Only the names without `.json` are compared: the folder and the extension they share
 * would make any two paths look close.
 */
function similarSibling(absolute: string, projectDir: string): string {
    const dir = path.dirname(absolute);
    const stem = (file: string) => path.basename(file).replace(/\.json$/, "");
    let names: string[];
    try {
        names = fs.readdirSync(dir);
    } catch {
        return "";
    }
    const match = closest(stem(absolute), names.map(stem));
    const file = names.find((n) => stem(n) === match);
    if (file === undefined) {
        return "";
    }
    return ` (did you mean "${path.relative(projectDir, path.join(dir, file)).split(path.sep).join("/")}"?)`;
}
