/**
 * `npm run docs`: writes the README's tables of component inputs and outputs from the package
 * schema, so that what other languages see and what the README says cannot drift apart.
 * tests/package-docs.test.ts fails when the README differs from what this would write.
 */
import * as fs from "fs";
import * as path from "path";
import * as prettier from "prettier";
import { PackageSchema, ROOT, SchemaProperty, packageSchema, refName } from "./package-schema";

/** The README this script maintains. */
export const README = path.join(ROOT, "README.md");

/** The markers around the generated block; everything between them is replaced. */
export const START = "<!-- package-schema:start -->";
export const END = "<!-- package-schema:end -->";

/** The README section where the package documents itself, with its examples. */
const SECTION = "## Use from other Pulumi projects";

/**
 * The first example in `lang` (the code block's info string) of a README section, which runs from
 * its `heading` to the next heading of the same or a higher level.
 */
export function example(readme: string, lang: string, heading = SECTION): string {
    const start = readme.indexOf(`\n${heading}\n`);
    if (start < 0) {
        throw new Error(`README.md has no "${heading}" section`);
    }
    const body = readme.slice(start + heading.length + 2);
    const next = body.search(new RegExp(`^#{1,${heading.indexOf(" ")}} `, "m"));
    const match = body
        .slice(0, next < 0 ? undefined : next)
        .match(new RegExp(`^\`\`\`${lang}\n([\\s\\S]*?)^\`\`\``, "m"));
    if (!match) {
        throw new Error(`README.md's "${heading}" section has no ${lang} example`);
    }
    return match[1];
}

/** How a property's type reads in a table: `string`, `list of string`, `map of string`, or a link to a type. */
function typeText(prop: SchemaProperty): string {
    if (prop.$ref) {
        return `[${refName(prop.$ref)}](#${refName(prop.$ref).toLowerCase()})`;
    }
    if (prop.type === "array" && prop.items) {
        return `list of ${typeText(prop.items)}`;
    }
    if (prop.type === "object" && prop.additionalProperties) {
        return `map of ${typeText(prop.additionalProperties)}`;
    }
    if (prop.type) {
        return prop.type;
    }
    throw new Error(`property without a type or $ref: ${JSON.stringify(prop)}`);
}

function cell(text: string): string {
    // JSDoc line breaks are wrapping, not paragraphs; a pipe would end the table cell.
    return text.replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|");
}

function table(
    heading: string,
    props: Readonly<Record<string, SchemaProperty>>,
    required: readonly string[],
): string[] {
    const rows = Object.entries(props).map(
        ([name, prop]) =>
            `| \`${name}\` | ${typeText(prop)} | ${required.includes(name) ? "yes" : "no"} | ${cell(prop.description ?? "")} |`,
    );
    return [`| ${heading} | Type | Required | Description |`, "| --- | --- | --- | --- |", ...rows, ""];
}

/** The markdown between the markers, before formatting. */
export function renderTables(schema: PackageSchema): string {
    const lines: string[] = [
        "<!-- Generated from the package schema by `npm run docs`; do not edit by hand. -->",
        "",
        "Names as the schema spells them: Python and Go use their own case (`user_name`, `UserName`).",
        "",
    ];
    for (const [token, resource] of Object.entries(schema.resources)) {
        lines.push(`#### ${refName(token)} (\`${token}\`)`, "", cell(resource.description ?? ""), "");
        lines.push(...table("Input", resource.inputProperties, resource.requiredInputs));
        lines.push(...table("Output", resource.properties, resource.required));
    }
    for (const [token, type] of Object.entries(schema.types)) {
        lines.push(`#### ${refName(token)}`, "");
        lines.push(...table("Field", type.properties ?? {}, type.required ?? []));
    }
    return lines.join("\n");
}

/** The generated block as the README holds it: formatted as `prettier --check` expects. */
export async function formattedTables(schema: PackageSchema): Promise<string> {
    const options = await prettier.resolveConfig(README);
    return (await prettier.format(renderTables(schema), { ...options, parser: "markdown" })).trimEnd();
}

/** The README's current generated block, or an error naming the missing marker. */
export function currentTables(readme: string): string {
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    if (start < 0 || end < start) {
        throw new Error(`README.md must contain ${START} followed by ${END}`);
    }
    return readme.slice(start + START.length, end).trim();
}

/** The README with the generated block replaced. */
export function withTables(readme: string, tables: string): string {
    currentTables(readme);
    const start = readme.indexOf(START) + START.length;
    return `${readme.slice(0, start)}\n\n${tables}\n\n${readme.slice(readme.indexOf(END))}`;
}

/**
 * The body of a script that maintains part of the README: writes what `rewrite` makes of it, says
 * whether `what` changed, and exits 1 with the message alone on an error.
 */
export function rewriteReadme(what: string, rewrite: (readme: string) => Promise<string>): void {
    const readme = fs.readFileSync(README, "utf8");
    rewrite(readme).then(
        (next) => {
            if (next !== readme) {
                fs.writeFileSync(README, next);
            }
            console.log(`README.md ${what} ${next === readme ? "are up to date" : "regenerated"}`);
        },
        (err: unknown) => {
            console.error(err instanceof Error ? err.message : err);
            process.exit(1);
        },
    );
}

if (require.main === module) {
    rewriteReadme("tables", async (readme) => withTables(readme, await formattedTables(await packageSchema())));
}
