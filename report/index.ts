import type { Problem } from "../stacks/config/problems";
import type { ReportContext } from "./context";
import { formatJson } from "./json";
import { formatSarif } from "./sarif";

export type { ReportContext } from "./context";

/** The output formats of `check`: `table` is the lines `formatProblem` prints. */
export const FORMATS = ["table", "json", "sarif"] as const;
/** One of {@link FORMATS}. */
export type Format = (typeof FORMATS)[number];

/** The machine-readable formats, each a pure `(problems, context) => string`. */
export const FORMATTERS: Record<
    Exclude<Format, "table">,
    (problems: readonly Problem[], context: ReportContext) => string
> = {
    json: formatJson,
    sarif: formatSarif,
};
