import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../cli/deploy";

const ROOT = path.join(__dirname, "..");
const STATE = path.join(ROOT, ".pulumi-state");

describe("npm run deploy", () => {
    let bin: string;
    let log: string;
    let stateExisted: boolean;
    const lines: string[] = [];
    const print = (line: string) => lines.push(line);
    const baseEnv = () => ({
        PATH: `${bin}:/usr/bin:/bin`,
        HOME: bin,
        AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
        AWS_SECRET_ACCESS_KEY: "fake-secret-for-tests-EXAMPLEKEY",
        PULUMI_CONFIG_PASSPHRASE: "fake-passphrase",
    });

    before(() => {
        stateExisted = fs.existsSync(STATE);
        bin = fs.mkdtempSync(path.join(os.tmpdir(), "fake-pulumi-"));
        log = path.join(bin, "calls.log");
        // A stand-in CLI that records each call with the backend it was given; `whoami` fails as
        // it does when nobody has logged in.
        fs.writeFileSync(
            path.join(bin, "pulumi"),
            `#!/bin/sh\necho "$* | backend=$PULUMI_BACKEND_URL transpile=$PULUMI_NODEJS_TRANSPILE_ONLY" >> "${log}"\n[ "$1" = whoami ] && exit 1\n[ "$1" = "$FAKE_PULUMI_FAIL" ] && exit 3\nexit 0\n`,
            { mode: 0o755 },
        );
    });
    beforeEach(() => {
        lines.length = 0;
        fs.rmSync(log, { force: true });
    });
    after(() => {
        fs.rmSync(bin, { recursive: true, force: true });
        if (!stateExisted) {
            fs.rmSync(STATE, { recursive: true, force: true });
        }
    });

    const calls = () => (fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : []);

    it("checks, then deploys into the local file backend when none is configured", () => {
        assert.strictEqual(main(["dev", "--yes"], baseEnv(), print), 0);
        assert.deepStrictEqual(calls(), [
            "version | backend= transpile=",
            "whoami | backend= transpile=",
            `stack select --create dev | backend=file://${STATE} transpile=true`,
            `up --stack dev --yes | backend=file://${STATE} transpile=true`,
        ]);
        assert.deepStrictEqual(lines, [
            `No Pulumi backend is configured: using the local file backend ${STATE} (ignored by git).`,
            "Deployed dev. Read the credentials with: pulumi stack output passwords --show-secrets --stack dev",
        ]);
    });

    it("reports a failed pulumi up and exits 1", () => {
        assert.strictEqual(main(["dev"], { ...baseEnv(), FAKE_PULUMI_FAIL: "up" }, print), 1);
        assert.deepStrictEqual(lines.slice(1), ["'pulumi up --stack dev' failed (exit 3)"]);
    });

    it("keeps a configured backend", () => {
        assert.strictEqual(main(["prod"], { ...baseEnv(), PULUMI_BACKEND_URL: "s3://example-state" }, print), 0);
        assert.deepStrictEqual(calls().slice(1), [
            "stack select --create prod | backend=s3://example-state transpile=true",
            "up --stack prod | backend=s3://example-state transpile=true",
        ]);
    });

    it("stops with a clear message when the Pulumi CLI is missing", () => {
        assert.strictEqual(main(["dev"], { ...baseEnv(), PATH: "/nonexistent" }, print), 1);
        assert.deepStrictEqual(lines, [
            "the Pulumi CLI is not installed or not on PATH, and deploying dev needs it: install it (https://www.pulumi.com/docs/iac/download-install/) and run again.\n`npm run check -- dev` validates the stack without it.",
        ]);
    });

    it("stops with a clear message when there are no AWS credentials", () => {
        const env: NodeJS.ProcessEnv = { ...baseEnv() };
        delete env.AWS_ACCESS_KEY_ID;
        delete env.AWS_SECRET_ACCESS_KEY;
        assert.strictEqual(main(["dev"], env, print), 1);
        assert.match(lines[0], /^No AWS credentials found: set AWS_PROFILE/);
        assert.deepStrictEqual(calls(), ["version | backend= transpile="]);
    });

    it("asks for a passphrase before using the local backend", () => {
        const env: NodeJS.ProcessEnv = { ...baseEnv() };
        delete env.PULUMI_CONFIG_PASSPHRASE;
        assert.strictEqual(main(["dev"], env, print), 1);
        assert.match(lines[1], /^The local backend encrypts secrets with a passphrase/);
        assert.ok(!calls().some((c) => c.startsWith("up")));
    });

    it("deploys nothing when the stack has errors", () => {
        assert.strictEqual(main(["nosuchstack"], baseEnv(), print), 1);
        assert.deepStrictEqual(lines, [
            "Pulumi.nosuchstack.yaml: (file): no such file",
            "Pulumi.nosuchstack.yaml has errors; nothing was deployed.",
        ]);
        assert.ok(!calls().some((c) => c.startsWith("up")));
    });

    it("is a usage error without exactly one stack", () => {
        assert.strictEqual(main([], baseEnv(), print), 2);
        assert.strictEqual(main(["dev", "--force"], baseEnv(), print), 2);
        assert.deepStrictEqual(lines, [
            "name one stack (dev, prod, ...)\nusage: npm run deploy -- <stack> [--yes]",
            "unknown option --force\nusage: npm run deploy -- <stack> [--yes]",
        ]);
    });
});
