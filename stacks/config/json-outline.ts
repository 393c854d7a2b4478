/**
 * Where things are in a JSON text: `JSON.parse` gives values without positions and keeps the last
 * of two equal keys without a word. Both scans here are iterative and linear, so no input can
 * overflow the stack or take quadratic time. The `yaml` package would give positions too (JSON is
 * YAML), but it takes over two seconds for a 1.4 MB policy where this takes milliseconds.
 */

/** A key written more than once in one JSON object. */
export interface DuplicateKey {
    /** The key path of the member (`Statement[0].Effect`). */
    readonly keyPath: string;
    readonly key: string;
    /** Where each occurrence of the key starts, in order; `JSON.parse` keeps the last. */
    readonly offsets: readonly number[];
    /** Each occurrence's value as written, when it is a string, number, boolean or null. */
    readonly values: readonly (string | undefined)[];
}

/** The positions of a valid JSON text's elements and its duplicate keys. */
export interface JsonOutline {
    /**
     * Where each element starts, by key path (`Statement[0].Action[1]`): the key of an object
     * member, the value of an array item. For a duplicate key, the last occurrence, as JSON reads it.
     */
    readonly offsets: ReadonlyMap<string, number>;
    /** Ordered by where their second occurrence starts. */
    readonly duplicates: readonly DuplicateKey[];
}

/** The offset of the first bracket nested deeper than `max` levels, outside strings; undefined if none. */
export function tooDeep(text: string, max: number): number | undefined {
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === '"') {
            i = stringEnd(text, i) - 1;
        } else if (c === "{" || c === "[") {
            if (++depth > max) return i;
        } else if (c === "}" || c === "]") {
            depth--;
        }
    }
    return undefined;
}

/** The offset just past the string token starting at `start`, or the end of an unterminated one. */
function stringEnd(text: string, start: number): number {
    let i = start + 1;
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    return Math.min(i + 1, text.length);
}

/** The offset just past the number, `true`, `false` or `null` starting at `start`. */
function literalEnd(text: string, start: number): number {
    let i = start;
    while (i < text.length && !",]} \t\r\n".includes(text[i])) i++;
    return i;
}

interface Frame {
    readonly path: string;
    readonly array: boolean;
    index: number;
    /** In an object: whether the next string is a key. */
    expectKey: boolean;
    /** In an object: the key and the path of the member whose value comes next. */
    key: string;
    member: string;
    readonly keys: Map<string, { offsets: number[]; values: (string | undefined)[] }>;
}

/** The outline of `text`, which `JSON.parse` must have accepted. */
export function jsonOutline(text: string): JsonOutline {
    const offsets = new Map<string, number>();
    const duplicates: DuplicateKey[] = [];
    const frames: Frame[] = [];
    let i = 0;
    while (i < text.length) {
        const c = text[i];
        const top = frames[frames.length - 1] as Frame | undefined;
        if (c === "," || c === ":" || c === " " || c === "\t" || c === "\r" || c === "\n") {
            if (c === "," && top?.array) top.index++;
            else if (c === "," && top) top.expectKey = true;
            i++;
        } else if (c === "}" || c === "]") {
            const closed = frames.pop()!;
            for (const [key, seen] of closed.keys) {
                if (seen.offsets.length > 1) {
                    duplicates.push({ keyPath: join(closed.path, key), key, ...seen });
                }
            }
            i++;
        } else if (top && !top.array && top.expectKey) {
            const end = stringEnd(text, i);
            const key = JSON.parse(text.slice(i, end)) as string;
            top.key = key;
            top.member = join(top.path, key);
            top.expectKey = false;
            offsets.set(top.member, i);
            const seen = top.keys.get(key) ?? { offsets: [], values: [] };
            seen.offsets.push(i);
            seen.values.push(undefined);
            top.keys.set(key, seen);
            i = end;
        } else {
            const path = !top ? "" : top.array ? `${top.path}[${top.index}]` : top.member;
            if (top?.array) offsets.set(path, i);
            if (c === "{" || c === "[") {
                frames.push({
                    path,
                    array: c === "[",
                    index: 0,
                    expectKey: c === "{",
                    key: "",
                    member: "",
                    keys: new Map(),
                });
                i++;
            } else {
                const end = c === '"' ? stringEnd(text, i) : literalEnd(text, i);
                if (top && !top.array) {
                    const values = top.keys.get(top.key)!.values;
                    values[values.length - 1] = text.slice(i, end);
                }
                i = end;
            }
        }
    }
    duplicates.sort((a, b) => a.offsets[1] - b.offsets[1]);
    return { offsets, duplicates };
}

/** `Statement[0]` + `Effect` = `Statement[0].Effect`; a top-level key stands alone. */
const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);
