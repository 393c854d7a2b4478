import { isAlias, isMap, isNode, isScalar, isSeq, parseDocument, type Document, type Node } from "yaml";

/**
 * How a key path is spelled: `stack` as config messages print it, with the namespaced config key
 * first (`iam-users:users.emily.tags.note`); `policy` as policy messages do (`Statement[0].Resource`).
 */
export type KeyPathStyle = "stack" | "policy";

/** One step into a YAML or JSON tree: a map key, or a list index. */
export type KeySegment = string | number;

/**
 * Spells a path of map keys and list indexes. In a stack file the `config` map is implied, as in
 * every config message; outside it (`encryptionsalt`) the path starts at the top. The empty path is
 * the whole file: `(file)` for a stack, `(document)` for a policy, as their other messages say.
 */
export function formatKeyPath(segments: readonly KeySegment[], style: KeyPathStyle): string {
    const inConfig = style === "stack" && segments[0] === "config" && segments.length > 1;
    const parts = inConfig ? segments.slice(1) : segments;
    if (parts.length === 0) {
        return style === "stack" ? "(file)" : "(document)";
    }
    return parts.reduce<string>(
        (path, part) => (typeof part === "number" ? `${path}[${part}]` : path ? `${path}.${part}` : part),
        "",
    );
}

/** The name a map key node stands for: keys are scalars in every file this project reads. */
export function keyName(key: unknown): string {
    return isScalar(key) ? String(key.value) : String(key);
}

// check asks for the key path of every finding in one file in turn; parsing once per file keeps
// that linear in the number of findings.
let cached: { text: string; doc: Document } | undefined;

/**
 * The map keys and list indexes that lead to the innermost map entry or list item holding `offset`
 * in `text` (YAML, or JSON, which YAML parses), found from the yaml library's node ranges. An offset
 * inside a key or between a key and its value belongs to that entry; one outside every entry (a
 * comment at the top) gives the empty path. A file with syntax errors still gives the path of the
 * part that parsed.
 */
export function segmentsAt(text: string, offset: number): KeySegment[] {
    if (cached?.text !== text) {
        cached = { text, doc: parseDocument(text, { uniqueKeys: false }) };
    }
    const segments: KeySegment[] = [];
    const holds = (node: unknown): node is Node =>
        isNode(node) && node.range != null && offset >= node.range[0] && offset < node.range[1];
    // A loop, not recursion: the depth of a hostile file must not reach the call stack.
    for (let node: unknown = cached.doc.contents; node && !isAlias(node);) {
        let next: unknown;
        if (isMap(node)) {
            const pair = node.items.find((p) => {
                const start = isNode(p.key) ? p.key.range?.[0] : undefined;
                const end = isNode(p.value) ? p.value.range?.[1] : isNode(p.key) ? p.key.range?.[1] : undefined;
                return start !== undefined && end !== undefined && offset >= start && offset < end;
            });
            if (pair) {
                segments.push(keyName(pair.key));
                next = holds(pair.value) ? pair.value : undefined;
            }
        } else if (isSeq(node)) {
            const index = node.items.findIndex(holds);
            if (index >= 0) {
                segments.push(index);
                next = node.items[index];
            }
        }
        node = next;
    }
    return segments;
}

/** The key path of the entry holding `offset` in `text` (see {@link segmentsAt}), spelled in `style`. Pure. */
export const keyPathAt = (text: string, offset: number, style: KeyPathStyle): string =>
    formatKeyPath(segmentsAt(text, offset), style);
