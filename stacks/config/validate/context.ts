import type { z } from "zod";
import type { PolicyFile } from "../model";
import type { PolicyTexts } from "../policy-files";
import type { Problem } from "../problems";
import { parseWith } from "../zod-problems";

/** A config value as the validators see it: a name-keyed map, or nothing. */
export type NameMap = ReadonlyMap<string, unknown>;

/**
 * What one validation run shares between its subjects: the problems found so far, the policy
 * texts loaded beforehand, and the names already taken in the account.
 */
export class Context {
    readonly problems: Problem[] = [];
    /** Policy files already checked, by project-relative path; undefined for one with errors. */
    readonly policyFiles = new Map<string, PolicyFile | undefined>();
    /** Customer-managed policy names this stack creates (lower case), and where each comes from. */
    readonly policyNames = new Map<string, string>();

    constructor(
        readonly file: string,
        readonly projectDir: string,
        readonly texts: PolicyTexts,
        /** The partition of the stack's `aws:region`; unknown without one (the provider's region then decides). */
        readonly partition?: string,
        /** The stack's `aws:region`; unknown without one. */
        readonly region?: string,
    ) {}

    report(keyPath: string, message: string, hint?: string, severity?: "warning"): void {
        this.problems.push({ file: this.file, keyPath, message, hint, ...(severity ? { severity } : {}) });
    }

    /** The value parsed with `schema`, or the fields that parsed on their own; problems are reported. */
    parse<T>(at: (string | number)[], schema: z.ZodType<T>, value: unknown): T | undefined {
        const { data, problems } = parseWith(this.file, at, schema, value);
        this.problems.push(...problems);
        return data;
    }
}
