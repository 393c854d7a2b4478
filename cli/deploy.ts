import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stackConfigPath } from "../stacks/config";
import { STACK_FILE_ENV } from "../stacks/stack-file-env";
import { command, EXIT_FINDINGS, EXIT_OK, start, UsageError } from "./harness";
import { hasPulumiCli, LOCAL_BACKEND_DIR, pulumiMissingMessage, PulumiCliError, runPulumi } from "./pulumi";
import { runCheck } from "./run-check";
import { requireStackFile, STACK_OPTIONS } from "./stack-file";

/** What `--help` prints, and a usage error after its message. */
export const USAGE = [
    "usage: npm run deploy -- <stack> | --config <file> [--stack <stack>] [--strict] [--yes]",
    "  <stack>            the stack to deploy, from Pulumi.<stack>.yaml in the project folder",
    "  --config <file>    the stack file, of any name (passed to pulumi up as --config-file)",
    "  --stack <stack>    the stack name, for a file not named Pulumi.<stack>.yaml",
    "  --strict           warnings stop the deploy too (as iam-users:strict: true does)",
    "  --yes              pulumi up without asking",
    "runs the whole check first and stops on its findings, before any Pulumi command",
    "exit: 0 deployed, 1 check findings or a failed deploy, 2 usage error",
].join("\n");

/** Where the standard AWS credential chain could find credentials, without calling AWS. */
function hasAwsCredentials(env: NodeJS.ProcessEnv): boolean {
    const home = env.HOME ?? os.homedir();
    return (
        Boolean(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) ||
        Boolean(env.AWS_PROFILE || env.AWS_WEB_IDENTITY_TOKEN_FILE || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) ||
        Boolean(env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI) ||
        fs.existsSync(env.AWS_SHARED_CREDENTIALS_FILE ?? path.join(home, ".aws", "credentials")) ||
        fs.existsSync(env.AWS_CONFIG_FILE ?? path.join(home, ".aws", "config"))
    );
}

/**
 * `pulumi up` on one stack, after the whole offline check. With no backend configured it uses a
 * local file backend inside the project (`.pulumi-state/`, ignored by git) and says so.
 */
export const main = command({
    usage: USAGE,
    options: { ...STACK_OPTIONS, strict: { type: "boolean" }, yes: { type: "boolean" } },
    async run({ positionals, values }, io) {
        const file = requireStackFile(positionals, values, io);
        const stack = file.stack;
        if (stack === undefined) {
            throw new UsageError(
                `name the stack to deploy with --stack: ${file.configPath} is not named Pulumi.<stack>.yaml`,
            );
        }
        const check = await runCheck(file.configPath, { stack, strict: values.strict });
        io.stdout(check.lines.join("\n"));
        if (check.failed) {
            io.stdout("Nothing was deployed.");
            return EXIT_FINDINGS;
        }
        const env = io.env;
        if (!hasPulumiCli(env)) {
            io.stdout(
                `${pulumiMissingMessage(`deploying ${stack}`)}.\n\`npm run check -- ${stack}\` validates the stack without it.`,
            );
            return EXIT_FINDINGS;
        }
        if (!hasAwsCredentials(env)) {
            io.stdout(
                "No AWS credentials found: set AWS_PROFILE (after `aws configure` or `aws sso login`), or\n" +
                    "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, for the account of stack " +
                    stack +
                    ".",
            );
            return EXIT_FINDINGS;
        }

        const projectDir = file.projectDir;
        const pulumi = (args: string[], extra: NodeJS.ProcessEnv, inheritOutput: boolean) =>
            runPulumi(args, { cwd: projectDir, baseEnv: env, env: extra, inheritOutput });
        const deployEnv: NodeJS.ProcessEnv = { PULUMI_NODEJS_TRANSPILE_ONLY: "true" };
        const otherFile = file.configPath !== stackConfigPath(projectDir, stack);
        if (otherFile) {
            deployEnv[STACK_FILE_ENV] = file.configPath;
        }
        if (!env.PULUMI_BACKEND_URL && !loggedIn(() => pulumi(["whoami"], {}, false))) {
            const stateDir = path.join(projectDir, LOCAL_BACKEND_DIR);
            fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
            deployEnv.PULUMI_BACKEND_URL = `file://${stateDir}`;
            io.stdout(`No Pulumi backend is configured: using the local file backend ${stateDir} (ignored by git).`);
            if (!env.PULUMI_CONFIG_PASSPHRASE && !env.PULUMI_CONFIG_PASSPHRASE_FILE) {
                io.stdout(
                    "The local backend encrypts secrets with a passphrase: set PULUMI_CONFIG_PASSPHRASE or\n" +
                        "PULUMI_CONFIG_PASSPHRASE_FILE, and keep it; the passwords and keys in state need it.",
                );
                return EXIT_FINDINGS;
            }
        }
        try {
            pulumi(["stack", "select", "--create", stack], deployEnv, true);
            pulumi(
                [
                    "up",
                    "--stack",
                    stack,
                    ...(otherFile ? ["--config-file", file.configPath] : []),
                    ...(values.yes ? ["--yes"] : []),
                ],
                deployEnv,
                true,
            );
        } catch (e) {
            if (e instanceof PulumiCliError) {
                io.stdout(e.message);
                return EXIT_FINDINGS;
            }
            throw e;
        }
        io.stdout(
            `Deployed ${stack}. Read the credentials with: pulumi stack output passwords --show-secrets --stack ${stack}`,
        );
        return EXIT_OK;
    },
});

/** `pulumi whoami` fails when no backend is logged in to. */
function loggedIn(whoami: () => string): boolean {
    try {
        whoami();
        return true;
    } catch (e) {
        if (e instanceof PulumiCliError) {
            return false;
        }
        throw e;
    }
}

if (require.main === module) {
    start(main);
}
