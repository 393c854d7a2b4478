/**
 * The moto server (a Python implementation of the AWS APIs) that the sandbox deploys into and the
 * tests verify against: started on loopback, waited for with a bound, stopped by its PID.
 */
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as http from "http";

/** How long a starting server may take to answer; loading it takes about 1.5 s on 2 cores. */
const READY_TIMEOUT_MS = 20_000;

/** What to say when moto cannot be started. */
export const MOTO_INSTALL_HINT = "moto is needed: pip install 'moto[server]'";

function get(url: string): Promise<number> {
    return new Promise((resolve, reject) => {
        const req = http.request(url, { method: "GET", timeout: 2_000 }, (res) => {
            res.resume();
            res.on("end", () => resolve(res.statusCode ?? 0));
        });
        req.on("timeout", () => req.destroy(new Error("timeout")));
        req.on("error", reject);
        req.end();
    });
}

/** Whether a moto server answers at `endpoint` (its own API, which no AWS endpoint has). */
export async function motoAnswers(endpoint: string): Promise<boolean> {
    try {
        return (await get(`${endpoint}/moto-api/`)) === 200;
    } catch {
        return false;
    }
}

/** Options of {@link startMotoProcess}. */
export interface MotoStart {
    readonly port: number;
    /** Keep running after this process ends (the sandbox); the tests stop theirs. Defaults to false. */
    readonly detached?: boolean;
    /** A file for the server's output (the sandbox's server outlives this process); defaults to a pipe. */
    readonly logFile?: string;
}

/** Stops a server started here: SIGTERM, then SIGKILL after 5 s. */
export function stopProcess(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) {
        return Promise.resolve();
    }
    return new Promise((resolve) => {
        const kill = setTimeout(() => child.kill("SIGKILL"), 5_000);
        child.once("exit", () => {
            clearTimeout(kill);
            resolve();
        });
        child.kill("SIGTERM");
    });
}

/**
 * Starts `python3 -m moto.server` on 127.0.0.1 with the AWS-managed policies loaded (moto loads
 * them only when asked), and resolves once it answers. Throws with {@link MOTO_INSTALL_HINT} and
 * the server's last output lines when it exits or does not answer in time; the process is stopped then.
 */
export async function startMotoProcess(options: MotoStart): Promise<ChildProcess> {
    const endpoint = `http://127.0.0.1:${options.port}`;
    const log = options.logFile === undefined ? undefined : fs.openSync(options.logFile, "a", 0o600);
    const child = spawn("python3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(options.port)], {
        env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: "true" },
        stdio: log === undefined ? ["ignore", "ignore", "pipe"] : ["ignore", log, log],
        detached: options.detached ?? false,
    });
    if (log !== undefined) {
        fs.closeSync(log);
    }
    let said = "";
    child.stderr?.on("data", (chunk: Buffer) => (said = (said + chunk.toString()).slice(-2000)));
    let spawnError: Error | undefined;
    child.once("error", (e) => (spawnError = e));
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!(await motoAnswers(endpoint))) {
        const why = spawnError
            ? spawnError.message
            : child.exitCode !== null
              ? `it exited with ${child.exitCode}`
              : Date.now() > deadline
                ? `it did not answer within ${READY_TIMEOUT_MS / 1000} s`
                : undefined;
        if (why !== undefined) {
            await stopProcess(child);
            if (options.logFile !== undefined) {
                said = fs.readFileSync(options.logFile, "utf8").slice(-2000);
            }
            throw new Error(
                `cannot start the moto server at ${endpoint}: ${why}; ${MOTO_INSTALL_HINT}\n${said.trim()}`.trim(),
            );
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return child;
}
