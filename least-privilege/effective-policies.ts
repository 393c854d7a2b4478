/**
 * Everything that decides what one user may do, as `check` can know it offline: the user's
 * managed policies (documents from the snapshot), policy files, inline policy files, the policies
 * of each group including the MFA policy, and the permissions boundary. What cannot be known
 * (a customer-managed policy ARN, an external group) is listed instead of guessed.
 */
import { mfaPolicyName } from "../rules/names";
import { PolicyDocument, PolicyFile, StackModel, UserModel } from "../stacks/config/model";
import { managedPolicy } from "./managed-policy-catalog";
import { awsManagedPolicyRef } from "../rules/managed-policy";
import { normalizeDocument } from "../stacks/config/policy-document";
import { mfaDocument, statementLabel } from "./policy-sources";

/** A policy as messages name it: a file path, a managed policy name, the MFA policy's name. */
export interface NamedPolicy {
    /** Unique per user; says where it comes from (`policies/x.json (group Power_Users)`). */
    readonly id: string;
    readonly document: PolicyDocument;
}

/** A user's policies as far as they can be resolved offline. */
export interface EffectivePolicies {
    readonly identity: readonly NamedPolicy[];
    readonly boundary?: NamedPolicy;
    /** The parts that were not evaluated, each named for a message. */
    readonly unresolved: readonly string[];
}

/** `policies/x.json (group Power_Users) Statement[0] (Sid "AllowS3")`: where a decision came from. */
export function statementRef(policy: NamedPolicy, index: number): string {
    return `${policy.id} ${statementLabel(policy.document, index)}`;
}

// Normalized once per policy: a stack attaches the same few managed policies to many users.
const normalized = new Map<string, PolicyDocument>();

function resolveManaged(nameOrArn: string): PolicyDocument | undefined {
    const ref = awsManagedPolicyRef(nameOrArn);
    const entry = ref && managedPolicy(ref.name);
    if (!entry || entry.path !== `/${ref.path}`) return undefined;
    let document = normalized.get(entry.name);
    if (!document) {
        document = normalizeDocument(entry.document);
        normalized.set(entry.name, document);
    }
    return document;
}

/** The effective policies of `user` in `model`. */
export function effectivePolicies(model: StackModel, user: UserModel): EffectivePolicies {
    const identity: NamedPolicy[] = [];
    const unresolved: string[] = [];
    const add = (id: string, document: PolicyDocument): number => identity.push({ id, document });
    const addOwner = (via: string, managed: readonly string[], files: readonly PolicyFile[]): void => {
        for (const name of managed) {
            const document = resolveManaged(name);
            if (document) add(`${name}${via}`, document);
            else unresolved.push(`managed policy ${name}${via}`);
        }
        for (const f of files) add(`${f.path}${via}`, f.document);
    };
    addOwner("", user.managedPolicies, [...user.policies, ...user.inlinePolicies]);
    for (const key of user.groups) {
        const group = model.groups.find((g) => g.key === key)!;
        if (group.external) {
            unresolved.push(`external group ${group.name}`);
            continue;
        }
        const via = ` (group ${key})`;
        addOwner(via, group.managedPolicies, group.policies);
        if (group.requireMfa) add(`${mfaPolicyName(group.name)}${via}`, mfaDocument());
    }
    let boundary: NamedPolicy | undefined;
    if (user.permissionsBoundary) {
        const document = resolveManaged(user.permissionsBoundary);
        if (document) boundary = { id: `permissions boundary ${user.permissionsBoundary}`, document };
        else unresolved.push(`permissions boundary ${user.permissionsBoundary}`);
    }
    return { identity, boundary, unresolved };
}
