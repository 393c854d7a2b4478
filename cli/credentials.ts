/**
 * `npm run credentials`: writes what the console would have downloaded for each user of a
 * deployed stack. Exit 0 when done, 1 on bad input (nothing is written then), 2 on a usage error.
 */
import { decryptorFor, planDelivery } from "../credentials/deliver";
import { Format, FORMATS } from "../credentials/formats";
import { findProjectDir } from "../stacks/config";
import { readStackFile } from "../stacks/config/read";
import { writeFilesSafely } from "../credentials/safe-write";
import { command, EXIT_FINDINGS, EXIT_OK, start, UsageError } from "./harness";
import { outputsOf } from "./pulumi";
import { stackFileFrom, STACK_OPTIONS } from "./stack-file";

/** What `--help` prints, and a usage error after its message. */
export const USAGE = [
    "usage: npm run credentials -- <stack> | --config <file> | --stack <stack> [--from <file|->]",
    "       [--format csv|aws-profile|env|smtp] [--out-dir <dir>] [--user <user>] [--slot <slot>] [--force]",
    "  <stack>, --stack   the deployed stack; not needed with --from and --out-dir (or --format env, smtp)",
    "  --config <file>    its stack file: names the stack (Pulumi.<stack>.yaml) and the project folder",
    "  --from <file|->    the saved `pulumi stack output --json --show-secrets` (- for standard input)",
    "  --format           csv (default: credentials/<stack>/), aws-profile (~/.aws/credentials), env,",
    "                     smtp (SES SMTP settings of keys with smtp: true, for the stack's aws:region)",
    "  --out-dir <dir>    where the csv files or the credentials file go",
    "  --user, --slot     only this user key, only this access key slot",
    "  --force            replace files and profiles that exist",
    "exit: 0 written, 1 bad input (nothing is written), 2 usage error",
].join("\n");

/** The region the stack deploys to, as its provider takes it: the file's `aws:region`, else `AWS_REGION`. */
function stackRegion(configPath: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
    const region = configPath === undefined ? undefined : readStackFile(configPath).source?.config["aws:region"];
    return typeof region === "string" ? region : env.AWS_REGION || undefined;
}

/** Runs `credentials` with `argv` (without node and the script); resolves to the exit code. */
export const main = command({
    usage: USAGE,
    options: {
        ...STACK_OPTIONS,
        from: { type: "string" },
        format: { type: "string" },
        "out-dir": { type: "string" },
        user: { type: "string" },
        slot: { type: "string" },
        force: { type: "boolean" },
    },
    run({ positionals, values }, io) {
        const format = (values.format ?? "csv") as Format;
        if (!FORMATS.includes(format)) {
            throw new UsageError(`unknown --format "${values.format}"; use ${FORMATS.join(", ")}`);
        }
        const file = stackFileFrom(positionals, values, io);
        const stack = file?.stack;
        const outDir = values["out-dir"];
        if (stack === undefined && (values.from === undefined || (format === "csv" && outDir === undefined))) {
            throw new UsageError(
                values.from === undefined
                    ? "name the stack (dev, prod, ...) whose outputs to read, or give them with --from <file>"
                    : "name the stack (dev, prod, ...): csv files go to credentials/<stack>/ unless --out-dir says where",
            );
        }
        const projectDir = file?.projectDir ?? findProjectDir(io.cwd) ?? io.cwd;
        try {
            const outputs = outputsOf(values.from, stack ?? "", { cwd: projectDir, baseEnv: io.env });
            const selection = { user: values.user, slot: values.slot };
            const force = values.force === true;
            const delivery = planDelivery(
                outputs,
                {
                    stack: stack ?? "",
                    format,
                    selection,
                    projectDir,
                    outDir,
                    force,
                    env: io.env,
                    region: stackRegion(file?.configPath, io.env),
                },
                decryptorFor(outputs, selection),
            );
            writeFilesSafely(delivery.files, { force });
            if (delivery.stdout !== "") {
                io.stdout(delivery.stdout.replace(/\n$/, ""));
            }
            delivery.notes.forEach((note) => io.stderr(note));
            return EXIT_OK;
        } catch (e) {
            io.stderr(`credentials: ${(e as Error).message}`);
            return EXIT_FINDINGS;
        }
    },
});

if (require.main === module) {
    start(main);
}
