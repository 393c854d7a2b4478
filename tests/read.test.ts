/**
 * The stack-file reader (stacks/config/read.ts and the modules it uses): the whole config map as
 * null-prototype data, key positions in `configKey`'s format, stack names from any file name,
 * encodings, nesting at the cap, and how positions reach problems and their printed form.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import {
    configKey,
    formatProblem,
    MAX_DEPTH,
    positionOf,
    readStackFile,
    readYaml,
    StackConfigError,
    withPositions,
    type Problem,
} from "../stacks/config";
import { decodeStackText } from "../stacks/config/decode";
import { tempDir } from "./support/cli";
import { utf16, utf32 } from "./support/hostile-stacks";

const OBJECT_WORDS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty"];

describe("read: a stack file", () => {
    let dir: string;
    before(() => {
        dir = tempDir("read");
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: fake-project\n");
        fs.mkdirSync(path.join(dir, "stacks"));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    const write = (name: string, text: string): string => {
        fs.writeFileSync(path.join(dir, name), text);
        return path.join(dir, name);
    };

    it("returns the whole config map, this project's values, and every key's position", () => {
        const file = write(
            "Pulumi.dev.yaml",
            "config:\n  aws:region: us-east-1\n  iam-users:namePrefix: dev-\n  iam-users:users:\n" +
                "    emily:\n      groups: [a, b, c, d]\n",
        );
        const { source, problems } = readStackFile(file);
        assert.deepStrictEqual(problems, []);
        assert.ok(source);
        assert.strictEqual(source.file, "Pulumi.dev.yaml");
        assert.strictEqual(source.stack, "dev");
        assert.strictEqual(source.projectDir, dir);
        assert.deepStrictEqual(Object.keys(source.config), ["aws:region", "iam-users:namePrefix", "iam-users:users"]);
        assert.strictEqual(source.config["aws:region"], "us-east-1");
        assert.deepStrictEqual(JSON.parse(JSON.stringify(source.values)), {
            namePrefix: "dev-",
            users: { emily: { groups: ["a", "b", "c", "d"] } },
        });
        assert.deepStrictEqual(
            [...source.positions],
            [
                ["aws:region", { line: 2, column: 3 }],
                ["iam-users:namePrefix", { line: 3, column: 3 }],
                ["iam-users:users", { line: 4, column: 3 }],
                ["iam-users:users.emily", { line: 5, column: 5 }],
                ["iam-users:users.emily.groups", { line: 6, column: 7 }],
                ["iam-users:users.emily.groups[0]", { line: 6, column: 16 }],
                ["iam-users:users.emily.groups[1]", { line: 6, column: 19 }],
                ["iam-users:users.emily.groups[2]", { line: 6, column: 22 }],
                ["iam-users:users.emily.groups[3]", { line: 6, column: 25 }],
            ],
        );
        assert.ok(source.positions.has(configKey("users", "emily", "groups", 3)));
    });

    it("delivers keys named like Object's own as ordinary keys of null-prototype maps, at every level", () => {
        const map = (indent: string, leaf: (word: string) => string) =>
            OBJECT_WORDS.map((w) => `${indent}${w}: ${leaf(w)}`).join("\n");
        const file = write(
            "Pulumi.words.yaml",
            `config:\n  iam-users:users:\n${OBJECT_WORDS.map((w) => `    ${w}:\n      tags:\n${map("        ", (t) => `${w}-${t}`)}`).join("\n")}\n`,
        );
        const { source, problems } = readStackFile(file);
        assert.deepStrictEqual(problems, []);
        assert.ok(source);
        const maps = [source.config, source.values, source.values.users as Record<string, unknown>];
        const users = source.values.users as Record<string, { tags: Record<string, string> }>;
        for (const m of [...maps, ...OBJECT_WORDS.map((w) => users[w]), ...OBJECT_WORDS.map((w) => users[w].tags)]) {
            assert.strictEqual(Object.getPrototypeOf(m), null);
        }
        assert.deepStrictEqual(Object.keys(users), OBJECT_WORDS);
        for (const user of OBJECT_WORDS) {
            assert.ok(Object.hasOwn(users, user), user);
            assert.deepStrictEqual(
                Object.entries(users[user].tags),
                OBJECT_WORDS.map((t) => [t, `${user}-${t}`]),
            );
        }
    });

    const names: [string, string, { stack?: string } | undefined, string, string][] = [
        ["Pulumi.<stack>.yaml", "Pulumi.prod.yaml", undefined, "prod", "Pulumi.prod.yaml"],
        ["Pulumi.<stack>.yml", "Pulumi.qa.yml", undefined, "qa", "Pulumi.qa.yml"],
        ["any other name: its base name", "stacks/team-a.yaml", undefined, "team-a", "stacks/team-a.yaml"],
        ["a name without extension", "stacks/shared", undefined, "shared", "stacks/shared"],
        ["the stack given, whatever the name", "Pulumi.prod.yaml", { stack: "staging" }, "staging", "Pulumi.prod.yaml"],
    ];
    for (const [name, file, options, stack, shown] of names) {
        it(`names the stack from ${name}`, () => {
            const { source } = readStackFile(write(file, "config:\n  iam-users:namePrefix: x\n"), options);
            assert.deepStrictEqual([source?.stack, source?.file], [stack, shown]);
        });
    }

    it("accepts a UTF-8 byte-order mark and CRLF line endings, positions unchanged", () => {
        const file = write("Pulumi.crlf.yaml", "\ufeffconfig:\r\n  iam-users:namePrefix: dev-\r\n");
        const { source, problems } = readStackFile(file);
        assert.deepStrictEqual(problems, []);
        assert.strictEqual(source?.values.namePrefix, "dev-");
        assert.deepStrictEqual(source?.positions.get("iam-users:namePrefix"), { line: 2, column: 3 });
    });

    it("still returns the source when keys have problems, so validation reports everything in one run", () => {
        const file = write("Pulumi.mixed.yaml", "config:\n  iam-users:namePrefix: !Ref Prefix\n  other:users: {}\n");
        const { source, problems } = readStackFile(file);
        assert.strictEqual(source?.values.namePrefix, "Prefix");
        assert.deepStrictEqual(
            problems.map((p) => [p.keyPath, p.line, p.column, p.severity]),
            [
                ["iam-users:namePrefix", 2, 3, undefined],
                ["other:users", 3, 3, "warning"],
            ],
        );
    });
});

describe("read: decoding", () => {
    const text = "config:\n  iam-users:namePrefix: x\n";
    const cases: [string, Uint8Array, ReturnType<typeof decodeStackText>][] = [
        ["UTF-8", Buffer.from(text), { text }],
        ["UTF-8 with a BOM, which is dropped", Buffer.from(`\ufeff${text}`), { text }],
        ["non-ASCII UTF-8", Buffer.from("é東"), { text: "é東" }],
        ["an empty file", Buffer.alloc(0), { text: "" }],
        [
            "UTF-16 LE",
            utf16(text, false),
            { message: "is UTF-16 LE text (as PowerShell's > writes it), not UTF-8; save it as UTF-8" },
        ],
        [
            "UTF-16 BE without a BOM",
            utf16(text, true, false),
            { message: "is UTF-16 BE text, not UTF-8; save it as UTF-8" },
        ],
        ["UTF-32 LE", utf32(text, false), { message: "is UTF-32 LE text, not UTF-8; save it as UTF-8" }],
        ["UTF-32 BE", utf32(text, true), { message: "is UTF-32 BE text, not UTF-8; save it as UTF-8" }],
        [
            "latin-1 on line 2",
            Buffer.from("config:\n  iam-users:namePrefix: caf\xe9\n", "latin1"),
            {
                message:
                    "is not UTF-8: it holds bytes UTF-8 does not allow, as latin-1 (ISO-8859-1) or another 8-bit encoding writes them; save it as UTF-8",
                line: 2,
            },
        ],
        [
            "a NUL on line 3",
            Buffer.from("a\nb\nc\0"),
            { message: "holds a NUL character, which no text file does; is it binary?", line: 3 },
        ],
    ];
    for (const [name, bytes, expected] of cases) {
        it(name, () => assert.deepStrictEqual(decodeStackText(bytes), expected));
    }
});

describe("read: YAML to data", () => {
    const nested = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;
    it(`allows ${MAX_DEPTH} levels of nesting`, () => {
        assert.deepStrictEqual(readYaml(nested(MAX_DEPTH)).problems, []);
    });
    it(`refuses ${MAX_DEPTH + 1}, where the parser would still build it`, () => {
        assert.deepStrictEqual(readYaml(`a:\n  - ${nested(MAX_DEPTH)}`).problems, [
            { message: `nesting deeper than ${MAX_DEPTH} levels`, position: { line: 2, column: 68 } },
        ]);
    });
    it("counts brackets in quotes, comments and plain text as text", () => {
        const text = `a: "${"[".repeat(100)}"\nb: '${"{".repeat(100)}'\n# ${"[".repeat(100)}\nc: x${"[".repeat(100)}\n`;
        assert.deepStrictEqual(readYaml(text).problems, []);
    });
    it("shares no structure between uses of an anchor", () => {
        const { value } = readYaml("a: &x {k: [1]}\nb: *x\n") as { value: Record<string, { k: number[] }> };
        assert.notStrictEqual(value.a, value.b);
        assert.deepStrictEqual(JSON.parse(JSON.stringify(value)), { a: { k: [1] }, b: { k: [1] } });
    });
});

describe("read: positions on problems", () => {
    const positions = new Map([
        ["iam-users:users", { line: 2, column: 3 }],
        ["iam-users:users.emily", { line: 3, column: 5 }],
        ["iam-users:users.emily.groups[0]", { line: 4, column: 16 }],
    ]);
    const cases: [string, string, { line: number; column: number } | undefined][] = [
        ["a key that was written", "iam-users:users.emily.groups[0]", { line: 4, column: 16 }],
        ["a missing key: its map", "iam-users:users.emily.console.passwordLength", { line: 3, column: 5 }],
        [
            "a list item past the end: the nearest written key",
            "iam-users:users.emily.groups[7]",
            { line: 3, column: 5 },
        ],
        ["a key nothing above was written for", "iam-users:groups.admins", undefined],
        ["a file-level problem", "(file)", undefined],
    ];
    for (const [name, keyPath, expected] of cases) {
        it(name, () => assert.deepStrictEqual(positionOf(positions, keyPath), expected));
    }

    it("are given to the stack file's problems only, and kept where a problem has its own", () => {
        const problems: Problem[] = [
            { file: "Pulumi.dev.yaml", keyPath: "iam-users:users.emily", message: "m" },
            { file: "Pulumi.dev.yaml", keyPath: "iam-users:users.emily", message: "m", line: 9, column: 9 },
            { file: "policies/x.json", keyPath: "iam-users:users.emily", message: "m" },
        ];
        assert.deepStrictEqual(withPositions(problems, "Pulumi.dev.yaml", positions).map(formatProblem), [
            "Pulumi.dev.yaml:3:5: iam-users:users.emily: m",
            "Pulumi.dev.yaml:9:9: iam-users:users.emily: m",
            "policies/x.json: iam-users:users.emily: m",
        ]);
    });

    it("counts errors in words in StackConfigError", () => {
        const p = (severity?: "warning"): Problem => ({
            file: "F",
            keyPath: "k",
            message: "m",
            ...(severity ? { severity } : {}),
        });
        assert.ok(new StackConfigError([p(), p("warning")]).message.startsWith("the stack configuration has 1 error;"));
        assert.ok(new StackConfigError([p(), p()]).message.startsWith("the stack configuration has 2 errors;"));
    });
});
