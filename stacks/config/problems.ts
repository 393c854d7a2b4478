/** How bad a problem is: errors stop a deploy, warnings only with `--strict`, notes never. */
export type Severity = "error" | "warning" | "note";

/**
 * One thing wrong with a stack: where it is (the file and the full key path inside it), what is
 * wrong, and how to fix it. Every check in the project reports through this one type so that the
 * program and the command-line tools print problems the same way.
 */
export interface Problem {
    /** The file the problem is in, relative to the project folder (`Pulumi.dev.yaml`, `policies/x.json`). */
    readonly file: string;
    /** The full key path inside the file (`iam-users:users.emily.groups[3]`, `Statement[0].Action`). */
    readonly keyPath: string;
    /** What is wrong, in one sentence. */
    readonly message: string;
    /** How to fix it, when the message alone does not say. */
    readonly hint?: string;
    /** Defaults to "error". */
    readonly severity?: Severity;
    /** The lint rule or control (`IAM.2`) that raised a warning, so `allowWarnings` or `waive` can accept it. */
    readonly rule?: string;
    /** The 1-based line of the key, when the file's positions are known. */
    readonly line?: number;
    /** The 1-based column of the key, with `line`. */
    readonly column?: number;
}

/**
 * Formats a problem as one line (plus an indented hint line): `file:line:column: keyPath: message`,
 * or `file: keyPath: message` when its position is not known.
 */
export function formatProblem(p: Problem): string {
    const level = p.severity && p.severity !== "error" ? `${p.severity}${p.rule ? `[${p.rule}]` : ""}: ` : "";
    const at = p.line === undefined ? "" : `:${p.line}${p.column === undefined ? "" : `:${p.column}`}`;
    const line = `${p.file}${at}: ${p.keyPath}: ${level}${p.message}`;
    return p.hint ? `${line}\n  hint: ${p.hint}` : line;
}

/** Whether a problem stops a deploy (a problem without a severity is an error). */
export function isError(p: Problem): boolean {
    return (p.severity ?? "error") === "error";
}

/** `1 error`, `2 errors`. */
export const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? "" : "s"}`;

/** Thrown by the program when a stack has errors, so nothing is registered. */
export class StackConfigError extends Error {
    constructor(readonly problems: readonly Problem[]) {
        super(
            `the stack configuration has ${plural(problems.filter(isError).length, "error")}; nothing was deployed:\n` +
                problems.map(formatProblem).join("\n"),
        );
        this.name = "StackConfigError";
    }
}
