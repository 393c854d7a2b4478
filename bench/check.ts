/**
 * How long `check` takes on a large stack: 100 users, each with 5 policies (3 policy files of its
 * own, 2 AWS-managed), in 5 MFA groups, with 3 expectations each. Prints the figures; the target
 * is under 5 seconds on a 2-core machine. Run with `npm run bench:check`.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../cli/check";

const USERS = 100;
const GROUPS = 5;

function writeStack(dir: string): string {
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: iam-users\nruntime: nodejs\nmain: stacks/index.ts\n");
    fs.mkdirSync(path.join(dir, "policies"));
    const policy = (statements: object[]): string =>
        JSON.stringify({ Version: "2012-10-17", Statement: statements }, null, 4);
    const lines = [
        "config:",
        "  iam-users:passwordPolicy: {minimumLength: 14}",
        "  iam-users:groups:",
        ...Array.from(
            { length: GROUPS },
            (_, g) => `    team${g}: {managedPolicies: [ReadOnlyAccess], requireMfa: true}`,
        ),
        "  iam-users:users:",
    ];
    const expectations = ["  iam-users:expectations:"];
    for (let i = 0; i < USERS; i++) {
        const files = [`u${i}-data`, `u${i}-queue`, `u${i}-functions`];
        const bucket = `arn:aws:s3:::bench-${i}`;
        fs.writeFileSync(
            path.join(dir, "policies", `${files[0]}.json`),
            policy([
                { Sid: "List", Effect: "Allow", Action: "s3:ListBucket", Resource: bucket },
                { Sid: "Objects", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `${bucket}/*` },
                {
                    Sid: "Table",
                    Effect: "Allow",
                    Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"],
                    Resource: `arn:aws:dynamodb:*:*:table/bench-${i}`,
                },
            ]),
        );
        fs.writeFileSync(
            path.join(dir, "policies", `${files[1]}.json`),
            policy([
                {
                    Sid: "Queue",
                    Effect: "Allow",
                    Action: ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"],
                    Resource: `arn:aws:sqs:*:*:bench-${i}`,
                },
            ]),
        );
        fs.writeFileSync(
            path.join(dir, "policies", `${files[2]}.json`),
            policy([
                {
                    Sid: "Invoke",
                    Effect: "Allow",
                    Action: ["lambda:InvokeFunction", "lambda:GetFunction"],
                    Resource: `arn:aws:lambda:*:*:function:bench-${i}-*`,
                },
                {
                    Sid: "NoDeletes",
                    Effect: "Deny",
                    Action: ["s3:DeleteBucket", "dynamodb:DeleteTable"],
                    Resource: "*",
                },
            ]),
        );
        lines.push(
            `    user${i}:`,
            `      groups: [team${i % GROUPS}]`,
            "      managedPolicies: [AmazonSQSReadOnlyAccess, CloudWatchReadOnlyAccess]",
            `      policyFiles: [${files.map((f) => `policies/${f}.json`).join(", ")}]`,
            "      console: {}",
        );
        expectations.push(
            `    user${i}:`,
            "      allowed:",
            `        - {action: s3:PutObject, resource: "${bucket}/x"}`,
            "      denied:",
            `        - {action: s3:DeleteBucket, resource: "${bucket}"}`,
            "        - {action: ec2:RunInstances, mfa: false}",
        );
    }
    const file = path.join(dir, "Pulumi.bench.yaml");
    fs.writeFileSync(file, [...lines, ...expectations, ""].join("\n"));
    return file;
}

/** CPU seconds as well as wall seconds: on a busy machine the wall clock measures the neighbours. */
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

async function run(): Promise<void> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iam-users-bench-check-"));
    try {
        const file = writeStack(dir);
        // The whole command as a user runs it: a fresh process, ts-node start-up and all.
        const script = [
            'require("ts-node/register/transpile-only");',
            "const lines = [];",
            'const io = { cwd: process.cwd(), env: process.env, stdout: (t) => lines.push(...t.split("\\n")), stderr: () => undefined };',
            `require("./cli/check").main(["--config", ${JSON.stringify(file)}], io).then((code) => {`,
            "    const cpu = process.cpuUsage();",
            "    console.log(JSON.stringify({ code, summary: lines[lines.length - 1], cpuMs: (cpu.user + cpu.system) / 1000 }));",
            "});",
        ].join("\n");
        const started = Date.now();
        const child = spawnSync(process.execPath, ["-e", script], {
            cwd: path.join(__dirname, ".."),
            encoding: "utf8",
            timeout: 120_000,
        });
        const wallMs = Date.now() - started;
        if (child.status !== 0) throw new Error(`check failed to run: ${child.stderr || child.error}`);
        const result = JSON.parse(child.stdout.trim().split("\n").pop()!) as {
            code: number;
            summary: string;
            cpuMs: number;
        };

        // The same in this process: no ts-node start-up, catalogs read afresh.
        const cpuBefore = process.cpuUsage();
        const inStarted = Date.now();
        const quiet = { cwd: process.cwd(), env: process.env, stdout: () => undefined, stderr: () => undefined };
        const code = await main(["--config", file], quiet);
        const inWallMs = Date.now() - inStarted;
        const inCpu = process.cpuUsage(cpuBefore);

        console.log(
            `stack: ${USERS} users x 5 policies (3 files, 2 AWS-managed), ${GROUPS} MFA groups, ${USERS * 3} expectations`,
        );
        console.log(
            `check as a command, new process: ${seconds(wallMs)} wall, ${seconds(result.cpuMs)} CPU (exit ${result.code}: ${result.summary})`,
        );
        console.log(
            `check in this process (main()): ${seconds(inWallMs)} wall, ${seconds((inCpu.user + inCpu.system) / 1000)} CPU (exit ${code})`,
        );
        console.log(
            `target < 5 s for the command: ${wallMs < 5000 ? "met" : "NOT met"} (wall); load average now ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`,
        );
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

run().catch((e) => {
    console.error(e);
    process.exitCode = 1;
});
