/**
 * Action names and wildcard patterns: the one action-syntax rule and the linear matcher
 * (rules/actions.ts), and pattern expansion over the catalog (least-privilege/action-pattern.ts).
 */
import * as assert from "assert";
import { ACTION, wildcardMatcher } from "../rules/actions";
import { actionId, hasWildcard, matchingActions } from "../least-privilege/action-pattern";

describe("rules/actions: the action-syntax rule", () => {
    const rows: [string, boolean][] = [
        ["s3:GetObject", true],
        ["S3:GetObject", true],
        ["s3:Get*", true],
        ["s3:?etObject", true],
        // The service prefix is written out, as before the rule was shared.
        ["*:Get*", false],
        ["elastic-inference:Connect", true],
        ["*", false],
        ["s3GetObject", false],
        ["s3:Get Object", false],
        ["s3:", false],
        [":GetObject", false],
        ["s3:Get:Object", false],
        ["s3:GetObj\u0435ct", false],
    ];
    for (const [action, ok] of rows) {
        it(`${JSON.stringify(action)} ${ok ? "is" : "is not"} an action`, () => {
            assert.strictEqual(ACTION.test(action), ok);
        });
    }
});

describe("rules/actions: wildcard matching", () => {
    const rows: [string, string, boolean][] = [
        ["s3:GetObject", "s3:GetObject", true],
        ["s3:getobject", "S3:GetObject", true],
        ["s3:GetObject", "s3:GetObjectAcl", false],
        ["s3:Get*", "s3:GetObject", true],
        ["s3:Get*", "s3:Get", true],
        ["s3:Get*", "s3:PutObject", false],
        ["s3:*Object", "s3:GetObject", true],
        ["s3:*Object", "s3:GetObjectAcl", false],
        ["s3:?etObject", "s3:GetObject", true],
        ["s3:?etObject", "s3:etObject", false],
        ["*", "", true],
        ["?", "", false],
        ["**", "x", true],
        ["*:*", "iam:PassRole", true],
        ["iam:*Role", "iam:PassRole", true],
        ["a*b*c", "aXbYbZc", true],
        ["a*b*c", "aXbYbZ", false],
        ["*?*?", "a", false],
        ["*?*?", "ab", true],
        ["s3:Get*Acl*", "s3:GetObjectAclVersion", true],
        // The literal characters of a regular expression are only letters here.
        ["s3:Get.bject", "s3:GetObject", false],
        ["s3:(Get)", "s3:(Get)", true],
    ];
    for (const [pattern, text, matches] of rows) {
        it(`${JSON.stringify(pattern)} ${matches ? "matches" : "does not match"} ${JSON.stringify(text)}`, () => {
            assert.strictEqual(wildcardMatcher(pattern)(text), matches);
        });
    }

    it("takes linear time where a regular expression backtracks: ten wildcards over every s3 action", () => {
        // As a regular expression this pattern took 158 s against the s3 catalog.
        const pattern = "s3:*?*?*?*?*?*?*?*?*?*?Z";
        const started = Date.now();
        assert.deepStrictEqual(matchingActions(pattern), []);
        assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
    });

    it("takes at most pattern x text steps on a long hostile input", () => {
        const matches = wildcardMatcher(`${"*a".repeat(1000)}b`);
        const started = Date.now();
        assert.strictEqual(matches("a".repeat(10_000)), false);
        assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
    });
});

describe("least-privilege/action-pattern: patterns over the catalog", () => {
    it("expands a pattern within its service, ignoring case", () => {
        assert.deepStrictEqual(matchingActions("STS:AssumeRole*").map(actionId).sort(), [
            "sts:AssumeRole",
            "sts:AssumeRoleWithSAML",
            "sts:AssumeRoleWithWebIdentity",
        ]);
    });

    it("reads every service for a wildcard service part", () => {
        const all = matchingActions("*:PassRole").map(actionId);
        assert.ok(all.includes("iam:PassRole"), "iam:PassRole");
        assert.ok(
            all.every((a) => a.endsWith(":PassRole")),
            all.join(", "),
        );
    });

    it("finds nothing in an unknown service", () => {
        assert.deepStrictEqual(matchingActions("fake:Get*"), []);
    });

    it("says whether a pattern has a wildcard", () => {
        assert.deepStrictEqual(["s3:Get*", "s3:?et", "s3:Get"].map(hasWildcard), [true, true, false]);
    });
});
