/**
 * Runs a command-line entry point in this process with its own IO, so tests name the project
 * folder and the environment, and assert the exit code and the exact output without the cost of a
 * ts-node child process.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Io, Main } from "../../cli/harness";

/** What a command printed and returned; every printed text ends with a newline, as on a terminal. */
export interface CliRun {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
}

/** The IO a test runs a tool with, capturing what it prints. */
export function captureIo(cwd: string, env: NodeJS.ProcessEnv = process.env): Io & { out: string; err: string } {
    const io = {
        cwd,
        env,
        out: "",
        err: "",
        stdout: (text: string) => void (io.out += `${text}\n`),
        stderr: (text: string) => void (io.err += `${text}\n`),
    };
    return io;
}

/** Runs `main(argv)` in the project folder `cwd`, with `env` (defaults to this process's). */
export async function runCli(main: Main, argv: string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<CliRun> {
    const io = captureIo(cwd, env);
    const code = await main(argv, io);
    return { code, stdout: io.out, stderr: io.err };
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
