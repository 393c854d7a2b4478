/**
 * Runs a command-line entry point in this process and captures what it prints, so tests assert
 * the exit code and the exact output without the cost of a ts-node child process.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** What a command printed and returned. */
export interface CliRun {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
}

/** Calls `main(argv)` with standard output and `console.error` captured. */
export async function runCli(main: (argv: string[]) => number | Promise<number>, argv: string[]): Promise<CliRun> {
    let stdout = "";
    let stderr = "";
    const write = process.stdout.write;
    const error = console.error;
    process.stdout.write = ((chunk: string | Uint8Array) => {
        stdout += chunk.toString();
        return true;
    }) as typeof process.stdout.write;
    console.error = (...args: unknown[]) => {
        stderr += args.join(" ") + "\n";
    };
    try {
        const code = await main(argv);
        return { code, stdout, stderr };
    } finally {
        process.stdout.write = write;
        console.error = error;
    }
}

/** A fresh temporary folder; the caller removes it. */
export function tempDir(prefix: string): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), `iam-users-${prefix}-`));
}

/**
 * Writes a fake `pulumi` into `bin` (created if needed): it appends its arguments (one line per
 * call) to `args.log` and its backend and passphrase to `env.log` in `bin`, prints `stdout` for `stack output`,
 * `stderr` always, and exits with `exitCode`. Returns a PATH that finds it first.
 */
export function fakePulumi(bin: string, behaviour: { stdout?: string; stderr?: string; exitCode?: number }): string {
    fs.mkdirSync(bin, { recursive: true });
    fs.writeFileSync(path.join(bin, "canned.out"), behaviour.stdout ?? "");
    fs.writeFileSync(path.join(bin, "canned.err"), behaviour.stderr ?? "");
    fs.writeFileSync(
        path.join(bin, "pulumi"),
        "#!/bin/sh\n" +
            `echo "$*" >> "${bin}/args.log"\n` +
            `echo "PULUMI_BACKEND_URL=$PULUMI_BACKEND_URL PULUMI_CONFIG_PASSPHRASE=\${PULUMI_CONFIG_PASSPHRASE-unset}" >> "${bin}/env.log"\n` +
            // Only `stack output` prints the canned JSON; `up` and the rest say nothing.
            `case "$*" in "stack output"*) cat "${bin}/canned.out";; esac\n` +
            `cat "${bin}/canned.err" >&2\nexit ${behaviour.exitCode ?? 0}\n`,
        { mode: 0o755 },
    );
    return `${bin}${path.delimiter}${process.env.PATH}`;
}

/** Runs `fn` with environment variables set (undefined removes one), and restores them after. */
export async function withEnv<T>(vars: NodeJS.ProcessEnv, fn: () => T | Promise<T>): Promise<T> {
    const saved = Object.fromEntries(Object.keys(vars).map((name) => [name, process.env[name]]));
    const apply = (values: NodeJS.ProcessEnv) => {
        for (const [name, value] of Object.entries(values)) {
            if (value === undefined) {
                delete process.env[name];
            } else {
                process.env[name] = value;
            }
        }
    };
    apply(vars);
    try {
        return await fn();
    } finally {
        apply(saved);
    }
}
