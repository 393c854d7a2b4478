import {
    GROUP_OR_POLICY_NAME,
    MAX_GROUP_OR_POLICY_NAME_LENGTH,
    MAX_USER_NAME_LENGTH,
    USER_NAME,
} from "../../../rules/limits";
import { nonAsciiProblem } from "../../../rules/names";
import type { Context } from "./context";

const FORMS = {
    user: { form: USER_NAME, max: MAX_USER_NAME_LENGTH },
    group: { form: GROUP_OR_POLICY_NAME, max: MAX_GROUP_OR_POLICY_NAME_LENGTH },
};

/** Reports a name that is not legal or is taken (IAM names are unique ignoring case). */
export function checkName(
    ctx: Context,
    name: string,
    kind: keyof typeof FORMS,
    keyPath: string,
    seen: Map<string, string>,
): void {
    const { form, max } = FORMS[kind];
    const nonAscii = nonAsciiProblem(`${kind} name "${name}"`, name);
    if (nonAscii) {
        ctx.report(keyPath, nonAscii);
    } else if (!form.test(name)) {
        ctx.report(keyPath, `${kind} name "${name}" must be 1-${max} of letters, digits and +=,.@_-`);
    }
    const other = seen.get(name.toLowerCase());
    if (other) {
        ctx.report(keyPath, `${kind} name "${name}" is already used by ${other} (IAM names ignore case)`);
    } else {
        seen.set(name.toLowerCase(), keyPath);
    }
}

/** A policy name this stack creates must fit, and be the only one of its name in the account ignoring case. */
export function generatedPolicyName(ctx: Context, name: string, keyPath: string, shorter: string): void {
    if (!GROUP_OR_POLICY_NAME.test(name)) {
        ctx.report(
            keyPath,
            `the policy name "${name}" would be longer than ${MAX_GROUP_OR_POLICY_NAME_LENGTH} characters`,
            shorter,
        );
    }
    const other = ctx.policyNames.get(name.toLowerCase());
    if (other) {
        ctx.report(
            keyPath,
            `the policy name "${name}" is also created by ${other}`,
            "IAM policy names are unique in the account, ignoring case; rename one of the files",
        );
    } else {
        ctx.policyNames.set(name.toLowerCase(), keyPath);
    }
}
