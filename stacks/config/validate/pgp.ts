import { configKey } from "../model";
import { pgpKeyProblem } from "../pgp-key";
import type { Context } from "./context";

/** `iam-users:pgpKey`, when its plain text is in the file. */
export function validatePgpKey(ctx: Context, value: unknown): void {
    if (typeof value !== "string") {
        return; // absent, or a Pulumi secret that only the program can read
    }
    const problem = pgpKeyProblem(value);
    if (problem) {
        ctx.report(configKey("pgpKey"), problem.message, problem.hint);
    }
}
