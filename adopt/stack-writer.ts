/**
 * Turns an account snapshot into a stack: the `Pulumi.<stack>.yaml` text, its policy files, and
 * one note per thing the stack cannot model yet. Pure: no AWS, no file system; sorted throughout,
 * so the same account always gives the same bytes.
 *
 * A customer-managed policy becomes a policy file only where the program would give it the same
 * name (`<owner>-<file name>`), path `/`, no description, and one owner; the program creates and
 * names it that way, so only then can it adopt it unchanged. Any other is attached by its ARN (as
 * a `managedPolicies` entry): the attachment is adopted, the policy itself stays unmanaged, and a
 * note says so.
 */
import { PasswordPolicy } from "@aws-sdk/client-iam";
import { stringify } from "yaml";
import { IamGroupAdoption, IamUserAdoption, PASSWORD_POLICY_IMPORT_ID } from "../components/adoption";
import { GROUP_OR_POLICY_NAME } from "../rules/limits";
import { managedPolicyKey } from "../rules/managed-policy";
import { configKey } from "../stacks/config/model";
import {
    AccountSnapshot,
    AttachedPolicy,
    InlinePolicy,
    SnapshotGroup,
    SnapshotPolicy,
    SnapshotUser,
} from "../verify/snapshot";

/** What the stack writer produced. */
export interface WrittenStack {
    /** File contents by path relative to the output folder, the stack file first. */
    readonly files: ReadonlyMap<string, string>;
    /** One line per entity the stack does not model; it stays in the account as it is. */
    readonly notes: readonly string[];
}

/** A policy file's text: the document pretty-printed, as a reviewer reads it. */
const policyText = (document: string): string => JSON.stringify(JSON.parse(document), null, 4) + "\n";

const sortedObject = <T>(entries: [string, T][]): Record<string, T> =>
    Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** Owners (users and groups) of each customer policy, by ARN. */
function policyOwners(users: readonly SnapshotUser[], groups: readonly SnapshotGroup[]): Map<string, number> {
    const owners = new Map<string, number>();
    for (const p of [...users, ...groups].flatMap((o) => o.attachedPolicies)) {
        owners.set(p.arn, (owners.get(p.arn) ?? 0) + 1);
    }
    return owners;
}

class Writer {
    readonly files = new Map<string, string>();
    readonly notes: string[] = [];
    private readonly owners: Map<string, number>;

    constructor(
        private readonly account: AccountSnapshot,
        private readonly stack: string,
        users: readonly SnapshotUser[],
        groups: readonly SnapshotGroup[],
    ) {
        this.owners = policyOwners(users, groups);
    }

    /** The file key that makes the program's policy name `<owner>-<key>` equal the existing name, if any. */
    private fileKey(owner: string, policy: SnapshotPolicy): string | undefined {
        const key = policy.name.slice(owner.length + 1);
        const fits =
            policy.name.startsWith(`${owner}-`) &&
            GROUP_OR_POLICY_NAME.test(key) &&
            policy.path === "/" &&
            policy.description === undefined &&
            this.owners.get(policy.arn) === 1;
        return fits ? key : undefined;
    }

    /** Sorts an owner's attached policies into AWS-managed names, ARNs and policy files. */
    private policies(kind: "users" | "groups", owner: string, attached: readonly AttachedPolicy[]) {
        const managedPolicies: string[] = [];
        const policyFiles: string[] = [];
        const managedIds: [string, string][] = [];
        const policyIds: [string, string][] = [];
        const attachmentIds: [string, string][] = [];
        const awsPrefix = `arn:${this.account.partition}:iam::aws:policy/`;
        for (const p of attached) {
            const customer = this.account.policies.get(p.arn);
            const key = customer ? this.fileKey(owner, customer) : undefined;
            if (customer && key !== undefined) {
                const file = `policies/${this.stack}/${kind}/${owner}/${key}.json`;
                this.files.set(file, policyText(customer.document));
                policyFiles.push(file);
                policyIds.push([key, p.arn]);
                attachmentIds.push([key, `${owner}/${p.arn}`]);
                continue;
            }
            const entry = p.arn.startsWith(awsPrefix) ? p.arn.slice(awsPrefix.length) : p.arn;
            if (customer) {
                this.notes.push(
                    `${kind === "users" ? "user" : "group"} ${owner}: customer-managed policy ${p.arn} is attached by ARN, not managed ` +
                        `(only a policy named ${owner}-<name>, at path /, without description, attached only here is)`,
                );
            }
            managedPolicies.push(entry);
            managedIds.push([managedPolicyKey(entry), `${owner}/${p.arn}`]);
        }
        return {
            config: {
                ...(managedPolicies.length ? { managedPolicies: managedPolicies.sort() } : {}),
                ...(policyFiles.length ? { policyFiles: policyFiles.sort() } : {}),
            },
            adopt: {
                ...(managedIds.length ? { managedPolicies: sortedObject(managedIds) } : {}),
                ...(policyIds.length
                    ? { policies: sortedObject(policyIds), policyAttachments: sortedObject(attachmentIds) }
                    : {}),
            },
        };
    }

    private inline(owner: string, policies: readonly InlinePolicy[]) {
        const files = policies.map((p) => {
            const file = `policies/${this.stack}/users/${owner}/inline/${p.name}.json`;
            this.files.set(file, policyText(p.document));
            return file;
        });
        return {
            config: files.length ? { inlinePolicyFiles: files.sort() } : {},
            adopt: policies.length
                ? { inlinePolicies: sortedObject(policies.map((p) => [p.name, `${owner}:${p.name}`])) }
                : {},
        };
    }

    group(g: SnapshotGroup): { config: object; adopt: IamGroupAdoption } {
        const policies = this.policies("groups", g.name, g.attachedPolicies);
        for (const p of g.inlinePolicies) {
            this.notes.push(`group ${g.name}: inline policy ${p.name} is not modelled (groups take policy files)`);
        }
        return {
            config: { ...(g.path !== "/" ? { path: g.path } : {}), ...policies.config },
            adopt: { group: g.name, ...policies.adopt },
        };
    }

    user(u: SnapshotUser): { config: object; adopt: IamUserAdoption } {
        const policies = this.policies("users", u.name, u.attachedPolicies);
        const inline = this.inline(u.name, u.inlinePolicies);
        const keys = u.accessKeys.map((k, i) => ({ slot: `key${i + 1}`, key: k }));
        const extra = u.unmodelled;
        for (const id of extra?.sshPublicKeys ?? []) {
            this.notes.push(`user ${u.name}: SSH public key ${id} is not modelled`);
        }
        for (const id of extra?.signingCertificates ?? []) {
            this.notes.push(`user ${u.name}: signing certificate ${id} is not modelled`);
        }
        for (const id of extra?.serviceSpecificCredentials ?? []) {
            this.notes.push(`user ${u.name}: service-specific credential ${id} is not modelled`);
        }
        for (const serial of extra?.mfaDevices ?? []) {
            this.notes.push(`user ${u.name}: MFA device ${serial} is not modelled`);
        }
        for (const what of extra?.unlisted ?? []) {
            this.notes.push(`user ${u.name}: could not list ${what}; check them by hand`);
        }
        const tags = Object.entries(u.tags);
        return {
            config: {
                ...(u.path !== "/" ? { path: u.path } : {}),
                ...(tags.length ? { tags: sortedObject(tags) } : {}),
                ...(u.groups.length ? { groups: [...u.groups] } : {}),
                ...policies.config,
                ...inline.config,
                ...(u.permissionsBoundary ? { permissionsBoundary: u.permissionsBoundary } : {}),
                ...(u.loginProfile ? { console: {} } : {}),
                ...(keys.length
                    ? {
                          accessKeys: Object.fromEntries(
                              keys.map(({ slot, key }) => [
                                  slot,
                                  key.status === "Active" ? {} : { status: key.status },
                              ]),
                          ),
                      }
                    : {}),
            },
            adopt: {
                user: u.name,
                ...(u.groups.length ? { groups: [u.name, ...u.groups].join("/") } : {}),
                ...policies.adopt,
                ...inline.adopt,
                ...(u.loginProfile ? { console: u.name } : {}),
                ...(keys.length ? { accessKeys: Object.fromEntries(keys.map(({ slot, key }) => [slot, key.id])) } : {}),
            },
        };
    }
}

/** The account password policy in the stack's terms; IAM's field names differ. */
function passwordPolicy(p: PasswordPolicy): Record<string, number | boolean> {
    const fields: [string, number | boolean | undefined][] = [
        ["minimumLength", p.MinimumPasswordLength],
        ["requireSymbols", p.RequireSymbols],
        ["requireNumbers", p.RequireNumbers],
        ["requireUppercase", p.RequireUppercaseCharacters],
        ["requireLowercase", p.RequireLowercaseCharacters],
        ["allowUsersToChangePassword", p.AllowUsersToChangePassword],
        ["maxAgeDays", p.MaxPasswordAge],
        ["reusePrevention", p.PasswordReusePrevention],
        ["hardExpiry", p.HardExpiry],
    ];
    // IAM reports 0 for an unset age or reuse count, which the stack writes by leaving it out.
    return Object.fromEntries(fields.filter(([, v]) => v !== undefined && v !== 0) as [string, number | boolean][]);
}

/**
 * Writes the stack for the snapshot's users (the snapshot already holds only the selected ones)
 * and the groups they are in; `allGroups` takes every group, as an import without a selection does.
 */
export function writeStack(account: AccountSnapshot, stack: string, allGroups: boolean): WrittenStack {
    const inUse = new Set(account.users.flatMap((u) => u.groups));
    const groups = account.groups.filter((g) => allGroups || inUse.has(g.name));
    const writer = new Writer(account, stack, account.users, groups);
    const groupEntries = groups.map((g) => [g.name, writer.group(g)] as const);
    const userEntries = account.users.map((u) => [u.name, writer.user(u)] as const);
    const config: Record<string, unknown> = { "aws:region": account.region };
    if (account.passwordPolicy) {
        config[configKey("passwordPolicy")] = passwordPolicy(account.passwordPolicy);
    }
    if (groupEntries.length) {
        config[configKey("groups")] = Object.fromEntries(groupEntries.map(([name, g]) => [name, g.config]));
    }
    if (userEntries.length) {
        config[configKey("users")] = Object.fromEntries(userEntries.map(([name, u]) => [name, u.config]));
    }
    config[configKey("adopt")] = {
        ...(account.passwordPolicy ? { passwordPolicy: PASSWORD_POLICY_IMPORT_ID } : {}),
        ...(groupEntries.length
            ? { groups: Object.fromEntries(groupEntries.map(([name, g]) => [name, g.adopt])) }
            : {}),
        ...(userEntries.length ? { users: Object.fromEntries(userEntries.map(([name, u]) => [name, u.adopt])) } : {}),
    };
    const header =
        `# Written by npm run import from account ${account.accountId}. Review it, then run\n` +
        `# npm run verify -- ${stack} --no-outputs, and the first pulumi up, which only imports.\n`;
    const files = new Map([
        [`Pulumi.${stack}.yaml`, header + stringify({ config }, { lineWidth: 0 })],
        ...writer.files,
    ]);
    return { files, notes: writer.notes };
}
