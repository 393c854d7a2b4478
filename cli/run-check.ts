/**
 * The whole offline check of one stack file, as `check` prints it and `deploy` runs it before any
 * Pulumi command: the config schema, the catalog names, the lint at the stack's strictness, and
 * the permission expectations.
 */
import { analyzeStack, checkNames, explainUser } from "../least-privilege";
import { FORMATTERS, type Format } from "../report";
import {
    formatProblem,
    isError,
    loadStack,
    plural,
    policyTexts,
    withPositions,
    type Problem,
    type StackModel,
} from "../stacks/config";
import { withPolicyPositions } from "../stacks/config/policy-document";
import { scanSecrets, stackScanFiles } from "../stacks/config/secret-scan";

const VERSION = (require("../package.json") as { version: string }).version;

/** Options of {@link runCheck}. */
export interface CheckOptions {
    /** The stack name, for a file not named `Pulumi.<stack>.yaml`. Defaults to the `<stack>` of the file name. */
    readonly stack?: string;
    /** Warnings fail too. Defaults to false, unless the stack sets `iam-users:strict: true`. */
    readonly strict?: boolean;
    /** A user key whose allowed actions are printed after the problems. Defaults to none. */
    readonly explain?: string;
    /** How `lines` report the problems: `table` (one per problem, then the verdict), `json` or `sarif`. Defaults to table. */
    readonly format?: Format;
}

/** What the check found, and what it prints. */
export interface CheckResult {
    readonly problems: readonly Problem[];
    /** The validated stack; only when the config has no error. */
    readonly model?: StackModel;
    /** Whether the stack must not be deployed: an error, a warning under strictness, or an unknown `explain` user. */
    readonly failed: boolean;
    /** Every line to print: the problems, the explanation, then the verdict; or the one JSON or SARIF document. */
    readonly lines: readonly string[];
}

/** Checks one stack file; never throws for a problem in the file. */
export async function runCheck(configPath: string, options: CheckOptions = {}): Promise<CheckResult> {
    const { model, draft, problems: configProblems, positions } = loadStack(configPath, { stack: options.stack });
    // Lint and expectations need a valid model; catalog names are checked on whatever parts were valid.
    const found = model ? await analyzeStack(model) : draft ? checkNames(draft) : [];
    const analysis =
        draft && positions
            ? withPolicyPositions(withPositions(found, draft.file, positions), policyTexts(draft))
            : found;
    const secrets = draft ? await scanSecrets(stackScanFiles(draft)) : [];
    const problems = [...configProblems, ...analysis, ...secrets];
    const strict = options.strict === true || (model ?? draft)?.strict === true;
    const explained = model && options.explain !== undefined ? explainUser(model, options.explain) : undefined;
    const errors = problems.filter(isError).length;
    // Notes (waivers, CIS 1.11) are printed but never counted against the stack.
    const warnings = problems.filter((p) => p.severity === "warning").length;
    const failed = errors > 0 || (strict && warnings > 0) || explained?.ok === false;
    const format = options.format ?? "table";
    if (format !== "table") {
        const stack = options.stack ?? (model ?? draft)?.stack;
        const report = FORMATTERS[format](problems, { tool: "iam-users check", version: VERSION, stack, failed });
        return { problems, model, failed, lines: [report] };
    }
    const counts = [
        ...(model ? [plural(model.users.length, "user"), plural(model.groups.length, "group")] : []),
        plural(errors, "error"),
        `${plural(warnings, "warning")}${strict ? " (strict)" : ""}`,
    ];
    const lines = [
        ...problems.map(formatProblem),
        ...(explained ? [explained.text] : []),
        `${failed ? "FAILED" : "OK"}: ${counts.join(", ")}`,
    ];
    return { problems, model, failed, lines };
}
