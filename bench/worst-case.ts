/**
 * How long `check` takes on the worst inputs we know of (issue 9, §3), each in a project of its
 * own and run in this process: every input under 1 MB must finish in under 3 s. Prints one line per
 * case and exits 1 when a case misses. Run with `npm run bench:worst-case`.
 *
 * A case is a project's files besides `Pulumi.yaml`; the stack file is `Pulumi.w.yaml`. Add new
 * worst cases (YAML, stack files, file reading) to `CASES`.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../cli/check";
import { captureIo } from "../tests/support/cli";

/** One hostile input. */
interface WorstCase {
    readonly name: string;
    /** The project's files by path, `Pulumi.w.yaml` among them. */
    readonly files: () => Record<string, string | Buffer>;
}

const STACK_FILE = "Pulumi.w.yaml";
const BUDGET_MS = 3000;
const ONE_MB = 1_000_000;

/** A stack whose one user attaches `policies/p.json`, and that file. */
const withPolicy = (policy: string): Record<string, string> => ({
    [STACK_FILE]: "config:\n  iam-users:users:\n    emily:\n      policyFiles: [policies/p.json]\n",
    "policies/p.json": policy,
});

const statement = (i: number) => ({
    Sid: `S${i}`,
    Effect: "Allow",
    Action: ["s3:GetObject", "s3:PutObject"],
    Resource: `arn:aws:s3:::fake-bucket-${i}/*`,
});

/** A document of as many statements as fit in `bytes`. */
function policyOf(bytes: number): string {
    const text = (count: number): string =>
        JSON.stringify(
            { Version: "2012-10-17", Statement: Array.from({ length: count }, (_, i) => statement(i)) },
            null,
            2,
        );
    const perStatement = text(101).length - text(100).length;
    let count = Math.floor(bytes / perStatement);
    while (text(count).length > bytes) count--;
    return text(count);
}

const CASES: WorstCase[] = [
    {
        name: "ten-wildcard action (names and lint)",
        files: () =>
            withPolicy(
                JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Action: ["s3:*?*?*?*?*?*?*?*?*?*?Z", "ec2:*?*?*?*?*?*?*?*?*?*?Z"],
                            Resource: "*",
                        },
                    ],
                }),
            ),
    },
    {
        name: "100,000 nested brackets in a policy",
        files: () => withPolicy("[".repeat(100_000) + "]".repeat(100_000)),
    },
    {
        name: "1 MB policy of many statements",
        files: () => withPolicy(policyOf(ONE_MB - 1000)),
    },
    {
        name: "one key 60,000 times in a policy",
        files: () =>
            withPolicy(
                `{"Version": "2012-10-17", "Statement": {${'"Sid": "Fake",\n'.repeat(60_000)}"Effect": "Allow"}}`,
            ),
    },
    {
        name: "35,000 keys twice each in a policy",
        files: () => {
            const members = Array.from({ length: 35_000 }, (_, i) => `"k${i}": 1,\n"k${i}": 2`).join(",\n");
            return withPolicy(`{"Version": "2012-10-17", "Statement": [], ${members}}`);
        },
    },
];

async function run(): Promise<void> {
    let missed = 0;
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "iam-users-bench-worst-"));
    try {
        // The first check reads the catalogs; that cost belongs to no case.
        const warm = path.join(root, "warm-up");
        fs.mkdirSync(warm);
        fs.writeFileSync(path.join(warm, "Pulumi.yaml"), "name: iam-users\n");
        fs.writeFileSync(path.join(warm, STACK_FILE), "config:\n  iam-users:users:\n    emily: {}\n");
        await main(["--config", path.join(warm, STACK_FILE)], captureIo(warm));

        for (const [index, c] of CASES.entries()) {
            const dir = path.join(root, String(index));
            const files = c.files();
            fs.mkdirSync(path.join(dir, "policies"), { recursive: true });
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: iam-users\n");
            let bytes = 0;
            for (const [file, content] of Object.entries(files)) {
                fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
                fs.writeFileSync(path.join(dir, file), content);
                bytes += Buffer.byteLength(content);
            }
            const io = captureIo(dir);
            const started = process.hrtime.bigint();
            const code = await main(["--config", path.join(dir, STACK_FILE)], io);
            const lines = io.out.split("\n").length - 1;
            const ms = Number(process.hrtime.bigint() - started) / 1e6;
            const over = bytes < ONE_MB && ms >= BUDGET_MS;
            if (over) missed++;
            console.log(
                `${c.name.padEnd(40)} ${`${(bytes / 1000).toFixed(0)} kB`.padStart(8)} ${`${ms.toFixed(0)} ms`.padStart(9)}` +
                    `  exit ${code}, ${lines} lines${over ? "  OVER BUDGET" : ""}`,
            );
        }
    } finally {
        fs.rmSync(root, { recursive: true, force: true });
    }
    console.log(
        `budget: every input under 1 MB in under ${BUDGET_MS / 1000} s: ${missed === 0 ? "met" : `NOT met (${missed})`}; ` +
            `load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`,
    );
    if (missed > 0) process.exitCode = 1;
}

run().catch((e) => {
    console.error(e);
    process.exitCode = 1;
});
