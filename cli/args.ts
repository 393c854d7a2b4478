import * as path from "path";
import { findProjectDir, stackConfigPath } from "../stacks/config";

/** A command-line mistake: the tools print it with their usage and exit 2. */
export class UsageError extends Error {}

/**
 * Splits `argv` into positionals and `--flag [value]` options. Flags listed in `booleans` take no
 * value; any other flag takes the next argument.
 */
export function parseArgs(
    argv: readonly string[],
    known: { readonly values: readonly string[]; readonly booleans: readonly string[] },
): { positionals: string[]; options: Record<string, string | true> } {
    const positionals: string[] = [];
    const options: Record<string, string | true> = {};
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (!arg.startsWith("--")) {
            positionals.push(arg);
        } else if (known.booleans.includes(arg.slice(2))) {
            options[arg.slice(2)] = true;
        } else if (known.values.includes(arg.slice(2))) {
            const value = argv[++i];
            if (value === undefined) {
                throw new UsageError(`${arg} needs a value`);
            }
            options[arg.slice(2)] = value;
        } else {
            throw new UsageError(`unknown option ${arg}`);
        }
    }
    return { positionals, options };
}

/** The stack config file named by `<stack>` or `--config <file>`. */
export function configPathFrom(positionals: readonly string[], config: string | true | undefined): string {
    if (typeof config === "string") {
        if (positionals.length > 0) {
            throw new UsageError("give either a stack name or --config <file>, not both");
        }
        return path.resolve(config);
    }
    if (positionals.length !== 1) {
        throw new UsageError("name one stack (dev, prod, ...) or --config <file>");
    }
    const projectDir = findProjectDir(process.cwd());
    if (!projectDir) {
        throw new UsageError("no Pulumi.yaml in this folder or above it; run from the project or use --config <file>");
    }
    return stackConfigPath(projectDir, positionals[0]);
}
