/**
 * A moto server (a real implementation of the IAM and STS APIs) on loopback for the tests, started
 * once per test file and stopped by its PID. A missing moto fails the tests with a message saying
 * how to install it: skipping would let a machine without it pass without testing anything.
 */
import * as net from "net";
import { startMotoProcess, stopProcess } from "../../cli/moto";

/** A running moto server. */
export interface Moto {
    /** `http://127.0.0.1:<port>`. */
    readonly endpoint: string;
    /** Stops the server; safe to call twice. */
    stop(): Promise<void>;
}

/** A port that is free on loopback now. */
export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const port = (server.address() as net.AddressInfo).port;
            server.close(() => resolve(port));
        });
    });
}

/** Starts moto on a free loopback port with the AWS-managed policies loaded. */
export async function startMoto(): Promise<Moto> {
    const port = await freePort();
    const child = await startMotoProcess({ port });
    return { endpoint: `http://127.0.0.1:${port}`, stop: () => stopProcess(child) };
}
