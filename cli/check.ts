import { analyzeStack, checkNames, explainUser } from "../least-privilege";
import { formatProblem, isError, loadStack } from "../stacks/config";
import { scanSecrets, stackScanFiles } from "../stacks/config/secret-scan";
import { configPathFrom, parseArgs, UsageError } from "./args";

const USAGE = "usage: npm run check -- <stack> | --config <Pulumi.<stack>.yaml> [--strict] [--explain <user>]";

/**
 * Validates a stack offline, without AWS or the Pulumi CLI: exit 0 when valid, 1 when not (or with
 * warnings under --strict), 2 on a usage error.
 */
export async function main(argv: readonly string[], print: (line: string) => void = console.log): Promise<number> {
    let configPath: string;
    let strict: boolean;
    let explain: string | undefined;
    try {
        const { positionals, options } = parseArgs(argv, { values: ["config", "explain"], booleans: ["strict"] });
        configPath = configPathFrom(positionals, options.config);
        strict = options.strict === true;
        explain = options.explain as string | undefined;
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
    for (const p of problems) {
        print(formatProblem(p));
    }
    const explained = model && explain !== undefined ? explainUser(model, explain) : undefined;
    if (explained) {
        print(explained.text);
    }
    const errors = problems.filter(isError).length;
    const warnings = problems.length - errors;
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
