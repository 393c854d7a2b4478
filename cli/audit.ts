/**
 * `npm run audit`: the account controls on the live account, read once through the account
 * snapshot and its credential report: key age, unused credentials, MFA, root keys, more than one
 * Active key, and users no stack file of the project manages. Exit 0 when every control passes, 1
 * when one fails (or the input is bad), 2 on a usage error.
 */
import * as path from "path";
import { auditAccount, type ManagedUser } from "../least-privilege/controls";
import { FORMATS, FORMATTERS, type Format } from "../report";
import {
    formatProblem,
    isError,
    loadStack,
    plural,
    stackConfigPath,
    withPositions,
    type Problem,
} from "../stacks/config";
import type { Position } from "../stacks/config/yaml-data";
import { awsSettings } from "../verify/aws-settings";
import { readAccount } from "../verify/snapshot";
import { awsFailure } from "./aws-failure";
import { command, EXIT_FINDINGS, EXIT_OK, start, UsageError } from "./harness";
import { requireStackFile, STACK_OPTIONS, stacksIn } from "./stack-file";

/** What `--help` prints, and a usage error after its message. */
export const USAGE = [
    "usage: npm run audit -- <stack> | --config <file> [--stack <stack>] [--now <date>] [--format table|json|sarif]",
    "  <stack>            the stack whose account to audit (its aws: settings), from Pulumi.<stack>.yaml",
    "  --config <file>    the stack file, of any name",
    "  --stack <stack>    the stack name, for a file not named Pulumi.<stack>.yaml",
    "  --now <date>       evaluate at this date (2027-01-31) instead of today: what fails next month",
    "  --format <format>  table (default), json or sarif (SARIF 2.1.0)",
    "exit: 0 every control passes, 1 a control fails or the input is bad, 2 usage error",
].join("\n");

const VERSION = (require("../package.json") as { version: string }).version;

/** The date of `--now`, or today. */
function nowFrom(value: string | undefined): Date {
    if (value === undefined) return new Date();
    const time = Date.parse(value);
    if (Number.isNaN(time)) {
        throw new UsageError(`--now must be a date like 2027-01-31, not "${value}"`);
    }
    return new Date(time);
}

/**
 * Every user the project's stack files manage, by IAM name, and each file's positions: the stack
 * audited and every `Pulumi.*.yaml` next to it. A file with errors still counts the users it names.
 */
function managedUsers(configPath: string, projectDir: string) {
    const files = [configPath, ...stacksIn(projectDir).map((s) => stackConfigPath(projectDir, s))];
    const managed = new Map<string, ManagedUser>();
    const positions = new Map<string, ReadonlyMap<string, Position>>();
    for (const file of [...new Set(files.map((f) => path.resolve(f)))]) {
        const { model, draft, positions: at } = loadStack(file);
        const stack = model ?? draft;
        if (!stack) continue;
        if (at) positions.set(stack.file, at);
        for (const user of stack.users) {
            if (!managed.has(user.name)) managed.set(user.name, { file: stack.file, model: stack, user });
        }
    }
    return { managed, positions };
}

/** Runs `audit` with `argv` (without node and the script); resolves to the exit code. */
export const main = command({
    usage: USAGE,
    options: { ...STACK_OPTIONS, now: { type: "string" }, format: { type: "string" } },
    async run({ positionals, values }, io) {
        const format = (values.format ?? "table") as Format;
        if (!FORMATS.includes(format)) {
            throw new UsageError(`--format must be ${FORMATS.join(", ")}, not "${values.format}"`);
        }
        const now = nowFrom(values.now);
        const file = requireStackFile(positionals, values, io);
        const { model, problems: configProblems } = loadStack(file.configPath, { stack: file.label });
        if (!model) {
            io.stderr(
                `audit: the stack configuration has errors:\n${configProblems.filter(isError).map(formatProblem).join("\n")}`,
            );
            return EXIT_FINDINGS;
        }
        const { managed, positions } = managedUsers(file.configPath, file.projectDir);
        let account;
        try {
            account = await readAccount({ settings: awsSettings(file.configPath, io.env) });
        } catch (e) {
            io.stderr(awsFailure("audit", e, "the stack's account"));
            return EXIT_FINDINGS;
        }
        let problems: Problem[] = auditAccount({ account, managed, file: model.file, now });
        for (const [f, at] of positions) problems = withPositions(problems, f, at);
        const failed = problems.some(isError);
        if (format !== "table") {
            io.stdout(
                FORMATTERS[format](problems, { tool: "iam-users audit", version: VERSION, stack: file.label, failed }),
            );
        } else {
            const verdict = `${failed ? "FAILED" : "OK"}: account ${account.accountId} on ${now.toISOString().slice(0, 10)}, ${plural(account.users.length, "user")}, ${plural(problems.length, "failing control")}`;
            io.stdout([...problems.map(formatProblem), verdict].join("\n"));
        }
        return failed ? EXIT_FINDINGS : EXIT_OK;
    },
});

if (require.main === module) {
    start(main);
}
