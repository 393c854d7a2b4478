/** The README's input and output tables, generated from the package schema by `npm run docs`. */
import * as assert from "assert";
import * as fs from "fs";
import * as YAML from "yaml";
import { PackageSchema, SchemaProperty, packageSchema } from "../scripts/package-schema";
import { oneComponentSchema } from "./schema-fixture";
import {
    END,
    README,
    START,
    currentTables,
    example,
    formattedTables,
    renderTables,
    withTables,
} from "../scripts/package-docs";

/** The names in `value` (a component's or an object type's properties) that the schema lacks. */
function unknownNames(
    schema: PackageSchema,
    where: string,
    props: Readonly<Record<string, SchemaProperty>>,
    value: Record<string, unknown>,
): string[] {
    return Object.entries(value).flatMap(([name, v]) => {
        const prop = props[name];
        if (!prop) {
            return [`${where}.${name}`];
        }
        const fields = (ref: string) => schema.types[ref.slice("#/types/".length)].properties ?? {};
        if (prop.$ref) {
            return unknownNames(schema, `${where}.${name}`, fields(prop.$ref), v as Record<string, unknown>);
        }
        const itemRef = prop.additionalProperties?.$ref;
        if (itemRef) {
            return Object.entries(v as Record<string, Record<string, unknown>>).flatMap(([key, item]) =>
                unknownNames(schema, `${where}.${name}.${key}`, fields(itemRef), item),
            );
        }
        return [];
    });
}

const camel = (snake: string): string => snake.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

describe("README examples", function () {
    // The analyzer builds a TypeScript program of the whole project once per process.
    this.timeout(120_000);
    let schema: PackageSchema;
    let readme: string;
    before(async () => {
        schema = await packageSchema();
        readme = fs.readFileSync(README, "utf8");
    });

    it("use only the schema's tokens, inputs and outputs in YAML", () => {
        const program = YAML.parse(example(readme, "yaml")) as {
            resources: Record<string, { type: string; properties: Record<string, unknown> }>;
            outputs: Record<string, string>;
        };
        const problems = Object.entries(program.resources).flatMap(([name, r]) =>
            r.type in schema.resources
                ? unknownNames(schema, name, schema.resources[r.type].inputProperties, r.properties)
                : [`${name}: type ${r.type}`],
        );
        for (const ref of Object.values(program.outputs)) {
            const [, resource, output] = /^\$\{(\w+)\.(\w+)\}$/.exec(ref) ?? [];
            if (!(output in (schema.resources[program.resources[resource]?.type]?.properties ?? {}))) {
                problems.push(`output ${ref}`);
            }
        }
        assert.deepStrictEqual(problems, []);
        assert.deepStrictEqual(Object.keys(program.resources), ["readers", "emily"]);
    });

    it("use only the schema's components, inputs and outputs in Python", () => {
        const python = example(readme, "python");
        const components: Record<string, string> = {};
        const problems: string[] = [];
        for (const [, variable, component, args] of python.matchAll(/^(\w+) = iam_users\.(\w+)\(([^]*?)\)$/gm)) {
            const resource = schema.resources[`iam-users:index:${component}`];
            components[variable] = component;
            for (const [, kwarg] of args.matchAll(/(\w+)=/g)) {
                if (!(camel(kwarg) in resource.inputProperties)) {
                    problems.push(`${variable}: ${kwarg}`);
                }
            }
        }
        // Dict keys with an underscore are object type fields; map keys such as "readOnly" are the caller's.
        const fields = Object.values(schema.types).flatMap((t) => Object.keys(t.properties ?? {}));
        for (const [, key] of python.matchAll(/"(\w+_\w+)":/g)) {
            if (!fields.includes(camel(key))) {
                problems.push(`field ${key}`);
            }
        }
        for (const [, variable, attribute] of python.matchAll(/\b(\w+)\.(\w+)\b(?!\()/g)) {
            const component = components[variable];
            if (component && !(camel(attribute) in schema.resources[`iam-users:index:${component}`].properties)) {
                problems.push(`${variable}.${attribute}`);
            }
        }
        assert.deepStrictEqual(problems, []);
        assert.deepStrictEqual(components, { readers: "IamGroup", emily: "IamUser" });
    });
});

describe("README tables (npm run docs)", function () {
    // The analyzer builds a TypeScript program of the whole project once per process.
    this.timeout(120_000);

    it("match the package schema", async () => {
        const expected = await formattedTables(await packageSchema());
        const actual = currentTables(fs.readFileSync(README, "utf8"));
        assert.ok(actual === expected, "README.md tables differ from the package schema: run `npm run docs`");
    });

    it("render types, requiredness and descriptions as one row per property", () => {
        const schema = oneComponentSchema(
            "x:index:Thing",
            {
                description: "A thing.",
                inputProperties: {
                    names: { type: "array", items: { type: "string" }, description: "Names.\nDefaults to none." },
                    slots: {
                        type: "object",
                        additionalProperties: { $ref: "#/types/x:index:Slot" },
                        description: "`a|b` slots.",
                    },
                },
                requiredInputs: ["slots"],
                properties: { id: { type: "string", description: "The ID." } },
                required: ["id"],
            },
            { "x:index:Slot": { type: "object", properties: { on: { type: "boolean", description: "On." } } } },
        );
        assert.strictEqual(
            renderTables(schema),
            [
                "<!-- Generated from the package schema by `npm run docs`; do not edit by hand. -->",
                "",
                "Names as the schema spells them: Python and Go use their own case (`user_name`, `UserName`).",
                "",
                "#### Thing (`x:index:Thing`)",
                "",
                "A thing.",
                "",
                "| Input | Type | Required | Description |",
                "| --- | --- | --- | --- |",
                "| `names` | list of string | no | Names. Defaults to none. |",
                "| `slots` | map of [Slot](#slot) | yes | `a\\|b` slots. |",
                "",
                "| Output | Type | Required | Description |",
                "| --- | --- | --- | --- |",
                "| `id` | string | yes | The ID. |",
                "",
                "#### Slot",
                "",
                "| Field | Type | Required | Description |",
                "| --- | --- | --- | --- |",
                "| `on` | boolean | no | On. |",
                "",
            ].join("\n"),
        );
    });

    it("replace only what lies between the markers", () => {
        const readme = `# T\n\nbefore\n\n${START}\nold\n${END}\n\nafter\n`;
        assert.strictEqual(withTables(readme, "new"), `# T\n\nbefore\n\n${START}\n\nnew\n\n${END}\n\nafter\n`);
        assert.strictEqual(currentTables(withTables(readme, "new")), "new");
    });

    it("refuse a README without the markers", () => {
        assert.throws(
            () => withTables("# T\n", "new"),
            (err: Error) => err.message === `README.md must contain ${START} followed by ${END}`,
        );
    });
});
