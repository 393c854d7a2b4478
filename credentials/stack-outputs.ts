/**
 * Reading the stack outputs that `credentials` and `verify` work from: the JSON of
 * `pulumi stack output --json --show-secrets`, from the Pulumi CLI, a file or standard input.
 */
import * as fs from "fs";
import { jsonSyntaxError, lineColumn } from "../stacks/config/json-error";
import { HIDDEN_SECRET, readOutputsSchema, type ReadStackOutputs } from "../stacks/outputs";

export { HIDDEN_SECRET };

/** An input the tools cannot work from; the message says what is wrong and how to fix it. */
export class CredentialsInputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "CredentialsInputError";
    }
}

/**
 * The outputs as read (`ReadStackOutputs` in stacks/outputs.ts): a secret output may be missing or
 * hidden (`"[secret]"`); {@link secretOf} turns either into a clear error where a secret is needed.
 */
export type ReadOutputs = ReadStackOutputs;

/**
 * Parses the JSON text of the stack outputs and checks its shape.
 * @param source names the input in messages (`--from creds.json`, `pulumi stack output`).
 */
export function parseStackOutputs(text: string, source: string): ReadOutputs {
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch (e) {
        // The text holds passwords and secret keys: say where it broke, never what it says there.
        const { offset, reason } = jsonSyntaxError(text, e as Error);
        const where = offset === undefined ? "" : ` at ${lineColumn(text, offset)}`;
        throw new CredentialsInputError(`${source}: not JSON (${reason}${where})`);
    }
    const parsed = readOutputsSchema.safeParse(json);
    if (!parsed.success) {
        const first = parsed.error.issues[0];
        const where = first.path.length ? first.path.join(".") : "(top level)";
        throw new CredentialsInputError(`${source}: not the outputs of an iam-users stack: ${where}: ${first.message}`);
    }
    return parsed.data;
}

/** Runs `pulumi <args>` in the project and returns its standard output; throws on failure. */
export type PulumiRunner = (args: readonly string[]) => string;

/** Reads and parses the outputs of a deployed stack from `pulumi stack output`, run by `pulumi`. */
export function readDeployedOutputs(stack: string, pulumi: PulumiRunner): ReadOutputs {
    const text = pulumi(["stack", "output", "--json", "--show-secrets", "--stack", stack]);
    return parseStackOutputs(text, `pulumi stack output --stack ${stack}`);
}

/** Reads and parses the stack outputs saved in a file, or from standard input when `from` is `-`. */
export function readOutputsFile(from: string): ReadOutputs {
    const name = from === "-" ? "standard input" : from;
    let text: string;
    try {
        text = fs.readFileSync(from === "-" ? 0 : from, "utf8");
    } catch (e) {
        throw new CredentialsInputError(`cannot read ${name}: ${(e as NodeJS.ErrnoException).code ?? e}`);
    }
    return parseStackOutputs(text, name);
}

/** The value below `path` in a parsed JSON value, or undefined. */
export function lookUp(value: unknown, path: readonly string[]): unknown {
    return path.reduce<unknown>(
        (v, key) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined),
        value,
    );
}

/**
 * Returns one secret of the outputs, or throws a message naming the output and key path that is
 * missing or hidden, and how to get it. Never includes any secret value.
 * @param output the top-level output name (`passwords`, `accessKeySecrets`, ...).
 * @param path the keys below it (`["emily", "cli"]`).
 */
export function secretOf(outputs: ReadOutputs, output: keyof ReadOutputs, path: readonly string[]): string {
    const where = [output, ...path].join(".");
    if (outputs[output] === HIDDEN_SECRET) {
        throw new CredentialsInputError(
            `the outputs hide their secrets (${output} is "${HIDDEN_SECRET}"): ` +
                `read them with 'pulumi stack output --json --show-secrets'`,
        );
    }
    const value = lookUp(outputs[output], path);
    if (typeof value !== "string" || value === "") {
        throw new CredentialsInputError(`the outputs have no ${where}: is the stack deployed with this version?`);
    }
    if (value === HIDDEN_SECRET) {
        throw new CredentialsInputError(
            `the outputs hide ${where} ("${HIDDEN_SECRET}"): read them with 'pulumi stack output --json --show-secrets'`,
        );
    }
    return value;
}
