import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { findProjectDir, formatProblem, isError, loadStack, stackConfigPath } from "../stacks/config";
import { hasPulumiCli, LOCAL_BACKEND_DIR, pulumiMissingMessage, PulumiCliError, runPulumi } from "./pulumi";
import { parseArgs, UsageError } from "./args";

const USAGE = "usage: npm run deploy -- <stack> [--yes]";

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
 * `pulumi up` on one stack, after the offline check. With no backend configured it uses a local
 * file backend inside the project (`.pulumi-state/`, ignored by git) and says so.
 */
export function main(
    argv: readonly string[],
    env: NodeJS.ProcessEnv = process.env,
    print: (line: string) => void = console.log,
): number {
    let stack: string;
    let yes: boolean;
    try {
        const { positionals, options } = parseArgs(argv, { values: [], booleans: ["yes"] });
        if (positionals.length !== 1) {
            throw new UsageError("name one stack (dev, prod, ...)");
        }
        [stack] = positionals;
        yes = options.yes === true;
    } catch (e) {
        if (e instanceof UsageError) {
            print(`${e.message}\n${USAGE}`);
            return 2;
        }
        throw e;
    }
    const projectDir = findProjectDir(process.cwd());
    if (!projectDir) {
        print("no Pulumi.yaml in this folder or above it; run npm run deploy from the project");
        return 2;
    }
    if (!hasPulumiCli(env)) {
        print(
            `${pulumiMissingMessage(`deploying ${stack}`)}.\n\`npm run check -- ${stack}\` validates the stack without it.`,
        );
        return 1;
    }
    if (!hasAwsCredentials(env)) {
        print(
            "No AWS credentials found: set AWS_PROFILE (after `aws configure` or `aws sso login`), or\n" +
                "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, for the account of stack " +
                stack +
                ".",
        );
        return 1;
    }

    const { problems } = loadStack(stackConfigPath(projectDir, stack));
    problems.forEach((p) => print(formatProblem(p)));
    if (problems.some(isError)) {
        print(`Pulumi.${stack}.yaml has errors; nothing was deployed.`);
        return 1;
    }

    const pulumi = (args: string[], extra: NodeJS.ProcessEnv, inheritOutput: boolean) =>
        runPulumi(args, { cwd: projectDir, baseEnv: env, env: extra, inheritOutput });
    const deployEnv: NodeJS.ProcessEnv = { PULUMI_NODEJS_TRANSPILE_ONLY: "true" };
    if (!env.PULUMI_BACKEND_URL && !loggedIn(() => pulumi(["whoami"], {}, false))) {
        const stateDir = path.join(projectDir, LOCAL_BACKEND_DIR);
        fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
        deployEnv.PULUMI_BACKEND_URL = `file://${stateDir}`;
        print(`No Pulumi backend is configured: using the local file backend ${stateDir} (ignored by git).`);
        if (!env.PULUMI_CONFIG_PASSPHRASE && !env.PULUMI_CONFIG_PASSPHRASE_FILE) {
            print(
                "The local backend encrypts secrets with a passphrase: set PULUMI_CONFIG_PASSPHRASE or\n" +
                    "PULUMI_CONFIG_PASSPHRASE_FILE, and keep it; the passwords and keys in state need it.",
            );
            return 1;
        }
    }
    try {
        pulumi(["stack", "select", "--create", stack], deployEnv, true);
        pulumi(["up", "--stack", stack, ...(yes ? ["--yes"] : [])], deployEnv, true);
    } catch (e) {
        if (e instanceof PulumiCliError) {
            print(e.message);
            return 1;
        }
        throw e;
    }
    print(
        `Deployed ${stack}. Read the credentials with: pulumi stack output passwords --show-secrets --stack ${stack}`,
    );
    return 0;
}

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
    process.exitCode = main(process.argv.slice(2));
}
