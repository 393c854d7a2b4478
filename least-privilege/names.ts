/**
 * Names checked against the catalogs: every action in every policy document, every AWS-managed
 * policy and permissions boundary. A typo here is otherwise found by AWS at deploy time (a
 * managed policy) or never (an action that silently grants nothing).
 */
import { Problem } from "../stacks/config/problems";
import { StackModel, configKey } from "../stacks/config/model";
import { serviceActions, serviceExists, serviceKeys } from "./action-catalog";
import { actionId, hasWildcard, matchingActions } from "./action-pattern";
import { managedPolicy, managedPolicyNames } from "./managed-policy-catalog";
import { PolicySource, policySources } from "./policy-sources";
import { closest, didYouMean } from "../stacks/config/suggest";
import { awsManagedPolicyRef } from "../rules/managed-policy";

const ACTION_HINT = "if AWS added it after the catalog was built, list it under iam-users:allowUnknown.actions";
const POLICY_HINT =
    "if AWS added it after the snapshot was built, list it under iam-users:allowUnknown.managedPolicies";

/**
 * What is wrong with one action name or pattern, or undefined when it names at least one catalog
 * action. Names are compared without case, as IAM does; `*` alone is always valid.
 */
export function actionNameProblem(action: string): { message: string; hint?: string } | undefined {
    if (action === "*") return undefined;
    const [service, name] = action.split(":", 2);
    if (!hasWildcard(service) && !serviceExists(service)) {
        return {
            message: `unknown service "${service}" in "${action}"${didYouMean(service, serviceKeys())}`,
            hint: ACTION_HINT,
        };
    }
    if (matchingActions(action).length > 0) return undefined;
    const names = serviceActions(service).map(actionId);
    if (!hasWildcard(action)) {
        const suggestion = didYouMean(action, names);
        return { message: `unknown action "${action}"${suggestion}`, hint: suggestion ? undefined : ACTION_HINT };
    }
    // `s3:GetObjekt*`: compare the part before the wildcard with action names cut to its length.
    const literal = name.split(/[*?]/)[0];
    const prefixes = new Set(names.map((n) => n.slice(0, service.length + 1 + literal.length)));
    const prefix = literal ? closest(`${service}:${literal}`, prefixes) : undefined;
    const suggestion = prefix ? ` (did you mean "${prefix}${action.slice(service.length + 1 + literal.length)}"?)` : "";
    return { message: `"${action}" matches no action${suggestion}`, hint: suggestion ? undefined : ACTION_HINT };
}

function checkSource(source: PolicySource, allowed: ReadonlySet<string>): Problem[] {
    return source.document.Statement.flatMap((statement, i) =>
        (["Action", "NotAction"] as const).flatMap((field) =>
            (statement[field] ?? []).flatMap((action, j) => {
                const problem = allowed.has(action.toLowerCase()) ? undefined : actionNameProblem(action);
                return problem ? [{ file: source.file, keyPath: source.keyPath(i, `${field}[${j}]`), ...problem }] : [];
            }),
        ),
    );
}

/** Every action and action pattern of every policy document of the stack, against the IAM catalog. */
export function checkActionNames(model: StackModel): Problem[] {
    const allowed = new Set(model.allowUnknown.actions.map((a) => a.toLowerCase()));
    return policySources(model).flatMap((source) => checkSource(source, allowed));
}

/** What is wrong with an AWS-managed policy name or ARN, or undefined when the snapshot has it. */
export function managedPolicyProblem(nameOrArn: string): { message: string; hint?: string } | undefined {
    const ref = awsManagedPolicyRef(nameOrArn);
    if (!ref) return undefined;
    const entry = managedPolicy(ref.name);
    if (!entry) {
        const suggestion = didYouMean(ref.name, managedPolicyNames());
        return {
            message: `unknown AWS-managed policy "${nameOrArn}"${suggestion}`,
            hint: suggestion ? undefined : POLICY_HINT,
        };
    }
    const expected = entry.path.slice(1);
    if (expected === ref.path) return undefined;
    const fixed = nameOrArn.startsWith("arn:")
        ? nameOrArn.replace(`policy/${ref.path}`, `policy/${expected}`)
        : expected + ref.name;
    return {
        message: `AWS-managed policy "${ref.name}" is at path "${entry.path}", not "/${ref.path}"`,
        hint: `write "${fixed}"`,
    };
}

/** Every managed policy and permissions boundary of the stack, against the managed policy snapshot. */
export function checkManagedPolicyNames(model: StackModel): Problem[] {
    const allowed = new Set(model.allowUnknown.managedPolicies);
    const check = (nameOrArn: string, keyPath: string): Problem[] => {
        const problem = allowed.has(nameOrArn) ? undefined : managedPolicyProblem(nameOrArn);
        return problem ? [{ file: model.file, keyPath, ...problem }] : [];
    };
    return [
        ...model.groups.flatMap((g) =>
            g.managedPolicies.flatMap((p, i) => check(p, configKey("groups", g.key, "managedPolicies", i))),
        ),
        ...model.users.flatMap((u) => [
            ...u.managedPolicies.flatMap((p, i) => check(p, configKey("users", u.key, "managedPolicies", i))),
            ...(u.permissionsBoundary
                ? check(u.permissionsBoundary, configKey("users", u.key, "permissionsBoundary"))
                : []),
        ]),
    ];
}
