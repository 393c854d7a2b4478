import { z } from "zod";
import { configKey } from "./model";
import type { Problem } from "./problems";
import { didYouMean } from "./suggest";

type Path = readonly (string | number)[];

function unwrap(schema: z.ZodType): z.ZodType {
    let s = schema;
    // A name map is a pipe into a `z.map`; an empty entry is allowed by `nullable`.
    for (;;) {
        if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) {
            s = s.unwrap() as z.ZodType;
        } else if (s instanceof z.ZodPipe) {
            s = s.out as z.ZodType;
        } else {
            return s;
        }
    }
    return s;
}

/** The keys an object schema allows at `path`, for "did you mean" on unknown keys. */
function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
    let s: z.ZodType | undefined = schema;
    for (const part of path) {
        s = s && unwrap(s);
        if (s instanceof z.ZodObject) {
            s = Object.hasOwn(s.shape, String(part)) ? (s.shape as Record<string, z.ZodType>)[String(part)] : undefined;
        } else if (s instanceof z.ZodRecord || s instanceof z.ZodMap) {
            s = s.valueType as z.ZodType;
        } else if (s instanceof z.ZodArray) {
            s = s.element as z.ZodType;
        } else {
            return [];
        }
    }
    s = s && unwrap(s);
    return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}

/** The value at `path` in the input, following own keys only: config keys are data, not properties. */
function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
    return path.reduce<unknown>(
        (v, part) =>
            typeof v === "object" && v !== null && Object.hasOwn(v, part)
                ? (v as Record<PropertyKey, unknown>)[part]
                : undefined,
        value,
    );
}

/** How a YAML value reads to the person who wrote it. */
function describe(value: unknown): string {
    if (value === null || value === undefined) {
        return "nothing";
    }
    if (Array.isArray(value)) {
        return "a list";
    }
    if (typeof value === "object") {
        return "a map";
    }
    return `${typeof value === "number" ? "the number" : typeof value === "boolean" ? "" : "the string"} ${JSON.stringify(value)}`.trim();
}

const EXPECTED: Record<string, string> = {
    string: "a string",
    number: "a number",
    int: "a whole number",
    boolean: "true or false",
    array: "a list",
    object: "a map",
    record: "a map",
    map: "a map",
};

/**
 * Parses `value` with `schema` and turns every issue into a problem at its full key path, with the
 * value that was found and, for unknown keys, the closest allowed one.
 */
export function parseWith<T>(
    file: string,
    at: Path,
    schema: z.ZodType<T>,
    value: unknown,
): { data?: T; problems: Problem[] } {
    const result = schema.safeParse(value);
    if (result.success) {
        return { data: result.data, problems: [] };
    }
    const problems = result.error.issues.flatMap((issue): Problem[] => {
        const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
        const keyPath = configKey(...at, ...path);
        switch (issue.code) {
            case "unrecognized_keys": {
                const allowed = keysAt(schema, issue.path);
                return issue.keys.map((key) => ({
                    file,
                    keyPath: configKey(...at, ...path, key),
                    message: `unknown key "${key}"${didYouMean(key, allowed)}`,
                    hint: allowed.length > 0 ? `allowed keys: ${allowed.join(", ")}` : undefined,
                }));
            }
            case "invalid_type": {
                const found = valueAt(value, issue.path);
                return [
                    {
                        file,
                        keyPath,
                        message: `expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${describe(found)}`,
                    },
                ];
            }
            default:
                return [{ file, keyPath, message: issue.message }];
        }
    });
    return { data: partial(schema, value) as T | undefined, problems };
}

/**
 * The fields of an object that parse on their own, so that checks across fields can still run and
 * report everything at once; the caller never builds a model from it, as there were errors.
 */
function partial(schema: z.ZodType, value: unknown): unknown {
    if (!(schema instanceof z.ZodObject) || typeof value !== "object" || value === null || Array.isArray(value)) {
        return undefined;
    }
    const shape = schema.shape as Record<string, z.ZodType>;
    return Object.fromEntries(
        Object.entries(value).flatMap(([key, field]) => {
            const parsed = Object.hasOwn(shape, key) ? shape[key].safeParse(field) : undefined;
            return parsed?.success ? [[key, parsed.data]] : [];
        }),
    );
}
