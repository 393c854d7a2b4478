/**
 * The delivery formats: the console's `<user>_credentials.csv`, sections of an AWS shared
 * credentials file, `export` lines for a shell, and SES SMTP settings. Pure text; writing is in
 * `safe-write.ts`.
 */
import { CredentialsInputError } from "./stack-outputs";
import { StoredKey, UserCredentials } from "./collect";

/** The delivery formats `--format` accepts. */
export const FORMATS = ["csv", "aws-profile", "env", "smtp"] as const;
/** One of {@link FORMATS}. */
export type Format = (typeof FORMATS)[number];

/** The console's columns, in its order. */
export const CSV_HEADER = ["User name", "Password", "Access key ID", "Secret access key", "Console sign-in link"];

/** RFC 4180: quote a field holding a comma, quote or line break; generated passwords may hold any. */
function csvField(value: string): string {
    return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The file name the console gives a user's download. */
export function csvFileName(userName: string): string {
    return `${userName}_credentials.csv`;
}

/**
 * A user's .csv as the console downloads it: one row per access key, the password on each row of a
 * console user, empty cells where there is none; a console user without keys gets one row.
 */
export function renderCsv(user: UserCredentials): string {
    const password = user.password ?? "";
    const link = user.consoleSignInUrl ?? "";
    const rows = user.keys.length
        ? user.keys.map((k) => [user.userName, password, k.accessKeyId, k.secretAccessKey, link])
        : [[user.userName, password, "", "", link]];
    return [CSV_HEADER, ...rows].map((row) => row.map(csvField).join(",") + "\r\n").join("");
}

/** The shared-credentials profile name of one key: `<userName>-<slot>`. */
export function profileName(userName: string, slot: string): string {
    return `${userName}-${slot}`;
}

/** A section of an AWS shared credentials file per access key. */
export function renderProfiles(users: readonly UserCredentials[]): Map<string, string> {
    const sections = new Map<string, string>();
    for (const user of users) {
        for (const k of user.keys) {
            sections.set(
                profileName(user.userName, k.slot),
                `aws_access_key_id = ${k.accessKeyId}\naws_secret_access_key = ${k.secretAccessKey}\n`,
            );
        }
    }
    return sections;
}

const SECTION = /^\s*\[([^\]]+)\]\s*$/;

/**
 * Adds the sections to the text of a shared credentials file. A profile that exists already is an
 * error unless `replace`, which swaps only that section and keeps the rest of the file as it was.
 */
export function mergeProfiles(existing: string, sections: ReadonlyMap<string, string>, replace: boolean): string {
    const lines = existing === "" ? [] : existing.replace(/\n$/, "").split("\n");
    const clashes = lines.map((l) => SECTION.exec(l)?.[1].trim()).filter((name) => name && sections.has(name));
    if (clashes.length && !replace) {
        throw new CredentialsInputError(
            `the credentials file already has profile(s) ${clashes.join(", ")}: pass --force to replace them`,
        );
    }
    const kept: string[] = [];
    let skipping = false;
    for (const line of lines) {
        const name = SECTION.exec(line)?.[1].trim();
        if (name !== undefined) {
            skipping = sections.has(name);
        }
        if (!skipping) {
            kept.push(line);
        }
    }
    const parts = [
        kept.join("\n").replace(/\s+$/, ""),
        ...[...sections].map(([name, body]) => `[${name}]\n${body.trim()}`),
    ];
    const text = parts.filter((part) => part !== "").join("\n\n");
    return text ? `${text}\n` : "";
}

/** Shell lines exporting one key; needs a selection of exactly one key. */
export function renderEnv(users: readonly UserCredentials[]): string {
    const keys = users.flatMap((u) => u.keys.map((k) => ({ user: u, key: k })));
    if (keys.length !== 1) {
        const names = keys.map((k) => `${k.user.key}/${k.key.slot}`).join(", ") || "none";
        throw new CredentialsInputError(
            `--format env exports one access key, and the selection has ${keys.length} (${names}): ` +
                `choose one with --user and --slot`,
        );
    }
    const { user, key } = keys[0];
    // Single quotes: the shell then takes the secret as is ('+' and '/' are common in secrets).
    return (
        `# ${user.userName}, access key ${key.slot}\n` +
        `export AWS_ACCESS_KEY_ID='${key.accessKeyId}'\n` +
        `export AWS_SECRET_ACCESS_KEY='${key.secretAccessKey}'\n`
    );
}

/** The SES SMTP endpoint of a region. */
export const smtpEndpoint = (region: string): string => `email-smtp.${region}.amazonaws.com`;

/**
 * SES SMTP settings per key with `smtp: true`: the user name is the key id, the password the one
 * IAM derived for `region`, which only works with that region's endpoint.
 */
export function renderSmtp(users: readonly UserCredentials[], region: string | undefined): string {
    const keys = users.flatMap((u) => u.keys.flatMap((k) => (k.smtpPassword ? [{ user: u, key: k }] : [])));
    if (keys.length === 0) {
        throw new CredentialsInputError("the selection has no key with smtp: true");
    }
    if (region === undefined) {
        throw new CredentialsInputError(
            "the SMTP endpoint is the stack's region: name the stack (or --config) whose aws:region it is, or set AWS_REGION",
        );
    }
    return keys
        .map(
            ({ user, key }) =>
                `# ${user.userName}, access key ${key.slot}\n` +
                `SMTP endpoint: ${smtpEndpoint(region)} (port 587 with STARTTLS, or 465 with TLS)\n` +
                `SMTP user name: ${key.accessKeyId}\n` +
                `SMTP password: ${key.smtpPassword}\n`,
        )
        .join("\n");
}

/** Where a stored key is read, with the AWS CLI command that reads it; never the secret. */
export function storedKeyNote(userName: string, key: StoredKey): string {
    const [, , service, region] = key.storeArn.split(":");
    const read =
        service === "secretsmanager"
            ? `aws secretsmanager get-secret-value --region ${region} --secret-id ${key.storeArn}`
            : `aws ssm get-parameter --with-decryption --region ${region} --name ${key.storeArn}`;
    const where = service === "secretsmanager" ? "AWS Secrets Manager" : "SSM Parameter Store";
    return `${userName}, access key ${key.slot} (${key.accessKeyId}): kept in ${where}, not written here; read it with: ${read}`;
}
