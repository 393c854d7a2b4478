/**
 * What refusing unknown AWS-managed policy names adds to the start of the program that `pulumi up`
 * runs. Each run is a fresh process (ts-node, transpile-only, as `deploy` runs the program) that
 * times, separately: importing the reader and validation, importing the name check (`least-privilege/names`), importing the rest of
 * `stacks/program` (the components and @pulumi/aws), reading and validating `Pulumi.dev.yaml`, and
 * the name check itself, which reads the managed policy extract cached under node_modules/.cache.
 * Prints medians; the target for the name check's share (its import plus its run) is under 0.3 s.
 *
 *   npx ts-node --transpile-only bench/program-start.ts [-- --runs 5]
 */
import { spawnSync } from "child_process";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";

const { values } = parseArgs({ options: { runs: { type: "string" } } });
const RUNS = Number(values.runs) || 5;
const ROOT = path.join(__dirname, "..");

/** Milliseconds per phase of one program start. */
interface Phases {
    readonly importConfig: number;
    readonly importNames: number;
    readonly importProgram: number;
    readonly validate: number;
    readonly nameCheck: number;
}

const SCRIPT = [
    'require("ts-node/register/transpile-only");',
    'const { performance } = require("perf_hooks");',
    "let t = performance.now();",
    "const lap = () => { const now = performance.now(); const ms = now - t; t = now; return ms; };",
    // The reader and validation first: the program loads them with or without the name check, and
    // the first .ts file also loads the compiler, which is not the name check's cost.
    'const { loadStack } = require("./stacks/config");',
    "const importConfig = lap();",
    'const { checkManagedPolicyNames } = require("./least-privilege/names");',
    "const importNames = lap();",
    'require("./stacks/program");',
    "const importProgram = lap();",
    'const { model } = loadStack("Pulumi.dev.yaml");',
    "const validate = lap();",
    "const problems = checkManagedPolicyNames(model);",
    "const nameCheck = lap();",
    "if (problems.length > 0) throw new Error(JSON.stringify(problems));",
    "console.log(JSON.stringify({ importConfig, importNames, importProgram, validate, nameCheck }));",
].join("\n");

function start(): Phases {
    const child = spawnSync(process.execPath, ["-e", SCRIPT], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
    if (child.status !== 0) {
        throw new Error(`the program start failed: ${child.stderr || child.error}`);
    }
    return JSON.parse(child.stdout.trim().split("\n").pop()!) as Phases;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number): string => `${x.toFixed(0)} ms`;

// The first start after an install writes the managed policy extract; time starts with it in place.
start();
const runs = Array.from({ length: RUNS }, start);
const of = (phase: keyof Phases) => median(runs.map((r) => r[phase]));
const added = median(runs.map((r) => r.importNames + r.nameCheck));
console.log(`program start, median of ${RUNS} fresh processes (ts-node transpile-only):`);
console.log(`  import stacks/config (and the compiler): ${ms(of("importConfig"))}`);
console.log(`  import least-privilege/names:           ${ms(of("importNames"))}`);
console.log(`  import the rest of stacks/program:      ${ms(of("importProgram"))}`);
console.log(`  loadStack(Pulumi.dev.yaml):             ${ms(of("validate"))}`);
console.log(`  checkManagedPolicyNames (catalog read): ${ms(of("nameCheck"))}`);
console.log(
    `the name check adds ${ms(added)}: target < 300 ms ${added < 300 ? "met" : "NOT met"}; ` +
        `load average now ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`,
);
