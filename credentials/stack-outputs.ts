/**
 * Reading the stack outputs that `credentials` and `verify` work from: the JSON of
 * `pulumi stack output --json --show-secrets`, from the Pulumi CLI, a file or standard input.
 */
import * as fs from "fs";
import { z } from "zod";
import { jsonSyntaxError, lineColumn } from "../stacks/config/json-error";
import { runPulumi } from "../cli/pulumi";

/** An input the tools cannot work from; the message says what is wrong and how to fix it. */
export class CredentialsInputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "CredentialsInputError";
    }
}

/** What `pulumi stack output` prints in place of a secret when `--show-secrets` is missing. */
export const HIDDEN_SECRET = "[secret]";

const slotMap = z.record(z.string(), z.string());
// Secret outputs may arrive as "[secret]" (no --show-secrets): let them through the shape check so
// that the message can say what happened instead of "expected object".
const secretMap = <T extends z.ZodType>(inner: T) => z.union([z.record(z.string(), inner), z.literal(HIDDEN_SECRET)]);

const outputsSchema = z.object({
    users: z.record(
        z.string(),
        z.object({
            userName: z.string(),
            arn: z.string(),
            groups: z.array(z.string()),
            accessKeyIds: slotMap,
            consoleSignInUrl: z.string().optional(),
            nextRotation: slotMap.optional(),
        }),
    ),
    passwords: secretMap(z.string()).optional(),
    accessKeySecrets: secretMap(slotMap).optional(),
    encryptedPasswords: secretMap(z.string()).optional(),
    encryptedAccessKeySecrets: secretMap(slotMap).optional(),
    consoleSignInUrl: z.string().optional(),
});

/**
 * The outputs as read: like {@link StackOutputs}, except that a secret output may be missing or
 * hidden (`"[secret]"`); {@link secretOf} turns either into a clear error where a secret is needed.
 */
export type ReadOutputs = z.infer<typeof outputsSchema>;

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
    const parsed = outputsSchema.safeParse(json);
    if (!parsed.success) {
        const first = parsed.error.issues[0];
        const where = first.path.length ? first.path.join(".") : "(top level)";
        throw new CredentialsInputError(`${source}: not the outputs of an iam-users stack: ${where}: ${first.message}`);
    }
    return parsed.data;
}

/** Where the tools read the outputs from. */
export interface OutputsSource {
    /** The stack name. */
    readonly stack: string;
    /** A file path, `-` for standard input, or absent to ask the Pulumi CLI. */
    readonly from?: string;
    /** The folder holding `Pulumi.yaml`, where the Pulumi CLI runs. */
    readonly projectDir: string;
    /** Extra environment for the Pulumi CLI (the sandbox's backend and passphrase). */
    readonly env?: NodeJS.ProcessEnv;
}

/** Reads and parses the stack outputs from the Pulumi CLI, a file or standard input. */
export function readStackOutputs(source: OutputsSource): ReadOutputs {
    if (source.from === undefined) {
        const text = runPulumi(["stack", "output", "--json", "--show-secrets", "--stack", source.stack], {
            cwd: source.projectDir,
            stack: source.stack,
            env: source.env,
        });
        return parseStackOutputs(text, `pulumi stack output --stack ${source.stack}`);
    }
    const name = source.from === "-" ? "standard input" : source.from;
    let text: string;
    try {
        text = fs.readFileSync(source.from === "-" ? 0 : source.from, "utf8");
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
