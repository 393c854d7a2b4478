/**
 * `npm run deploy` with a stand-in `pulumi` on PATH: it runs the whole check first and stops on
 * its findings before any Pulumi command, then picks the backend and runs `pulumi up`.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { main as check } from "../cli/check";
import { main, USAGE } from "../cli/deploy";
import { fakePulumi, runCli, tempDir } from "./support/cli";

const ROOT = path.join(__dirname, "..");
const STATE = path.join(ROOT, ".pulumi-state");

/** What `check` prints for the same stack: deploy prints exactly this first. */
async function checkOutput(cwd: string, ...argv: string[]): Promise<string> {
    return (await runCli(check, argv, cwd)).stdout;
}

describe("npm run deploy", () => {
    let bin: string;
    let log: string;
    let stateExisted: boolean;
    const baseEnv = (): NodeJS.ProcessEnv => ({
        PATH: `${bin}:/usr/bin:/bin`,
        HOME: bin,
        AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
        AWS_SECRET_ACCESS_KEY: "fake-secret-for-tests-EXAMPLEKEY",
        PULUMI_CONFIG_PASSPHRASE: "fake-passphrase",
    });
    const deploy = (argv: string[], env: NodeJS.ProcessEnv = baseEnv()) => runCli(main, argv, ROOT, env);

    before(() => {
        stateExisted = fs.existsSync(STATE);
        bin = tempDir("fake-pulumi");
        log = path.join(bin, "calls.log");
        // A stand-in CLI that records each call with the backend it was given; `whoami` fails as
        // it does when nobody has logged in.
        fs.writeFileSync(
            path.join(bin, "pulumi"),
            `#!/bin/sh\necho "$* | backend=$PULUMI_BACKEND_URL transpile=$PULUMI_NODEJS_TRANSPILE_ONLY" >> "${log}"\n[ "$1" = whoami ] && exit 1\n[ "$1" = "$FAKE_PULUMI_FAIL" ] && exit 3\nexit 0\n`,
            { mode: 0o755 },
        );
    });
    beforeEach(() => fs.rmSync(log, { force: true }));
    after(() => {
        fs.rmSync(bin, { recursive: true, force: true });
        if (!stateExisted) {
            fs.rmSync(STATE, { recursive: true, force: true });
        }
    });

    const calls = () => (fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : []);

    it("checks, then deploys into the local file backend when none is configured", async () => {
        assert.deepStrictEqual(await deploy(["dev", "--yes"]), {
            code: 0,
            stdout:
                (await checkOutput(ROOT, "dev")) +
                `No Pulumi backend is configured: using the local file backend ${STATE} (ignored by git).\n` +
                "Deployed dev. Read the credentials with: pulumi stack output passwords --show-secrets --stack dev\n",
            stderr: "",
        });
        assert.deepStrictEqual(calls(), [
            "version | backend= transpile=",
            "whoami | backend= transpile=",
            `stack select --create dev | backend=file://${STATE} transpile=true`,
            `up --stack dev --yes | backend=file://${STATE} transpile=true`,
        ]);
    });

    it("reports a failed pulumi up and exits 1", async () => {
        const { code, stdout } = await deploy(["dev"], { ...baseEnv(), FAKE_PULUMI_FAIL: "up" });
        assert.strictEqual(code, 1);
        assert.match(stdout, /\n'pulumi up --stack dev' failed \(exit 3\)\n$/);
    });

    it("keeps a configured backend", async () => {
        assert.strictEqual(
            (await deploy(["prod"], { ...baseEnv(), PULUMI_BACKEND_URL: "s3://example-state" })).code,
            0,
        );
        assert.deepStrictEqual(calls().slice(1), [
            "stack select --create prod | backend=s3://example-state transpile=true",
            "up --stack prod | backend=s3://example-state transpile=true",
        ]);
    });

    it("stops with a clear message when the Pulumi CLI is missing", async () => {
        const { code, stdout } = await deploy(["dev"], { ...baseEnv(), PATH: "/nonexistent" });
        assert.strictEqual(code, 1);
        assert.strictEqual(
            stdout.slice((await checkOutput(ROOT, "dev")).length),
            "the Pulumi CLI is not installed or not on PATH, and deploying dev needs it: install it (https://www.pulumi.com/docs/iac/download-install/) and run again.\n`npm run check -- dev` validates the stack without it.\n",
        );
    });

    it("stops with a clear message when there are no AWS credentials", async () => {
        const env: NodeJS.ProcessEnv = { ...baseEnv() };
        delete env.AWS_ACCESS_KEY_ID;
        delete env.AWS_SECRET_ACCESS_KEY;
        const { code, stdout } = await deploy(["dev"], env);
        assert.strictEqual(code, 1);
        assert.match(
            stdout.slice((await checkOutput(ROOT, "dev")).length),
            /^No AWS credentials found: set AWS_PROFILE/,
        );
        assert.deepStrictEqual(calls(), ["version | backend= transpile="]);
    });

    it("asks for a passphrase before using the local backend", async () => {
        const env: NodeJS.ProcessEnv = { ...baseEnv() };
        delete env.PULUMI_CONFIG_PASSPHRASE;
        const { code, stdout } = await deploy(["dev"], env);
        assert.strictEqual(code, 1);
        assert.match(stdout, /\nThe local backend encrypts secrets with a passphrase/);
        assert.ok(!calls().some((c) => c.startsWith("up")));
    });

    it("prints the usage on --help and -h, and exits 0", async () => {
        for (const flag of ["--help", "-h"]) {
            assert.deepStrictEqual(await deploy([flag]), { code: 0, stdout: `${USAGE}\n`, stderr: "" });
        }
        assert.deepStrictEqual(calls(), []);
    });

    const usage: [string, string[], string][] = [
        ["no stack", [], "name one stack (dev, prod, ...) or --config <file>"],
        ["an unknown option", ["dev", "--force"], "unknown option --force"],
        [
            "an unknown stack",
            ["staging"],
            `no stack "staging": no Pulumi.staging.yaml in ${ROOT}; the stacks are dev, prod, sandbox`,
        ],
    ];
    for (const [name, argv, message] of usage) {
        it(`is a usage error, exit 2, before any Pulumi command: ${name}`, async () => {
            assert.deepStrictEqual(await deploy(argv), { code: 2, stdout: "", stderr: `${message}\n${USAGE}\n` });
            assert.deepStrictEqual(calls(), []);
        });
    }
});

describe("npm run deploy: the whole check first", () => {
    let dir: string;
    let bin: string;
    const USER = ["config:", "  iam-users:users:", "    reader:"];
    const ELEVEN = Array.from({ length: 11 }, (_, i) => `arn:aws:iam::123456789012:policy/example-${i}`);
    before(() => {
        dir = tempDir("deploy");
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: iam-users\n");
        fs.writeFileSync(
            path.join(dir, "Pulumi.typo.yaml"),
            [...USER, "      managedPolicies: [AdministratorAcess]", ""].join("\n"),
        );
        fs.writeFileSync(
            path.join(dir, "Pulumi.ok.yaml"),
            // Through a group, as control IAM.2 wants: the stack passes without a warning.
            [
                "config:",
                "  iam-users:groups:",
                "    Readers: {managedPolicies: [ReadOnlyAccess]}",
                "  iam-users:users:",
                "    reader: {groups: [Readers]}",
                "",
            ].join("\n"),
        );
        fs.writeFileSync(
            path.join(dir, "Pulumi.lint.yaml"),
            [...USER, `      managedPolicies: [${ELEVEN.join(", ")}]`, ""].join("\n"),
        );
        fs.writeFileSync(path.join(dir, "reader.yaml"), fs.readFileSync(path.join(dir, "Pulumi.ok.yaml")));
    });
    beforeEach(() => {
        bin = path.join(dir, "bin");
        fs.rmSync(bin, { recursive: true, force: true });
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    const deploy = (...argv: string[]) =>
        runCli(main, argv, dir, {
            PATH: fakePulumi(bin, {}),
            HOME: bin,
            AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
            AWS_SECRET_ACCESS_KEY: "fake-secret-for-tests-EXAMPLEKEY",
        });
    const args = () => path.join(bin, "args.log");

    it("a typo'd managed policy never reaches pulumi: check's output, then nothing", async () => {
        assert.deepStrictEqual(await deploy("typo", "--yes"), {
            code: 1,
            stdout:
                'Pulumi.typo.yaml:4:25: iam-users:users.reader.managedPolicies[0]: unknown AWS-managed policy "AdministratorAcess" (did you mean "AdministratorAccess"?)\n' +
                "Pulumi.typo.yaml:4:7: iam-users:users.reader.managedPolicies: warning[IAM.2]: IAM.2 / CIS 1.15: reader has policies attached directly (managedPolicies); permissions should come only from groups\n" +
                "  hint: attach them to a group and add reader to it\n" +
                "FAILED: 1 user, 0 groups, 1 error, 1 warning\n" +
                "Nothing was deployed.\n",
            stderr: "",
        });
        assert.strictEqual(fs.existsSync(args()), false);
    });

    it("a lint warning stops the deploy under --strict, before any Pulumi command", async () => {
        const { code, stdout } = await deploy("lint", "--strict");
        assert.strictEqual(code, 1);
        assert.strictEqual(stdout, (await checkOutput(dir, "lint", "--strict")) + "Nothing was deployed.\n");
        assert.match(stdout, /\nFAILED: 1 user, 0 groups, 0 errors, 2 warnings \(strict\)\n/);
        assert.strictEqual(fs.existsSync(args()), false);
    });

    it("a valid stack reaches pulumi up", async () => {
        assert.deepStrictEqual(await deploy("ok", "--yes"), {
            code: 0,
            stdout:
                "OK: 1 user, 1 group, 0 errors, 0 warnings\n" +
                "Deployed ok. Read the credentials with: pulumi stack output passwords --show-secrets --stack ok\n",
            stderr: "",
        });
        assert.strictEqual(
            fs.readFileSync(args(), "utf8"),
            "version\nwhoami\nstack select --create ok\nup --stack ok --yes\n",
        );
    });

    it("a stack file of another name goes to pulumi up as --config-file", async () => {
        const file = path.join(dir, "reader.yaml");
        assert.strictEqual((await deploy("--config", "reader.yaml", "--stack", "ok")).code, 0);
        assert.strictEqual(
            fs.readFileSync(args(), "utf8"),
            `version\nwhoami\nstack select --create ok\nup --stack ok --config-file ${file}\n`,
        );
    });

    it("a stack file of another name needs --stack", async () => {
        const { code, stderr } = await deploy("--config", "reader.yaml");
        assert.strictEqual(code, 2);
        assert.strictEqual(
            stderr,
            `name the stack to deploy with --stack: ${path.join(dir, "reader.yaml")} is not named Pulumi.<stack>.yaml\n${USAGE}\n`,
        );
        assert.strictEqual(fs.existsSync(args()), false);
    });
});
