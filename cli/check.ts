/**
 * `npm run check`: validates a stack offline, without AWS or the Pulumi CLI. Exit 0 when valid, 1
 * when not (or with warnings under strictness), 2 on a usage error.
 */
import { FORMATS, type Format } from "../report";
import { command, EXIT_FINDINGS, EXIT_OK, start, UsageError } from "./harness";
import { runCheck } from "./run-check";
import { requireStackFile, STACK_OPTIONS } from "./stack-file";

/** What `--help` prints, and a usage error after its message. */
export const USAGE = [
    "usage: npm run check -- <stack> | <file> | --config <file> [--stack <stack>] [--strict] [--explain <user>]",
    "       [--format table|json|sarif]",
    "  <stack>            the stack whose Pulumi.<stack>.yaml to check, in the project folder",
    "  <file>, --config   the stack file to check, of any name",
    "  --stack <stack>    the stack name, for a file not named Pulumi.<stack>.yaml",
    "  --strict           warnings fail too (as iam-users:strict: true does)",
    "  --explain <user>   also print what the user may do, per service (table only)",
    "  --format <format>  table (default), json (see the README), or sarif (SARIF 2.1.0, for code scanning)",
    "exit: 0 valid, 1 problems found, 2 usage error",
].join("\n");

/** Runs `check` with `argv` (without node and the script); resolves to the exit code. */
export const main = command({
    usage: USAGE,
    options: { ...STACK_OPTIONS, strict: { type: "boolean" }, explain: { type: "string" }, format: { type: "string" } },
    async run({ positionals, values }, io) {
        const format = (values.format ?? "table") as Format;
        if (!FORMATS.includes(format)) {
            throw new UsageError(`--format must be ${FORMATS.join(", ")}, not "${values.format}"`);
        }
        const file = requireStackFile(positionals, values, io);
        const result = await runCheck(file.configPath, {
            stack: file.label,
            strict: values.strict,
            explain: values.explain,
            format,
        });
        io.stdout(result.lines.join("\n"));
        return result.failed ? EXIT_FINDINGS : EXIT_OK;
    },
});

if (require.main === module) {
    start(main);
}
