/**
 * `check --format sarif|json`: the SARIF log validates against the SARIF 2.1.0 schema (vendored in
 * tests/fixtures, checked offline with ajv), names the controls, and places each result on the
 * line of the key that causes it; the JSON report is exact.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { main } from "../cli/check";
import { runCli, tempDir } from "./support/cli";
import { sarifValidator } from "./support/sarif";

/** Runs check in `cwd`; the report is the whole standard output. */
async function check(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const { code, stdout, stderr } = await runCli(main, argv, cwd);
    return { code, out: stdout, err: stderr };
}

const STACK = [
    "config:",
    "  iam-users:passwordPolicy:",
    "    minimumLength: 8",
    "    requireSymbols: true",
    "    requireNumbers: true",
    "    requireUppercase: true",
    "    requireLowercase: true",
    "    maxAgeDays: 90",
    "    reusePrevention: 24",
    "  iam-users:groups:",
    "    Plain:",
    "      managedPolicies: [ReadOnlyAccess]",
    "  iam-users:users:",
    "    alice:",
    "      groups: [Plain]",
    "      managedPolicies: [AmazonS3ReadOnlyAccess]",
    "      console: {}",
    "    bob:",
    "      policyFiles: [policies/wide.json]",
    "      managedPolicies:",
    "        - ReadOnlyAccess",
    "      accessKeys:",
    "        old: {}",
    "        new: {}",
    "",
].join("\n");

const POLICY = JSON.stringify(
    {
        Version: "2012-10-17",
        Statement: [
            { Sid: "Queues", Effect: "Allow", Action: "sqs:*", Resource: "arn:aws:sqs:us-east-1:123456789012:q" },
        ],
    },
    null,
    2,
);

/** The 1-based line of the first line matching `re` at or after line `from`. */
const lineOf = (text: string, re: RegExp, from = 1): number =>
    text.split("\n").findIndex((l, i) => i + 1 >= from && re.test(l)) + 1;

describe("check --format sarif", () => {
    let dir: string;
    let config: string;
    before(() => {
        dir = tempDir("sarif");
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: fake-project\n");
        fs.mkdirSync(path.join(dir, "policies"));
        fs.writeFileSync(path.join(dir, "policies", "wide.json"), POLICY);
        config = path.join(dir, "Pulumi.known.yaml");
        fs.writeFileSync(config, STACK);
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("is valid SARIF 2.1.0 naming IAM.2, IAM.5, IAM.15 and CIS 1.13, each IAM.2 on its managedPolicies line", async () => {
        const { code, out } = await check(dir, "--config", config, "--format", "sarif");
        assert.strictEqual(code, 0);
        const log = JSON.parse(out);
        sarifValidator()(log);
        assert.strictEqual(log.version, "2.1.0");
        const results: any[] = log.runs[0].results;
        const where = (r: any) => ({
            ruleId: r.ruleId,
            level: r.level,
            uri: r.locations[0].physicalLocation.artifactLocation.uri,
            line: r.locations[0].physicalLocation.region?.startLine,
            column: r.locations[0].physicalLocation.region?.startColumn,
            keyPath: r.locations[0].logicalLocations[0].fullyQualifiedName,
        });
        const alice = lineOf(STACK, /^ {4}alice:/);
        const bob = lineOf(STACK, /^ {4}bob:/);
        assert.deepStrictEqual(results.map(where), [
            {
                ruleId: "IAM.15",
                level: "warning",
                uri: "Pulumi.known.yaml",
                line: 3,
                column: 5,
                keyPath: "iam-users:passwordPolicy.minimumLength",
            },
            {
                ruleId: "IAM.2",
                level: "warning",
                uri: "Pulumi.known.yaml",
                line: lineOf(STACK, /managedPolicies/, alice),
                column: 7,
                keyPath: "iam-users:users.alice.managedPolicies",
            },
            {
                ruleId: "IAM.5",
                level: "warning",
                uri: "Pulumi.known.yaml",
                line: lineOf(STACK, /console/, alice),
                column: 7,
                keyPath: "iam-users:users.alice.console",
            },
            {
                ruleId: "IAM.2",
                level: "warning",
                uri: "Pulumi.known.yaml",
                line: lineOf(STACK, /managedPolicies/, bob),
                column: 7,
                keyPath: "iam-users:users.bob.managedPolicies",
            },
            {
                ruleId: "IAM.2",
                level: "warning",
                uri: "Pulumi.known.yaml",
                line: lineOf(STACK, /policyFiles/, bob),
                column: 7,
                keyPath: "iam-users:users.bob.policyFiles",
            },
            {
                ruleId: "CIS 1.13",
                level: "warning",
                uri: "Pulumi.known.yaml",
                line: lineOf(STACK, /accessKeys/, bob),
                column: 7,
                keyPath: "iam-users:users.bob.accessKeys",
            },
            {
                ruleId: "IAM.21",
                level: "warning",
                uri: "policies/wide.json",
                line: 4,
                column: 5,
                keyPath: 'Statement[0] (Sid "Queues")',
            },
        ]);
        const rules: any[] = log.runs[0].tool.driver.rules;
        for (const r of results) {
            assert.strictEqual(rules[r.ruleIndex].id, r.ruleId);
        }
        assert.deepStrictEqual(rules.find((r) => r.id === "IAM.2").properties, { controls: ["IAM.2", "CIS 1.15"] });
        assert.deepStrictEqual(rules.find((r) => r.id === "CIS 1.13").properties, { controls: ["CIS 1.13"] });
    });

    it("fails under --strict, and is still SARIF", async () => {
        const { code, out } = await check(dir, "--config", config, "--format", "sarif", "--strict");
        assert.strictEqual(code, 1);
        sarifValidator()(JSON.parse(out));
    });

    it("reports config errors as level error under the config rule, without a region when none is known", async () => {
        const bad = path.join(dir, "Pulumi.bad.yaml");
        fs.writeFileSync(bad, "config:\n  iam-users:users:\n    u: {groups: [Nope]}\n");
        const { code, out } = await check(dir, "--config", bad, "--format", "sarif");
        assert.strictEqual(code, 1);
        const log = JSON.parse(out);
        sarifValidator()(log);
        assert.deepStrictEqual(
            log.runs[0].results.map((r: any) => [r.ruleId, r.level, r.locations[0].physicalLocation.region]),
            [["config", "error", { startLine: 3, startColumn: 18 }]],
        );
    });

    it("--format json is the documented report", async () => {
        const small = path.join(dir, "Pulumi.small.yaml");
        fs.writeFileSync(
            small,
            "config:\n  iam-users:users:\n    ci:\n      managedPolicies: [ReadOnlyAccess]\n      waive: {IAM.2: reviewed}\n",
        );
        const { code, out } = await check(dir, "--config", small, "--format", "json");
        assert.strictEqual(code, 0);
        assert.deepStrictEqual(JSON.parse(out), {
            format: "iam-users-check/1",
            tool: "iam-users check",
            version: "0.1.0",
            stack: "small",
            failed: false,
            summary: { errors: 0, warnings: 0, notes: 1 },
            problems: [
                {
                    file: "Pulumi.small.yaml",
                    keyPath: "iam-users:users.ci.managedPolicies",
                    line: 4,
                    column: 7,
                    severity: "note",
                    rule: "IAM.2",
                    controls: ["IAM.2", "CIS 1.15"],
                    message:
                        'waived by iam-users:users.ci.waive.IAM.2 ("reviewed"): IAM.2 / CIS 1.15: ci has policies attached directly (managedPolicies); permissions should come only from groups',
                },
            ],
        });
    });

    it("exits 2 on an unknown format", async () => {
        const { code, out, err } = await check(dir, "--config", config, "--format", "xml");
        assert.deepStrictEqual({ code, out }, { code: 2, out: "" });
        assert.strictEqual(err.split("\n")[0], '--format must be table, json, sarif, not "xml"');
    });
});
