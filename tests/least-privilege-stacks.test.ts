import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { main } from "../cli/check";
import { serviceActions } from "../least-privilege/action-catalog";
import { runCli, tempDir } from "./support/cli";

const projectDir = path.join(__dirname, "..");

async function check(...argv: string[]): Promise<{ code: number; lines: string[] }> {
    const { code, stdout } = await runCli(main, argv, projectDir);
    return { code, lines: stdout.replace(/\n$/, "").split("\n") };
}

describe("least-privilege: the project's own stacks", () => {
    const stacks = fs.readdirSync(projectDir).filter((f) => /^Pulumi\..+\.yaml$/.test(f));

    it("has the dev and prod stacks, each with expectations that mirror its runbooks", () => {
        for (const file of ["Pulumi.dev.yaml", "Pulumi.prod.yaml"]) {
            assert.ok(stacks.includes(file), file);
            assert.match(fs.readFileSync(path.join(projectDir, file), "utf8"), /^ {2}iam-users:expectations:$/m, file);
        }
    });

    for (const file of stacks) {
        it(`check --strict passes on ${file}`, async () => {
            const { code, lines } = await check("--config", path.join(projectDir, file), "--strict");
            // Notes (waivers, CIS 1.11) are printed but never fail.
            const notNotes = lines.slice(0, -1).filter((l) => !/^\S+: \S+: note\[/.test(l));
            assert.deepStrictEqual({ code, lines: notNotes }, { code: 0, lines: [] });
            assert.match(lines[lines.length - 1], /^OK: .*, 0 errors, 0 warnings \(strict\)$/);
        });
    }
});

describe("least-privilege: check on a stack with findings", () => {
    let dir: string;
    before(() => {
        dir = tempDir("least-privilege");
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: iam-users\nruntime: nodejs\nmain: stacks/index.ts\n");
        fs.mkdirSync(path.join(dir, "policies"));
        fs.writeFileSync(
            path.join(dir, "policies", "deploy.json"),
            JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                    { Sid: "Deploy", Effect: "Allow", Action: ["s3:PutObject", "iam:PassRole"], Resource: "*" },
                ],
            }),
        );
        fs.writeFileSync(
            path.join(dir, "Pulumi.test.yaml"),
            [
                "config:",
                "  iam-users:passwordPolicy:",
                "    {minimumLength: 14, requireSymbols: true, requireNumbers: true, requireUppercase: true, requireLowercase: true, maxAgeDays: 90, reusePrevention: 24}",
                "  iam-users:users:",
                "    ci:",
                "      policyFiles: [policies/deploy.json]",
                "  iam-users:allowWarnings:",
                "    policies/deploy.json: [pass-role-any]",
                "  iam-users:expectations:",
                "    ci:",
                "      denied:",
                '        - {action: s3:PutObject, resource: "arn:aws:s3:::prod-data/x"}',
                "",
            ].join("\n"),
        );
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("prints warnings and failed expectations, and fails", async () => {
        const { code, lines } = await check("--config", path.join(dir, "Pulumi.test.yaml"));
        assert.deepStrictEqual(
            { code, lines },
            {
                code: 1,
                lines: [
                    'policies/deploy.json:1:38: Statement[0] (Sid "Deploy"): warning[write-any-resource]: allows write actions on every resource although their services can scope them to resources: s3:PutObject',
                    '  hint: name the resources (ARNs, with wildcards where needed) instead of "*"',
                    "Pulumi.test.yaml:6:7: iam-users:users.ci.policyFiles: warning[IAM.2]: IAM.2 / CIS 1.15: ci has policies attached directly (policyFiles); permissions should come only from groups",
                    "  hint: attach them to a group and add ci to it",
                    'Pulumi.test.yaml:12:11: iam-users:expectations.ci.denied[0]: ci: expected denied, got Allowed for s3:PutObject on arn:aws:s3:::prod-data/x: allowed by policies/deploy.json Statement[0] (Sid "Deploy")',
                    "FAILED: 1 user, 0 groups, 1 error, 2 warnings",
                ],
            },
        );
    });

    it("--explain prints what the user may do", async () => {
        const { lines } = await check("--config", path.join(dir, "Pulumi.test.yaml"), "--explain", "ci");
        assert.deepStrictEqual(lines.slice(-8, -2), [
            "ci in Pulumi.test.yaml: allowed actions per service (with MFA; an action counts when an Allow names it for some resource)",
            "service  allowed",
            `iam      1 of ${serviceActions("iam").length}`,
            `s3       1 of ${serviceActions("s3").length}`,
            "full access: no service",
            "total: 2 actions in 2 services",
        ]);
    });

    it("--explain of a user not in the stack fails with a suggestion", async () => {
        const { code, lines } = await check("--config", path.join(dir, "Pulumi.test.yaml"), "--explain", "cj");
        assert.strictEqual(code, 1);
        assert.strictEqual(lines[lines.length - 2], 'Pulumi.test.yaml: no user "cj" (did you mean "ci"?)');
    });
});

describe("least-privilege: where the check tooling may be loaded", () => {
    const sources = (dir: string): string[] =>
        fs
            .readdirSync(path.join(projectDir, dir), { recursive: true, encoding: "utf8" })
            .filter((f) => f.endsWith(".ts"))
            .map((f) => path.join(dir, f));

    // The program refuses unknown managed policy names itself (least-privilege/names, MIT catalogs only).
    it("the components and the program never import the AGPL simulator or the analysis", () => {
        const offenders = [...sources("components"), ...sources("stacks"), "index.ts"].filter((f) =>
            /from "[^"]*(iam-simulate|least-privilege(?!\/names"))[^"]*"|require\("[^"]*(iam-simulate|least-privilege)/.test(
                fs.readFileSync(path.join(projectDir, f), "utf8"),
            ),
        );
        assert.deepStrictEqual(offenders, []);
    });

    it("the names check the program runs loads neither the simulator nor any @pulumi package", () => {
        const script = [
            'require("ts-node/register/transpile-only");',
            'require("./least-privilege/names");',
            "const loaded = Object.keys(require.cache).filter((m) => /node_modules\\/(@pulumi|@cloud-copilot\\/iam-simulate)\\//.test(m));",
            "console.log(JSON.stringify(loaded));",
        ].join("\n");
        const child = spawnSync(process.execPath, ["-e", script], {
            cwd: projectDir,
            encoding: "utf8",
            timeout: 60_000,
        });
        assert.deepStrictEqual(JSON.parse(child.stdout), []);
    });

    it("check with the analysis loads neither @pulumi/pulumi nor @pulumi/aws", () => {
        const script = [
            'require("ts-node/register/transpile-only");',
            "const io = { cwd: process.cwd(), env: process.env, stdout: () => undefined, stderr: () => undefined };",
            'require("./cli/check").main(["dev", "--explain", "emily"], io).then((code) => {',
            '    const pulumi = Object.keys(require.cache).filter((m) => m.includes("node_modules/@pulumi/"));',
            "    console.log(JSON.stringify({ code, pulumi }));",
            "});",
        ].join("\n");
        const child = spawnSync(process.execPath, ["-e", script], {
            cwd: projectDir,
            encoding: "utf8",
            timeout: 60_000,
        });
        assert.deepStrictEqual(JSON.parse(child.stdout), { code: 0, pulumi: [] });
    });
});
