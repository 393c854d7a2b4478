import { IAMClient } from "@aws-sdk/client-iam";
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { motoAnswers } from "../cli/moto";
import { runSandbox, SandboxResult } from "../cli/sandbox";
import { loadStack } from "../stacks/config";
import { awsSettings } from "../verify/aws-settings";
import { fakePulumi, tempDir, withEnv } from "./support/cli";
import { deployByHand, FAKE_CALLER, stackYaml, writeProject } from "./support/iam-project";
import { freePort } from "./support/moto";

const ROOT = path.resolve(__dirname, "..");

describe("sandbox: Pulumi.sandbox.yaml", () => {
    it("passes the config validation like any other stack (check --strict: least-privilege-stacks)", () => {
        assert.deepStrictEqual(loadStack(path.join(ROOT, "Pulumi.sandbox.yaml")).problems, []);
    });

    it("points IAM and STS at a loopback moto server with obviously fake keys", () => {
        assert.deepStrictEqual(awsSettings(path.join(ROOT, "Pulumi.sandbox.yaml"), {}), {
            region: "us-east-1",
            endpoints: { iam: "http://127.0.0.1:5055", sts: "http://127.0.0.1:5055" },
            credentials: { accessKeyId: "test", secretAccessKey: "test" },
        });
    });
});

describe("sandbox: npm run sandbox, with a stand-in Pulumi CLI", function () {
    this.timeout(60_000);
    let dir: string;
    let bin: string;
    let endpoint: string;
    let started: SandboxResult | undefined;

    before(async () => {
        dir = tempDir("sandbox");
        bin = path.join(dir, "bin");
        endpoint = `http://127.0.0.1:${await freePort()}`;
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
    after(() => {
        if (started?.startedMotoPid !== undefined) {
            process.kill(started.startedMotoPid, "SIGTERM");
        }
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("says what needs the Pulumi CLI when it is missing, and starts nothing", async () => {
        const lines: string[] = [];
        const result = await withEnv({ PATH: path.join(dir, "empty") }, () => runSandbox(dir, (l) => lines.push(l)));
        assert.deepStrictEqual(result, { code: 1 });
        assert.deepStrictEqual(lines, [
            "sandbox: the Pulumi CLI is not installed or not on PATH, and deploying the sandbox needs it: " +
                "install it (https://www.pulumi.com/docs/iac/download-install/) and run again.\n" +
                "Without it you can still run 'npm test' (moto-backed verify tests included) and 'npm run check -- sandbox'.",
        ]);
        assert.strictEqual(await motoAnswers(endpoint), false);
    });

    it("starts moto and deploys into the project's file backend, and stops on outputs it cannot use", async () => {
        const lines: string[] = [];
        const env = {
            PATH: fakePulumi(bin, { stdout: "{}" }),
            PULUMI_BACKEND_URL: "file://elsewhere",
            PULUMI_CONFIG_PASSPHRASE: undefined,
            PULUMI_CONFIG_PASSPHRASE_FILE: undefined,
        };
        started = await withEnv(env, () => runSandbox(dir, (l) => lines.push(l)));
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
        const iam = new IAMClient({ region: "us-east-1", endpoint, credentials: FAKE_CALLER });
        const outputs = await deployByHand(iam, "s-");
        iam.destroy();
        const lines: string[] = [];
        const PATH = fakePulumi(bin, { stdout: JSON.stringify(outputs) });
        const result = await withEnv({ PATH }, () => runSandbox(dir, (l) => lines.push(l)));
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
