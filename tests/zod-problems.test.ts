/** `parseWith` (stacks/config/zod-problems.ts), as a table: schema, value, the exact problems and data. */
import * as assert from "assert";
import { z } from "zod";
import { formatProblem } from "../stacks/config";
import { nameMap } from "../stacks/config/schema";
import { parseWith } from "../stacks/config/zod-problems";

const shape = z.strictObject({
    name: z.string().optional(),
    count: z.int().min(1, { error: "must be 1 or more" }).optional(),
    flag: z.boolean().optional(),
    list: z.array(z.string()).optional(),
    slots: nameMap(z.strictObject({ mode: z.string().optional() }).nullable()).optional(),
});

const ROWS: [string, unknown, string[], unknown][] = [
    ["a valid value", { name: "bob", count: 2 }, [], { name: "bob", count: 2 }],
    ["the number where a string goes", { name: 42 }, ["F: x.name: expected a string, got the number 42"], {}],
    ["a string where a map goes", "bob", ['F: x: expected a map, got the string "bob"'], undefined],
    ["nothing where a map goes", null, ["F: x: expected a map, got nothing"], undefined],
    ["a list where a map goes", [1], ["F: x: expected a map, got a list"], undefined],
    [
        "a fraction where a whole number goes",
        { count: 1.5 },
        ["F: x.count: expected a whole number, got the number 1.5"],
        {},
    ],
    [
        '"yes" where true or false goes',
        { flag: "yes" },
        ['F: x.flag: expected true or false, got the string "yes"'],
        {},
    ],
    ["a map where a list goes", { list: {} }, ["F: x.list: expected a list, got a map"], {}],
    ["a check's own message", { count: 0 }, ["F: x.count: must be 1 or more"], {}],
    [
        "an unknown key, with the closest allowed one and the allowed keys",
        { nmae: "bob", count: 1 },
        ['F: x.nmae: unknown key "nmae" (did you mean "name"?)\n  hint: allowed keys: name, count, flag, list, slots'],
        { count: 1 },
    ],
    [
        "an unknown key inside a name map's entry",
        { slots: { cli: { mdoe: "x" } } },
        ['F: x.slots.cli.mdoe: unknown key "mdoe" (did you mean "mode"?)\n  hint: allowed keys: mode'],
        {},
    ],
    [
        "a wrong type inside a name map keyed __proto__",
        JSON.parse('{"slots": {"__proto__": "x"}}'),
        ['F: x.slots.__proto__: expected a map, got the string "x"'],
        {},
    ],
    [
        "a key named constructor is unknown, not a crash",
        { constructor: 1 },
        ['F: x.constructor: unknown key "constructor"\n  hint: allowed keys: name, count, flag, list, slots'],
        {},
    ],
];

describe("parseWith", () => {
    for (const [name, value, problems, data] of ROWS) {
        it(name, () => {
            const result = parseWith("F", ["x"], shape, value);
            assert.deepStrictEqual(
                result.problems.map(formatProblem).map((p) => p.replace("iam-users:", "")),
                problems,
            );
            assert.deepStrictEqual(result.data, data);
        });
    }

    it("parses a name map into a Map, so __proto__ is an entry like any other", () => {
        const { data } = parseWith("F", ["x"], shape, JSON.parse('{"slots": {"__proto__": {}, "constructor": null}}'));
        assert.deepStrictEqual(
            [...data!.slots!],
            [
                ["__proto__", {}],
                ["constructor", null],
            ],
        );
    });
});
