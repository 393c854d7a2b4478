/**
 * The front door the tools share: which stack file a command line names. A stack is named as the
 * positional (`dev`) or `--stack dev`, and found as `Pulumi.<stack>.yaml` in the project folder; a
 * file is named as `--config FILE` (any name, as Pulumi's `--config-file`) or as a path positional.
 */
import * as fs from "fs";
import * as path from "path";
import { findProjectDir, stackConfigPath } from "../stacks/config";
import { didYouMean } from "../stacks/config/suggest";
import { UsageError, type Io, type OptionSpec } from "./harness";

/** The options every tool that reads a stack file takes. */
export const STACK_OPTIONS = { config: { type: "string" }, stack: { type: "string" } } as const satisfies Record<
    string,
    OptionSpec
>;

/** The stack file a command line names. */
export interface StackFile {
    /** The absolute path of the stack file. */
    readonly configPath: string;
    /** The stack name: `--stack`, the positional, or `<stack>` of a file named `Pulumi.<stack>.yaml`. */
    readonly stack?: string;
    /** The folder holding `Pulumi.yaml` (else the file's folder): policy paths and outputs are relative to it. */
    readonly projectDir: string;
    /** What the checks call the stack: its name, else the file name without `.yaml`. */
    readonly label: string;
}

const STACK_FILE = /^Pulumi\.(.+)\.ya?ml$/;

/** A positional is a file when it looks like one: a folder in it, or a YAML extension. */
const isPath = (arg: string): boolean => /[/\\]/.test(arg) || /\.ya?ml$/.test(arg);

/** The stacks of a project folder: the `<stack>` of every `Pulumi.<stack>.yaml` in it, sorted. */
export function stacksIn(projectDir: string): string[] {
    return fs
        .readdirSync(projectDir)
        .flatMap((name) => STACK_FILE.exec(name)?.[1] ?? [])
        .sort();
}

function unknownStack(stack: string, projectDir: string): UsageError {
    const stacks = stacksIn(projectDir);
    const known = stacks.length === 0 ? "there is no Pulumi.<stack>.yaml there" : `the stacks are ${stacks.join(", ")}`;
    return new UsageError(
        `no stack "${stack}": no Pulumi.${stack}.yaml in ${projectDir}${didYouMean(stack, stacks)}; ${known}`,
    );
}

/**
 * The stack file of a command line, or undefined when it names none. Throws a {@link UsageError}
 * for two names and an unknown stack (listing the stacks that exist).
 */
export function stackFileFrom(
    positionals: readonly string[],
    values: { readonly config?: string; readonly stack?: string },
    io: Io,
): StackFile | undefined {
    if (positionals.length > 1) {
        throw new UsageError("name one stack (dev, prod, ...) or --config <file>");
    }
    const [positional] = positionals;
    const asFile = positional !== undefined && isPath(positional);
    if (values.config !== undefined && positional !== undefined) {
        throw new UsageError(`give either ${asFile ? "a file" : "a stack name"} or --config <file>, not both`);
    }
    if (values.stack !== undefined && positional !== undefined && !asFile) {
        throw new UsageError("give the stack once: as the argument or as --stack");
    }
    const file = values.config ?? (asFile ? positional : undefined);
    if (file !== undefined) {
        // A named file that is missing, a folder or a device is a bad file, not a bad command line:
        // the reader says what it is, as a problem of that file (exit 1).
        const configPath = path.resolve(io.cwd, file);
        const stack = values.stack ?? STACK_FILE.exec(path.basename(configPath))?.[1];
        return {
            configPath,
            stack,
            projectDir: findProjectDir(path.dirname(configPath)) ?? path.dirname(configPath),
            label: stack ?? path.basename(configPath).replace(/\.ya?ml$/, ""),
        };
    }
    const stack = values.stack ?? positional;
    if (stack === undefined) {
        return undefined;
    }
    const projectDir = findProjectDir(io.cwd);
    if (!projectDir) {
        throw new UsageError(`no Pulumi.yaml in ${io.cwd} or above it: run from the project, or use --config <file>`);
    }
    const configPath = stackConfigPath(projectDir, stack);
    if (!fs.existsSync(configPath)) {
        throw unknownStack(stack, projectDir);
    }
    return { configPath, stack, projectDir, label: stack };
}

/** {@link stackFileFrom} for tools that need a stack file: naming none is a usage error. */
export function requireStackFile(
    positionals: readonly string[],
    values: { readonly config?: string; readonly stack?: string },
    io: Io,
): StackFile {
    const found = stackFileFrom(positionals, values, io);
    if (!found) {
        throw new UsageError("name one stack (dev, prod, ...) or --config <file>");
    }
    return found;
}
