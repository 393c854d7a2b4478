import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { main, USAGE } from "../cli/credentials";
import { writeFilesSafely } from "../credentials/safe-write";
import { fakePulumi, runCli, tempDir } from "./support/cli";
import { sampleOutputs } from "./support/outputs";

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe("credentials: safe writing", () => {
    let dir: string;
    beforeEach(() => (dir = tempDir("write")));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("creates files 0600 in folders 0700", () => {
        const file = path.join(dir, "new", "a.csv");
        writeFilesSafely([{ path: file, content: "x" }]);
        assert.strictEqual(fs.readFileSync(file, "utf8"), "x");
        assert.strictEqual(mode(file), 0o600);
        assert.strictEqual(mode(path.dirname(file)), 0o700);
        assert.deepStrictEqual(fs.readdirSync(path.dirname(file)), ["a.csv"]);
    });

    it("writes nothing when one file exists, and replaces it with force", () => {
        const fresh = path.join(dir, "fresh.csv");
        const old = path.join(dir, "old.csv");
        fs.writeFileSync(old, "old");
        const files = [
            { path: fresh, content: "new" },
            { path: old, content: "new" },
        ];
        assert.throws(() => writeFilesSafely(files), {
            message: `nothing was written:\n  ${old} exists: pass --force to replace it`,
        });
        assert.deepStrictEqual(fs.readdirSync(dir), ["old.csv"]);
        assert.strictEqual(fs.readFileSync(old, "utf8"), "old");
        writeFilesSafely(files, { force: true });
        assert.strictEqual(fs.readFileSync(old, "utf8"), "new");
        assert.strictEqual(mode(old), 0o600);
    });

    it("refuses a path in a git work tree that git does not ignore, and takes an ignored one", () => {
        execFileSync("git", ["init", "-q", dir]);
        fs.writeFileSync(path.join(dir, ".gitignore"), "/credentials/*/\n");
        const exposed = path.join(dir, "credentials", "x_credentials.csv");
        assert.throws(() => writeFilesSafely([{ path: exposed, content: "x" }]), {
            message:
                `nothing was written:\n  refusing to write ${exposed}: it is inside the git work tree ` +
                `${fs.realpathSync(dir)} and git does not ignore it; choose --out-dir outside it or an ignored one`,
        });
        assert.strictEqual(fs.existsSync(path.dirname(exposed)), false);
        const ignored = path.join(dir, "credentials", "dev", "x_credentials.csv");
        writeFilesSafely([{ path: ignored, content: "x" }]);
        assert.strictEqual(fs.readFileSync(ignored, "utf8"), "x");
    });
});

/** The project the command runs in: it writes nothing there unless asked. */
const PROJECT_FILES = ["Pulumi.dev.yaml", "Pulumi.sandbox.yaml", "Pulumi.yaml"];

describe("credentials: the command", () => {
    let dir: string;
    let project: string;
    let from: string;
    beforeEach(() => {
        dir = tempDir("cli");
        project = path.join(dir, "project");
        fs.mkdirSync(project);
        for (const file of PROJECT_FILES) {
            fs.writeFileSync(path.join(project, file), file === "Pulumi.yaml" ? "name: iam-users\n" : "config: {}\n");
        }
        from = path.join(dir, "outputs.json");
        fs.writeFileSync(from, JSON.stringify(sampleOutputs()));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
    const run = (...argv: string[]) => runCli(main, argv, project);
    const runWith = (env: NodeJS.ProcessEnv, ...argv: string[]) => runCli(main, argv, project, env);

    it("writes one csv per user into credentials/<stack>/ by default", async () => {
        const result = await run("dev", "--from", from);
        const out = path.join(project, "credentials", "dev");
        assert.deepStrictEqual(result, {
            code: 0,
            stdout: "",
            stderr: ["dev-Emily", "dev-terraform", "dev-reader"]
                .map((u) => `wrote ${out}/${u}_credentials.csv\n`)
                .join(""),
        });
        assert.deepStrictEqual(fs.readdirSync(out).sort(), [
            "dev-Emily_credentials.csv",
            "dev-reader_credentials.csv",
            "dev-terraform_credentials.csv",
        ]);
        assert.strictEqual(mode(path.join(out, "dev-Emily_credentials.csv")), 0o600);
    });

    it("does not overwrite without --force", async () => {
        assert.strictEqual((await run("dev", "--from", from, "--user", "terraform")).code, 0);
        const again = await run("dev", "--from", from, "--user", "terraform");
        const file = path.join(project, "credentials", "dev", "dev-terraform_credentials.csv");
        assert.deepStrictEqual(again, {
            code: 1,
            stdout: "",
            stderr: `credentials: nothing was written:\n  ${file} exists: pass --force to replace it\n`,
        });
        assert.strictEqual((await run("dev", "--from", from, "--user", "terraform", "--force")).code, 0);
    });

    it("prints export lines for --format env and writes nothing", async () => {
        const result = await run("dev", "--from", from, "--format", "env", "--user", "terraform");
        assert.deepStrictEqual(result, {
            code: 0,
            stdout:
                "# dev-terraform, access key main\nexport AWS_ACCESS_KEY_ID='AKIAJ7EXAMPLE7TFKEY1'\n" +
                "export AWS_SECRET_ACCESS_KEY='tfEXAMPLEsecretEXAMPLEsecretEXAMPLEKEY'\n",
            stderr: "",
        });
        assert.deepStrictEqual(fs.readdirSync(project).sort(), PROJECT_FILES);
    });

    it("appends profiles to <out-dir>/credentials with --format aws-profile", async () => {
        const result = await run("dev", "--from", from, "--format", "aws-profile", "--slot", "ci", "--out-dir", dir);
        const file = path.join(dir, "credentials");
        assert.deepStrictEqual(result, { code: 0, stdout: "", stderr: `profile [dev-Emily-ci] in ${file}\n` });
        assert.strictEqual(
            fs.readFileSync(file, "utf8"),
            "[dev-Emily-ci]\naws_access_key_id = AKIAI44QH8DHBEXAMPLE\naws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY\n",
        );
        assert.strictEqual(mode(file), 0o600);
    });

    const failures: { name: string; argv: string[]; outputs?: unknown; code: number; stderr: RegExp }[] = [
        {
            name: "outputs read without --show-secrets",
            argv: [],
            outputs: { ...sampleOutputs(), passwords: "[secret]", accessKeySecrets: "[secret]" },
            code: 1,
            stderr: /^credentials: the outputs hide their secrets \(passwords is "\[secret\]"\)/,
        },
        {
            name: "a user not in the outputs",
            argv: ["--user", "bob"],
            code: 1,
            stderr: /^credentials: no user "bob" in the stack outputs/,
        },
        {
            name: "an unknown format",
            argv: ["--format", "xml"],
            code: 2,
            stderr: /^unknown --format "xml"; use csv, aws-profile, env, smtp\nusage: npm run credentials /,
        },
        { name: "an unknown option", argv: ["--users", "bob"], code: 2, stderr: /^unknown option --users\nusage: / },
    ];
    for (const f of failures) {
        it(`exits ${f.code} with a clear message and writes nothing for ${f.name}`, async () => {
            if (f.outputs) {
                fs.writeFileSync(from, JSON.stringify(f.outputs));
            }
            const result = await run("dev", "--from", from, ...f.argv);
            assert.strictEqual(result.code, f.code);
            assert.match(result.stderr, f.stderr);
            assert.strictEqual(result.stdout, "");
            assert.deepStrictEqual(fs.readdirSync(project).sort(), PROJECT_FILES);
        });
    }

    it("asks the Pulumi CLI for the outputs with secrets when there is no --from", async () => {
        const bin = path.join(dir, "bin");
        const PATH = fakePulumi(bin, { stdout: JSON.stringify(sampleOutputs()) });
        const result = await runWith({ ...process.env, PATH }, "dev", "--format", "env", "--user", "terraform");
        assert.strictEqual(result.code, 0);
        assert.match(result.stdout, /^# dev-terraform, access key main\n/);
        assert.strictEqual(
            fs.readFileSync(path.join(bin, "args.log"), "utf8"),
            "stack output --json --show-secrets --stack dev\n",
        );
    });

    const cliFailures: { name: string; PATH: () => string; stderr: string }[] = [
        {
            name: "passes on the Pulumi CLI's error for a stack that does not exist",
            PATH: () =>
                fakePulumi(path.join(dir, "bin"), { stderr: "error: no stack named 'dev' found", exitCode: 255 }),
            stderr:
                "credentials: 'pulumi stack output --json --show-secrets --stack dev' failed (exit 255):\n" +
                "error: no stack named 'dev' found\n",
        },
        {
            name: "says clearly when the Pulumi CLI is missing",
            PATH: () => path.join(dir, "empty"),
            stderr:
                "credentials: the Pulumi CLI is not installed or not on PATH, and 'pulumi stack output' needs it: " +
                "install it (https://www.pulumi.com/docs/iac/download-install/) and run again\n",
        },
    ];
    for (const f of cliFailures) {
        it(f.name, async () => {
            assert.deepStrictEqual(await runWith({ ...process.env, PATH: f.PATH() }, "dev"), {
                code: 1,
                stdout: "",
                stderr: f.stderr,
            });
        });
    }

    it("uses the project's local backend when the stack's state is there", async () => {
        const bin = path.join(dir, "bin");
        const stacks = path.join(project, ".pulumi-state", ".pulumi", "stacks", "iam-users");
        fs.mkdirSync(stacks, { recursive: true });
        fs.writeFileSync(path.join(stacks, "sandbox.json"), "{}");
        const PATH = fakePulumi(bin, { stdout: JSON.stringify(sampleOutputs()) });
        const env = { PATH };
        await runWith(env, "sandbox", "--format", "env", "--user", "terraform");
        await runWith(env, "dev", "--format", "env", "--user", "terraform");
        assert.strictEqual(
            fs.readFileSync(path.join(bin, "env.log"), "utf8"),
            `PULUMI_BACKEND_URL=file://${project}/.pulumi-state PULUMI_CONFIG_PASSPHRASE=unset\n` +
                "PULUMI_BACKEND_URL= PULUMI_CONFIG_PASSPHRASE=unset\n",
        );
    });

    it("needs no stack name with --from and --out-dir, or --from and --format env", async () => {
        const out = path.join(dir, "out");
        assert.deepStrictEqual(await run("--from", from, "--out-dir", out, "--user", "terraform"), {
            code: 0,
            stdout: "",
            stderr: `wrote ${out}/dev-terraform_credentials.csv\n`,
        });
        assert.strictEqual((await run("--from", from, "--format", "env", "--user", "terraform")).code, 0);
    });

    it("takes the stack name from --config", async () => {
        const result = await run("--config", "Pulumi.dev.yaml", "--from", from, "--user", "terraform");
        assert.deepStrictEqual(result, {
            code: 0,
            stdout: "",
            stderr: `wrote ${project}/credentials/dev/dev-terraform_credentials.csv\n`,
        });
    });

    const usage: [string, string[], string][] = [
        [
            "no stack and no --from",
            [],
            "name the stack (dev, prod, ...) whose outputs to read, or give them with --from <file>",
        ],
        [
            "no stack for the default csv folder",
            ["--from", "outputs.json"],
            "name the stack (dev, prod, ...): csv files go to credentials/<stack>/ unless --out-dir says where",
        ],
        [
            "an unknown stack",
            ["staging"],
            `no stack "staging": no Pulumi.staging.yaml in ${"PROJECT"}; the stacks are dev, sandbox`,
        ],
        ["--from without a value", ["dev", "--from"], "--from needs a value"],
    ];
    for (const [name, argv, message] of usage) {
        it(`exits 2 on a usage error: ${name}`, async () => {
            assert.deepStrictEqual(await run(...argv), {
                code: 2,
                stdout: "",
                stderr: `${message.replace("PROJECT", project)}\n${USAGE}\n`,
            });
        });
    }

    it("prints the usage on --help and -h, and exits 0", async () => {
        for (const flag of ["--help", "-h"]) {
            assert.deepStrictEqual(await run(flag), { code: 0, stdout: `${USAGE}\n`, stderr: "" });
        }
    });
});
