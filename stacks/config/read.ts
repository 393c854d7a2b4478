import * as fs from "fs";
import * as path from "path";
import { LineCounter, parseDocument } from "yaml";
import type { Problem } from "./problems";
import { didYouMean } from "./suggest";

/** The Pulumi project name, and so the namespace of this project's config keys. */
export const NAMESPACE = "iam-users";

/** One stack's `iam-users:` config values, wherever they came from, ready for validation. */
export interface StackSource {
    /** How messages name the config, relative to the project folder (`Pulumi.dev.yaml`). */
    readonly file: string;
    readonly stack: string;
    /** The folder holding `Pulumi.yaml`. */
    readonly projectDir: string;
    /** `iam-users:` keys without the namespace, with their values. */
    readonly values: Readonly<Record<string, unknown>>;
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

/** Splits config entries into this project's values, reporting keys that look meant for it but are not. */
export function namespaceValues(
    file: string,
    entries: Iterable<[string, unknown]>,
): { values: Record<string, unknown>; problems: Problem[] } {
    const values: Record<string, unknown> = {};
    const problems: Problem[] = [];
    for (const [key, value] of entries) {
        const colon = key.indexOf(":");
        if (colon < 0) {
            problems.push({
                file,
                keyPath: key,
                message: `config keys need a namespace (did you mean "${NAMESPACE}:${key}"?)`,
            });
        } else if (key.slice(0, colon) === NAMESPACE) {
            values[key.slice(colon + 1)] = value;
        } else if (didYouMean(key.slice(0, colon), [NAMESPACE]) !== "") {
            problems.push({
                file,
                keyPath: key,
                message: `unknown namespace "${key.slice(0, colon)}" (did you mean "${NAMESPACE}:${key.slice(colon + 1)}"?)`,
            });
        }
    }
    return { values, problems };
}

/** Reads a stack file: `Pulumi.<stack>.yaml`, or any name when `stackName` names the stack. */
export function readStackFile(configPath: string, stackName?: string): { source?: StackSource; problems: Problem[] } {
    const absolute = path.resolve(configPath);
    const projectDir = findProjectDir(path.dirname(absolute)) ?? path.dirname(absolute);
    const file = path.relative(projectDir, absolute).split(path.sep).join("/");
    const stack = stackName ?? /^Pulumi\.(.+)\.ya?ml$/.exec(path.basename(absolute))?.[1];
    if (!stack) {
        return {
            problems: [{ file, keyPath: "(file)", message: "a stack config file is named Pulumi.<stack>.yaml" }],
        };
    }
    let text: string;
    try {
        text = fs.readFileSync(absolute, "utf8");
    } catch {
        return { problems: [{ file, keyPath: "(file)", message: "no such stack config file" }] };
    }
    // Without prettyErrors the errors carry no line and column; the counter gives them, while the
    // message stays one plain sentence.
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { prettyErrors: false, lineCounter });
    if (doc.errors.length > 0) {
        return {
            problems: doc.errors.map((e) => {
                const { line, col } = lineCounter.linePos(e.pos[0]);
                return {
                    file,
                    keyPath: `line ${line}, column ${col}`,
                    message: `not valid YAML: ${e.message.split("\n")[0]}`,
                };
            }),
        };
    }
    const content: unknown = doc.toJS() ?? {};
    const config = (content as { config?: unknown }).config ?? {};
    if (typeof config !== "object" || config === null || Array.isArray(config)) {
        return { problems: [{ file, keyPath: "config", message: "must be a map of config keys" }] };
    }
    const { values, problems } = namespaceValues(file, Object.entries(config));
    return { source: { file, stack, projectDir, values }, problems };
}
