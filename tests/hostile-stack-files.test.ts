/**
 * The hostile corpus of stack files, run through `check` in process: every file that is not a
 * UTF-8 YAML map with one `config:` map, or that is built to crash, hang or mislead the reader,
 * ends in exact problem lines and exit 1; the awkward but good ones (a BOM, CRLF, anchors,
 * Unicode) pass with exit 0. The worst cases finish by completing; bench/reader.ts times them.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { main } from "../cli/check";
import { plural } from "../stacks/config";
import { runCli, tempDir } from "./support/cli";
import { aliasBomb, brackets, dashes, GOOD, manyTags, ONE_USER, utf16, utf32 } from "./support/hostile-stacks";

/** Runs `check --config file`, and returns its exit code and printed lines (a hint is a line of its own). */
async function check(file: string): Promise<{ code: number; lines: string[] }> {
    const { code, stdout, stderr } = await runCli(main, ["--config", file], path.dirname(file));
    return { code, lines: (stdout + stderr).split("\n").slice(0, -1) };
}

const TAG = (tag: string) =>
    `unknown YAML tag "${tag}": stack config holds plain values, and nothing evaluates tags (such as CloudFormation's !Ref, !Sub, !GetAtt)`;
const SHAPE = 'a stack config file is a map with a "config:" map in it';
const FAILED = (errors: number, warnings = 0) => `FAILED: ${plural(errors, "error")}, ${plural(warnings, "warning")}`;

/** File name (as `Pulumi.<name>.yaml`), content, and every line `check` prints. */
const BAD: [string, string | Buffer, string[]][] = [
    // Encodings
    [
        "utf16le",
        utf16(GOOD, false),
        ["(file): is UTF-16 LE text (as PowerShell's > writes it), not UTF-8; save it as UTF-8"],
    ],
    ["utf16be", utf16(GOOD, true), ["(file): is UTF-16 BE text, not UTF-8; save it as UTF-8"]],
    [
        "utf16le-no-bom",
        utf16(GOOD, false, false),
        ["(file): is UTF-16 LE text (as PowerShell's > writes it), not UTF-8; save it as UTF-8"],
    ],
    ["utf16be-no-bom", utf16(GOOD, true, false), ["(file): is UTF-16 BE text, not UTF-8; save it as UTF-8"]],
    ["utf32le", utf32(GOOD, false), ["(file): is UTF-32 LE text, not UTF-8; save it as UTF-8"]],
    ["utf32be", utf32(GOOD, true), ["(file): is UTF-32 BE text, not UTF-8; save it as UTF-8"]],
    [
        "latin1",
        Buffer.from(`${GOOD}  aws:region: us-east-1\n  iam-users:namePrefix: caf\xe9-\n`, "latin1"),
        [
            ":5:1: (file): is not UTF-8: it holds bytes UTF-8 does not allow, as latin-1 (ISO-8859-1) or another 8-bit encoding writes them; save it as UTF-8",
        ],
    ],
    [
        "nul",
        `${GOOD}  aws:region: "us\0east"\n`,
        [":4:1: (file): holds a NUL character, which no text file does; is it binary?"],
    ],
    // Top-level shape
    ["capital-config", `Config:\n${ONE_USER}`, [':1:1: Config: the top level has "Config", did you mean "config"?']],
    [
        "no-wrapper",
        ONE_USER.replace(/^ {2}/gm, ""),
        [
            ':1:1: iam-users:users: config keys such as "iam-users:users" are at the top level; indent them under "config:"',
        ],
    ],
    ["list", `- config:\n${ONE_USER}`, [`(file): the top level is a list; ${SHAPE}`]],
    ["scalar", "iam-users:users\n", [`(file): the top level is the string "iam-users:users"; ${SHAPE}`]],
    ["empty", "", [`(file): is empty; ${SHAPE}`]],
    ["only-comments", "# config:\n#   iam-users:users: {}\n", [`(file): is empty; ${SHAPE}`]],
    [
        "no-config",
        "encryptionsalt: v1:FAKE\n",
        [`(file): has no "config:" map (the top level has "encryptionsalt"); ${SHAPE}`],
    ],
    ["config-list", "config: [iam-users:users]\n", [":1:1: config: must be a map of config keys, not a list"]],
    [
        "two-documents",
        `${GOOD}---\n${GOOD}`,
        [":4:1: (file): holds 2 YAML documents; a stack config file holds one (the second starts here)"],
    ],
    // Tags
    ["ref", `${GOOD}  aws:region: !Ref Region\n`, [`:4:3: aws:region: ${TAG("!Ref")}`]],
    [
        "get-att",
        "config:\n  iam-users:groups:\n    readers: {}\n  iam-users:users:\n    emily:\n      groups:\n        - !GetAtt readers\n",
        [`:7:19: iam-users:users.emily.groups[0]: ${TAG("!GetAtt")}`],
    ],
    [
        "sub",
        'config:\n  iam-users:users:\n    emily:\n      tags: {team: !Sub "payments"}\n',
        [`:4:14: iam-users:users.emily.tags.team: ${TAG("!Sub")}`],
    ],
    ["custom-tag", "config:\n  iam-users:users: !vault\n    emily: {}\n", [`:2:3: iam-users:users: ${TAG("!vault")}`]],
    [
        "binary-tag",
        `${GOOD}  iam-users:namePrefix: !!binary ZGV2LQ==\n`,
        [`:4:3: iam-users:namePrefix: ${TAG("!!binary")}`],
    ],
    // Keys
    [
        "duplicate",
        `${GOOD}  iam-users:users:\n    bob: {}\n`,
        [":4:3: iam-users:users: is given twice, on lines 2 and 4; give it once"],
    ],
    [
        "duplicate-on-one-line",
        "config:\n  iam-users:users:\n    emily:\n      tags: {team: a, team: b}\n",
        [":4:23: iam-users:users.emily.tags.team: is given twice on line 4; give it once"],
    ],
    [
        "complex-key",
        "config:\n  iam-users:users:\n    ? [emily]\n    : {}\n",
        [":3:7: iam-users:users: a key must be a plain value, not a list"],
    ],
    // Aliases, nesting, size
    [
        "dangling-alias",
        `${GOOD}  iam-users:namePrefix: *prefix\n`,
        [":4:3: iam-users:namePrefix: alias *prefix names no anchor (&prefix) before it"],
    ],
    [
        "recursive-alias",
        "config:\n  iam-users:users: &u\n    emily: *u\n",
        [":3:5: iam-users:users.emily: alias *u is inside its own anchor, so it never ends"],
    ],
    [
        "alias-bomb",
        aliasBomb(),
        [
            ":4:46: iam-users:allowUnknown.actions[5][7][0][7][1][2][4]: aliases expand to more than 1,000,000 values (an alias bomb?); write the values out",
        ],
    ],
    ["100000-brackets", brackets(100_000), [":2:84: (file): nesting deeper than 64 levels"]],
    ["100000-dashes", dashes(100_000), [":4:143: (file): nesting deeper than 64 levels"]],
    [
        "40000-tags",
        manyTags(40_000),
        [":4:7: iam-users:users.emily.tags: 40000 tags and 0 access key descriptions; IAM allows 50 tags per user"],
    ],
    [
        "syntax",
        "config:\n  iam-users:users:\n    emily: {\n",
        [":4:1: (file): not valid YAML: Flow map in block collection must be sufficiently indented and end with a }"],
    ],
];

/** Files that look odd and are fine. */
const GOOD_FILES: [string, string | Buffer, string][] = [
    ["bom-crlf", Buffer.from(`\ufeff${GOOD}  aws:region: us-east-1\n`.replace(/\n/g, "\r\n")), "OK: 1 user, 0 groups"],
    ["bom", `\ufeff${GOOD}`, "OK: 1 user, 0 groups"],
    [
        "anchors",
        "config:\n  iam-users:groups:\n    readers: {managedPolicies: [ReadOnlyAccess]}\n  iam-users:users:\n" +
            "    emily: &person\n      groups: [readers]\n      tags: {team: payments}\n    bob: *person\n",
        "OK: 2 users, 1 group",
    ],
    [
        "unicode-tags",
        'config:\n  iam-users:users:\n    emily:\n      tags: {name: "Émilie Ø", city: "東京"}\n',
        "OK: 1 user, 0 groups",
    ],
    [
        "object-words-as-tag-keys",
        "config:\n  iam-users:users:\n    emily:\n      tags: {__proto__: a, constructor: b, prototype: c, toString: d, hasOwnProperty: e}\n",
        "OK: 1 user, 0 groups",
    ],
    ["empty-aws-entry", `config:\n  aws:region:\n${ONE_USER}`, "OK: 1 user, 0 groups"],
];

describe("hostile stack files: check ends in a message, never a crash or a hang", () => {
    let dir: string;
    before(() => {
        dir = tempDir("hostile");
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: fake-project\n");
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    for (const [name, content, lines] of BAD) {
        it(`refuses ${name}, and exits 1`, async () => {
            const file = path.join(dir, `Pulumi.${name}.yaml`);
            fs.writeFileSync(file, content);
            const prefix = `Pulumi.${name}.yaml`;
            const expected = lines.map((l) => (l.startsWith(":") ? `${prefix}${l}` : `${prefix}: ${l}`));
            assert.deepStrictEqual(await check(file), { code: 1, lines: [...expected, FAILED(lines.length)] });
        });
    }

    it("warns about a namespace nothing reads, with the key it was likely meant to be", async () => {
        const file = path.join(dir, "Pulumi.namespace.yaml");
        fs.writeFileSync(file, `${GOOD}  iam-people:users:\n    bob: {}\n`);
        assert.deepStrictEqual(await check(file), {
            code: 0,
            lines: [
                'Pulumi.namespace.yaml:4:3: iam-people:users: warning: unknown namespace "iam-people": this project reads iam-users:, aws:, pulumi: keys (did you mean "iam-users:users"?)',
                "OK: 1 user, 0 groups, 0 errors, 1 warning",
            ],
        });
    });

    // What the path is, rather than what the file holds.
    const paths: [string, (at: string) => void, string][] = [
        ["a missing file", () => undefined, "no such file"],
        ["a directory", (at) => fs.mkdirSync(at), "is a directory, not a file"],
        ["a device", (at) => fs.symlinkSync("/dev/zero", at), "is a device, not a regular file"],
        [
            "a file over 1 MiB",
            (at) => fs.writeFileSync(at, `${GOOD}#${"x".repeat(1024 * 1024)}\n`),
            "is larger than 1 MiB (1,048,576 bytes), the most a stack config file may hold",
        ],
    ];
    for (const [name, make, message] of paths) {
        it(`refuses ${name}, and exits 1`, async () => {
            const file = path.join(dir, `Pulumi.path-${paths.findIndex((p) => p[0] === name)}.yaml`);
            make(file);
            assert.deepStrictEqual(await check(file), {
                code: 1,
                lines: [`${path.basename(file)}: (file): ${message}`, FAILED(1)],
            });
        });
    }

    for (const [name, content, verdict] of GOOD_FILES) {
        it(`passes ${name}, and exits 0`, async () => {
            const file = path.join(dir, `Pulumi.${name}.yaml`);
            fs.writeFileSync(file, content);
            assert.deepStrictEqual(await check(file), { code: 0, lines: [`${verdict}, 0 errors, 0 warnings`] });
        });
    }
});
