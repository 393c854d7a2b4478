import { MAX_MANAGED_POLICY_SIZE, policySize } from "../../rules/limits";
import { jsonSyntaxError, lineColumn } from "./json-error";
import type { PolicyDocument, PolicyStatement } from "./model";
import type { Problem } from "./problems";

const VERSIONS = ["2012-10-17", "2008-10-17"];
const STATEMENT_KEYS = ["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition"];
// IAM matches service prefixes and action names ignoring case, so "S3:GetObject" is legal.
const ACTION = /^(?:\*|[A-Za-z0-9-]+:[A-Za-z0-9*?]+)$/;
const CONDITION_OPERATORS = new Set([
    ...["Equals", "NotEquals", "EqualsIgnoreCase", "NotEqualsIgnoreCase", "Like", "NotLike"].map((o) => `String${o}`),
    ...["Equals", "NotEquals", "LessThan", "LessThanEquals", "GreaterThan", "GreaterThanEquals"].flatMap((o) => [
        `Numeric${o}`,
        `Date${o}`,
    ]),
    "Bool",
    "BinaryEquals",
    "IpAddress",
    "NotIpAddress",
    "ArnEquals",
    "ArnLike",
    "ArnNotEquals",
    "ArnNotLike",
]);

/** Whether `op` is an IAM condition operator, with its optional set prefix and `IfExists` suffix. */
export function isConditionOperator(op: string): boolean {
    const bare = op.replace(/^(?:ForAllValues|ForAnyValue):/, "");
    // Null asks whether a key exists at all, so it has no IfExists form.
    return bare === "Null" || CONDITION_OPERATORS.has(bare.replace(/IfExists$/, ""));
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Parses and checks an identity-based policy document. Returns the normalized document when it has
 * no errors, and every problem found, each at its path inside the document.
 */
export function checkPolicyDocument(file: string, text: string): { document?: PolicyDocument; problems: Problem[] } {
    let raw: unknown;
    try {
        raw = JSON.parse(text);
    } catch (e) {
        const { offset, reason } = jsonSyntaxError(text, e as Error);
        const where = offset === undefined ? "end of file" : lineColumn(text, offset);
        return { problems: [{ file, keyPath: where, message: `not valid JSON: ${reason}` }] };
    }
    const problems: Problem[] = [];
    const problem = (keyPath: string, message: string, hint?: string) =>
        problems.push({ file, keyPath, message, hint });

    if (!isObject(raw)) {
        problem("(document)", "a policy document must be a JSON object");
        return { problems };
    }
    for (const key of Object.keys(raw).filter((k) => !["Version", "Id", "Statement"].includes(k))) {
        problem(key, `unknown top-level key "${key}"`, "a policy document has Version, Id and Statement");
    }
    if (raw.Version === undefined) {
        problem("Version", 'missing; use "2012-10-17"', "without it IAM ignores policy variables like ${aws:username}");
    } else if (!VERSIONS.includes(raw.Version as string)) {
        problem("Version", `must be "2012-10-17" (or the legacy "2008-10-17"), not ${JSON.stringify(raw.Version)}`);
    }
    const size = policySize(text);
    if (size > MAX_MANAGED_POLICY_SIZE) {
        problem(
            "(document)",
            `${size} characters without white space; IAM allows ${MAX_MANAGED_POLICY_SIZE} per policy`,
            "split it into two policy files",
        );
    }

    const single = isObject(raw.Statement);
    const rawStatements = single ? [raw.Statement] : raw.Statement;
    if (!Array.isArray(rawStatements) || rawStatements.length === 0) {
        problem("Statement", "must be a statement object or a non-empty list of them");
        return { problems };
    }
    const statements: PolicyStatement[] = [];
    const sids = new Map<string, string>();
    rawStatements.forEach((s: unknown, i: number) => {
        const at = single ? "Statement" : `Statement[${i}]`;
        if (!isObject(s)) {
            problem(at, "a statement must be a JSON object");
            return;
        }
        for (const key of Object.keys(s).filter((k) => !STATEMENT_KEYS.includes(k))) {
            if (key === "Principal" || key === "NotPrincipal") {
                problem(
                    `${at}.${key}`,
                    `an identity policy cannot name a ${key}`,
                    "the user it is attached to is the principal; Principal belongs in resource and trust policies",
                );
            } else {
                problem(
                    `${at}.${key}`,
                    `unknown statement key "${key}"`,
                    `a statement has ${STATEMENT_KEYS.join(", ")}`,
                );
            }
        }
        if (s.Sid !== undefined) {
            if (typeof s.Sid !== "string" || !/^[A-Za-z0-9]*$/.test(s.Sid)) {
                problem(`${at}.Sid`, "must be letters and digits only");
            } else if (sids.has(s.Sid)) {
                problem(`${at}.Sid`, `duplicate Sid "${s.Sid}", also at ${sids.get(s.Sid)}`);
            } else {
                sids.set(s.Sid, at);
            }
        }
        if (s.Effect === undefined) {
            problem(`${at}.Effect`, 'missing; use "Allow" or "Deny"');
        } else if (s.Effect !== "Allow" && s.Effect !== "Deny") {
            problem(`${at}.Effect`, `must be "Allow" or "Deny", not ${JSON.stringify(s.Effect)}`);
        }
        const actions = exactlyOne(s, "Action", "NotAction", at, problem);
        const resources = exactlyOne(s, "Resource", "NotResource", at, problem);
        if (actions) {
            actions.values.forEach((a, j) => {
                if (!ACTION.test(a)) {
                    problem(
                        `${at}.${actions.key}[${j}]`,
                        `"${a}" is not an action`,
                        'write actions as "service:Action", for example "s3:GetObject" or "s3:Get*"',
                    );
                }
            });
        }
        if (resources) {
            resources.values.forEach((r, j) => {
                if (r !== "*" && !r.startsWith("arn:")) {
                    problem(`${at}.${resources.key}[${j}]`, `"${r}" is not "*" or an ARN`);
                }
            });
        }
        const condition = checkCondition(s.Condition, `${at}.Condition`, problem);
        if (actions && resources && condition !== false) {
            statements.push({
                ...(typeof s.Sid === "string" ? { Sid: s.Sid } : {}),
                Effect: s.Effect as "Allow" | "Deny",
                [actions.key]: actions.values,
                [resources.key]: resources.values,
                ...(condition ? { Condition: condition } : {}),
            });
        }
    });
    if (problems.length > 0) {
        return { problems };
    }
    return {
        document: {
            Version: raw.Version as string,
            ...(typeof raw.Id === "string" ? { Id: raw.Id } : {}),
            Statement: statements,
        },
        problems,
    };
}

/** The one of two mutually exclusive keys a statement has, normalized to a list of strings. */
function exactlyOne(
    s: Record<string, unknown>,
    key: string,
    notKey: string,
    at: string,
    problem: (keyPath: string, message: string) => void,
): { key: string; values: string[] } | undefined {
    if ((s[key] === undefined) === (s[notKey] === undefined)) {
        problem(at, `needs exactly one of ${key} and ${notKey}`);
        return undefined;
    }
    const which = s[key] !== undefined ? key : notKey;
    const value = s[which];
    const values = typeof value === "string" ? [value] : value;
    if (!Array.isArray(values) || values.length === 0 || values.some((v) => typeof v !== "string")) {
        problem(`${at}.${which}`, "must be a string or a non-empty list of strings");
        return undefined;
    }
    return { key: which, values };
}

/** The normalized condition block, undefined when there is none, false when it has errors. */
function checkCondition(
    condition: unknown,
    at: string,
    problem: (keyPath: string, message: string, hint?: string) => void,
): PolicyStatement["Condition"] | false {
    if (condition === undefined) {
        return undefined;
    }
    if (!isObject(condition)) {
        problem(at, "must be an object of operator -> { key: value }");
        return false;
    }
    let ok = true;
    const normalized: Record<string, Record<string, string[]>> = {};
    for (const [op, block] of Object.entries(condition)) {
        if (!isConditionOperator(op)) {
            problem(
                `${at}.${op}`,
                `unknown condition operator "${op}"`,
                "see 'IAM JSON policy elements: Condition operators'",
            );
            ok = false;
        }
        if (!isObject(block)) {
            problem(`${at}.${op}`, "must be an object of condition key -> value");
            ok = false;
            continue;
        }
        normalized[op] = {};
        for (const [key, value] of Object.entries(block)) {
            const values = Array.isArray(value) ? value : [value];
            if (values.some((v) => !["string", "number", "boolean"].includes(typeof v))) {
                problem(`${at}.${op}.${key}`, "values must be strings, numbers or booleans");
                ok = false;
            }
            normalized[op][key] = values.map(String);
        }
    }
    return ok ? normalized : false;
}
