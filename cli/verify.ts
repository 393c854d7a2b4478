/**
 * `npm run verify -- <stack> [--from <file|->] [--config <file>] [--json] [--no-outputs]`
 *
 * Checks the deployed account against the stack: users, paths, groups, policies, login profiles,
 * access keys (and that each delivered Active key signs in), with warnings for old, unused keys and
 * console users without MFA. Exit 0 when every check passes, 1 when any fails or the input is bad,
 * 2 on a usage error.
 */
import { parseArgs, UsageError } from "./args";
import { readStackOutputs } from "../credentials/stack-outputs";
import { findProjectDir, formatProblem, isError, loadStack, stackConfigPath } from "../stacks/config";
import { awsSettings } from "../verify/aws-settings";
import { verifyStack } from "../verify/checks";
import { formatReport, reportJson } from "../verify/report";

const USAGE = "usage: npm run verify -- <stack> [--from <file|->] [--config <file>] [--json]";

/** Runs the command with `argv` (without node and the script); resolves to the exit code. */
export async function main(argv: readonly string[], projectDir: string): Promise<number> {
    let positionals: string[];
    let options: Record<string, string | true>;
    try {
        ({ positionals, options } = parseArgs(argv, { values: ["from", "config"], booleans: ["json", "no-outputs"] }));
        if (positionals.length !== 1) {
            throw new UsageError("name one stack (dev, prod, ...)");
        }
    } catch (e) {
        if (e instanceof UsageError) {
            console.error(`${e.message}\n${USAGE}`);
            return 2;
        }
        throw e;
    }
    const stack = positionals[0];
    const from = options.from as string | undefined;
    const configFile = (options.config as string | undefined) ?? stackConfigPath(projectDir, stack);
    const { model, problems } = loadStack(configFile);
    if (!model) {
        console.error(
            `verify: the stack configuration has errors:\n${problems.filter(isError).map(formatProblem).join("\n")}`,
        );
        return 1;
    }
    try {
        // --no-outputs: before the first deploy of an imported stack, keys are matched by iam-users:adopt.
        const outputs = options["no-outputs"] ? undefined : readStackOutputs({ stack, from, projectDir });
        const report = await verifyStack(model, outputs, { settings: awsSettings(configFile) });
        process.stdout.write(options.json ? reportJson(report) : formatReport(report));
        return report.ok ? 0 : 1;
    } catch (e) {
        const noCredentials = (e as Error).name === "CredentialsProviderError";
        const hint = noCredentials
            ? "\n  hint: set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, for the stack's account"
            : "";
        console.error(`verify: ${(e as Error).message}${hint}`);
        return 1;
    }
}

if (require.main === module) {
    void main(process.argv.slice(2), findProjectDir(process.cwd()) ?? process.cwd()).then(
        (code) => (process.exitCode = code),
    );
}
