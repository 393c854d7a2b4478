/**
 * `npm run verify`: checks the deployed account against the stack: users, paths, groups, policies,
 * login profiles, access keys (and that each delivered Active key signs in), with warnings for old,
 * unused keys and console users without MFA. Exit 0 when every check passes, 1 when any fails or
 * the input is bad, 2 on a usage error.
 */
import { formatProblem, isError, loadStack } from "../stacks/config";
import { awsSettings } from "../verify/aws-settings";
import { verifyStack } from "../verify/checks";
import { formatReport, reportJson } from "../verify/report";
import { awsFailure } from "./aws-failure";
import { command, EXIT_FINDINGS, EXIT_OK, start, UsageError } from "./harness";
import { outputsOf } from "./pulumi";
import { requireStackFile, STACK_OPTIONS } from "./stack-file";

/** What `--help` prints, and a usage error after its message. */
export const USAGE = [
    "usage: npm run verify -- <stack> | --config <file> [--stack <stack>] [--from <file|-> | --no-outputs] [--json]",
    "  <stack>            the deployed stack, checked against Pulumi.<stack>.yaml in the project folder",
    "  --config <file>    the stack file, of any name",
    "  --stack <stack>    the stack name, for a file not named Pulumi.<stack>.yaml; not needed with --from",
    "  --from <file|->    the saved `pulumi stack output --json --show-secrets` (- for standard input)",
    "  --no-outputs       check the account against the stack file alone (keys by the ids iam-users:adopt records)",
    "  --json             the report as JSON",
    "exit: 0 every check passed, 1 a check failed or the input is bad, 2 usage error",
].join("\n");

/** Runs `verify` with `argv` (without node and the script); resolves to the exit code. */
export const main = command({
    usage: USAGE,
    options: {
        ...STACK_OPTIONS,
        from: { type: "string" },
        "no-outputs": { type: "boolean" },
        json: { type: "boolean" },
    },
    async run({ positionals, values }, io) {
        const file = requireStackFile(positionals, values, io);
        const noOutputs = values["no-outputs"] === true;
        if (noOutputs && values.from !== undefined) {
            throw new UsageError("give either --from or --no-outputs, not both");
        }
        if (file.stack === undefined && values.from === undefined && !noOutputs) {
            throw new UsageError(
                `name the stack with --stack, or give its outputs with --from: ${file.configPath} is not named Pulumi.<stack>.yaml`,
            );
        }
        const { model, problems } = loadStack(file.configPath, { stack: file.label });
        if (!model) {
            io.stderr(
                `verify: the stack configuration has errors:\n${problems.filter(isError).map(formatProblem).join("\n")}`,
            );
            return EXIT_FINDINGS;
        }
        try {
            // --no-outputs: before the first deploy of an imported stack, keys are matched by iam-users:adopt.
            const outputs = noOutputs
                ? undefined
                : outputsOf(values.from, file.label, { cwd: file.projectDir, baseEnv: io.env });
            const report = await verifyStack(model, outputs, { settings: awsSettings(file.configPath, io.env) });
            io.stdout((values.json ? reportJson(report) : formatReport(report)).replace(/\n$/, ""));
            return report.ok ? EXIT_OK : EXIT_FINDINGS;
        } catch (e) {
            io.stderr(awsFailure("verify", e, "the stack's account"));
            return EXIT_FINDINGS;
        }
    },
});

if (require.main === module) {
    start(main);
}
