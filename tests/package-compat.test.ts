/**
 * Released names stay: a type token, input or output in tests/released-api.json that leaves the
 * schema breaks every program and stack that uses it. Changing a token replaces every deployed
 * resource unless the renamed component declares the old token as an alias.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ComponentResourceConstructor } from "@pulumi/pulumi/provider/experimental";
import { PackageSchema, ROOT, packagePlugin } from "../scripts/package-schema";
import { ready, valueOf } from "./mocks";
import { oneComponentSchema } from "./schema-fixture";

/** The names one component had in a release. */
interface ReleasedComponent {
    readonly inputs: readonly string[];
    readonly outputs: readonly string[];
}

/** Per version, per type token: the committed record of what each release shipped. */
type Released = Readonly<Record<string, Readonly<Record<string, ReleasedComponent>>>>;

const RELEASED_FILE = path.join(__dirname, "released-api.json");

/** The type in a URN, `urn:pulumi:<stack>::<project>::<parent types$type>::<name>`. */
function urnType(urn: string): string {
    return urn.split("::")[2].split("$").pop() as string;
}

/**
 * Per current type token, the other tokens its component answers to. Builds each component with no
 * args under the mocked runtime: aliases live only in the constructor's resource options, and the
 * SDK keeps them, collapsed to URNs, in the internal `__aliases` (the mocks never see them).
 */
async function aliasTypes(components: readonly ComponentResourceConstructor[]): Promise<Record<string, string[]>> {
    const result: Record<string, string[]> = {};
    for (const Component of components) {
        const instance = new Component(`compat-${Component.name}`, {});
        const aliases = (instance as unknown as { __aliases: pulumi.Input<string>[] }).__aliases;
        const type = urnType(await valueOf(instance.urn));
        const others = await Promise.all(aliases.map(async (a) => urnType(await valueOf(pulumi.output(a)))));
        result[type] = others.filter((t) => t !== type);
    }
    return result;
}

/** Every released name missing from the schema, reported once, with the first version that had it. */
function compatProblems(released: Released, schema: PackageSchema, aliases: Record<string, string[]>): string[] {
    const problems = new Map<string, string>();
    for (const [version, components] of Object.entries(released)) {
        for (const [token, api] of Object.entries(components)) {
            const current =
                token in schema.resources ? token : Object.keys(aliases).find((t) => aliases[t].includes(token));
            if (!current) {
                problems.set(
                    token,
                    `${token} (released in ${version}) is not in the schema and no component aliases it`,
                );
                continue;
            }
            const resource = schema.resources[current];
            const missing = [
                ...api.inputs.filter((n) => !(n in resource.inputProperties)).map((n) => `input ${n}`),
                ...api.outputs.filter((n) => !(n in resource.properties)).map((n) => `output ${n}`),
            ];
            for (const what of missing) {
                const key = `${token} ${what}`;
                if (!problems.has(key)) {
                    problems.set(key, `${key} (released in ${version}) is not in the schema of ${current}`);
                }
            }
        }
    }
    return [...problems.values()];
}

describe("package compatibility", function () {
    // The analyzer builds a TypeScript program of the whole project once per process.
    this.timeout(120_000);
    const released = JSON.parse(fs.readFileSync(RELEASED_FILE, "utf8")) as Released;

    it("keeps every released type token, input and output", async () => {
        await ready;
        const { components, schema } = await packagePlugin();
        assert.deepStrictEqual(compatProblems(released, schema, await aliasTypes(components)), []);
    });

    it("records the current version as released, in the CHANGELOG too", () => {
        const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
        assert.ok(version in released, `tests/released-api.json has no entry for ${version}`);
        const changelog = fs.readFileSync(path.join(ROOT, "CHANGELOG.md"), "utf8");
        assert.match(changelog, new RegExp(`^## \\[${version.replace(/\./g, "\\.")}\\] - \\d{4}-\\d{2}-\\d{2}$`, "m"));
    });

    describe("rules", () => {
        const schema = oneComponentSchema("x:index:New", { inputProperties: { a: {} }, properties: { out: {} } });
        const old = { inputs: ["a"], outputs: ["out"] };

        const cases: [string, Released, Record<string, string[]>, string[]][] = [
            ["a token that is still there", { "1.0.0": { "x:index:New": old } }, {}, []],
            [
                "a renamed token with its alias",
                { "1.0.0": { "x:index:Old": old } },
                { "x:index:New": ["x:index:Old"] },
                [],
            ],
            [
                "a token gone without an alias",
                { "1.0.0": { "x:index:Old": old } },
                { "x:index:New": [] },
                ["x:index:Old (released in 1.0.0) is not in the schema and no component aliases it"],
            ],
            [
                "a removed input and output, once across releases",
                {
                    "1.0.0": { "x:index:New": { inputs: ["a", "b"], outputs: ["out", "gone"] } },
                    "1.1.0": { "x:index:New": { inputs: ["a", "b"], outputs: ["out", "gone"] } },
                },
                {},
                [
                    "x:index:New input b (released in 1.0.0) is not in the schema of x:index:New",
                    "x:index:New output gone (released in 1.0.0) is not in the schema of x:index:New",
                ],
            ],
            [
                "an output lost in a rename",
                { "1.0.0": { "x:index:Old": { inputs: [], outputs: ["gone"] } } },
                { "x:index:New": ["x:index:Old"] },
                ["x:index:Old output gone (released in 1.0.0) is not in the schema of x:index:New"],
            ],
        ];
        for (const [what, rel, aliases, problems] of cases) {
            it(`judge ${what}`, () => assert.deepStrictEqual(compatProblems(rel, schema, aliases), problems));
        }

        it("find an alias that a renamed component declares", async () => {
            await ready;
            class Renamed extends pulumi.ComponentResource {
                constructor(name: string, args: object, opts?: pulumi.ComponentResourceOptions) {
                    super("x:index:New", name, args, pulumi.mergeOptions(opts, { aliases: [{ type: "x:index:Old" }] }));
                    this.registerOutputs({});
                }
            }
            assert.deepStrictEqual(await aliasTypes([Renamed]), { "x:index:New": ["x:index:Old"] });
        });
    });
});
