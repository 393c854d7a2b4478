/**
 * The rules a report names: every control, every lint rule, and the ids other checks report under
 * (the secret scan's), each with the control ids it stands for.
 */
import { MADE_BY_HAND } from "../least-privilege/controls/audit";
import { CONTROLS } from "../least-privilege/controls/catalog";
import { RULES } from "../least-privilege/rules";
import type { Problem, Severity } from "../stacks/config/problems";

/** The rule of a problem without one: a config or policy error. */
export const CONFIG_RULE = "config";

/** One rule as reports describe it. */
export interface ReportRule {
    readonly id: string;
    readonly description: string;
    /** The Security Hub and CIS ids (`["IAM.2", "CIS 1.15"]`); empty for a lint or config rule. */
    readonly controls: readonly string[];
    readonly level: Severity;
}

/** The rule id a problem is reported under. */
export const ruleOf = (p: Problem): string => p.rule ?? CONFIG_RULE;

/** Every known rule, then any other id the problems use, in that order. */
export function reportRules(problems: readonly Problem[]): ReportRule[] {
    const known: ReportRule[] = [
        ...CONTROLS.map((c): ReportRule => ({
            id: c.id,
            description: c.threshold ? `${c.title} (${c.threshold})` : c.title,
            controls: c.ids,
            // check warns, audit fails: a control only audit evaluates is an error by default.
            level: c.id === "CIS 1.11" ? "note" : c.where.includes("check") ? "warning" : "error",
        })),
        ...Object.entries(RULES).map(([id, description]) => ({
            id,
            description,
            controls: [],
            level: "warning" as const,
        })),
        {
            id: MADE_BY_HAND,
            description: "every IAM user of the account is managed by a stack file of the project (audit)",
            controls: [],
            level: "error",
        },
        {
            id: CONFIG_RULE,
            description: "the stack config or a policy file is not valid",
            controls: [],
            level: "error",
        },
    ];
    const ids = new Set(known.map((r) => r.id));
    const others = [...new Set(problems.map(ruleOf))].filter((id) => !ids.has(id));
    return [...known, ...others.map((id) => ({ id, description: id, controls: [], level: "error" as const }))];
}
