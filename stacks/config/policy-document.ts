import { MAX_MANAGED_POLICY_SIZE, policySize } from "../../rules/limits";
import { ACTION, wildcardMatcher } from "../../rules/actions";
import { PARTITIONS, Partition, parseArn } from "../../rules/arn";
import { jsonSyntaxError, textPositions, type TextPosition } from "./json-error";
import { jsonOutline, tooDeep, type JsonOutline } from "./json-outline";
import { codePoint, lookalike, nonAscii } from "./lookalike";
import type { PolicyDocument, PolicyStatement } from "./model";
import type { Problem } from "./problems";
import { didYouMean } from "./suggest";

const VERSIONS = ["2012-10-17", "2008-10-17"];
const STATEMENT_KEYS = ["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition"];
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

/** What `checkPolicyDocument` needs to know of the stack. */
export interface PolicyCheckOptions {
    /**
     * The partition the stack deploys to (`aws` for `us-east-1`, see `partitionOfRegion`): an ARN
     * in another partition matches nothing there. Defaults to accepting any known partition.
     */
    readonly partition?: string;
}

/** Deeper than any policy needs (a condition value list is at level 6), shallow enough to say so early. */
export const MAX_POLICY_DEPTH = 32;

const UTF8_BOM = "\uFEFF";

/**
 * Parses and checks an identity-based policy document. Returns the normalized document when it has
 * no errors, and every problem found, each at its path inside the document and, where it has one,
 * its line and column.
 */
export function checkPolicyDocument(
    file: string,
    text: string,
    options: PolicyCheckOptions = {},
): { document?: PolicyDocument; problems: Problem[] } {
    // Editors on Windows write a byte-order mark, which says nothing but that the file is UTF-8.
    const source = text.startsWith(UTF8_BOM) ? text.slice(1) : text;
    const position = textPositions(source);
    const atOffset = (offset: number, message: string, hint?: string): { problems: Problem[] } => {
        const { line, column } = position(offset);
        return { problems: [{ file, keyPath: "(file)", message, hint, line, column }] };
    };
    // Decoding turned every byte that is not UTF-8 into U+FFFD; the file says something else than it shows.
    const replaced = source.indexOf("\uFFFD");
    if (replaced >= 0) {
        return atOffset(
            replaced,
            "the file is not UTF-8: a byte here is not valid UTF-8 (it reads as U+FFFD)",
            "save the file as UTF-8; latin-1 and Windows-1252 write letters like é as one byte that UTF-8 cannot read",
        );
    }
    const deep = tooDeep(source, MAX_POLICY_DEPTH);
    if (deep !== undefined) {
        return atOffset(deep, `nesting deeper than ${MAX_POLICY_DEPTH} levels`, "a policy document needs 6 at most");
    }
    let raw: unknown;
    try {
        raw = JSON.parse(source);
    } catch (e) {
        const { offset, reason } = jsonSyntaxError(source, e as Error);
        return offset === undefined
            ? { problems: [{ file, keyPath: "end of file", message: `not valid JSON: ${reason}` }] }
            : atOffset(offset, `not valid JSON: ${reason}`);
    }
    const outline = jsonOutline(source);
    const problems: Problem[] = [];
    const problem = (keyPath: string, message: string, hint?: string) =>
        problems.push({ file, keyPath, message, hint, ...locate(outline, position, keyPath) });

    for (const d of outline.duplicates) {
        const places = d.offsets.map(position);
        // On one line (minified JSON) only the columns tell the occurrences apart.
        const byLine = new Set(places.map((p) => p.line)).size === places.length;
        const at = (ps: TextPosition[]): string =>
            byLine
                ? `${ps.length === 1 ? "line" : "lines"} ${listed(ps.map((p) => String(p.line)))}`
                : `line:column ${listed(ps.map((p) => `${p.line}:${p.column}`))}`;
        const first = d.values[0];
        const last = d.values[d.values.length - 1];
        const ignored = places.slice(0, -1);
        const consequence =
            first === undefined || last === undefined
                ? `, so ${ignored.length === 1 ? "the one" : "the ones"} at ${at(ignored)} ${ignored.length === 1 ? "is" : "are"} ignored`
                : first === last
                  ? ""
                  : `, so a reader sees ${first} where IAM applies ${last}`;
        problems.push({
            file,
            keyPath: d.keyPath,
            message: `duplicate key "${d.key}" at ${at(places)}; JSON keeps the last one${consequence}`,
            hint: "keep one of them",
            ...places[1],
        });
    }
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
    const size = policySize(source);
    if (size > MAX_MANAGED_POLICY_SIZE) {
        problem(
            "(document)",
            `${size} characters without white space; IAM allows ${MAX_MANAGED_POLICY_SIZE} per policy`,
            "split it into two policy files",
        );
    }
    // Only the 2012-10-17 language substitutes variables; elsewhere `${aws:username}` is matched as written.
    const literalVariables = raw.Version !== "2012-10-17" ? versionName(raw.Version) : undefined;

    const single = isObject(raw.Statement);
    const rawStatements = single ? [raw.Statement] : raw.Statement;
    if (!Array.isArray(rawStatements) || rawStatements.length === 0) {
        problem("Statement", "must be a statement object or a non-empty list of them");
        return { problems };
    }
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
        actions?.values.forEach((a, j) => {
            const problemOf = actionProblem(a);
            if (problemOf) problem(`${at}.${actions.key}[${j}]`, problemOf.message, problemOf.hint);
        });
        resources?.values.forEach((r, j) => {
            const problemOf = resourceProblem(r, options.partition);
            if (problemOf) problem(`${at}.${resources.key}[${j}]`, problemOf.message, problemOf.hint);
        });
        checkCondition(s.Condition, `${at}.Condition`, problem);
        if (literalVariables) {
            for (const [keyPath, value] of variableCarriers(s, at, resources)) {
                const variable = /\$\{[^}]*\}/.exec(value)?.[0];
                if (variable) {
                    problem(
                        keyPath,
                        `"${variable}" is literal text ${literalVariables}: IAM substitutes policy variables only under Version "2012-10-17"`,
                        'set "Version": "2012-10-17"',
                    );
                }
            }
        }
    });
    return problems.length > 0 ? { problems } : { document: normalizeDocument(raw), problems };
}

/** `4`, `4 and 6`, `4, 6 and 8`, `4, 6 and 99998 more`: a key written 100,000 times stays one line. */
const listed = (items: readonly string[]): string =>
    items.length < 2
        ? items.join("")
        : items.length > 3
          ? `${items.slice(0, 2).join(", ")} and ${items.length - 2} more`
          : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;

/** How a message shows a character: quoted, or by name when it shows nothing. */
const shown = (character: string): string =>
    /\p{Cf}/u.test(character)
        ? `the invisible character ${codePoint(character)}`
        : `"${character}" (${codePoint(character)})`;

/** How a message names the Version that leaves variables literal. */
const versionName = (version: unknown): string =>
    version === undefined ? "without a Version" : `under Version ${JSON.stringify(version)}`;

/**
 * The line and column of a key path, or of its closest ancestor that has one: a single Action
 * string is reported as `Action[0]`, which the text does not have.
 */
function locate(
    outline: JsonOutline,
    position: (offset: number) => TextPosition,
    keyPath: string,
): TextPosition | undefined {
    for (let path = keyPath; path !== "";) {
        const offset = outline.offsets.get(path);
        if (offset !== undefined) return position(offset);
        path = path.slice(0, Math.max(0, path.lastIndexOf("."), path.lastIndexOf("[")));
    }
    return undefined;
}

/**
 * Gives the problems that later checks (catalog names, lint) report in the policy files of
 * `texts` (by project-relative path) the line and column of their key path. Their key paths name
 * a statement with its Sid (`Statement[0] (Sid "Read").Action[1]`), which the text does not have.
 */
export function withPolicyPositions(problems: readonly Problem[], texts: ReadonlyMap<string, string>): Problem[] {
    const located = new Map<string, (keyPath: string) => TextPosition | undefined>();
    const locator = (file: string, text: string) => {
        let found = located.get(file);
        if (!found) {
            const source = text.startsWith(UTF8_BOM) ? text.slice(1) : text;
            const outline = jsonOutline(source);
            const position = textPositions(source);
            found = (keyPath) => locate(outline, position, keyPath);
            located.set(file, found);
        }
        return found;
    };
    return problems.map((p) => {
        const text = texts.get(p.file);
        if (text === undefined || p.line !== undefined) return p;
        const at = locator(p.file, text)(p.keyPath.replace(/ \(Sid "[^"]*"\)/, ""));
        return at ? { ...p, line: at.line, column: at.column } : p;
    });
}

/** What is wrong with an Action or NotAction entry, or undefined. */
function actionProblem(action: string): { message: string; hint?: string } | undefined {
    if (action === "*" || ACTION.test(action)) return undefined;
    const odd = nonAscii(action);
    if (odd) {
        return {
            message: `"${action}" is not an action: ${shown(odd)} is not ASCII`,
            hint: "retype the name; a letter that looks Latin but is not names no action",
        };
    }
    return {
        message: `"${action}" is not an action`,
        hint: 'write actions as "service:Action", for example "s3:GetObject" or "s3:Get*"',
    };
}

/** What is wrong with a Resource or NotResource entry, or undefined. */
function resourceProblem(
    resource: string,
    stackPartition: string | undefined,
): { message: string; hint?: string } | undefined {
    if (resource === "*") return undefined;
    if (!resource.startsWith("arn:")) return { message: `"${resource}" is not "*" or an ARN` };
    const parsed = parseArn(resource);
    if ("reason" in parsed) {
        return {
            message: `"${resource}" is not a well-formed ARN: ${parsed.reason}`,
            hint: "for example arn:aws:s3:::fake-bucket/* or arn:aws:dynamodb:us-east-1:123456789012:table/Fake",
        };
    }
    const odd = nonAscii(resource.slice(0, resource.length - parsed.arn.resource.length)) ?? lookalike(resource);
    if (odd) {
        return {
            message: `"${resource}" has ${shown(odd)}: the ARN is not what it looks like`,
            hint: "retype the ARN; a lookalike character names another resource, or none",
        };
    }
    const { partition } = parsed.arn;
    const known = PARTITIONS.filter(wildcardMatcher(partition));
    if (known.length === 0) {
        return {
            message: `"${resource}" is in the unknown partition "${partition}"${didYouMean(partition, PARTITIONS)}`,
            hint: `the partitions are ${PARTITIONS.join(", ")}`,
        };
    }
    if (stackPartition !== undefined && !known.includes(stackPartition as Partition)) {
        return {
            message: `"${resource}" is in partition "${partition}", but the stack deploys to partition "${stackPartition}"`,
            hint: `IAM in "${stackPartition}" matches no resource of another partition; write arn:${stackPartition}:...`,
        };
    }
    return undefined;
}

/**
 * The strings of a statement where IAM substitutes policy variables, by key path: Resource,
 * NotResource and condition values.
 */
function variableCarriers(
    s: Record<string, unknown>,
    at: string,
    resources: { key: string; values: string[] } | undefined,
): [string, string][] {
    const found: [string, string][] = resources?.values.map((r, j) => [`${at}.${resources.key}[${j}]`, r]) ?? [];
    if (!isObject(s.Condition)) return found;
    for (const [op, block] of Object.entries(s.Condition)) {
        if (!isObject(block)) continue;
        for (const [key, value] of Object.entries(block)) {
            const keyPath = `${at}.Condition.${op}.${key}`;
            if (typeof value === "string") found.push([keyPath, value]);
            else if (Array.isArray(value)) {
                value.forEach((v, j) => typeof v === "string" && found.push([`${keyPath}[${j}]`, v]));
            }
        }
    }
    return found;
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

/** Reports what is wrong with a statement's condition block. */
function checkCondition(
    condition: unknown,
    at: string,
    problem: (keyPath: string, message: string, hint?: string) => void,
): void {
    if (condition === undefined) {
        return;
    }
    if (!isObject(condition)) {
        problem(at, "must be an object of operator -> { key: value }");
        return;
    }
    for (const [op, block] of Object.entries(condition)) {
        if (!isConditionOperator(op)) {
            problem(
                `${at}.${op}`,
                `unknown condition operator "${op}"`,
                "see 'IAM JSON policy elements: Condition operators'",
            );
        }
        if (!isObject(block)) {
            problem(`${at}.${op}`, "must be an object of condition key -> value");
            continue;
        }
        for (const [key, value] of Object.entries(block)) {
            const values = Array.isArray(value) ? value : [value];
            if (values.some((v) => !["string", "number", "boolean"].includes(typeof v))) {
                problem(`${at}.${op}.${key}`, "values must be strings, numbers or booleans");
            }
        }
    }
}

const asList = (v: unknown): string[] => (Array.isArray(v) ? v : [v]).map(String);

/**
 * A policy document in the normalized shape of the model, where every Action, Resource and
 * condition value is a list of strings. The one normaliser for policy files (once checked), AWS-managed
 * policies and the MFA policy. The Version defaults to "2012-10-17"; absent elements stay absent,
 * since the simulator's validation rejects a key set to undefined.
 */
export function normalizeDocument(raw: unknown): PolicyDocument {
    const doc = raw as { Version?: string; Id?: unknown; Statement?: unknown };
    const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    return {
        Version: doc.Version ?? "2012-10-17",
        ...(typeof doc.Id === "string" ? { Id: doc.Id } : {}),
        Statement: statements.map((s: Record<string, unknown>): PolicyStatement => {
            const lists = ["Action", "NotAction", "Resource", "NotResource"].filter((k) => s[k] !== undefined);
            const condition = s.Condition as Record<string, Record<string, unknown>> | undefined;
            return {
                ...(typeof s.Sid === "string" ? { Sid: s.Sid } : {}),
                Effect: s.Effect as PolicyStatement["Effect"],
                ...Object.fromEntries(lists.map((k) => [k, asList(s[k])])),
                ...(condition
                    ? {
                          // Entries, not assignment: an operator or key named __proto__ stays data.
                          Condition: Object.fromEntries(
                              Object.entries(condition).map(([op, keys]) => [
                                  op,
                                  Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, asList(v)])),
                              ]),
                          ),
                      }
                    : {}),
            };
        }),
    };
}
