/**
 * What the secret scan adds to `check`: loading secretlint's core and recommended rules in a fresh
 * process, the first scan, a scan of `Pulumi.dev.yaml` and its policy files afterwards, and a 1 MB
 * stack file of tags. Run with `npm run bench:secret-scan`.
 */
import * as path from "path";
import { loadStack } from "../stacks/config";
import { scanSecrets, stackScanFiles } from "../stacks/config/secret-scan";

const RUNS = 20;

async function time<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
    const started = performance.now();
    const result = await run();
    return { ms: performance.now() - started, result };
}

async function bench(): Promise<void> {
    const load = await time(() =>
        Promise.all([import("@secretlint/core"), import("@secretlint/secretlint-rule-preset-recommend")]),
    );
    const { draft } = loadStack(path.join(__dirname, "..", "Pulumi.dev.yaml"));
    const files = stackScanFiles(draft!);
    const first = await time(() => scanSecrets(files));
    const again = await time(async () => {
        for (let i = 0; i < RUNS; i++) await scanSecrets(files);
    });
    const tags = Array.from({ length: 20_000 }, (_, i) => `        tag${i}: value ${i} of a long tag`);
    const big = ["config:", "  iam-users:users:", "    emily:", "      tags:", ...tags, ""].join("\n");
    const large = await time(() => scanSecrets([{ file: "Pulumi.big.yaml", text: big, kind: "stack" }]));

    const ms = (n: number) => `${n.toFixed(1)} ms`;
    console.log(`load @secretlint/core + preset-recommend (fresh process): ${ms(load.ms)}`);
    console.log(`first scan, Pulumi.dev.yaml + ${files.length - 1} policy files: ${ms(first.ms)}`);
    console.log(`each later scan of the same files: ${ms(again.ms / RUNS)} (mean of ${RUNS})`);
    console.log(
        `a ${(big.length / 1e6).toFixed(2)} MB stack file of ${tags.length} tags: ${ms(large.ms)} (${large.result.length} findings)`,
    );
}

bench().catch((e) => {
    console.error(e);
    process.exitCode = 1;
});
