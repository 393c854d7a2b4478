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

/** Parses the report's CSV by its header, so added columns do not shift anything; the root row is dropped. */
export function parseCredentialReport(csv: string): ReportRow[] {
    const [header, ...rows] = parseCsv(csv);
    if (header === undefined) {
        return [];
    }
    const column = new Map(header.map((name, i) => [name, i]));
    return rows
        .map((fields) => (name: string) => fields[column.get(name) ?? -1])
        .filter((get) => get("user") !== "<root_account>" && get("arn") !== undefined)
        .map((get) => ({
            user: get("user"),
            arn: get("arn"),
            passwordEnabled: get("password_enabled") === "true",
            mfaActive: get("mfa_active") === "true",
            keys: [1, 2].map((n) => ({
                lastRotated: date(get(`access_key_${n}_last_rotated`)),
                lastUsed: date(get(`access_key_${n}_last_used_date`)),
            })),
        }));
}
