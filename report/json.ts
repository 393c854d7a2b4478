import { controlById } from "../least-privilege/controls/catalog";
import type { Problem } from "../stacks/config/problems";
import type { ReportContext } from "./context";

/**
 * The JSON report: `{ format: "iam-users-check/1" (`iam-users-audit/1` from audit), tool, version, stack, failed, summary: { errors,
 * warnings, notes }, problems: [{ file, keyPath, line?, column?, severity, rule?, controls, message,
 * hint? }] }`. Keys appear in this order and are only ever added to within format 1. Pure.
 */
export function formatJson(problems: readonly Problem[], context: ReportContext): string {
    const count = (s: string) => problems.filter((p) => (p.severity ?? "error") === s).length;
    return JSON.stringify(
        {
            // "iam-users check" -> "iam-users-check/1": one format per tool, versioned on its own.
            format: `${context.tool.replace(/ /g, "-")}/1`,
            tool: context.tool,
            version: context.version,
            stack: context.stack,
            failed: context.failed,
            summary: { errors: count("error"), warnings: count("warning"), notes: count("note") },
            problems: problems.map((p) => ({
                file: p.file,
                keyPath: p.keyPath,
                line: p.line,
                column: p.column,
                severity: p.severity ?? "error",
                rule: p.rule,
                controls: (p.rule && controlById(p.rule)?.ids) || [],
                message: p.message,
                hint: p.hint,
            })),
        },
        null,
        2,
    );
}
