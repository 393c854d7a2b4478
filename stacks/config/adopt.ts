/**
 * `iam-users:adopt`: the provider import ids `npm run import` records, so the program adopts what
 * the account holds instead of creating it. Self-contained: its schema, its model and the checks
 * that its entries name users, groups, slots and policies the stack configures.
 */
import { z } from "zod";
import { overlapAdoptionProblem } from "../../rules/access-keys";
import { managedPolicyKey } from "../../rules/managed-policy";
import { configKey, type AdoptModel, type GroupModel, type PasswordPolicyModel, type UserModel } from "./model";
import type { Problem } from "./problems";

const ids = z.record(z.string(), z.string());

const userAdoptionSchema = z.strictObject({
    user: z.string().optional(),
    groups: z.string().optional(),
    managedPolicies: ids.optional(),
    policies: ids.optional(),
    policyAttachments: ids.optional(),
    inlinePolicies: ids.optional(),
    console: z.string().optional(),
    accessKeys: ids.optional(),
});

const groupAdoptionSchema = z.strictObject({
    group: z.string().optional(),
    managedPolicies: ids.optional(),
    policies: ids.optional(),
    policyAttachments: ids.optional(),
});

/** `iam-users:adopt`. */
export const adoptSchema = z.strictObject({
    passwordPolicy: z.string().optional(),
    users: z.record(z.string(), userAdoptionSchema).optional(),
    groups: z.record(z.string(), groupAdoptionSchema).optional(),
});

/** `iam-users:adopt` as written, once its shape is checked. */
export type AdoptConfig = z.infer<typeof adoptSchema>;

/** The keys each adoption map may hold, and what configures them. */
type Owner = { readonly kind: "users" | "groups"; readonly key: string; readonly children: Record<string, string[]> };

function unknownKeys(file: string, adoption: Record<string, unknown>, owner: Owner): Problem[] {
    const problems: Problem[] = [];
    for (const [field, value] of Object.entries(adoption)) {
        const allowed = owner.children[field];
        if (typeof value === "string") {
            if (allowed.length === 0) {
                problems.push({
                    file,
                    keyPath: configKey("adopt", owner.kind, owner.key, field),
                    message: `adopts what ${configKey(owner.kind, owner.key)} does not configure`,
                    hint: "remove it, or run npm run import again",
                });
            }
            continue;
        }
        for (const key of Object.keys(value as Record<string, string>)) {
            if (!allowed.includes(key)) {
                problems.push({
                    file,
                    keyPath: configKey("adopt", owner.kind, owner.key, field, key),
                    message: `no "${key}" under ${configKey(owner.kind, owner.key)} to adopt`,
                    hint: allowed.length
                        ? `configured: ${allowed.join(", ")}`
                        : "remove it, or run npm run import again",
                });
            }
        }
    }
    return problems;
}

const present = (yes: boolean, name: string): string[] => (yes ? [name] : []);

/**
 * Checks `iam-users:adopt` (its shape already checked with {@link adoptSchema}) against the valid users, groups and password policy: every id must
 * belong to a child the stack configures, or it would adopt nothing and hide a mistake.
 */
export function validateAdopt(
    file: string,
    data: AdoptConfig | undefined,
    users: readonly UserModel[],
    groups: readonly GroupModel[],
    passwordPolicy: PasswordPolicyModel | undefined,
): { adopt?: AdoptModel; problems: Problem[] } {
    const problems: Problem[] = [];
    if (data === undefined) {
        return { problems };
    }
    if (data.passwordPolicy !== undefined && passwordPolicy === undefined) {
        problems.push({
            file,
            keyPath: configKey("adopt", "passwordPolicy"),
            message: `adopts a password policy, but ${configKey("passwordPolicy")} is not set`,
        });
    }
    for (const [key, adoption] of Object.entries(data.users ?? {})) {
        const user = users.find((u) => u.key === key);
        if (!user) {
            problems.push({
                file,
                keyPath: configKey("adopt", "users", key),
                message: `no user "${key}" in ${configKey("users")}`,
            });
            continue;
        }
        const files = user.policies.map((p) => p.key);
        problems.push(
            ...unknownKeys(file, adoption, {
                kind: "users",
                key,
                children: {
                    user: ["user"],
                    groups: present(user.groups.length > 0, "groups"),
                    managedPolicies: user.managedPolicies.map(managedPolicyKey),
                    policies: files,
                    policyAttachments: files,
                    inlinePolicies: user.inlinePolicies.map((p) => p.key),
                    console: present(user.console !== undefined, "console"),
                    accessKeys: user.accessKeys.map((k) => k.slot),
                },
            }),
        );
        for (const k of user.accessKeys) {
            const overlap = adoption.accessKeys?.[k.slot] === undefined ? undefined : overlapAdoptionProblem(k.slot, k);
            if (overlap) {
                problems.push({
                    file,
                    keyPath: configKey("adopt", "users", key, "accessKeys", k.slot),
                    message: overlap.message,
                    hint: overlap.hint,
                });
            }
        }
    }
    for (const [key, adoption] of Object.entries(data.groups ?? {})) {
        const group = groups.find((g) => g.key === key && !g.external);
        if (!group) {
            problems.push({
                file,
                keyPath: configKey("adopt", "groups", key),
                message: `no group "${key}" managed by ${configKey("groups")}`,
            });
            continue;
        }
        const files = group.policies.map((p) => p.key);
        problems.push(
            ...unknownKeys(file, adoption, {
                kind: "groups",
                key,
                children: {
                    group: ["group"],
                    managedPolicies: group.managedPolicies.map(managedPolicyKey),
                    policies: files,
                    policyAttachments: files,
                },
            }),
        );
    }
    return {
        adopt: {
            ...(data.passwordPolicy !== undefined ? { passwordPolicy: data.passwordPolicy } : {}),
            users: data.users ?? {},
            groups: data.groups ?? {},
        },
        problems,
    };
}
