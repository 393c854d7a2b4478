/**
 * Running the Pulumi CLI from the command-line tools, with the messages a user needs when it is
 * missing or fails.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import {
    readDeployedOutputs,
    readOutputsFile,
    type PulumiRunner,
    type ReadOutputs,
} from "../credentials/stack-outputs";
import { NAMESPACE } from "../stacks/config/model";

/** The local file backend folder inside the project (`npm run deploy` without a backend, and the sandbox). */
export const LOCAL_BACKEND_DIR = ".pulumi-state";

/** The Pulumi CLI is not installed, or failed; the message is safe to print (it never holds a secret). */
export class PulumiCliError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PulumiCliError";
    }
}

/** Options of {@link runPulumi}. */
export interface RunPulumiOptions {
    /** Where to run: the folder holding `Pulumi.yaml`. */
    readonly cwd: string;
    /** The environment to start from: the tool's (`Io.env`). */
    readonly baseEnv: NodeJS.ProcessEnv;
    /** The stack the command is about: picks the local backend when that stack lives there. */
    readonly stack?: string;
    /** Extra environment variables. */
    readonly env?: NodeJS.ProcessEnv;
    /** Let the CLI print its progress on this terminal instead of capturing it. Defaults to false. */
    readonly inheritOutput?: boolean;
}

/**
 * The environment for a Pulumi command: the user's own, plus `PULUMI_BACKEND_URL` pointing at the
 * project's local file backend when no backend is set and the stack's state is there. The check is
 * per stack so that a sandbox state folder never hides stacks the user keeps in another backend.
 */
export function pulumiEnv(projectDir: string, stack: string | undefined, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
    if (env.PULUMI_BACKEND_URL || stack === undefined) {
        return env;
    }
    const root = path.join(projectDir, LOCAL_BACKEND_DIR);
    // The file backend keeps project-scoped stacks as .pulumi/stacks/<project>/<stack>.json (gzipped when asked).
    const state = path.join(root, ".pulumi", "stacks", NAMESPACE, `${stack}.json`);
    if (fs.existsSync(state) || fs.existsSync(`${state}.gz`)) {
        return { ...env, PULUMI_BACKEND_URL: `file://${root}` };
    }
    return env;
}

/** Whether the Pulumi CLI can be started with this environment's PATH. */
export function hasPulumiCli(env: NodeJS.ProcessEnv): boolean {
    return spawnSync("pulumi", ["version"], { env, stdio: "ignore" }).error === undefined;
}

/** The message for a missing Pulumi CLI; `what` says what needed it. */
export function pulumiMissingMessage(what: string): string {
    return (
        `the Pulumi CLI is not installed or not on PATH, and ${what} needs it: ` +
        `install it (https://www.pulumi.com/docs/iac/download-install/) and run again`
    );
}

/**
 * Runs `pulumi <args>` and returns its standard output. Throws a {@link PulumiCliError} when the
 * CLI is missing or exits non-zero, with the CLI's own error lines (never standard output, which
 * may hold secrets).
 */
export function runPulumi(args: readonly string[], options: RunPulumiOptions): string {
    const result = spawnSync("pulumi", args, {
        cwd: options.cwd,
        env: { ...pulumiEnv(options.cwd, options.stack, options.baseEnv), ...options.env },
        encoding: "utf8",
        maxBuffer: 256 * 1024 * 1024,
        stdio: options.inheritOutput ? ["inherit", "inherit", "inherit"] : ["ignore", "pipe", "pipe"],
    });
    if (result.error) {
        if ((result.error as NodeJS.ErrnoException).code === "ENOENT") {
            throw new PulumiCliError(pulumiMissingMessage(`'pulumi ${args.slice(0, 2).join(" ")}'`));
        }
        throw new PulumiCliError(`cannot run 'pulumi ${args.join(" ")}': ${result.error.message}`);
    }
    if (result.status !== 0) {
        const said = (result.stderr ?? "").trim();
        throw new PulumiCliError(
            `'pulumi ${args.join(" ")}' failed (exit ${result.status ?? result.signal})` + (said ? `:\n${said}` : ""),
        );
    }
    return result.stdout ?? "";
}

/** {@link runPulumi} as the runner the outputs reader takes. */
export const pulumiRunner =
    (options: RunPulumiOptions): PulumiRunner =>
    (args) =>
        runPulumi(args, options);

/**
 * The outputs `credentials` and `verify` work from: the `--from` file when given, else
 * `pulumi stack output` of the stack.
 */
export function outputsOf(from: string | undefined, stack: string, options: RunPulumiOptions): ReadOutputs {
    return from !== undefined ? readOutputsFile(from) : readDeployedOutputs(stack, pulumiRunner({ ...options, stack }));
}
