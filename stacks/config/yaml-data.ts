/**
 * YAML text to plain data, safe on hostile input. The `yaml` library parses; this module builds the
 * values itself instead of calling `toJS()`, because:
 * - maps must be null-prototype objects, so that `__proto__` or `constructor` is an ordinary key;
 * - every key's position is recorded on the way, for messages;
 * - duplicate keys are found with one `Map` per mapping (the library's `uniqueKeys` is quadratic);
 * - unknown tags (`!Ref`), alias bombs and deep nesting end in a problem, not a dropped value, a
 *   `ReferenceError` or a stack overflow.
 */
import { Composer, isAlias, isMap, isScalar, isSeq, Lexer, LineCounter, Parser, type Node } from "yaml";

/**
 * How deep maps and lists may nest. A stack file needs about 7 levels
 * (`config` > `iam-users:users` > user > `accessKeys` > slot > field); the cap keeps both the
 * library's recursive composer and this module's far from the call-stack limit.
 */
export const MAX_DEPTH = 64;

/**
 * How many values aliases may add in all, counting every use of an anchor in full. A 1 MiB file
 * spelt out holds a few hundred thousand values; a billion-laughs file would hold billions.
 */
export const MAX_ALIAS_VALUES = 1_000_000;

/** A 1-based line and column in the file. */
export interface Position {
    readonly line: number;
    readonly column: number;
}

/** What is wrong at a key path of the document (`config.iam-users:users.emily`), or in the file as a whole. */
export interface YamlProblem {
    /** Absent for the file as a whole. */
    readonly keyPath?: string;
    readonly message: string;
    readonly position?: Position;
}

/** The value of a one-document YAML file, and where each key path was written. */
export interface YamlData {
    /** Absent when the file cannot be read as data (syntax, nesting, aliases). */
    readonly value?: unknown;
    /** Positions by key path, `top.child[0].grandchild`; a list item's position is its own. */
    readonly positions: ReadonlyMap<string, Position>;
    readonly problems: readonly YamlProblem[];
}

/** The tags of plain YAML values; anything else is a tag no reader of the stack file evaluates. */
const PLAIN_TAGS = new Set(["map", "seq", "str", "null", "bool", "int", "float"].map((t) => `tag:yaml.org,2002:${t}`));

/** Where a node starts in the text; absent for an empty key or value. */
const start = (node: unknown): number | undefined => (node as Node | null)?.range?.[0];

const childPath = (path: string, key: string): string => (path === "" ? key : `${path}.${key}`);

/** Thrown to stop building values; the problem it carries is the last one reported. */
class Stop extends Error {}

/**
 * The nesting depth a line reaches at least, from the lexer's flat tokens, without building any
 * tree: each flow bracket open, and each `-` or `?` before it on the same line. A hundred
 * thousand brackets make the parser itself slow, so this runs first and stops at the cap.
 */
function tooDeep(text: string): number | undefined {
    let offset = 0;
    let flow = 0;
    let block = 0;
    let scalarNext = false;
    for (const token of new Lexer().lex(text)) {
        // The lexer marks a scalar with a control character; the next token is the scalar's text.
        if (token === "\x1f") {
            scalarNext = true;
            continue;
        }
        if (token === "\x02" || token === "\x18") {
            continue;
        }
        if (!scalarNext) {
            if (token === "[" || token === "{") {
                flow++;
            } else if (token === "]" || token === "}") {
                flow = Math.max(0, flow - 1);
            } else if (flow === 0 && (token === "-" || token === "?")) {
                block++;
            } else if (token === "\n" || token === "\r\n") {
                block = 0;
            }
            if (flow + block > MAX_DEPTH) {
                return offset;
            }
        }
        scalarNext = false;
        offset += token.length;
    }
    return undefined;
}

class Builder {
    readonly positions = new Map<string, Position>();
    readonly problems: YamlProblem[] = [];
    /** Anchors seen so far in document order: an alias names the last one before it. */
    private readonly anchors = new Map<string, Node>();
    /** The collections being built now, outermost first, to refuse an alias inside its own anchor. */
    private readonly open = new Set<Node>();
    private aliasValues = 0;

    constructor(private readonly lines: LineCounter) {}

    at(offset: number | undefined): Position | undefined {
        if (offset === undefined) {
            return undefined;
        }
        const { line, col } = this.lines.linePos(offset);
        return { line, column: col };
    }

    private report(keyPath: string, message: string, position: Position | undefined): void {
        this.problems.push({ ...(keyPath === "" ? {} : { keyPath }), message, ...(position ? { position } : {}) });
    }

    /**
     * The value of `node` at `path` (nesting `depth`), written at `position`. Inside an alias
     * (`aliased`), every value counts against `MAX_ALIAS_VALUES` and anchors are not registered
     * again.
     */
    value(node: unknown, path: string, depth: number, position: Position | undefined, aliased: boolean): unknown {
        if (aliased && ++this.aliasValues > MAX_ALIAS_VALUES) {
            this.report(
                path,
                `aliases expand to more than ${MAX_ALIAS_VALUES.toLocaleString("en-US")} values (an alias bomb?); write the values out`,
                position,
            );
            throw new Stop();
        }
        if (node === null || node === undefined) {
            return null;
        }
        if (isAlias(node)) {
            const target = this.anchors.get(node.source);
            if (!target) {
                this.report(path, `alias *${node.source} names no anchor (&${node.source}) before it`, position);
                throw new Stop();
            }
            if (this.open.has(target)) {
                this.report(path, `alias *${node.source} is inside its own anchor, so it never ends`, position);
                throw new Stop();
            }
            return this.value(target, path, depth, position, true);
        }
        const n = node as Node;
        if (n.anchor && !aliased) {
            this.anchors.set(n.anchor, n);
        }
        if (this.checkTag(n, path, position) && isScalar(n)) {
            // The text as written, not what a YAML 1.1 tag such as !!binary would make of it.
            return typeof n.source === "string" ? n.source : String(n.value);
        }
        if (isScalar(n)) {
            return n.value;
        }
        if (depth >= MAX_DEPTH) {
            this.report(path, `nesting deeper than ${MAX_DEPTH} levels`, this.at(start(n)));
            throw new Stop();
        }
        this.open.add(n);
        try {
            if (isSeq(n)) {
                return n.items.map((item, i) => {
                    const itemPath = `${path}[${i}]`;
                    const itemPosition = this.at(start(item)) ?? position;
                    this.record(itemPath, itemPosition, aliased);
                    return this.value(item, itemPath, depth + 1, itemPosition, aliased);
                });
            }
            return isMap(n) ? this.map(n.items, path, depth, position, aliased) : null;
        } finally {
            this.open.delete(n);
        }
    }

    private map(
        pairs: readonly { key: unknown; value: unknown }[],
        path: string,
        depth: number,
        position: Position | undefined,
        aliased: boolean,
    ): Record<string, unknown> {
        const map: Record<string, unknown> = Object.create(null);
        const lines = new Map<string, number | undefined>();
        for (const pair of pairs) {
            const keyPosition = this.at(start(pair.key) ?? start(pair.value)) ?? position;
            const keyNode = isAlias(pair.key) ? this.anchors.get(pair.key.source) : (pair.key as Node | null);
            if (keyNode && !isScalar(keyNode)) {
                this.report(
                    path,
                    `a key must be a plain value, not ${isSeq(keyNode) ? "a list" : "a map"}`,
                    keyPosition,
                );
                continue;
            }
            // As the library's toJS() has it: a missing or null key is the empty string.
            const key = keyNode?.value === null || keyNode?.value === undefined ? "" : String(keyNode.value);
            const keyPath = childPath(path, key);
            if (keyNode) {
                this.checkTag(keyNode, keyPath, keyPosition);
            }
            if (lines.has(key)) {
                const [first, again] = [lines.get(key), keyPosition?.line];
                const where = first === again ? ` on line ${first}` : `, on lines ${first} and ${again}`;
                this.report(keyPath, `is given twice${where}; give it once`, keyPosition);
                continue;
            }
            lines.set(key, keyPosition?.line);
            this.record(keyPath, keyPosition, aliased);
            map[key] = this.value(pair.value, keyPath, depth + 1, keyPosition, aliased);
        }
        return map;
    }

    /** Reports a tag other than those of plain values, and says whether there was one. */
    private checkTag(node: Node, path: string, position: Position | undefined): boolean {
        if (node.tag === undefined || PLAIN_TAGS.has(node.tag)) {
            return false;
        }
        const tag = node.tag.replace(/^tag:yaml\.org,2002:/, "!!");
        this.report(
            path,
            `unknown YAML tag "${tag}": stack config holds plain values, and nothing evaluates tags (such as CloudFormation's !Ref, !Sub, !GetAtt)`,
            position,
        );
        return true;
    }

    /**
     * Keys inside an alias are not recorded: their nearest recorded ancestor is the alias itself,
     * where the reader looks, and the cost of an expansion stays in building its values.
     */
    private record(path: string, position: Position | undefined, aliased: boolean): void {
        if (position && !aliased && !this.positions.has(path)) {
            this.positions.set(path, position);
        }
    }
}

/**
 * Reads one YAML document into plain data: maps are null-prototype objects with keys as written,
 * lists are arrays, scalars their JSON values. Reports syntax errors, a second document, unknown
 * tags, duplicate keys, non-scalar keys, dangling or recursive aliases, alias expansion past
 * `MAX_ALIAS_VALUES` and nesting past `MAX_DEPTH`, each with its position.
 */
export function readYaml(text: string): YamlData {
    const lines = new LineCounter();
    const builder = new Builder(lines);
    const fail = (message: string, offset: number): YamlData => {
        // The pre-scan runs before the parser has counted the lines.
        const line = text.slice(0, offset).split("\n").length;
        const column = offset - text.lastIndexOf("\n", offset - 1);
        return { positions: builder.positions, problems: [{ message, position: { line, column } }] };
    };
    const deep = tooDeep(text);
    if (deep !== undefined) {
        return fail(`nesting deeper than ${MAX_DEPTH} levels`, deep);
    }
    const tokens = new Parser(lines.addNewLine).parse(text);
    const docs = Array.from(new Composer({ uniqueKeys: false, prettyErrors: false }).compose(tokens, true));
    const errors = docs.flatMap((doc) => doc.errors);
    if (errors.length > 0) {
        return {
            positions: builder.positions,
            problems: errors.map((e) => ({
                message: `not valid YAML: ${e.message.split("\n")[0]}`,
                position: builder.at(e.pos[0]),
            })),
        };
    }
    if (docs.length > 1) {
        return {
            positions: builder.positions,
            problems: [
                {
                    message: `holds ${docs.length} YAML documents; a stack config file holds one (the second starts here)`,
                    position: builder.at(docs[1].range[0]),
                },
            ],
        };
    }
    try {
        const value = builder.value(docs[0].contents, "", 0, undefined, false);
        return { value, positions: builder.positions, problems: builder.problems };
    } catch (e) {
        if (e instanceof Stop) {
            return { positions: builder.positions, problems: builder.problems };
        }
        throw e;
    }
}
