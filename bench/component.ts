/**
 * What IamUser adds to what Pulumi itself costs: 300 users (console, a key, two managed policies, a
 * group) through IamUser, against the same resources registered under a bare ComponentResource that
 * does nothing else. Each side runs in its own process, alternately, several times; medians print.
 *
 *   npm run bench:component [-- --users 300 --runs 5]
 */
import { execFileSync } from "child_process";
import { parseArgs } from "util";

const { values: options } = parseArgs({
    options: { users: { type: "string" }, runs: { type: "string" }, measure: { type: "string" } },
});
const USERS = Number(options.users) || 300;
const RUNS = Number(options.runs) || 5;

async function measure(kind: "iamuser" | "bare"): Promise<void> {
    const pulumi = await import("@pulumi/pulumi");
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => ({ id: `${args.name}-id`, state: { ...args.inputs, arn: `arn:${args.name}` } }),
            call: (args) =>
                args.token.endsWith("getPartition") ? { partition: "aws" } : { accountId: "123456789012" },
        },
        "bench",
        "bench",
        false,
    );
    const aws = await import("@pulumi/aws");
    const { IamUser } = await import("../components");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const settings: { waitForRPCs(): Promise<void> } = require("@pulumi/pulumi/runtime/settings");

    class Bare extends pulumi.ComponentResource {
        constructor(name: string) {
            super("bench:index:Bare", name, {}, {});
            const parent = { parent: this };
            const user = new aws.iam.User(name, { name, path: "/", forceDestroy: false }, parent);
            new aws.iam.UserGroupMembership(`${name}-groups`, { user: user.name, groups: ["Power_Users"] }, parent);
            for (const p of ["ReadOnlyAccess", "IAMUserChangePassword"]) {
                new aws.iam.UserPolicyAttachment(
                    `${name}-managed-${p}`,
                    { user: user.name, policyArn: `arn:aws:iam::aws:policy/${p}` },
                    parent,
                );
            }
            new aws.iam.UserLoginProfile(
                `${name}-console`,
                { user: user.name, passwordResetRequired: true, passwordLength: 20 },
                parent,
            );
            new aws.iam.AccessKey(`${name}-key-cli`, { user: user.name, status: "Active" }, parent);
            this.registerOutputs({});
        }
    }

    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const start = process.hrtime.bigint();
    for (let i = 0; i < USERS; i++) {
        const name = `user${i}`;
        if (kind === "bare") {
            new Bare(name);
        } else {
            new IamUser(name, {
                groups: ["Power_Users"],
                managedPolicies: { ReadOnlyAccess: "ReadOnlyAccess", IAMUserChangePassword: "IAMUserChangePassword" },
                console: {},
                accessKeys: { cli: {} },
            });
        }
    }
    await settings.waitForRPCs();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
    console.log(JSON.stringify({ ms, heapMb }));
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

function main(): void {
    const results: Record<string, { ms: number; heapMb: number }[]> = { bare: [], iamuser: [] };
    for (let run = 0; run < RUNS; run++) {
        for (const kind of ["bare", "iamuser"] as const) {
            const out = execFileSync(
                process.execPath,
                [
                    "--expose-gc",
                    "-r",
                    "ts-node/register/transpile-only",
                    __filename,
                    "--measure",
                    kind,
                    "--users",
                    String(USERS),
                ],
                { encoding: "utf8" },
            );
            results[kind].push(JSON.parse(out.trim().split("\n").pop()!));
        }
    }
    const bare = median(results.bare.map((r) => r.ms));
    const iam = median(results.iamuser.map((r) => r.ms));
    const bareMem = median(results.bare.map((r) => r.heapMb));
    const iamMem = median(results.iamuser.map((r) => r.heapMb));
    console.log(`${USERS} users x 6 resources, median of ${RUNS} runs each, own process per run`);
    console.log(`bare ComponentResource: ${bare.toFixed(0)} ms, heap +${bareMem.toFixed(1)} MB`);
    console.log(`IamUser:                ${iam.toFixed(0)} ms, heap +${iamMem.toFixed(1)} MB`);
    console.log(`ratio (time):           ${(iam / bare).toFixed(3)} (target <= 1.15)`);
    console.log(`ratio (memory):         ${(iamMem / bareMem).toFixed(3)}`);
}

if (typeof options.measure === "string") {
    measure(options.measure as "iamuser" | "bare");
} else {
    main();
}
