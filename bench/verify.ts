/**
 * `verify` before and after the account snapshot, side by side on one moto server: 300 users, each
 * with a console, a group, a managed policy and an Active key whose secret the outputs hold. Each
 * side runs with the sign-in check (plain secrets) and without it (hidden secrets); a middleware on
 * every SDK client counts the HTTP requests, retries included. Goals (issue 11): at most 3 calls
 * per user with the sign-in check, 2 without, and at most 0.4x the old wall time.
 *
 *   npm run bench:verify [-- --users 300]
 */
import {
    AddUserToGroupCommand,
    AttachGroupPolicyCommand,
    AttachUserPolicyCommand,
    CreateAccessKeyCommand,
    CreateGroupCommand,
    CreateLoginProfileCommand,
    CreateUserCommand,
    IAMClient,
} from "@aws-sdk/client-iam";
import { STSClient } from "@aws-sdk/client-sts";
import type { DeserializeMiddleware, MiddlewareStack } from "@smithy/types";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { parseStackOutputs, ReadOutputs } from "../credentials/stack-outputs";
import { loadStack } from "../stacks/config";
import { StackModel } from "../stacks/config/model";
import { startMoto } from "../tests/support/moto";
import { FAKE_CALLER, motoSettings } from "../tests/support/iam-project";
import { VerifyOptions, VerifyReport } from "../verify/checks";
import * as snapshotVerify from "../verify/checks";
import { mapBounded } from "../verify/snapshot";
import * as baselineVerify from "./verify-baseline";

const { values } = parseArgs({ args: process.argv.slice(2), options: { users: { type: "string" } } });
const USERS = Number(values.users) || 300;
const READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";

/** Creates the users the way the program would; returns the outputs it would print. */
async function seed(iam: IAMClient): Promise<unknown> {
    await iam.send(new CreateGroupCommand({ GroupName: "team" }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: "team", PolicyArn: READ_ONLY }));
    const names = Array.from({ length: USERS }, (_, i) => `user${String(i).padStart(3, "0")}`);
    const made = await mapBounded(names, 8, async (UserName) => {
        const user = (await iam.send(new CreateUserCommand({ UserName }))).User!;
        await iam.send(new AddUserToGroupCommand({ UserName, GroupName: "team" }));
        await iam.send(new AttachUserPolicyCommand({ UserName, PolicyArn: READ_ONLY }));
        await iam.send(new CreateLoginProfileCommand({ UserName, Password: "EXAMPLE-Passw0rd!" }));
        const key = (await iam.send(new CreateAccessKeyCommand({ UserName }))).AccessKey!;
        return { UserName, arn: user.Arn!, id: key.AccessKeyId!, secret: key.SecretAccessKey! };
    });
    return {
        users: Object.fromEntries(
            made.map((u) => [
                u.UserName,
                { userName: u.UserName, arn: u.arn, groups: ["team"], accessKeyIds: { main: u.id } },
            ]),
        ),
        passwords: {},
        accessKeySecrets: Object.fromEntries(made.map((u) => [u.UserName, { main: u.secret }])),
    };
}

function writeStack(dir: string): StackModel {
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: iam-users\nruntime: nodejs\nmain: stacks/index.ts\n");
    const users = Array.from(
        { length: USERS },
        (_, i) =>
            `    user${String(i).padStart(3, "0")}: {groups: [team], managedPolicies: [ReadOnlyAccess], console: {}, accessKeys: {main: {}}}`,
    );
    const file = path.join(dir, "Pulumi.bench.yaml");
    fs.writeFileSync(
        file,
        [
            "config:",
            "  iam-users:groups:",
            "    team: {managedPolicies: [ReadOnlyAccess]}",
            "  iam-users:users:",
            ...users,
            "",
        ].join("\n"),
    );
    const { model, problems } = loadStack(file);
    if (!model) {
        throw new Error(problems.map((p) => p.message).join("\n"));
    }
    return model;
}

type Verify = (model: StackModel, outputs: ReadOutputs, options: VerifyOptions) => Promise<VerifyReport>;

async function run(verify: Verify, model: StackModel, outputs: ReadOutputs, endpoint: string) {
    let calls = 0;
    const count: DeserializeMiddleware<object, object> = (next) => (args) => (calls++, next(args));
    const instrument = (client: IAMClient | STSClient) =>
        // The deserialize step runs once per HTTP attempt, inside the retry loop.
        (client.middlewareStack as MiddlewareStack<object, object>).add(count, { step: "deserialize" });
    const start = process.hrtime.bigint();
    const report = await verify(model, outputs, { settings: motoSettings(endpoint), instrument });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const failed = report.users.flatMap((u) => u.checks).filter((c) => c.status === "fail").length;
    if (failed > 0) {
        throw new Error(`${failed} check(s) failed on an untouched account`);
    }
    return { calls, perUser: calls / USERS, seconds };
}

async function main(): Promise<void> {
    const moto = await startMoto();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iam-users-bench-verify-"));
    const iam = new IAMClient({ region: "us-east-1", endpoint: moto.endpoint, credentials: FAKE_CALLER });
    try {
        const deployed = await seed(iam);
        const model = writeStack(dir);
        const plain = parseStackOutputs(JSON.stringify(deployed), "bench");
        const hidden = parseStackOutputs(
            JSON.stringify({ ...(deployed as object), accessKeySecrets: "[secret]" }),
            "bench",
        );
        console.log(`verify, ${USERS} users with consoles and one Active key each, on moto`);
        for (const [label, outputs] of [
            ["with the sign-in check", plain],
            ["without the sign-in check", hidden],
        ] as const) {
            const before = await run(baselineVerify.verifyStack, model, outputs, moto.endpoint);
            const after = await run(snapshotVerify.verifyStack, model, outputs, moto.endpoint);
            console.log(
                `  ${label}:\n` +
                    `    per-user verify (baseline): ${before.calls} calls, ${before.perUser.toFixed(2)} per user, ${before.seconds.toFixed(2)} s\n` +
                    `    snapshot verify:            ${after.calls} calls, ${after.perUser.toFixed(2)} per user, ${after.seconds.toFixed(2)} s` +
                    ` (${(after.seconds / before.seconds).toFixed(2)}x the time)`,
            );
        }
    } finally {
        iam.destroy();
        await moto.stop();
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

void main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
});
