import { IAMClient } from "@aws-sdk/client-iam";
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { motoAnswers, startMotoProcess, stopProcess } from "../cli/moto";
import { main, runSandbox, USAGE } from "../cli/sandbox";
import { loadStack } from "../stacks/config";
import { awsSettings } from "../verify/aws-settings";
import { captureIo, fakePulumi, runCli, tempDir } from "./support/cli";
import { deployByHand, FAKE_CALLER, stackYaml, writeProject } from "./support/iam-project";
import { freePort } from "./support/moto";

const ROOT = path.resolve(__dirname, "..");

describe("sandbox: Pulumi.sandbox.yaml", () => {
    it("passes the config validation like any other stack (check --strict: least-privilege-stacks)", () => {
        assert.deepStrictEqual(loadStack(path.join(ROOT, "Pulumi.sandbox.yaml")).problems, []);
    });

    it("points IAM, STS and the key stores at a loopback moto server with obviously fake keys", () => {
        const moto = "http://127.0.0.1:5055";
        assert.deepStrictEqual(awsSettings(path.join(ROOT, "Pulumi.sandbox.yaml"), {}), {
            region: "us-east-1",
            endpoints: { iam: moto, sts: moto, secretsmanager: moto, ssm: moto },
            credentials: { accessKeyId: "test", secretAccessKey: "test" },
        });
    });
});

/** Stops a detached server by its PID, and waits (bounded) until it no longer answers. */
async function stopDetached(pid: number, endpoint: string): Promise<void> {
    process.kill(pid, "SIGTERM");
    for (let i = 0; i < 100 && (await motoAnswers(endpoint)); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}

// Each test starts what it needs and stops it: none relies on a server another one left running.
describe("sandbox: npm run sandbox, with a stand-in Pulumi CLI", function () {
    this.timeout(60_000);
    let dir: string;
    let bin: string;
    let port: number;
    let endpoint: string;

    beforeEach(async () => {
        dir = tempDir("sandbox");
        bin = path.join(dir, "bin");
        port = await freePort();
        endpoint = `http://127.0.0.1:${port}`;
        writeProject(dir, "s-");
        // The test project's stack, as the sandbox stack, pointed at this test's port.
        fs.writeFileSync(
            path.join(dir, "Pulumi.sandbox.yaml"),
            stackYaml("s-").replace(
                "config:\n",
                `config:\n  aws:accessKey: test\n  aws:secretKey: test\n  aws:endpoints:\n    - iam: ${endpoint}\n      sts: ${endpoint}\n`,
            ),
        );
    });
    // What a test started, stopped after it whether it passed or not.
    const stops: (() => Promise<void>)[] = [];
    afterEach(async () => {
        for (const stop of stops.splice(0)) {
            await stop();
        }
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("prints the usage on --help and -h, and refuses arguments", async () => {
        for (const flag of ["--help", "-h"]) {
            assert.deepStrictEqual(await runCli(main, [flag], dir), { code: 0, stdout: `${USAGE}\n`, stderr: "" });
        }
        assert.deepStrictEqual(await runCli(main, ["dev"], dir), {
            code: 2,
            stdout: "",
            stderr: `the sandbox takes no arguments (it always deploys stack sandbox)\n${USAGE}\n`,
        });
    });

    it("says what needs the Pulumi CLI when it is missing, and starts nothing", async () => {
        const io = captureIo(dir, { PATH: path.join(dir, "empty") });
        const result = await runSandbox(io);
        assert.deepStrictEqual(result, { code: 1 });
        assert.strictEqual(
            io.out,
            "sandbox: the Pulumi CLI is not installed or not on PATH, and deploying the sandbox needs it: " +
                "install it (https://www.pulumi.com/docs/iac/download-install/) and run again.\n" +
                "Without it you can still run 'npm test' (moto-backed verify tests included) and 'npm run check -- sandbox'.\n",
        );
        assert.strictEqual(await motoAnswers(endpoint), false);
    });

    it("runs the whole check first: a typo'd managed policy reaches neither moto nor Pulumi", async () => {
        const file = path.join(dir, "Pulumi.sandbox.yaml");
        fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("[ReadOnlyAccess]", "[ReadOnlyAcess]"));
        const io = captureIo(dir, { PATH: fakePulumi(bin, {}) });
        assert.deepStrictEqual(await runSandbox(io), { code: 1 });
        const [first, second] = io.out.split("\n");
        assert.strictEqual(first, "sandbox: Pulumi.sandbox.yaml does not pass check; nothing was deployed:");
        assert.match(
            second,
            /iam-users:groups\.Developers\.managedPolicies\[0\]: unknown AWS-managed policy "ReadOnlyAcess"/,
        );
        assert.strictEqual(fs.existsSync(path.join(bin, "args.log")), false);
        assert.strictEqual(await motoAnswers(endpoint), false);
    });

    it("starts moto and deploys into the project's file backend, and stops on outputs it cannot use", async () => {
        const lines: string[] = [];
        const env = { PATH: fakePulumi(bin, { stdout: "{}" }), PULUMI_BACKEND_URL: "file://elsewhere" };
        const started = await runSandbox({ ...captureIo(dir, env), stdout: (l) => lines.push(l) });
        if (started.startedMotoPid !== undefined) {
            stops.push(() => stopDetached(started.startedMotoPid!, endpoint));
        }
        assert.strictEqual(started.code, 1);
        assert.strictEqual(typeof started.startedMotoPid, "number");
        assert.strictEqual(await motoAnswers(endpoint), true);
        const state = path.join(dir, ".pulumi-state");
        assert.strictEqual(
            lines[0],
            `sandbox: started moto at ${endpoint} (pid ${started.startedMotoPid}, log ${state}/moto.log); ` +
                `stop it with: kill ${started.startedMotoPid}`,
        );
        assert.match(
            lines[1],
            /^sandbox: pulumi stack output --stack sandbox: not the outputs of an iam-users stack: users: /,
        );
        assert.strictEqual(
            fs.readFileSync(path.join(bin, "args.log"), "utf8"),
            "version\n" +
                "stack select --create sandbox\n" +
                "up --yes --skip-preview --refresh --stack sandbox\n" +
                "stack output --json --show-secrets --stack sandbox\n",
        );
        assert.strictEqual(
            fs.readFileSync(path.join(bin, "env.log"), "utf8"),
            "PULUMI_BACKEND_URL=file://elsewhere PULUMI_CONFIG_PASSPHRASE=unset\n" +
                `PULUMI_BACKEND_URL=file://${state} PULUMI_CONFIG_PASSPHRASE=\n`.repeat(3),
        );
    });

    it("uses the running moto, and passes once the stack is there", async () => {
        const moto = await startMotoProcess({ port });
        stops.push(() => stopProcess(moto));
        const iam = new IAMClient({ region: "us-east-1", endpoint, credentials: FAKE_CALLER });
        const outputs = await deployByHand(iam, "s-");
        iam.destroy();
        const lines: string[] = [];
        const PATH = fakePulumi(bin, { stdout: JSON.stringify(outputs) });
        const result = await runSandbox({ ...captureIo(dir, { PATH }), stdout: (l) => lines.push(l) });
        assert.deepStrictEqual(result, { code: 0, startedMotoPid: undefined });
        const out = path.join(dir, "credentials", "sandbox");
        assert.deepStrictEqual(lines[0], `sandbox: using the moto server already at ${endpoint}`);
        assert.match(lines[1], /^s-emily \(emily\)\n/);
        assert.match(lines[1], /\nstack sandbox: 2 user\(s\), 27 ok, 1 warning\(s\), 0 failed, 0 skipped$/);
        assert.deepStrictEqual(lines.slice(2), [
            `wrote ${out}/s-emily_credentials.csv`,
            `wrote ${out}/s-deployer_credentials.csv`,
        ]);
        const csv = fs.readFileSync(path.join(out, "s-deployer_credentials.csv"), "utf8");
        assert.strictEqual(
            csv,
            "User name,Password,Access key ID,Secret access key,Console sign-in link\r\n" +
                `s-deployer,,${outputs.users.deployer.accessKeyIds.main},${outputs.accessKeySecrets.deployer.main},\r\n`,
        );
        assert.strictEqual(fs.statSync(path.join(out, "s-emily_credentials.csv")).mode & 0o777, 0o600);
    });
});
