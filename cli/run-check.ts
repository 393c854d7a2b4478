/**
 * The whole offline check of one stack file, as `check` prints it and `deploy` runs it before any
 * Pulumi command: the config schema, the catalog names, the lint at the stack's strictness, and
 * the permission expectations.
 */
import { analyzeStack, checkNames, explainUser } from "../least-privilege";
import { formatProblem, isError, loadStack, type Problem, type StackModel } from "../stacks/config";

/** Options of {@link runCheck}. */
export interface CheckOptions {
    /** The stack name, for a file not named `Pulumi.<stack>.yaml`. Defaults to the `<stack>` of the file name. */
    readonly stack?: string;
    /** Warnings fail too. Defaults to false, unless the stack sets `iam-users:strict: true`. */
    readonly strict?: boolean;
    /** A user key whose allowed actions are printed after the problems. Defaults to none. */
    readonly explain?: string;
}

/** What the check found, and what it prints. */
export interface CheckResult {
    readonly problems: readonly Problem[];
    /** The validated stack; only when the config has no error. */
    readonly model?: StackModel;
    /** Whether the stack must not be deployed: an error, a warning under strictness, or an unknown `explain` user. */
    readonly failed: boolean;
    /** Every line to print: the problems, the explanation, then the verdict. */
    readonly lines: readonly string[];
}

/** `1 user`, `2 users`, `0 users`. */
export const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? "" : "s"}`;

/** Checks one stack file; never throws for a problem in the file. */
export async function runCheck(configPath: string, options: CheckOptions = {}): Promise<CheckResult> {
    const { model, draft, problems: configProblems } = loadStack(configPath, { stack: options.stack });
    // Lint and expectations need a valid model; catalog names are checked on whatever parts were valid.
    const analysis = model ? await analyzeStack(model) : draft ? checkNames(draft) : [];
    const problems = [...configProblems, ...analysis];
    const strict = options.strict === true || (model ?? draft)?.strict === true;
    const explained = model && options.explain !== undefined ? explainUser(model, options.explain) : undefined;
    const errors = problems.filter(isError).length;
    const warnings = problems.length - errors;
    const failed = errors > 0 || (strict && warnings > 0) || explained?.ok === false;
    const counts = [
        ...(model ? [count(model.users.length, "user"), count(model.groups.length, "group")] : []),
        count(errors, "error"),
        `${count(warnings, "warning")}${strict ? " (strict)" : ""}`,
    ];
    const lines = [
        ...problems.map(formatProblem),
        ...(explained ? [explained.text] : []),
        `${failed ? "FAILED" : "OK"}: ${counts.join(", ")}`,
    ];
    return { problems, model, failed, lines };
}
