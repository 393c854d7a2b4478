/**
 * Reading the secret or parameter a slot delivers its key to, through the SDK, for `verify`'s
 * store check. Only the access key id comes back: the secret next to it is never kept or printed.
 */
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { GetParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import type { KeyStoreModel } from "../stacks/config/model";
import type { AwsSettings } from "./aws-settings";
import { clientConfig } from "./snapshot";

/** What a store holds: its name for messages, whether it exists, and the key id in its JSON. */
export interface StoredKey {
    /** `the secret <name>`, `the parameter <name>`. */
    readonly where: string;
    readonly exists: boolean;
    /** Undefined when the value is not JSON with a string `accessKeyId`. */
    readonly accessKeyId?: string;
}

/** The access key id in a stored JSON value, or undefined when it holds none. */
function storedKeyId(text: string | undefined): string | undefined {
    try {
        const id = (JSON.parse(text ?? "") as { accessKeyId?: unknown } | null)?.accessKeyId;
        return typeof id === "string" ? id : undefined;
    } catch {
        return undefined;
    }
}

/** Reads the value of the store; API errors other than "not found" are thrown. */
async function readValue(settings: AwsSettings, store: KeyStoreModel): Promise<string | undefined | null> {
    if (store.secretsManager) {
        const client = new SecretsManagerClient(clientConfig(settings, settings.endpoints.secretsmanager));
        try {
            return (await client.send(new GetSecretValueCommand({ SecretId: store.secretsManager.name }))).SecretString;
        } catch (e) {
            if ((e as Error).name === "ResourceNotFoundException") return null;
            throw e;
        } finally {
            client.destroy();
        }
    }
    const client = new SSMClient(clientConfig(settings, settings.endpoints.ssm));
    try {
        const found = await client.send(
            new GetParameterCommand({ Name: store.ssmParameter!.name, WithDecryption: true }),
        );
        return found.Parameter?.Value;
    } catch (e) {
        if ((e as Error).name === "ParameterNotFound") return null;
        throw e;
    } finally {
        client.destroy();
    }
}

/** Reads a slot's store: whether it exists and which key id it names. */
export async function readStoredKey(settings: AwsSettings, store: KeyStoreModel): Promise<StoredKey> {
    const where = store.secretsManager
        ? `the secret ${store.secretsManager.name}`
        : `the parameter ${store.ssmParameter!.name}`;
    const value = await readValue(settings, store);
    return value === null ? { where, exists: false } : { where, exists: true, accessKeyId: storedKeyId(value) };
}
