/**
 * How long `check` takes on the stack reader's worst cases: each hostile file of
 * tests/support/hostile-stacks.ts, and the largest file the reader accepts. Prints milliseconds
 * per case; every one must stay well under the 3 s that issue 9 sets for an input under 1 MiB.
 * Run with `npx ts-node --transpile-only bench/reader.ts`.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../cli/check";
import { captureIo } from "../tests/support/cli";
import { aliasBomb, brackets, dashes, manyTags } from "../tests/support/hostile-stacks";

/** Just under 1 MiB of ordinary users, one line each. */
function bigStack(): string {
    const lines = ["config:", "  iam-users:users:"];
    for (let i = 0; lines.join("\n").length < 1_000_000 - 200; i += 100) {
        for (let j = i; j < i + 100; j++) {
            lines.push(`    user${j}: {tags: {team: t${j % 7}}}`);
        }
    }
    return lines.slice(0, -100).join("\n") + "\n";
}

const CASES: [string, () => string][] = [
    ["100,000 nested brackets", () => brackets(100_000)],
    ["500,000 nested brackets (1 MiB)", () => brackets(500_000)],
    ["100,000 nested dashes", () => dashes(100_000)],
    ["alias bomb (10^10 values)", aliasBomb],
    ["40,000 tag keys", () => manyTags(40_000)],
    ["just under 1 MiB of users", bigStack],
];

async function run(): Promise<void> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iam-users-bench-reader-"));
    try {
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: iam-users\n");
        for (const [name, make] of CASES) {
            const file = path.join(dir, "Pulumi.bench.yaml");
            fs.writeFileSync(file, make());
            const size = fs.statSync(file).size;
            const start = process.hrtime.bigint();
            const code = await main(["--config", file], captureIo(dir));
            const ms = Number(process.hrtime.bigint() - start) / 1e6;
            console.log(
                `${name.padEnd(34)} ${String(size).padStart(8)} bytes  exit ${code}  ${ms.toFixed(0).padStart(5)} ms`,
            );
        }
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

void run();
