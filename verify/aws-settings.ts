/**
 * Which AWS API `verify` talks to: the one the stack's provider deploys to. A stack file that sets
 * `aws:region`, `aws:profile`, `aws:endpoints` (the sandbox's moto server) or plain `aws:accessKey`/`aws:secretKey`
 * is followed, as the Pulumi provider follows it; everything else comes from the SDK's standard
 * chain (environment, shared files, SSO, instance roles), `AWS_ENDPOINT_URL` included.
 */
import { readStackFile } from "../stacks/config/read";

/** Settings for the SDK clients; absent fields are left to the SDK's defaults. */
export interface AwsSettings {
    readonly region: string;
    /** Per service, as the provider's `aws:endpoints` names them: `iam`, `sts`, and the key stores. */
    readonly endpoints: {
        readonly iam?: string;
        readonly sts?: string;
        readonly secretsmanager?: string;
        readonly ssm?: string;
    };
    readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
    /** The shared-config profile the stack's provider uses, so verify checks the account that was deployed. */
    readonly profile?: string;
}

/** IAM is global within a partition; the region only picks the partition and the STS endpoint. */
const DEFAULT_REGION = "us-east-1";

const plainString = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/**
 * Reads the AWS settings of a stack config file. `AWS_REGION` beats the file's `aws:region`, as the
 * SDK would have it; endpoints and keys written in the file beat the environment, as in the provider.
 * A `secure:` value (an encrypted key) is no plain string and is left to the standard chain. A file
 * that is missing or cannot be read gives the SDK's defaults; `loadStack` reports why.
 */
export function awsSettings(configFile: string | undefined, env: NodeJS.ProcessEnv = process.env): AwsSettings {
    const config = (configFile === undefined ? undefined : readStackFile(configFile).source?.config) ?? {};
    const endpoints: Record<string, unknown> = Object.create(null);
    for (const entry of Array.isArray(config["aws:endpoints"]) ? config["aws:endpoints"] : []) {
        Object.assign(endpoints, entry);
    }
    const accessKeyId = plainString(config["aws:accessKey"]);
    const secretAccessKey = plainString(config["aws:secretKey"]);
    const profile = plainString(config["aws:profile"]);
    return {
        region: env.AWS_REGION || plainString(config["aws:region"]) || DEFAULT_REGION,
        endpoints: {
            iam: plainString(endpoints.iam),
            sts: plainString(endpoints.sts),
            secretsmanager: plainString(endpoints.secretsmanager),
            ssm: plainString(endpoints.ssm),
        },
        ...(accessKeyId && secretAccessKey ? { credentials: { accessKeyId, secretAccessKey } } : {}),
        ...(profile ? { profile } : {}),
    };
}
