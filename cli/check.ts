import { analyzeStack, checkNames, explainUser } from "../least-privilege";
import * as path from "path";
import { findProjectDir, formatProblem, isError, loadStack } from "../stacks/config";
import { scanSecrets, stackScanFiles } from "../stacks/config/secret-scan";
import { FORMATS, FORMATTERS, withPositions, type Format } from "../report";
import { configPathFrom, parseArgs, UsageError } from "./args";

const USAGE =
    "usage: npm run check -- <stack> | --config <Pulumi.<stack>.yaml> [--strict] [--explain <user>] [--format table|json|sarif]";

const VERSION = (require("../package.json") as { version: string }).version;

/**
 * Validates a stack offline, without AWS or the Pulumi CLI: exit 0 when valid, 1 when not (or with
 * warnings under --strict), 2 on a usage error.
 */
export async function main(argv: readonly string[], print: (line: string) => void = console.log): Promise<number> {
    let configPath: string;
    let strict: boolean;
    let explain: string | undefined;
    let format: Format;
    try {
        const { positionals, options } = parseArgs(argv, {
            values: ["config", "explain", "format"],
            booleans: ["strict"],
        });
        configPath = configPathFrom(positionals, options.config);
        strict = options.strict === true;
        explain = options.explain as string | undefined;
        format = (options.format ?? "table") as Format;
        if (!FORMATS.includes(format)) {
            throw new UsageError(`--format must be ${FORMATS.join(", ")}`);
        }
    } catch (e) {
        if (e instanceof UsageError) {
            print(`${e.message}\n${USAGE}`);
            return 2;
        }
        throw e;
    }
    const { model, draft, problems: configProblems } = loadStack(configPath);
    // Lint and expectations need a valid model; catalog names are checked on whatever parts were valid.
    const analysis = model ? await analyzeStack(model) : draft ? checkNames(draft) : [];
    const secrets = draft ? await scanSecrets(stackScanFiles(draft)) : [];
    const problems = [...configProblems, ...analysis, ...secrets];
    if (format !== "table") {
        const failed = problems.some(isError) || (strict && problems.some((p) => p.severity === "warning"));
        const projectDir = (model ?? draft)?.projectDir ?? findProjectDir(path.dirname(configPath)) ?? ".";
        const context = { tool: "iam-users check", version: VERSION, stack: (model ?? draft)?.stack, failed };
        print(FORMATTERS[format](withPositions(problems, projectDir), context));
        return failed ? 1 : 0;
    }
    for (const p of problems) {
        print(formatProblem(p));
    }
    const explained = model && explain !== undefined ? explainUser(model, explain) : undefined;
    if (explained) {
        print(explained.text);
    }
    const errors = problems.filter(isError).length;
    const warnings = problems.filter((p) => p.severity === "warning").length;
    const failed = errors > 0 || (strict && warnings > 0) || explained?.ok === false;
    const what = model ? `${model.users.length} users, ${model.groups.length} groups` : "";
    print(
        `${failed ? "FAILED" : "OK"}: ${[what, `${errors} errors`, `${warnings} warnings${strict ? " (strict)" : ""}`]
            .filter(Boolean)
            .join(", ")}`,
    );
    return failed ? 1 : 0;
}

if (require.main === module) {
    main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
