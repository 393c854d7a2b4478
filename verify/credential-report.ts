/**
 * The IAM credential report: a CSV with one row per user (and one for the root account), read
 * for what the authorization details lack: console passwords, MFA and access key use. IAM serves
 * a report up to 4 hours old, so what it says is confirmed through the API where it matters.
 */

/** One access key column group of the report (`access_key_1_*` or `access_key_2_*`). */
export interface ReportKey {
    /** When the key was created or last rotated; matches its `CreateDate` to the second. */
    readonly lastRotated?: Date;
    readonly lastUsed?: Date;
}

/** One user's row, the fields this project reads. */
export interface ReportRow {
    readonly user: string;
    readonly arn: string;
    /** Whether the user had a console password when IAM generated the report. */
    readonly passwordEnabled: boolean;
    /** When the console password last signed in; absent when never, or unknown. */
    readonly passwordLastUsed?: Date;
    /** When the console password was set or last changed; absent without one. */
    readonly passwordLastChanged?: Date;
    readonly mfaActive: boolean;
    /** Key 1 then key 2, as IAM numbers them. */
    readonly keys: readonly ReportKey[];
}

/** Splits CSV text into rows of fields (RFC 4180: quoted fields may hold commas and doubled quotes). */
export function parseCsv(text: string): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let field = "";
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (quoted) {
            if (c === '"' && text[i + 1] === '"') {
                field += '"';
                i++;
            } else if (c === '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c === '"') {
            quoted = true;
        } else if (c === ",") {
            row.push(field);
            field = "";
        } else if (c === "\n" || c === "\r") {
            if (c === "\r" && text[i + 1] === "\n") {
                i++;
            }
            row.push(field);
            rows.push(row);
            row = [];
            field = "";
        } else {
            field += c;
        }
    }
    if (field !== "" || row.length > 0) {
        row.push(field);
        rows.push(row);
    }
    return rows;
}

/** `N/A`, `no_information` and `not_supported` stand for no date. */
function date(value: string | undefined): Date | undefined {
    const time = value === undefined ? NaN : Date.parse(value);
    return Number.isNaN(time) ? undefined : new Date(time);
}

/** The root account's row, the one user the API cannot list (CIS 1.4 / IAM.4 reads it). */
export interface RootRow {
    /** How many of the root user's two access keys are active. */
    readonly activeKeys: number;
    readonly mfaActive: boolean;
}

const ROOT = "<root_account>";

/** Each row of the report's CSV as a lookup by column name, so added columns do not shift anything. */
function reportFields(csv: string): ((name: string) => string | undefined)[] {
    const [header, ...rows] = parseCsv(csv);
    const column = new Map((header ?? []).map((name, i) => [name, i]));
    return rows.map((fields) => (name: string) => fields[column.get(name) ?? -1]);
}

/** The `<root_account>` row, if the report has one. */
export function parseRootRow(csv: string): RootRow | undefined {
    const get = reportFields(csv).find((row) => row("user") === ROOT);
    return (
        get && {
            activeKeys: [1, 2].filter((n) => get(`access_key_${n}_active`) === "true").length,
            mfaActive: get("mfa_active") === "true",
        }
    );
}

/** Parses the report's CSV by its header; the root row is dropped (see {@link parseRootRow}). */
export function parseCredentialReport(csv: string): ReportRow[] {
    return reportFields(csv)
        .filter((get) => get("user") !== ROOT && get("arn") !== undefined)
        .map((get) => ({
            user: get("user")!,
            arn: get("arn")!,
            passwordEnabled: get("password_enabled") === "true",
            passwordLastUsed: date(get("password_last_used")),
            passwordLastChanged: date(get("password_last_changed")),
            mfaActive: get("mfa_active") === "true",
            keys: [1, 2].map((n) => ({
                lastRotated: date(get(`access_key_${n}_last_rotated`)),
                lastUsed: date(get(`access_key_${n}_last_used_date`)),
            })),
        }));
}
