/** The README's example outputs, each the output of a real run of its command (`npm run readme:examples`). */
import * as assert from "assert";
import * as fs from "fs";
import { README } from "../scripts/package-docs";
import { examples, runExample, withExamples } from "../scripts/readme-examples";

describe("README example outputs", function () {
    // The first run reads the IAM catalogs; --explain reads every service of the action catalog.
    this.timeout(120_000);
    const readme = fs.readFileSync(README, "utf8");

    it("mark every check example, each above its block", () => {
        assert.deepStrictEqual(
            examples(readme).map((e) => e.command),
            [
                "check --config tests/fixtures/readme/invalid/Pulumi.dev.yaml",
                "check --config tests/fixtures/readme/names/Pulumi.dev.yaml",
                "check --config tests/fixtures/readme/lint/Pulumi.dev.yaml",
                "check --config tests/fixtures/readme/expectations/Pulumi.dev.yaml",
                "check --config Pulumi.prod.yaml --explain emily",
            ],
        );
    });

    for (const example of examples(readme)) {
        it(`"${example.command}" shows what a real run prints`, async () => {
            assert.strictEqual(example.output, await runExample(example.command));
        });
    }

    it("regenerates a stale block in place and leaves the rest of the README alone", async () => {
        const [first] = examples(readme);
        const stale = readme.slice(0, first.start) + "iam 3 of 190\n" + readme.slice(first.end);
        assert.strictEqual(await withExamples(stale), readme);
    });

    it("refuses a command of a tool it does not know", async () => {
        await assert.rejects(runExample("deploy dev"), {
            message: 'README example "deploy dev": no tool "deploy" (known: check)',
        });
    });
});
