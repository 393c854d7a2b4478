/**
 * The one harness of the command-line tools: argument parsing (Node's `util.parseArgs`), the IO
 * object every tool prints through, `--help`, and the exit codes. Each tool is a {@link Command};
 * its entry point is one line, {@link start}, the only place that reads `process`.
 */
import { parseArgs } from "util";

/** Exit code: done, nothing wrong. */
export const EXIT_OK = 0;
/** Exit code: the tool ran and found problems (or its input was bad); the output says which. */
export const EXIT_FINDINGS = 1;
/** Exit code: the command line was wrong; the message and the usage are on standard error. */
export const EXIT_USAGE = 2;

/** Where a tool runs and what it prints to; tests pass their own to name the project and capture output. */
export interface Io {
    /** The folder the tool runs in: stack names are looked up from here. */
    readonly cwd: string;
    /** The environment: PATH for the Pulumi CLI, AWS and Pulumi settings. */
    readonly env: NodeJS.ProcessEnv;
    /** Prints text (one or more lines; the final newline is added) to standard output. */
    stdout(text: string): void;
    /** Prints text (one or more lines; the final newline is added) to standard error. */
    stderr(text: string): void;
}

/** The signature every tool's `main` has: arguments without node and the script, and the IO. */
export type Main = (argv: readonly string[], io: Io) => Promise<number>;

/** A command-line mistake: the harness prints it with the usage on standard error and exits 2. */
export class UsageError extends Error {}

/** An option: a flag (`boolean`) or one that takes a value (`string`). */
export interface OptionSpec {
    readonly type: "string" | "boolean";
}

/** The parsed options: a string per value option, true per flag given. */
export type OptionValues<O extends Record<string, OptionSpec>> = {
    readonly [K in keyof O]?: O[K]["type"] extends "string" ? string : boolean;
};

/** One tool: its usage text, its options, and what it does with them. */
export interface Command<O extends Record<string, OptionSpec>> {
    /** The whole usage text, starting `usage: npm run <tool> -- ...`; printed by `--help` and after a usage error. */
    readonly usage: string;
    readonly options: O;
    run(args: { positionals: string[]; values: OptionValues<O> }, io: Io): number | Promise<number>;
}

/** The short message for a `util.parseArgs` error; its own messages run to three sentences. */
function parseErrorMessage(e: Error & { code?: string }): string {
    const option = /'(-[^' ]*)/.exec(e.message)?.[1] ?? "";
    if (e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
        return `unknown option ${option}`;
    }
    return /does not take an argument/.test(e.message) ? `${option} takes no value` : `${option} needs a value`;
}

/**
 * Makes a tool's `main`: `--help` or `-h` prints the usage to standard output and exits 0; a usage
 * error (a bad option, or a {@link UsageError} from the tool) prints its message and the usage to
 * standard error and exits 2; otherwise the tool's own exit code.
 */
export function command<O extends Record<string, OptionSpec>>(spec: Command<O>): Main {
    return async (argv, io) => {
        if (argv.includes("--help") || argv.includes("-h")) {
            io.stdout(spec.usage);
            return EXIT_OK;
        }
        try {
            let parsed: { positionals: string[]; values: Record<string, unknown> };
            try {
                parsed = parseArgs({ args: [...argv], options: spec.options, allowPositionals: true, strict: true });
            } catch (e) {
                if (typeof (e as { code?: unknown }).code === "string") {
                    throw new UsageError(parseErrorMessage(e as Error));
                }
                throw e;
            }
            return await spec.run({ positionals: parsed.positionals, values: parsed.values as OptionValues<O> }, io);
        } catch (e) {
            if (e instanceof UsageError) {
                io.stderr(`${e.message}\n${spec.usage}`);
                return EXIT_USAGE;
            }
            throw e;
        }
    };
}

/** The IO of this process. */
export function processIo(): Io {
    return {
        cwd: process.cwd(),
        env: process.env,
        stdout: (text) => process.stdout.write(`${text}\n`),
        stderr: (text) => process.stderr.write(`${text}\n`),
    };
}

/** The entry-point line of a tool: runs `main` on this process's arguments and sets the exit code. */
export function start(main: Main): void {
    void main(process.argv.slice(2), processIo()).then((code) => (process.exitCode = code));
}
