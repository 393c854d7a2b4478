/**
 * The one mocked Pulumi runtime for every test in this process. `setMocks` is process-global, so
 * tests `await ready` and only then import components or the program.
 */
import * as crypto from "crypto";
import * as pulumi from "@pulumi/pulumi";
import * as rpc from "@pulumi/pulumi/runtime/rpc";

/** The resource options that matter for safety, as the engine received them. */
export interface RegisteredOptions {
    readonly protect: boolean;
    readonly deleteBeforeReplace: boolean;
    readonly ignoreChanges: readonly string[];
    readonly replacementTrigger?: unknown;
    /** The `import` option: the id of an existing resource to adopt; empty when it is created. */
    readonly importId: string;
}

/** One resource registration, as the mocked engine saw it. */
export interface Registration {
    readonly type: string;
    readonly name: string;
    readonly inputs: Record<string, any>;
    readonly options: RegisteredOptions;
}

export const ACCOUNT_ID = "123456789012";
const registrations: Registration[] = [];
const pendingOptions = new Map<string, RegisteredOptions>();
let monitor: { resources: Map<string, { urn: string }> } | undefined;

/** Values a real provider computes, made obviously fake and derived from the name so tests can predict them. */
function computed(type: string, name: string, inputs: Record<string, any>): Record<string, unknown> {
    switch (type) {
        case "aws:iam/user:User":
            return {
                arn: `arn:aws:iam::${ACCOUNT_ID}:user${inputs.path ?? "/"}${inputs.name}`,
                uniqueId: `AIDA-FAKE-${name}`,
            };
        case "aws:iam/group:Group":
            return { arn: `arn:aws:iam::${ACCOUNT_ID}:group${inputs.path ?? "/"}${inputs.name}` };
        case "aws:iam/policy:Policy":
            return { arn: `arn:aws:iam::${ACCOUNT_ID}:policy/${inputs.name}` };
        case "aws:iam/userLoginProfile:UserLoginProfile":
            return inputs.pgpKey
                ? { encryptedPassword: `FAKE-PGP-MESSAGE-password-${name}` }
                : { password: `FAKE-PASSWORD-${name}` };
        case "aws:iam/accessKey:AccessKey":
            return inputs.pgpKey
                ? { encryptedSecret: `FAKE-PGP-MESSAGE-secret-${name}` }
                : { secret: `FAKE-SECRET-${name}`, sesSmtpPasswordV4: `FAKE-SMTP-PASSWORD-${name}` };
        case "aws:iam/sshKey:SshKey":
            return { sshPublicKeyId: `APKAFAKE${name.toUpperCase()}` };
        case "aws:secretsmanager/secret:Secret":
            return { arn: `arn:aws:secretsmanager:us-east-1:${ACCOUNT_ID}:secret:${inputs.name}-FAKE01` };
        case "aws:ssm/parameter:Parameter":
            return { arn: `arn:aws:ssm:us-east-1:${ACCOUNT_ID}:parameter${inputs.name}` };
        case "random:index/randomId:RandomId":
            // Same keepers, same hex: as a real RandomId, which changes only when replaced.
            return {
                hex: crypto.createHash("sha1").update(JSON.stringify(inputs.keepers)).digest("hex").slice(0, 16),
            };
        default:
            return {};
    }
}

/** Resolves once the mocked runtime is in place. */
export const ready: Promise<void> = pulumi.runtime
    .setMocks(
        {
            newResource(args: pulumi.runtime.MockResourceArgs) {
                const options = pendingOptions.get(`${args.type}::${args.name}`)!;
                registrations.push({ type: args.type, name: args.name, inputs: args.inputs, options });
                const id =
                    args.type === "aws:iam/accessKey:AccessKey"
                        ? `AKIAFAKE${args.name.toUpperCase()}`
                        : `${args.name}-id`;
                return { id, state: { ...args.inputs, ...computed(args.type, args.name, args.inputs) } };
            },
            call(args: pulumi.runtime.MockCallArgs) {
                switch (args.token) {
                    case "aws:index/getPartition:getPartition":
                        return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
                    case "aws:index/getCallerIdentity:getCallerIdentity":
                        return { accountId: ACCOUNT_ID, arn: `arn:aws:iam::${ACCOUNT_ID}:user/ci`, userId: "AIDAFAKE" };
                    default:
                        throw new Error(`unexpected invoke ${args.token}`);
                }
            },
        },
        "iam-users",
        "test",
        false,
    )
    .then(() => {
        monitor = pulumi.runtime.getMonitor() as unknown as typeof monitor;
        // The mocks API passes only inputs to newResource; options such as protect and the
        // replacement trigger travel in the request, so read them there.
        const m = monitor as unknown as { registerResource(req: any, cb: unknown): Promise<void> };
        const register = m.registerResource.bind(m);
        m.registerResource = (req, cb) => {
            pendingOptions.set(`${req.getType()}::${req.getName()}`, {
                protect: req.getProtect() ?? false,
                deleteBeforeReplace: req.getDeletebeforereplace(),
                ignoreChanges: req.getIgnorechangesList(),
                replacementTrigger: req.getReplacementTrigger()?.toJavaScript(),
                importId: req.getImportid(),
            });
            return register(req, cb);
        };
    });

// Internal to the SDK, but the only way to know that every registration has reached the mocks.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings: { waitForRPCs(): Promise<void> } = require("@pulumi/pulumi/runtime/settings");

/** Runs `build`, waits until every resource it created is registered, and returns those registrations. */
export async function record(build: () => void | Promise<void>): Promise<Registration[]> {
    await ready;
    const start = registrations.length;
    await build();
    await settings.waitForRPCs();
    return registrations.slice(start);
}

/** The value of an output; never use under preview, where unknowns never resolve. */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((v) => resolve(v)));
}

/** Whether an output is secret. */
export function isSecret(output: pulumi.Output<unknown>): Promise<boolean> {
    return pulumi.isSecret(output);
}

/** The URN the mocked engine gave a resource of this type and name. */
export function urnOf(type: string, name: string): string {
    const urns = [...(monitor?.resources.keys() ?? [])].filter((urn) => urn.endsWith(`${type}::${name}`));
    if (urns.length !== 1) {
        throw new Error(`expected one ${type} named ${name}, found ${urns.length}`);
    }
    return urns[0];
}

/**
 * The plain value of an input the engine received as a secret, which it gets wrapped in Pulumi's
 * secret signature; throws when the input arrived in plain text.
 */
export function secretInput(input: unknown): unknown {
    const sealed = input as Record<string, unknown> | undefined;
    if (sealed?.[rpc.specialSigKey] !== rpc.specialSecretSig) {
        throw new Error(`the engine received ${JSON.stringify(input)?.slice(0, 40)}... in plain text, not as a secret`);
    }
    return sealed.value;
}

/** Counts registrations by type. */
export function countByType(records: readonly Registration[]): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of records) {
        counts[r.type] = (counts[r.type] ?? 0) + 1;
    }
    return counts;
}
