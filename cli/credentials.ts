/**
 * `npm run credentials -- <stack> [--from <file|->] [--format csv|aws-profile|env] [--out-dir <dir>]
 * [--user <user>] [--slot <slot>] [--force]`
 *
 * Writes what the console would have downloaded for each user of a deployed stack. Exit 0 when
 * done, 1 on bad input (nothing is written then), 2 on a usage error.
 */
import { parseArgs, UsageError } from "./args";
import { decryptorFor, planDelivery } from "../credentials/deliver";
import { Format, FORMATS } from "../credentials/formats";
import { findProjectDir } from "../stacks/config";
import { writeFilesSafely } from "../credentials/safe-write";
import { readStackOutputs } from "../credentials/stack-outputs";

const USAGE =
    "usage: npm run credentials -- <stack> [--from <file|->] [--format csv|aws-profile|env] " +
    "[--out-dir <dir>] [--user <user>] [--slot <slot>] [--force]";

/** Runs the command with `argv` (without node and the script); returns the exit code. */
export function main(argv: readonly string[], projectDir: string): number {
    let positionals: string[];
    let options: Record<string, string | true>;
    try {
        ({ positionals, options } = parseArgs(argv, {
            values: ["from", "format", "out-dir", "user", "slot"],
            booleans: ["force"],
        }));
        if (positionals.length !== 1) {
            throw new UsageError("name one stack (dev, prod, ...)");
        }
        if (!FORMATS.includes((options.format ?? "csv") as Format)) {
            throw new UsageError(`unknown --format "${options.format}"; use ${FORMATS.join(", ")}`);
        }
    } catch (e) {
        if (e instanceof UsageError) {
            console.error(`${e.message}\n${USAGE}`);
            return 2;
        }
        throw e;
    }
    const value = (name: string) => options[name] as string | undefined;
    const stack = positionals[0];
    try {
        const outputs = readStackOutputs({ stack, from: value("from"), projectDir });
        const selection = { user: value("user"), slot: value("slot") };
        const force = options.force === true;
        const delivery = planDelivery(
            outputs,
            {
                stack,
                format: (value("format") ?? "csv") as Format,
                selection,
                projectDir,
                outDir: value("out-dir"),
                force,
            },
            decryptorFor(outputs, selection),
        );
        writeFilesSafely(delivery.files, { force });
        process.stdout.write(delivery.stdout);
        delivery.notes.forEach((note) => console.error(note));
        return 0;
    } catch (e) {
        console.error(`credentials: ${(e as Error).message}`);
        return 1;
    }
}

if (require.main === module) {
    process.exitCode = main(process.argv.slice(2), findProjectDir(process.cwd()) ?? process.cwd());
}
