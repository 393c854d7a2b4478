import { IAMClient } from "@aws-sdk/client-iam";
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { main, USAGE } from "../cli/verify";
import { StackOutputs } from "../stacks/outputs";
import { awsSettings } from "../verify/aws-settings";
import { VerifyReport } from "../verify/checks";
import { formatReport } from "../verify/report";
import { runCli, tempDir } from "./support/cli";
import { deployByHand, FAKE_CALLER, stackYaml, writeProject } from "./support/iam-project";
import { Moto, startMoto } from "./support/moto";

describe("verify: the report", () => {
    it("prints a table per user and a summary", () => {
        const report: VerifyReport = {
            stack: "dev",
            ok: false,
            users: [
                {
                    key: "emily",
                    userName: "dev-emily",
                    checks: [
                        { check: "user", status: "ok", detail: "arn:aws:iam::123456789012:user/dev-emily" },
                        {
                            check: "attached policies",
                            status: "fail",
                            detail: "missing: arn:aws:iam::aws:policy/ReadOnlyAccess",
                        },
                        { check: "MFA", status: "warn", detail: "console user without an MFA device" },
                    ],
                },
                {
                    key: "ci",
                    userName: "ci",
                    checks: [{ check: "sign-in main", status: "skip", detail: "no plain secret" }],
                },
            ],
        };
        assert.strictEqual(
            formatReport(report),
            "dev-emily (emily)\n" +
                "  CHECK              STATUS  DETAIL\n" +
                "  user               ok      arn:aws:iam::123456789012:user/dev-emily\n" +
                "  attached policies  fail    missing: arn:aws:iam::aws:policy/ReadOnlyAccess\n" +
                "  MFA                warn    console user without an MFA device\n" +
                "\n" +
                "ci\n" +
                "  CHECK         STATUS  DETAIL\n" +
                "  sign-in main  skip    no plain secret\n" +
                "\n" +
                "stack dev: 2 user(s), 1 ok, 1 warning(s), 1 failed, 1 skipped\n",
        );
    });
});

const NO_ENDPOINTS = { iam: undefined, sts: undefined, secretsmanager: undefined, ssm: undefined };

describe("verify: AWS settings from the stack file", () => {
    let dir: string;
    before(() => (dir = tempDir("settings")));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    const cases: { name: string; yaml: string; env: NodeJS.ProcessEnv; expected: ReturnType<typeof awsSettings> }[] = [
        {
            name: "nothing set: the SDK's own chain, us-east-1",
            yaml: "config: {}\n",
            env: {},
            expected: { region: "us-east-1", endpoints: NO_ENDPOINTS },
        },
        {
            name: "the stack's region, unless AWS_REGION says otherwise",
            yaml: "config:\n  aws:region: eu-west-1\n",
            env: { AWS_REGION: "cn-north-1" },
            expected: { region: "cn-north-1", endpoints: NO_ENDPOINTS },
        },
        {
            name: "the sandbox's endpoints and plain keys",
            yaml:
                "config:\n  aws:region: us-east-1\n  aws:accessKey: test\n  aws:secretKey: test\n" +
                "  aws:endpoints:\n    - iam: http://127.0.0.1:1\n      sts: http://127.0.0.1:2\n" +
                "      secretsmanager: http://127.0.0.1:3\n      ssm: http://127.0.0.1:4\n",
            env: {},
            expected: {
                region: "us-east-1",
                endpoints: {
                    iam: "http://127.0.0.1:1",
                    sts: "http://127.0.0.1:2",
                    secretsmanager: "http://127.0.0.1:3",
                    ssm: "http://127.0.0.1:4",
                },
                credentials: { accessKeyId: "test", secretAccessKey: "test" },
            },
        },
        {
            name: "the stack's shared-config profile, so the deployed account is the one checked",
            yaml: "config:\n  aws:profile: example-prod\n",
            env: {},
            expected: { region: "us-east-1", endpoints: NO_ENDPOINTS, profile: "example-prod" },
        },
        {
            name: "an encrypted secret key left to the standard chain",
            yaml: "config:\n  aws:accessKey: AKIAIOSFODNN7EXAMPLE\n  aws:secretKey:\n    secure: v1:EXAMPLE\n",
            env: {},
            expected: { region: "us-east-1", endpoints: NO_ENDPOINTS },
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const file = path.join(dir, "Pulumi.x.yaml");
            fs.writeFileSync(file, c.yaml);
            assert.deepStrictEqual(awsSettings(file, c.env), c.expected);
        });
    }
});

describe("verify: the command against moto", function () {
    this.timeout(60_000);
    let moto: Moto | undefined;
    let dir: string;
    let from: string;
    let deployed: StackOutputs;
    const saved: NodeJS.ProcessEnv = {};
    // The SDK's own variables: the test proves verify needs nothing else to reach an endpoint.
    const env = (endpoint: string): NodeJS.ProcessEnv => ({
        AWS_ENDPOINT_URL: endpoint,
        AWS_ACCESS_KEY_ID: FAKE_CALLER.accessKeyId,
        AWS_SECRET_ACCESS_KEY: FAKE_CALLER.secretAccessKey,
        AWS_REGION: "us-east-1",
        AWS_PROFILE: undefined,
        AWS_SESSION_TOKEN: undefined,
    });

    before(async () => {
        moto = await startMoto();
        dir = tempDir("verify-cli");
        writeProject(dir, "c-");
        const iam = new IAMClient({ region: "us-east-1", endpoint: moto.endpoint, credentials: FAKE_CALLER });
        deployed = await deployByHand(iam, "c-");
        iam.destroy();
        from = path.join(dir, "outputs.json");
        fs.writeFileSync(from, JSON.stringify(deployed));
        for (const [name, value] of Object.entries(env(moto.endpoint))) {
            saved[name] = process.env[name];
            if (value === undefined) delete process.env[name];
            else process.env[name] = value;
        }
    });
    after(async () => {
        for (const [name, value] of Object.entries(saved)) {
            if (value === undefined) delete process.env[name];
            else process.env[name] = value;
        }
        await moto?.stop();
        fs.rmSync(dir, { recursive: true, force: true });
    });
    const run = (...argv: string[]) => runCli(main, argv, dir);

    it("reaches the API through AWS_ENDPOINT_URL and exits 0 when only warnings remain", async () => {
        const result = await run("test", "--from", from);
        assert.strictEqual(result.stderr, "");
        assert.strictEqual(result.code, 0);
        const lines = result.stdout.split("\n");
        assert.deepStrictEqual(
            [lines[0], lines[1], lines.at(-2)],
            [
                "c-emily (emily)",
                "  CHECK                 STATUS  DETAIL",
                "stack test: 2 user(s), 27 ok, 1 warning(s), 0 failed, 0 skipped",
            ],
        );
    });

    it("prints JSON with --json, and exits 1 on a failed check", async () => {
        const broken = path.join(dir, "broken.json");
        const gone = { ...deployed.users.deployer, accessKeyIds: { main: "AKIAEXAMPLEGONE00000" } };
        fs.writeFileSync(broken, JSON.stringify({ ...deployed, users: { ...deployed.users, deployer: gone } }));
        const result = await run("test", "--from", broken, "--json");
        assert.strictEqual(result.code, 1);
        const report = JSON.parse(result.stdout) as VerifyReport;
        assert.strictEqual(report.ok, false);
        assert.deepStrictEqual(
            report.users[1].checks.filter((c) => c.status === "fail"),
            [
                { check: "access key main", status: "fail", detail: "AKIAEXAMPLEGONE00000 does not exist" },
                {
                    check: "access keys",
                    status: "fail",
                    detail: `not in the stack (drift): ${deployed.users.deployer.accessKeyIds.main}`,
                },
            ],
        );
    });

    it("follows --config, and the endpoints a stack file sets", async () => {
        const other = path.join(dir, "Pulumi.other.yaml");
        fs.writeFileSync(
            other,
            stackYaml("c-").replace(
                "config:\n",
                `config:\n  aws:endpoints:\n    - iam: ${moto!.endpoint}\n      sts: ${moto!.endpoint}\n`,
            ),
        );
        const savedUrl = process.env.AWS_ENDPOINT_URL;
        process.env.AWS_ENDPOINT_URL = "http://127.0.0.1:9";
        try {
            const result = await run("--config", other, "--from", from);
            assert.strictEqual(result.code, 0, result.stderr);
        } finally {
            process.env.AWS_ENDPOINT_URL = savedUrl;
        }
    });

    it("stops on a stack configuration with errors", async () => {
        const bad = path.join(dir, "Pulumi.bad.yaml");
        fs.writeFileSync(bad, "config:\n  iam-users:users:\n    emily:\n      grups: []\n");
        const result = await run("bad", "--from", from);
        assert.strictEqual(result.code, 1);
        assert.match(
            result.stderr,
            /^verify: the stack configuration has errors:\nPulumi\.bad\.yaml:4:7: iam-users:users\.emily\.grups: /,
        );
        assert.strictEqual(result.stdout, "");
    });

    it("needs no stack name with --config and --from", async () => {
        const file = path.join(dir, "any-name.yaml");
        fs.writeFileSync(file, stackYaml("c-"));
        const result = await run("--config", file, "--from", from);
        assert.strictEqual(result.stderr, "");
        assert.strictEqual(result.code, 0);
        assert.match(result.stdout, /\nstack any-name: 2 user\(s\), 27 ok, 1 warning\(s\), 0 failed, 0 skipped\n$/);
    });

    const usage: [string, string[], string][] = [
        ["no stack", [], "name one stack (dev, prod, ...) or --config <file>"],
        ["an unknown option", ["test", "--fast"], "unknown option --fast"],
    ];
    for (const [name, argv, message] of usage) {
        it(`exits 2 on a usage error: ${name}`, async () => {
            assert.deepStrictEqual(await run(...argv), {
                code: 2,
                stdout: "",
                stderr: `${message}\n${USAGE}\n`,
            });
        });
    }

    it("prints the usage on --help and -h, and exits 0", async () => {
        for (const flag of ["--help", "-h"]) {
            assert.deepStrictEqual(await run(flag), { code: 0, stdout: `${USAGE}\n`, stderr: "" });
        }
    });
});
