/**
 * The policy-file loading stage (stacks/config/policy-files.ts): what it reads, what it refuses
 * to read, and the exact problem for each, at the first key path that names the file.
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as path from "path";
import { formatProblem } from "../stacks/config";
import { loadPolicyFiles, MAX_POLICY_FILE_BYTES } from "../stacks/config/policy-files";
import { tempDir } from "./support/cli";
import { line, testSource } from "./support/validate-table";

const TEXT = '{"Version":"2012-10-17","Statement":[]}';

describe("policy file loading", () => {
    let root: string;
    let projectDir: string;
    let server: net.Server;

    before(async () => {
        root = tempDir("policy-files");
        projectDir = path.join(root, "project");
        const policies = path.join(projectDir, "policies");
        fs.mkdirSync(path.join(policies, "folder.json"), { recursive: true });
        fs.writeFileSync(path.join(projectDir, "Pulumi.yaml"), "name: fake-project\n");
        fs.writeFileSync(path.join(policies, "ok.json"), TEXT);
        fs.writeFileSync(path.join(policies, "big.json"), " ".repeat(MAX_POLICY_FILE_BYTES + 1));
        fs.writeFileSync(path.join(root, "outside.json"), TEXT);
        fs.symlinkSync(path.join(root, "outside.json"), path.join(policies, "escape.json"));
        fs.symlinkSync("ok.json", path.join(policies, "alias.json"));
        fs.symlinkSync("/dev/zero", path.join(policies, "zero.json"));
        execFileSync("mkfifo", [path.join(policies, "fifo.json")]);
        server = net.createServer();
        await new Promise<void>((resolve) => server.listen(path.join(policies, "socket.json"), resolve));
    });
    after(() => {
        server.close();
        fs.rmSync(root, { recursive: true, force: true });
    });

    const load = (refs: string[]) => loadPolicyFiles(testSource(projectDir, { users: { bob: { policyFiles: refs } } }));
    const at = (i: number) => `users.bob.policyFiles[${i}]`;

    const rows: [string, string, string, string?][] = [
        ["policies/folder.json", "a directory", 'policy file "policies/folder.json" is a directory, not a file'],
        ["policies/zero.json", "a symlink to /dev/zero", 'policy file "policies/zero.json" is a device, not a file'],
        ["policies/fifo.json", "a FIFO", 'policy file "policies/fifo.json" is a FIFO, not a file'],
        ["policies/socket.json", "a socket", 'policy file "policies/socket.json" is a socket, not a file'],
        [
            "policies/big.json",
            "a file over the size cap",
            'policy file "policies/big.json" is 1,048,577 bytes; policy files are read up to 1,048,576',
            "IAM allows 6,144 characters in a managed policy",
        ],
        [
            "../outside.json",
            "a path outside the project",
            'policy file "../outside.json" is outside the project folder',
            "keep policies in policies/",
        ],
    ];
    for (const [ref, what, message, hint] of rows) {
        it(`refuses ${what}, without reading it`, () => {
            const { texts, problems } = load([ref]);
            assert.deepStrictEqual(problems.map(formatProblem), [line(at(0), message, hint)]);
            assert.strictEqual(texts.size, 0);
        });
    }

    it("refuses a symlink that resolves outside the project, by its real path", () => {
        const { problems } = load(["policies/escape.json"]);
        assert.deepStrictEqual(problems.map(formatProblem), [
            line(
                at(0),
                `policy file "policies/escape.json" resolves to ${fs.realpathSync(path.join(root, "outside.json"))}, outside the project folder`,
                "keep policies in policies/, and a symlink pointing inside the project",
            ),
        ]);
    });

    it("names the folder a missing path was resolved against", () => {
        assert.deepStrictEqual(load(["policies/no-such-fake-policy.json"]).problems.map(formatProblem), [
            line(
                at(0),
                `policy file "policies/no-such-fake-policy.json" does not exist in ${projectDir} (paths are relative to the folder holding Pulumi.yaml)`,
            ),
        ]);
    });

    it("reads a file and a symlink inside the project once each, by project-relative path", () => {
        const { texts, problems } = load(["policies/ok.json", "./policies/ok.json", "policies/alias.json"]);
        assert.deepStrictEqual(problems, []);
        assert.deepStrictEqual(
            [...texts],
            [
                ["policies/ok.json", TEXT],
                ["policies/alias.json", TEXT],
            ],
        );
    });

    it("reports a file once, at the first key path naming it: groups, then users", () => {
        const { problems } = loadPolicyFiles(
            testSource(projectDir, {
                groups: { Ops: { policyFiles: ["policies/no-such-fake-policy.json"] } },
                users: { bob: { inlinePolicyFiles: ["policies/no-such-fake-policy.json"] } },
            }),
        );
        assert.deepStrictEqual(
            problems.map((p) => p.keyPath),
            ["iam-users:groups.Ops.policyFiles[0]"],
        );
    });
});
