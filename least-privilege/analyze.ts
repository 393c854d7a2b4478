/**
 * What `check` adds to the config validation once a stack model exists: names against the
 * catalogs, lint warnings, `allowWarnings` ids, and the permission expectations.
 */
import { Problem } from "../stacks/config/problems";
import { StackModel, configKey } from "../stacks/config/model";
import { checkControls } from "./controls";
import { checkExpectations } from "./expectations";
import { checkActionNames, checkManagedPolicyNames } from "./names";
import { policySources } from "./policy-sources";
import { RULES, lintPolicies, lintUsers } from "./rules";
import { didYouMean } from "../stacks/config/suggest";

/** An `allowWarnings` entry that names no rule or file silences nothing; say so instead of letting it rot. */
function checkAllowWarnings(model: StackModel): Problem[] {
    const ids = Object.keys(RULES);
    const problem = (keyPath: string, message: string, hint?: string): Problem[] => [
        { file: model.file, keyPath, message, hint },
    ];
    const check = (list: readonly string[], keyPath: (i: number) => string): Problem[] =>
        list.flatMap((rule, i) =>
            ids.includes(rule)
                ? []
                : problem(
                      keyPath(i),
                      `unknown lint rule "${rule}"${didYouMean(rule, ids)}`,
                      `rules: ${ids.join(", ")}`,
                  ),
        );
    // The MFA policies are reported at the stack file and silenced by their group, not by a file entry.
    const files = policySources(model)
        .map((s) => s.file)
        .filter((f) => f !== model.file);
    return [
        ...Object.entries(model.allowWarnings).flatMap(([file, list]) =>
            files.includes(file)
                ? check(list, (i) => configKey("allowWarnings", file, i))
                : problem(
                      configKey("allowWarnings", file),
                      `no policy file "${file}" in this stack${didYouMean(file, files)}`,
                  ),
        ),
        ...model.groups.flatMap((g) => check(g.allowWarnings, (i) => configKey("groups", g.key, "allowWarnings", i))),
        ...model.users.flatMap((u) => check(u.allowWarnings, (i) => configKey("users", u.key, "allowWarnings", i))),
    ];
}

/**
 * Every action and AWS-managed policy name checked against the catalogs. Each name stands alone,
 * so this also runs on the valid parts of a stack that has other errors.
 */
export function checkNames(model: StackModel): Problem[] {
    return [...checkActionNames(model), ...checkManagedPolicyNames(model)];
}

/**
 * The least-privilege analysis of a valid stack: errors for unknown names, unknown rule ids and
 * failed expectations; warnings for lint findings that no `allowWarnings` accepted. Expectations
 * are evaluated only when every name is known, since the simulator rejects unknown ones.
 */
export async function analyzeStack(model: StackModel): Promise<Problem[]> {
    const names = checkNames(model);
    const problems = [
        ...names,
        ...checkAllowWarnings(model),
        ...lintPolicies(model),
        ...lintUsers(model),
        ...checkControls(model),
    ];
    return names.length > 0 ? problems : [...problems, ...(await checkExpectations(model))];
}
