/**
 * `npm run readme:examples`: replaces every example output in the README with what the command
 * prints today, so an example cannot show output the tool no longer gives.
 * tests/readme-examples.test.ts fails when the README differs from a real run.
 *
 * An example is an HTML comment naming the command, right above a fenced block:
 *
 *     <!-- example: check --config tests/fixtures/readme/names/Pulumi.dev.yaml -->
 *     ```
 *     ...what `npm run check -- --config ...` prints...
 *     ```
 */
import * as path from "path";
import { main as check } from "../cli/check";
import type { Io } from "../cli/harness";
import { rewriteReadme } from "./package-docs";
import { ROOT } from "./package-schema";

/** One marked example: its command and where its fenced block's body sits in the README. */
export interface Example {
    /** The command after `example:`, e.g. `check --config tests/fixtures/readme/lint/Pulumi.dev.yaml`. */
    readonly command: string;
    /** The block's body as the README holds it, without the fences. */
    readonly output: string;
    /** Offsets of the body in the README. */
    readonly start: number;
    readonly end: number;
}

const MARKED = /<!-- example: (.+?) -->\n\n?```\n([\s\S]*?)```/g;

/** Every marked example of `readme`, in order. */
export function examples(readme: string): Example[] {
    return [...readme.matchAll(MARKED)].map((m) => {
        const start = m.index + m[0].length - 3 - m[2].length;
        return { command: m[1], output: m[2], start, end: start + m[2].length };
    });
}

/**
 * What `command` prints, run in this process through the tool's exported `main`. The one place that
 * knows how an example's words become a call: file arguments are taken from the repository root, so
 * the result does not depend on the folder the script or the test runs in.
 */
export async function runExample(command: string): Promise<string> {
    const [tool, ...args] = command.split(/\s+/);
    const argv = args.map((arg, i) => (args[i - 1] === "--config" ? path.resolve(ROOT, arg) : arg));
    let printed = "";
    const io: Io = {
        cwd: ROOT,
        env: process.env,
        stdout: (text) => void (printed += `${text}\n`),
        stderr: (text) => void (printed += `${text}\n`),
    };
    switch (tool) {
        case "check":
            await check(argv, io);
            break;
        default:
            throw new Error(`README example "${command}": no tool "${tool}" (known: check)`);
    }
    return printed;
}

/** The README with every example's block replaced by a real run. */
export async function withExamples(readme: string): Promise<string> {
    let next = readme;
    // From the last to the first, so the earlier offsets stay valid.
    for (const example of examples(readme).reverse()) {
        next = next.slice(0, example.start) + (await runExample(example.command)) + next.slice(example.end);
    }
    return next;
}

if (require.main === module) {
    rewriteReadme("examples", withExamples);
}
