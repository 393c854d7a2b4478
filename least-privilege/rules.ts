/**
 * Lint: what a reviewer of an IAM change would flag. Each rule has a stable id, printed with the
 * warning and accepted by `allowWarnings` where a human decided the finding is intended.
 */
import { Problem } from "../stacks/config/problems";
import { GroupModel, PolicyDocument, PolicyStatement, StackModel, UserModel, configKey } from "../stacks/config/model";
import { wildcardMatcher } from "../rules/actions";
import { awsManagedPolicyRef } from "../rules/managed-policy";
import { actionId, hasWildcard, matchingActions } from "./action-pattern";
import { allowsAllActions } from "./controls/detect";
import { PolicySource, policySources } from "./policy-sources";

/** The rule ids and what each flags; the README lists the same. */
export const RULES = {
    "allow-all": 'Allow of "*" or "*:*"',
    "iam-full-access": 'Allow of "iam:*" on Resource "*"',
    "pass-role-any": 'Allow of iam:PassRole on Resource "*"',
    "assume-role-any": 'Allow of sts:AssumeRole on Resource "*"',
    "allow-not-action": "Allow with NotAction",
    "write-any-resource":
        'Allow of write actions on Resource "*" where the service supports resource-level permissions',
    "admin-console-without-mfa":
        "a console user with AdministratorAccess or PowerUserAccess in no group with requireMfa",
    "console-without-password-policy": "a console user in a stack without iam-users:passwordPolicy",
    "admin-access-key-with-console": "an access key on a console user with admin rights",
    "unresolved-expectation": "an expectation that cannot be decided offline (external group, customer-managed policy)",
} as const;

/** A lint rule id. */
export type RuleId = keyof typeof RULES;

/** Managed policies with full access to everything (IAM too), or to everything but IAM. */
const ADMIN_POLICIES = ["AdministratorAccess"];
const POWER_POLICIES = [...ADMIN_POLICIES, "PowerUserAccess"];

const warning = (file: string, keyPath: string, rule: RuleId, message: string, hint: string): Problem => ({
    file,
    keyPath,
    message,
    hint,
    severity: "warning",
    rule,
});

const onAnyResource = (s: PolicyStatement): boolean => (s.Resource ?? []).includes("*");

/** Names three examples and counts the rest, so a warning stays one line. */
const someOf = (names: string[]): string =>
    names.length <= 3 ? names.join(", ") : `${names.slice(0, 3).join(", ")} and ${names.length - 3} more`;

function statementWarnings(source: PolicySource, s: PolicyStatement, i: number): Problem[] {
    if (s.Effect !== "Allow") return [];
    const at = source.keyPath(i);
    const warn = (rule: RuleId, message: string, hint: string): Problem =>
        warning(source.file, at, rule, message, hint);
    if (s.NotAction) {
        return [
            warn(
                "allow-not-action",
                "Allow with NotAction grants every action not listed, including actions AWS adds later",
                "list the allowed actions under Action instead",
            ),
        ];
    }
    const actions = s.Action ?? [];
    if (allowsAllActions(s)) {
        return [
            warn(
                "allow-all",
                `allows every action ("${actions.find((a) => a === "*" || a === "*:*")}")`,
                "list the actions that are needed; attach AdministratorAccess if full access is really intended",
            ),
        ];
    }
    if (!onAnyResource(s)) return [];
    const problems: Problem[] = [];
    const iamAll = actions.find((a) => a.toLowerCase() === "iam:*");
    if (iamAll) {
        problems.push(
            warn(
                "iam-full-access",
                `allows "${iamAll}" on every resource: whoever has it can grant themselves anything`,
                "name the IAM actions and the users or roles they apply to",
            ),
        );
    }
    const grants = (action: string): string | undefined =>
        actions.find((a) => a !== iamAll && wildcardMatcher(a)(action));
    const passRole = grants("iam:PassRole");
    if (passRole) {
        problems.push(
            warn(
                "pass-role-any",
                `allows iam:PassRole ("${passRole}") on every resource: any role, an admin role too, can be handed to a service`,
                "restrict Resource to the ARNs of the roles it may pass",
            ),
        );
    }
    const assumeRole = grants("sts:AssumeRole");
    if (assumeRole) {
        problems.push(
            warn(
                "assume-role-any",
                `allows sts:AssumeRole ("${assumeRole}") on every resource: any role that trusts the account can be assumed`,
                "restrict Resource to the ARNs of the roles it may assume",
            ),
        );
    }
    // A pattern over every service is already `allow-all`; those over one service are expanded.
    const writes = actions
        .filter((a) => a !== iamAll && !hasWildcard(a.split(":")[0]))
        .flatMap(matchingActions)
        .filter((a) => a.accessLevel === "Write" && a.resourceLevel)
        .map(actionId)
        .filter((a) => a !== "iam:PassRole" && a !== "sts:AssumeRole");
    if (writes.length > 0) {
        problems.push(
            warn(
                "write-any-resource",
                `allows write actions on every resource although their services can scope them to resources: ${someOf(writes)}`,
                'name the resources (ARNs, with wildcards where needed) instead of "*"',
            ),
        );
    }
    return problems;
}

/** Warnings about the statements of every policy document, silenced per file by `allowWarnings`. */
export function lintPolicies(model: StackModel): Problem[] {
    return policySources(model).flatMap((source) =>
        source.document.Statement.flatMap((s, i) => statementWarnings(source, s, i)).filter(
            (p) => !source.allowWarnings.includes(p.rule!),
        ),
    );
}

const allowsEverything = (d: PolicyDocument): boolean =>
    d.Statement.some((s) => allowsAllActions(s) && !s.Condition && onAnyResource(s));

/**
 * What gives a user one of the managed policies `names` or a policy allowing "*", for messages
 * (`AdministratorAccess via group Admins`), if anything does.
 */
function adminSource(user: UserModel, groups: readonly GroupModel[], names: readonly string[]): string | undefined {
    const owners: { via: string; managed: readonly string[]; docs: { path: string; document: PolicyDocument }[] }[] = [
        { via: "", managed: user.managedPolicies, docs: [...user.policies, ...user.inlinePolicies] },
        ...groups.map((g) => ({ via: ` via group ${g.key}`, managed: g.managedPolicies, docs: [...g.policies] })),
    ];
    for (const owner of owners) {
        const ref = owner.managed
            .map((m) => awsManagedPolicyRef(m))
            .find((r) => r && !r.path && names.includes(r.name));
        if (ref) return `${ref.name}${owner.via}`;
        const doc = owner.docs.find((d) => allowsEverything(d.document));
        if (doc) return `${doc.path} allowing "*"${owner.via}`;
    }
    return undefined;
}

/** Warnings about users: admin rights, console access, MFA, keys and the password policy. */
export function lintUsers(model: StackModel): Problem[] {
    return model.users.flatMap((user) => {
        const groups = model.groups.filter((g) => user.groups.includes(g.key));
        const accepted = new Set([...user.allowWarnings, ...groups.flatMap((g) => g.allowWarnings)]);
        const power = adminSource(user, groups, POWER_POLICIES);
        const admin = adminSource(user, groups, ADMIN_POLICIES);
        const problems: Problem[] = [];
        const warn = (keyPath: string, rule: RuleId, message: string, hint: string): void => {
            if (!accepted.has(rule)) problems.push(warning(model.file, keyPath, rule, message, hint));
        };
        if (user.console && power && !groups.some((g) => g.requireMfa)) {
            warn(
                configKey("users", user.key, "console"),
                "admin-console-without-mfa",
                `${user.key} has ${power} and console access, but none of its groups has requireMfa`,
                "add the user to a group with requireMfa: true, so that a password alone is not enough",
            );
        }
        if (user.console && !model.passwordPolicy) {
            warn(
                configKey("users", user.key, "console"),
                "console-without-password-policy",
                `${user.key} has console access but the stack sets no iam-users:passwordPolicy`,
                "add iam-users:passwordPolicy (minimumLength 14 or more)",
            );
        }
        if (user.console && admin && user.accessKeys.length > 0) {
            warn(
                configKey("users", user.key, "accessKeys"),
                "admin-access-key-with-console",
                `${user.key} has ${admin}, console access and an access key: a leaked key is a leaked administrator`,
                "give automation a user of its own without console access",
            );
        }
        return problems;
    });
}
