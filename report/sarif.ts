/**
 * SARIF 2.1.0, what GitHub code scanning and most CI systems show as annotations on a pull
 * request: one run, the rules in `tool.driver` (control ids in `properties.controls`), one result
 * per problem at its file, line and column.
 */
import type * as Sarif from "sarif";
import type { Problem } from "../stacks/config/problems";
import type { ReportContext } from "./context";
import { reportRules, ruleOf } from "./rules";

/** The schema the output follows (OASIS's final 2.1.0, as schemastore serves it). */
export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/** `problems` as a SARIF log; files are relative to the project folder (`%SRCROOT%`). Pure. */
export function formatSarif(problems: readonly Problem[], context: ReportContext): string {
    const rules = reportRules(problems);
    const index = new Map(rules.map((r, i) => [r.id, i]));
    const log: Sarif.Log = {
        $schema: SARIF_SCHEMA,
        version: "2.1.0",
        runs: [
            {
                tool: {
                    driver: {
                        name: "iam-users",
                        version: context.version,
                        rules: rules.map((r) => ({
                            id: r.id,
                            shortDescription: { text: r.description },
                            defaultConfiguration: { level: r.level === "error" ? "error" : r.level },
                            properties: { controls: [...r.controls] },
                        })),
                    },
                },
                originalUriBaseIds: { "%SRCROOT%": { description: { text: "the folder holding Pulumi.yaml" } } },
                results: problems.map((p) => ({
                    ruleId: ruleOf(p),
                    ruleIndex: index.get(ruleOf(p)),
                    level: p.severity ?? "error",
                    message: { text: p.hint ? `${p.message} (hint: ${p.hint})` : p.message },
                    locations: [
                        {
                            physicalLocation: {
                                artifactLocation: { uri: encodeURI(p.file), uriBaseId: "%SRCROOT%" },
                                ...(p.line !== undefined
                                    ? { region: { startLine: p.line, startColumn: p.column ?? 1 } }
                                    : {}),
                            },
                            logicalLocations: [{ fullyQualifiedName: p.keyPath }],
                        },
                    ],
                })),
            },
        ],
    };
    return JSON.stringify(log, null, 2);
}
