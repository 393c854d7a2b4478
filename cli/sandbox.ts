/**
 * `npm run sandbox`: the whole flow without an AWS account. Starts a local moto
 * server if none answers on the endpoint `Pulumi.sandbox.yaml` names, deploys the sandbox stack
 * into it with the Pulumi CLI and a local file backend inside the project (`.pulumi-state/`), runs
 * `verify`, and writes the console's .csv files to `credentials/sandbox/`. Exit 0 when every verify
 * check passes, 1 otherwise.
 */
import * as fs from "fs";
import * as path from "path";
import { planDelivery } from "../credentials/deliver";
import { hasPulumiCli, LOCAL_BACKEND_DIR, outputsOf, pulumiMissingMessage, runPulumi } from "./pulumi";
import { writeFilesSafely } from "../credentials/safe-write";
import { findProjectDir, stackConfigPath } from "../stacks/config";
import { runCheck } from "./run-check";
import { awsSettings } from "../verify/aws-settings";
import { verifyStack } from "../verify/checks";
import { formatReport } from "../verify/report";
import { command, EXIT_FINDINGS, start, UsageError, type Io } from "./harness";
import { motoAnswers, startMotoProcess } from "./moto";

/** What `--help` prints, and a usage error after its message. */
export const USAGE = [
    "usage: npm run sandbox",
    "  deploys Pulumi.sandbox.yaml into a local moto server with the Pulumi CLI, verifies it, and",
    "  writes its credentials to credentials/sandbox/; it takes no arguments",
    "exit: 0 every verify check passed, 1 otherwise, 2 usage error",
].join("\n");

/** The stack the sandbox deploys. */
export const SANDBOX_STACK = "sandbox";

/** What a sandbox run ended with. */
export interface SandboxResult {
    readonly code: number;
    /** The PID of the moto server this run started and left running, if it started one. */
    readonly startedMotoPid?: number;
}

/** The loopback port of an `http://127.0.0.1:<port>` endpoint, or undefined for anything else. */
function loopbackPort(endpoint: string | undefined): number | undefined {
    const match = /^http:\/\/(127\.0\.0\.1|localhost):(\d+)\/?$/.exec(endpoint ?? "");
    return match ? Number(match[2]) : undefined;
}

/**
 * Runs the sandbox in the project folder of `io.cwd`. Every line for the person running it goes to
 * standard output; the Pulumi CLI prints its own progress on this terminal.
 */
export async function runSandbox(io: Io): Promise<SandboxResult> {
    const print = io.stdout;
    const projectDir = findProjectDir(io.cwd) ?? io.cwd;
    const configFile = stackConfigPath(projectDir, SANDBOX_STACK);
    // The sandbox deploys, so it runs the whole check first, as `deploy` does.
    const { model, failed, lines } = await runCheck(configFile, { stack: SANDBOX_STACK });
    if (failed || !model) {
        print(`sandbox: ${path.basename(configFile)} does not pass check; nothing was deployed:\n${lines.join("\n")}`);
        return { code: EXIT_FINDINGS };
    }
    // The file's endpoints and keys only: the user's AWS_* variables must never send this elsewhere.
    const settings = awsSettings(configFile, {});
    const port = loopbackPort(settings.endpoints.iam);
    if (port === undefined || settings.endpoints.sts !== settings.endpoints.iam) {
        print(
            `sandbox: ${path.basename(configFile)} must point aws:endpoints iam and sts at one http://127.0.0.1:<port>`,
        );
        return { code: EXIT_FINDINGS };
    }
    // Before starting anything: without the CLI nothing can be deployed.
    if (!hasPulumiCli(io.env)) {
        print(
            `sandbox: ${pulumiMissingMessage("deploying the sandbox")}.\n` +
                "Without it you can still run 'npm test' (moto-backed verify tests included) and 'npm run check -- sandbox'.",
        );
        return { code: EXIT_FINDINGS };
    }
    const endpoint = settings.endpoints.iam!;
    const state = path.join(projectDir, LOCAL_BACKEND_DIR);
    fs.mkdirSync(state, { recursive: true, mode: 0o700 });
    let startedMotoPid: number | undefined;
    if (await motoAnswers(endpoint)) {
        print(`sandbox: using the moto server already at ${endpoint}`);
    } else {
        const logFile = path.join(state, "moto.log");
        try {
            const child = await startMotoProcess({ port, detached: true, logFile });
            child.unref();
            startedMotoPid = child.pid;
            print(
                `sandbox: started moto at ${endpoint} (pid ${child.pid}, log ${logFile}); stop it with: kill ${child.pid}`,
            );
        } catch (e) {
            print(`sandbox: ${(e as Error).message}`);
            return { code: EXIT_FINDINGS };
        }
    }
    // The sandbox always uses the project's own file backend, whatever the user is logged in to, and
    // an empty passphrase unless one is set: its state holds moto's fake credentials only.
    const passphraseSet =
        io.env.PULUMI_CONFIG_PASSPHRASE !== undefined || io.env.PULUMI_CONFIG_PASSPHRASE_FILE !== undefined;
    const env = {
        PULUMI_BACKEND_URL: `file://${state}`,
        // As `npm run deploy`: the program is type-checked by `npm test`, not again on every deploy.
        PULUMI_NODEJS_TRANSPILE_ONLY: "true",
        ...(passphraseSet ? {} : { PULUMI_CONFIG_PASSPHRASE: "" }),
    };
    try {
        const options = { cwd: projectDir, baseEnv: io.env, env };
        runPulumi(["stack", "select", "--create", SANDBOX_STACK], options);
        // --refresh: a restarted moto has forgotten what the state remembers, and the refresh lets
        // `up` create it again instead of failing on missing users.
        runPulumi(["up", "--yes", "--skip-preview", "--refresh", "--stack", SANDBOX_STACK], {
            ...options,
            inheritOutput: true,
        });
        const outputs = outputsOf(undefined, SANDBOX_STACK, options);
        const report = await verifyStack(model, outputs, { settings });
        print(formatReport(report).trimEnd());
        // The sandbox makes new fake credentials on every deploy; its own files are replaced each run.
        const delivery = planDelivery(
            outputs,
            { stack: SANDBOX_STACK, format: "csv", selection: {}, projectDir, env: io.env },
            () => {
                throw new Error("the sandbox stack has no pgpKey");
            },
        );
        writeFilesSafely(delivery.files, { force: true });
        delivery.notes.forEach(print);
        return { code: report.ok ? 0 : 1, startedMotoPid };
    } catch (e) {
        print(`sandbox: ${(e as Error).message}`);
        return { code: EXIT_FINDINGS, startedMotoPid };
    }
}

/** Runs `sandbox` with `argv` (without node and the script); resolves to the exit code. */
export const main = command({
    usage: USAGE,
    options: {},
    async run({ positionals }, io) {
        if (positionals.length > 0) {
            throw new UsageError(`the sandbox takes no arguments (it always deploys stack ${SANDBOX_STACK})`);
        }
        return (await runSandbox(io)).code;
    },
});

if (require.main === module) {
    start(main);
}
