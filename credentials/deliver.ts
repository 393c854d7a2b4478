/**
 * `npm run credentials`: from the stack outputs to what the console would have downloaded.
 */
import * as os from "os";
import * as path from "path";
import * as fs from "fs";
import { collectCredentials, Decrypt, encryptedValues, Selection, UserCredentials } from "./collect";
import {
    csvFileName,
    Format,
    mergeProfiles,
    renderCsv,
    renderEnv,
    renderProfiles,
    renderSmtp,
    storedKeyNote,
} from "./formats";
import { decryptCommand, gpgAvailable, gpgDecrypt, GpgOptions } from "./gpg";
import { PlannedFile } from "./safe-write";
import { CredentialsInputError, ReadOutputs } from "./stack-outputs";

/** What to deliver, and where. */
export interface DeliveryOptions {
    readonly stack: string;
    readonly format: Format;
    readonly selection: Selection;
    /** The folder holding `Pulumi.yaml`; the default output folder is relative to it. */
    readonly projectDir: string;
    /**
     * csv: the folder for the files, defaults to `credentials/<stack>/` in the project.
     * aws-profile: the folder of the `credentials` file, defaults to the AWS shared credentials file
     * (`AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`).
     */
    readonly outDir?: string;
    /** aws-profile: replace profiles that exist. Defaults to false. */
    readonly force?: boolean;
    /** The environment to read `AWS_SHARED_CREDENTIALS_FILE` from. Defaults to this process's. */
    readonly env?: NodeJS.ProcessEnv;
    /** smtp: the stack's region, which the SMTP password is derived for. Defaults to none (an error for smtp). */
    readonly region?: string;
}

/** What a delivery produces: files to write, or text for standard output (`env`). */
export interface Delivery {
    readonly files: readonly PlannedFile[];
    readonly stdout: string;
    /** One line per user or file, for the person running the command; never a secret. */
    readonly notes: readonly string[];
}

/**
 * The decryption for the selection: none needed, gpg when it is there, and otherwise an error that
 * gives the exact command for every encrypted value (they are encrypted, so safe to print).
 */
export function decryptorFor(outputs: ReadOutputs, selection: Selection, gpg: GpgOptions = {}): Decrypt {
    const sealed = encryptedValues(outputs, selection);
    if (sealed.length === 0 || gpgAvailable(gpg)) {
        return (value) => gpgDecrypt(value.base64Message, gpg);
    }
    throw new CredentialsInputError(
        "the stack's credentials are PGP-encrypted and gpg is not installed; nothing was written. " +
            "Decrypt each with the private key of the stack's pgpKey:\n" +
            sealed.map((v) => `  # ${v.where}\n  ${decryptCommand(v.base64Message)}`).join("\n"),
    );
}

/** The AWS shared credentials file the SDKs and the CLI read. */
export function sharedCredentialsFile(env: NodeJS.ProcessEnv = process.env): string {
    return env.AWS_SHARED_CREDENTIALS_FILE || path.join(os.homedir(), ".aws", "credentials");
}

/**
 * Plans the delivery; nothing is written here. Keys the stack keeps in a store are not delivered
 * by hand: a note says where to read each, and a selection of only those writes nothing.
 */
export function planDelivery(outputs: ReadOutputs, options: DeliveryOptions, decrypt: Decrypt): Delivery {
    const users = collectCredentials(outputs, options.selection, decrypt);
    const storedNotes = users.flatMap((u) => u.stored.map((k) => storedKeyNote(u.userName, k)));
    const byHand = users.some((u) => u.password !== undefined || u.keys.length > 0);
    if (storedNotes.length > 0 && !byHand) {
        return { files: [], stdout: "", notes: storedNotes };
    }
    const delivery = planByHand(users, options);
    return { ...delivery, notes: [...delivery.notes, ...storedNotes] };
}

function planByHand(users: readonly UserCredentials[], options: DeliveryOptions): Delivery {
    switch (options.format) {
        case "smtp":
            return { files: [], stdout: renderSmtp(users, options.region), notes: [] };
        case "env":
            return { files: [], stdout: renderEnv(users), notes: [] };
        case "aws-profile": {
            const named = options.outDir
                ? path.join(options.outDir, "credentials")
                : sharedCredentialsFile(options.env ?? process.env);
            // Write through a symlinked credentials file (dotfile setups) instead of replacing the link.
            const file = fs.existsSync(named) ? fs.realpathSync(named) : named;
            const sections = renderProfiles(users);
            if (sections.size === 0) {
                throw new CredentialsInputError("the selection has no access key: aws-profile writes only keys");
            }
            const existing = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
            return {
                files: [
                    {
                        path: file,
                        content: mergeProfiles(existing, sections, options.force ?? false),
                        updatesExisting: true,
                    },
                ],
                stdout: "",
                notes: [...sections.keys()].map((name) => `profile [${name}] in ${file}`),
            };
        }
        case "csv": {
            const dir = options.outDir ?? path.join(options.projectDir, "credentials", options.stack);
            const delivered = users.filter((u) => u.password !== undefined || u.keys.length > 0);
            if (delivered.length === 0) {
                throw new CredentialsInputError("the selection has no console password and no access key to deliver");
            }
            const files = delivered.map((u) => ({
                path: path.join(dir, csvFileName(u.userName)),
                content: renderCsv(u),
            }));
            const skipped = users.filter((u) => !delivered.includes(u) && u.stored.length === 0);
            return {
                files,
                stdout: "",
                notes: [
                    ...files.map((f) => `wrote ${f.path}`),
                    ...skipped.map((u) => `${u.userName}: no console password and no access key, no file`),
                ],
            };
        }
    }
}
