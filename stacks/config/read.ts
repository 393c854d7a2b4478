/**
 * The one reader of a stack config file: from a path to the whole `config:` map, this project's
 * values and where each key was written. It is the front door for hostile files, so it reads only
 * small regular files, only UTF-8, only one YAML document with a `config:` map, and builds the
 * values as data (see yaml-data.ts), never as JavaScript objects.
 */
import * as fs from "fs";
import * as path from "path";
import { decodeStackText } from "./decode";
import { NAMESPACE } from "./model";
import type { Problem } from "./problems";
import { topLevelSchemas } from "./schema";
import { closest } from "./suggest";
import { readYaml, type Position } from "./yaml-data";

/** The namespaces a stack file of this project uses: its own, the AWS provider's and Pulumi's. */
const KNOWN_NAMESPACES = [NAMESPACE, "aws", "pulumi"];

/** A stack file is read only up to this size: real ones are a few kilobytes, and YAML parsing is not free. */
export const MAX_STACK_FILE_BYTES = 1024 * 1024;

/** One stack's config values, wherever they came from, ready for validation. */
export interface StackSource {
    /** How messages name the config, relative to the project folder (`Pulumi.dev.yaml`). */
    readonly file: string;
    readonly stack: string;
    /** The folder holding `Pulumi.yaml`. */
    readonly projectDir: string;
    /** The whole `config:` map: every namespace, keys as written (`aws:region`, `iam-users:users`). */
    readonly config: Readonly<Record<string, unknown>>;
    /** `iam-users:` keys without the namespace, with their values. */
    readonly values: Readonly<Record<string, unknown>>;
}

/** A stack source read from a file, with the position of every key path (`iam-users:users.emily.groups[3]`). */
export interface StackFile extends StackSource {
    readonly positions: ReadonlyMap<string, Position>;
}

/** The folder holding `Pulumi.yaml`, searched upwards from `start`. */
export function findProjectDir(start: string): string | undefined {
    for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, "Pulumi.yaml"))) {
            return dir;
        }
        if (path.dirname(dir) === dir) {
            return undefined;
        }
    }
}

/** `Pulumi.<stack>.yaml` in the project folder. */
export const stackConfigPath = (projectDir: string, stack: string): string =>
    path.join(projectDir, `Pulumi.${stack}.yaml`);

/** What an unknown namespace's key was probably meant to be: a known namespace, or one of this project's keys. */
function meantKey(namespace: string, rest: string): string | undefined {
    const ns = closest(namespace, KNOWN_NAMESPACES);
    if (ns !== undefined) {
        return `${ns}:${rest}`;
    }
    const key = closest(rest, Object.keys(topLevelSchemas));
    return key === undefined ? undefined : `${NAMESPACE}:${key}`;
}

/**
 * Splits config entries into the whole map and this project's values. A key without a namespace
 * is an error (Pulumi would file it under the project's namespace, unseen by a reviewer); a key in
 * a namespace nothing here reads is a warning, with the key it was likely meant to be.
 */
export function namespaceValues(
    file: string,
    entries: Iterable<[string, unknown]>,
): { config: Record<string, unknown>; values: Record<string, unknown>; problems: Problem[] } {
    const config: Record<string, unknown> = Object.create(null);
    const values: Record<string, unknown> = Object.create(null);
    const problems: Problem[] = [];
    for (const [key, value] of entries) {
        config[key] = value;
        const colon = key.indexOf(":");
        const namespace = key.slice(0, colon);
        if (colon < 0) {
            problems.push({
                file,
                keyPath: key,
                message: `config keys need a namespace (did you mean "${NAMESPACE}:${key}"?)`,
            });
        } else if (namespace === NAMESPACE) {
            values[key.slice(colon + 1)] = value;
        } else if (!KNOWN_NAMESPACES.includes(namespace)) {
            const meant = meantKey(namespace, key.slice(colon + 1));
            problems.push({
                file,
                keyPath: key,
                message:
                    `unknown namespace "${namespace}": this project reads ${KNOWN_NAMESPACES.map((n) => `${n}:`).join(", ")} keys` +
                    (meant === undefined ? "" : ` (did you mean "${meant}"?)`),
                severity: "warning",
            });
        }
    }
    return { config, values, problems };
}

/**
 * The position of a key path, or of its nearest ancestor that was written (a missing key's map):
 * `iam-users:users.emily.console.passwordLength`, then `...console`, `...emily`, `iam-users:users`.
 */
export function positionOf(positions: ReadonlyMap<string, Position>, keyPath: string): Position | undefined {
    for (let p = keyPath; p !== "";) {
        const found = positions.get(p);
        if (found) {
            return found;
        }
        const cut = p.endsWith("]") ? p.lastIndexOf("[") : p.lastIndexOf(".");
        p = cut < 0 ? "" : p.slice(0, cut);
    }
    return undefined;
}

/** Gives every problem of `file` without a position the position of its key path, when known. */
export function withPositions(
    problems: readonly Problem[],
    file: string,
    positions: ReadonlyMap<string, Position>,
): Problem[] {
    return problems.map((p) => {
        if (p.file !== file || p.line !== undefined) {
            return p;
        }
        const at = positionOf(positions, p.keyPath);
        return at ? { ...p, line: at.line, column: at.column } : p;
    });
}

/** What a path that is no regular file is instead. */
function kind(stat: fs.Stats): string {
    if (stat.isDirectory()) {
        return "is a directory, not a file";
    }
    const what = stat.isCharacterDevice() || stat.isBlockDevice() ? "a device" : stat.isFIFO() ? "a pipe" : "a socket";
    return `is ${what}, not a regular file`;
}

/** The bytes of a small regular file, or what the path is instead. */
function readSmallFile(absolute: string): { bytes: Buffer } | { message: string } {
    let fd: number | undefined;
    try {
        const stat = fs.statSync(absolute);
        if (!stat.isFile()) {
            return { message: kind(stat) };
        }
        // Not blocking, and checked again on the open file: a path swapped for a pipe meanwhile
        // must not hang the read.
        fd = fs.openSync(absolute, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
        const opened = fs.fstatSync(fd);
        if (!opened.isFile()) {
            return { message: kind(opened) };
        }
        // The size is checked on what is read, not on the stat, which the file may outgrow.
        const bytes = Buffer.alloc(MAX_STACK_FILE_BYTES + 1);
        let length = 0;
        for (let n = 1; n > 0 && length < bytes.length; length += n) {
            n = fs.readSync(fd, bytes, length, bytes.length - length, null);
        }
        if (length > MAX_STACK_FILE_BYTES) {
            return {
                message: `is larger than 1 MiB (${MAX_STACK_FILE_BYTES.toLocaleString("en-US")} bytes), the most a stack config file may hold`,
            };
        }
        return { bytes: bytes.subarray(0, length) };
    } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        return {
            message:
                code === "ENOENT" || code === "ENOTDIR"
                    ? "no such file"
                    : `cannot be read (${code === "EACCES" ? "permission denied" : (code ?? String(e))})`,
        };
    } finally {
        if (fd !== undefined) {
            fs.closeSync(fd);
        }
    }
}

/** How a YAML value reads to the person who wrote it, for top-level shape messages. */
function found(value: unknown): string {
    if (Array.isArray(value)) {
        return "a list";
    }
    return typeof value === "string" ? `the string ${JSON.stringify(value)}` : `the value ${String(value)}`;
}

/** The `config:` map of a parsed stack file, or what the top level holds instead. */
function configMap(
    top: unknown,
    positions: ReadonlyMap<string, Position>,
): { config: Record<string, unknown> } | { keyPath: string; message: string; position?: Position } {
    const wanted = 'a stack config file is a map with a "config:" map in it';
    if (top === null) {
        return { keyPath: "(file)", message: `is empty; ${wanted}` };
    }
    if (typeof top !== "object" || Array.isArray(top)) {
        return { keyPath: "(file)", message: `the top level is ${found(top)}; ${wanted}` };
    }
    const keys = Object.keys(top);
    if (!keys.includes("config")) {
        const typo = closest("config", keys);
        const namespaced = keys.find((k) => k.includes(":"));
        if (typo !== undefined) {
            return {
                keyPath: typo,
                message: `the top level has "${typo}", did you mean "config"?`,
                position: positions.get(typo),
            };
        }
        if (namespaced !== undefined) {
            return {
                keyPath: namespaced,
                message: `config keys such as "${namespaced}" are at the top level; indent them under "config:"`,
                position: positions.get(namespaced),
            };
        }
        const has = keys.length === 0 ? "an empty map" : keys.map((k) => `"${k}"`).join(", ");
        return { keyPath: "(file)", message: `has no "config:" map (the top level has ${has}); ${wanted}` };
    }
    const config = (top as Record<string, unknown>).config;
    // `config:` with nothing after it is an empty map, as an empty entry is elsewhere.
    if (config === null) {
        return { config: Object.create(null) };
    }
    if (typeof config !== "object" || Array.isArray(config)) {
        return {
            keyPath: "config",
            message: `must be a map of config keys, not ${found(config)}`,
            position: positions.get("config"),
        };
    }
    return { config: config as Record<string, unknown> };
}

/** Options of `readStackFile` and `loadStack`. */
export interface ReadOptions {
    /**
     * The stack's name. Defaults to `<stack>` of a file named `Pulumi.<stack>.yaml` (or `.yml`),
     * else the file's base name without its extension, as Pulumi's `--config-file` takes any name.
     */
    readonly stack?: string;
}

/**
 * Reads a stack config file of any name. The source comes back whenever the file holds a
 * `config:` map, even with problems in it (unknown tags, duplicate keys, unknown namespaces), so
 * that validation still reports everything in one run; every problem carries its position.
 */
export function readStackFile(
    configPath: string,
    options: ReadOptions = {},
): { source?: StackFile; problems: Problem[] } {
    const absolute = path.resolve(configPath);
    const projectDir = findProjectDir(path.dirname(absolute)) ?? path.dirname(absolute);
    const file = path.relative(projectDir, absolute).split(path.sep).join("/");
    const base = path.basename(absolute);
    const stack = options.stack ?? /^Pulumi\.(.+)\.ya?ml$/.exec(base)?.[1] ?? path.parse(base).name;
    const fileProblem = (message: string, line?: number, column?: number): Problem => ({
        file,
        keyPath: "(file)",
        message,
        ...(line === undefined ? {} : { line, column: column ?? 1 }),
    });

    const read = readSmallFile(absolute);
    if ("message" in read) {
        return { problems: [fileProblem(read.message)] };
    }
    const decoded = decodeStackText(read.bytes);
    if ("message" in decoded) {
        return { problems: [fileProblem(decoded.message, decoded.line)] };
    }
    const yaml = readYaml(decoded.text);
    // Paths inside `config:` are config key paths, as validation names them.
    const inConfig = (p: string): string => (p.startsWith("config.") ? p.slice("config.".length) : p);
    const problems: Problem[] = yaml.problems.map((p) => ({
        file,
        keyPath: p.keyPath === undefined ? "(file)" : inConfig(p.keyPath),
        message: p.message,
        ...(p.position ? { line: p.position.line, column: p.position.column } : {}),
    }));
    if (yaml.value === undefined) {
        return { problems };
    }
    const top = configMap(yaml.value, yaml.positions);
    if (!("config" in top)) {
        const position = top.position ? { line: top.position.line, column: top.position.column } : {};
        return { problems: [...problems, { file, keyPath: top.keyPath, message: top.message, ...position }] };
    }
    const positions = new Map<string, Position>();
    for (const [p, at] of yaml.positions) {
        if (p.startsWith("config.")) {
            positions.set(inConfig(p), at);
        }
    }
    const { config, values, problems: keyProblems } = namespaceValues(file, Object.entries(top.config));
    return {
        source: { file, stack, projectDir, config, values, positions },
        problems: [...problems, ...withPositions(keyProblems, file, positions)],
    };
}
