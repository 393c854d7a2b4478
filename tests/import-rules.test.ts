/**
 * The layering, as import rules over every .ts file of the project: libraries never import the
 * command-line tools, the components stand on their own with the IAM rules, the rules on Node
 * alone, and no module imports itself through others.
 */
import * as assert from "assert";
import * as fs from "fs";
import { builtinModules } from "module";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const SKIP = new Set(["node_modules", "dist", ".git"]);
/** import/export ... from "x", import "x", require("x"), import("x"). */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']([^"']+)["']/g;

function sources(dir = ROOT): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        if (SKIP.has(entry.name)) return [];
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return sources(full);
        return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [path.relative(ROOT, full)] : [];
    });
}

/** A relative specifier as the project file it names (`x.ts` or `x/index.ts`), or undefined. */
function resolve(from: string, specifier: string): string | undefined {
    const base = path.join(path.dirname(from), specifier);
    return [`${base}.ts`, path.join(base, "index.ts"), base].find(
        (f) => f.endsWith(".ts") && fs.existsSync(path.join(ROOT, f)),
    );
}

const isBuiltin = (specifier: string): boolean =>
    specifier.startsWith("node:") || builtinModules.includes(specifier.split("/")[0]);

/** Every file's imports: local files by project path, packages by name. */
function importGraph(): Map<string, { local: string[]; packages: string[] }> {
    const graph = new Map<string, { local: string[]; packages: string[] }>();
    for (const file of sources()) {
        // Comments go first: a JSDoc that says `import ... from "x"` imports nothing.
        const text = fs
            .readFileSync(path.join(ROOT, file), "utf8")
            .replace(/\/\*[\s\S]*?\*\//g, "")
            .replace(/^\s*\/\/.*$/gm, "");
        const local: string[] = [];
        const packages: string[] = [];
        for (const [, specifier] of text.matchAll(SPECIFIER)) {
            if (specifier.startsWith(".")) {
                const target = resolve(file, specifier);
                if (target) local.push(target.split(path.sep).join("/"));
            } else {
                packages.push(specifier);
            }
        }
        graph.set(file.split(path.sep).join("/"), { local, packages });
    }
    return graph;
}

const under = (file: string, dir: string): boolean => file.startsWith(`${dir}/`);

describe("import rules", () => {
    const graph = importGraph();
    const violations = (test: (file: string, target: string) => boolean): string[] =>
        [...graph].flatMap(([file, { local, packages }]) =>
            [...local, ...packages].filter((t) => test(file, t)).map((t) => `${file} -> ${t}`),
        );

    it("finds the project's files and their imports", () => {
        assert.deepStrictEqual(graph.get("components/index.ts")?.local, [
            "components/iam-group.ts",
            "components/iam-user.ts",
        ]);
        assert.ok(graph.get("rules/access-keys.ts")?.local.includes("rules/limits.ts"));
    });

    it("no library imports cli/: only the tools, their tests, benches and doc scripts do", () => {
        const tooling = (file: string) => ["cli", "tests", "bench", "scripts"].some((dir) => under(file, dir));
        assert.deepStrictEqual(
            violations((file, target) => !tooling(file) && under(target, "cli")),
            [],
        );
    });

    it("components/ imports only itself, rules/, @pulumi/* and Node built-ins", () => {
        assert.deepStrictEqual(
            violations(
                (file, target) =>
                    under(file, "components") &&
                    !under(target, "components") &&
                    !under(target, "rules") &&
                    !target.startsWith("@pulumi/") &&
                    !isBuiltin(target),
            ),
            [],
        );
    });

    it("rules/ imports only itself and Node built-ins", () => {
        assert.deepStrictEqual(
            violations((file, target) => under(file, "rules") && !under(target, "rules") && !isBuiltin(target)),
            [],
        );
    });

    it("has no import cycle", () => {
        const state = new Map<string, "visiting" | "done">();
        const cycles: string[] = [];
        const visit = (file: string, trail: string[]): void => {
            if (state.get(file) === "done") return;
            if (state.get(file) === "visiting") {
                cycles.push([...trail.slice(trail.indexOf(file)), file].join(" -> "));
                return;
            }
            state.set(file, "visiting");
            for (const target of graph.get(file)?.local ?? []) visit(target, [...trail, file]);
            state.set(file, "done");
        };
        for (const file of graph.keys()) visit(file, []);
        assert.deepStrictEqual(cycles, []);
    });
});
