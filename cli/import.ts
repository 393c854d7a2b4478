/**
 * `npm run import`: reads the account through the snapshot and writes `DIR/Pulumi.<stack>.yaml` with its policy
 * files under `DIR/policies/<stack>/`, and the import ids the first `pulumi up` adopts everything
 * with. Prints one line per thing it cannot model. Exit 0 when written, 1 when it refused or the
 * account could not be read, 2 on a usage error.
 */
import * as fs from "fs";
import * as path from "path";
import { writeStack } from "../adopt/stack-writer";
import { findProjectDir, stackConfigPath } from "../stacks/config";
import { awsSettings } from "../verify/aws-settings";
import { readAccount } from "../verify/snapshot";
import { awsFailure } from "./aws-failure";
import { command, EXIT_FINDINGS, EXIT_OK, start, UsageError } from "./harness";

/** From this many users on, a progress line every this many. */
const PROGRESS_EVERY = 100;

/**
 * Moves every file into place from a temporary folder next to them, so a failure leaves the old
 * files or the new ones, never a mix of half-written ones. The stack's policy folder is replaced
 * whole, so a policy the account no longer holds leaves no stale file behind.
 */
function writeAll(dir: string, stack: string, files: ReadonlyMap<string, string>): void {
    const temp = fs.mkdtempSync(path.join(dir, `.import-${stack}-`));
    try {
        for (const [file, text] of files) {
            fs.mkdirSync(path.dirname(path.join(temp, file)), { recursive: true });
            fs.writeFileSync(path.join(temp, file), text);
        }
        const policies = path.join("policies", stack);
        if (fs.existsSync(path.join(dir, policies))) {
            fs.renameSync(path.join(dir, policies), path.join(temp, "old-policies"));
        }
        if (fs.existsSync(path.join(temp, policies))) {
            fs.mkdirSync(path.join(dir, "policies"), { recursive: true });
            fs.renameSync(path.join(temp, policies), path.join(dir, policies));
        }
        fs.renameSync(path.join(temp, `Pulumi.${stack}.yaml`), path.join(dir, `Pulumi.${stack}.yaml`));
    } finally {
        fs.rmSync(temp, { recursive: true, force: true });
    }
}

/** What `--help` prints, and a usage error after its message. */
export const USAGE = [
    "usage: npm run import -- <stack> [--users a,b] [--path-prefix /x/] [--out-dir DIR] [--force]",
    "  <stack>              the stack to write: DIR/Pulumi.<stack>.yaml and DIR/policies/<stack>/",
    "  --users a,b          only these users (IAM user names)",
    "  --path-prefix /x/    only users whose IAM path starts with this",
    "  --out-dir DIR        where to write; defaults to the project folder",
    "  --force              overwrite an existing stack file and policy files",
    "exit: 0 written, 1 refused or the account could not be read, 2 usage error",
].join("\n");

/** Runs `import` with `argv` (without node and the script); resolves to the exit code. */
export const main = command({
    usage: USAGE,
    options: {
        users: { type: "string" },
        "path-prefix": { type: "string" },
        "out-dir": { type: "string" },
        force: { type: "boolean" },
    },
    async run({ positionals, values }, io) {
        if (positionals.length !== 1 || !/^[\w.-]+$/.test(positionals[0])) {
            throw new UsageError("name one stack (dev, prod, ...)");
        }
        const stack = positionals[0];
        const projectDir = findProjectDir(io.cwd) ?? io.cwd;
        const dir = path.resolve(io.cwd, values["out-dir"] ?? projectDir);
        const names = values.users === undefined ? undefined : new Set(values.users.split(",").filter(Boolean));
        const prefix = values["path-prefix"];
        // A stack file being replaced may name the account (profile, endpoints), as verify follows it.
        const settings = awsSettings(stackConfigPath(dir, stack), io.env);
        let account;
        try {
            account = await readAccount({
                settings,
                users: (name, userPath) =>
                    (names?.has(name) ?? true) && (prefix === undefined || userPath.startsWith(prefix)),
                unmodelled: true,
                progress: (done, total) => {
                    if (total >= PROGRESS_EVERY && (done % PROGRESS_EVERY === 0 || done === total)) {
                        io.stderr(`import: read ${done}/${total} users`);
                    }
                },
            });
        } catch (e) {
            io.stderr(awsFailure("import", e, "the account to import"));
            return EXIT_FINDINGS;
        }
        io.stdout(`read account ${account.accountId} in ${account.region}`);
        const missing = [...(names ?? [])].filter((n) => !account.users.some((u) => u.name === n));
        if (missing.length > 0) {
            io.stderr(`import: no such user(s) in the account: ${missing.join(", ")}`);
            return EXIT_FINDINGS;
        }
        const written = writeStack(account, stack, names === undefined && prefix === undefined);
        const existing = [...written.files.keys()].filter((file) => fs.existsSync(path.join(dir, file)));
        if (existing.length > 0 && values.force !== true) {
            for (const file of existing) {
                io.stderr(`import: ${file} exists; nothing was written (pass --force to overwrite)`);
            }
            return EXIT_FINDINGS;
        }
        for (const note of written.notes) {
            io.stdout(`not modelled: ${note}`);
        }
        writeAll(dir, stack, written.files);
        io.stdout(
            `wrote Pulumi.${stack}.yaml: ${account.users.length} user(s), ${written.files.size - 1} policy file(s)` +
                (written.notes.length ? `, ${written.notes.length} thing(s) not modelled (above)` : "") +
                `\nnext: npm run check -- ${stack}; npm run verify -- ${stack} --no-outputs`,
        );
        return EXIT_OK;
    },
});

if (require.main === module) {
    start(main);
}
