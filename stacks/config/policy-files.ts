/**
 * The policy-file loading stage: finds every policy file a stack's users and groups name, and
 * reads each one once, if it is safe to. Validation then works on the texts alone, without the
 * file system. A file is read only when it is a regular file, inside the project folder once
 * symlinks are resolved, and below a size cap; anything else is a problem at the first key path
 * that names it.
 */
import * as fs from "fs";
import * as path from "path";
import { formatCount, MAX_MANAGED_POLICY_SIZE } from "../../rules/limits";
import { configKey } from "./model";
import type { Problem } from "./problems";
import type { StackSource } from "./read";
import { closest } from "./suggest";

/**
 * The largest policy file read. IAM's largest policy is 6,144 characters without white space, so
 * this leaves room for any indentation while a `/dev/zero` or a log file is never read whole.
 */
export const MAX_POLICY_FILE_BYTES = 1024 * 1024;

/** Policy file texts by their path relative to the project folder, in `/` form. */
export type PolicyTexts = ReadonlyMap<string, string>;

/** A policy file path as written, relative to the project folder in `/` form: two spellings, one file. */
export const policyPath = (projectDir: string, ref: string): string =>
    path.relative(projectDir, path.resolve(projectDir, ref)).split(path.sep).join("/");

/** The entries of a config map as written, own keys only; nothing for a value that is not a map. */
function entriesOf(value: unknown): [string, unknown][] {
    if (value instanceof Map) return [...value.entries()];
    return typeof value === "object" && value !== null && !Array.isArray(value) ? Object.entries(value) : [];
}

/** Every policy file reference of the raw config, with its key path, in the order validation visits them. */
function policyRefs(values: Readonly<Record<string, unknown>>): { ref: string; keyPath: string }[] {
    const refs: { ref: string; keyPath: string }[] = [];
    const collect = (section: string, fields: readonly string[]): void => {
        for (const [key, entry] of entriesOf(Object.hasOwn(values, section) ? values[section] : undefined)) {
            const own = new Map(entriesOf(entry));
            for (const field of fields) {
                const list = own.get(field);
                if (!Array.isArray(list)) continue;
                list.forEach((ref: unknown, i) => {
                    if (typeof ref === "string") refs.push({ ref, keyPath: configKey(section, key, field, i) });
                });
            }
        }
    };
    collect("groups", ["policyFiles"]);
    collect("users", ["policyFiles", "inlinePolicyFiles"]);
    return refs;
}

/** What a path that is not a regular file is, for a message. */
function kind(stat: fs.Stats): string {
    if (stat.isDirectory()) return "a directory";
    if (stat.isCharacterDevice() || stat.isBlockDevice()) return "a device";
    if (stat.isFIFO()) return "a FIFO";
    if (stat.isSocket()) return "a socket";
    return "not a regular file";
}

/**
 * ` (did you mean "policies/x.json"?)` for a file next to a missing one with a close name, else
 * nothing. Only the names without `.json` are compared: the folder and the extension they share
 * would make any two paths look close.
 */
function similarSibling(absolute: string, projectDir: string): string {
    const dir = path.dirname(absolute);
    const stem = (file: string) => path.basename(file).replace(/\.json$/, "");
    let names: string[];
    try {
        names = fs.readdirSync(dir);
    } catch {
        return "";
    }
    const match = closest(stem(absolute), names.map(stem));
    const file = names.find((n) => stem(n) === match);
    if (file === undefined) {
        return "";
    }
    return ` (did you mean "${path.relative(projectDir, path.join(dir, file)).split(path.sep).join("/")}"?)`;
}

/** Reads one policy file, or says why it is not read. */
function load(
    projectDir: string,
    realProject: string,
    ref: string,
): { text: string } | { problem: Omit<Problem, "file" | "keyPath"> } {
    const relative = policyPath(projectDir, ref);
    if (relative.startsWith("../") || relative === ".." || path.isAbsolute(relative)) {
        return {
            problem: {
                message: `policy file "${ref}" is outside the project folder`,
                hint: "keep policies in policies/",
            },
        };
    }
    const absolute = path.resolve(projectDir, ref);
    let real: string;
    try {
        real = fs.realpathSync(absolute);
    } catch {
        const suggestion = similarSibling(absolute, projectDir);
        return {
            problem: {
                message: suggestion
                    ? `policy file "${ref}" does not exist${suggestion}`
                    : `policy file "${ref}" does not exist in ${projectDir} (paths are relative to the folder holding Pulumi.yaml)`,
            },
        };
    }
    const stat = fs.statSync(real);
    if (!stat.isFile()) {
        return { problem: { message: `policy file "${ref}" is ${kind(stat)}, not a file` } };
    }
    const inside = path.relative(realProject, real);
    if (inside.startsWith(`..${path.sep}`) || inside === ".." || path.isAbsolute(inside)) {
        return {
            problem: {
                message: `policy file "${ref}" resolves to ${real}, outside the project folder`,
                hint: "keep policies in policies/, and a symlink pointing inside the project",
            },
        };
    }
    const tooBig = (size: number) => ({
        problem: {
            message: `policy file "${ref}" is ${formatCount(size)} bytes; policy files are read up to ${formatCount(MAX_POLICY_FILE_BYTES)}`,
            hint: `IAM allows ${formatCount(MAX_MANAGED_POLICY_SIZE)} characters in a managed policy`,
        },
    });
    if (stat.size > MAX_POLICY_FILE_BYTES) return tooBig(stat.size);
    // Opened and checked again, so a file swapped after the checks above is not read unchecked.
    const fd = fs.openSync(real, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    try {
        const opened = fs.fstatSync(fd);
        if (!opened.isFile()) return { problem: { message: `policy file "${ref}" is ${kind(opened)}, not a file` } };
        if (opened.size > MAX_POLICY_FILE_BYTES) return tooBig(opened.size);
        return { text: fs.readFileSync(fd, "utf8") };
    } finally {
        fs.closeSync(fd);
    }
}

/**
 * Loads every policy file the stack names, each once, by its project-relative path. A file that
 * cannot be loaded is reported at the first key path that names it and left out of the texts.
 */
export function loadPolicyFiles(source: StackSource): { texts: PolicyTexts; problems: Problem[] } {
    const texts = new Map<string, string>();
    const seen = new Set<string>();
    const problems: Problem[] = [];
    let realProject: string;
    try {
        realProject = fs.realpathSync(source.projectDir);
    } catch {
        realProject = source.projectDir;
    }
    for (const { ref, keyPath } of policyRefs(source.values)) {
        const relative = policyPath(source.projectDir, ref);
        if (seen.has(relative)) continue;
        seen.add(relative);
        let loaded: ReturnType<typeof load>;
        try {
            loaded = load(source.projectDir, realProject, ref);
        } catch (e) {
            loaded = {
                problem: {
                    message: `policy file "${ref}" cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
                },
            };
        }
        if ("text" in loaded) texts.set(relative, loaded.text);
        else problems.push({ file: source.file, keyPath, ...loaded.problem });
    }
    return { texts, problems };
}
