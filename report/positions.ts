/**
 * Lines and columns for problems that carry only a key path. Interim: once the stack reader gives
 * every problem its position, {@link keyPathPosition} is the one function to drop.
 */
import * as fs from "fs";
import * as path from "path";
import { LineCounter, isMap, isNode, isSeq, parseDocument, type Node } from "yaml";
import type { Problem } from "../stacks/config/problems";
import { keyName } from "../stacks/config/key-path-at";

/**
 * Where the entry a key path names starts in `text` (a stack file, or a policy file when `policy`):
 * the map key itself (`managedPolicies`, not its list), or the list item. A path that leaves the
 * file's tree gives the deepest entry that exists, so a missing key points at its parent; one that
 * matches nothing gives undefined. Map keys may hold dots (`policies/x.json`, `IAM.2`): the longest
 * key that fits the path wins.
 */
export function keyPathPosition(
    text: string,
    keyPath: string,
    policy: boolean,
): { line: number; column: number } | undefined {
    const written = /^line (\d+), column (\d+)$/.exec(keyPath);
    if (written) return { line: Number(written[1]), column: Number(written[2]) };
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
    // Statement labels carry the Sid (`Statement[0] (Sid "Read")`), the MFA policy its source.
    let rest = keyPath.split(" -> ")[0].replace(/ \(Sid "[^"]*"\)/g, "");
    let node: unknown = policy ? doc.contents : isMap(doc.contents) ? doc.contents.get("config", true) : undefined;
    let found: Node | undefined;
    for (let depth = 0; rest && node && depth < 100; depth++) {
        const index = /^\[(\d+)\]\.?/.exec(rest);
        if (index && isSeq(node) && isNode(node.items[Number(index[1])])) {
            node = found = node.items[Number(index[1])] as Node;
            rest = rest.slice(index[0].length);
            continue;
        }
        const fits = (k: string) => rest === k || rest.startsWith(`${k}.`) || rest.startsWith(`${k}[`);
        const pair = isMap(node)
            ? node.items
                  .filter((p) => fits(keyName(p.key)))
                  .sort((a, b) => keyName(b.key).length - keyName(a.key).length)[0]
            : undefined;
        if (!pair || !isNode(pair.key)) break;
        found = pair.key;
        rest = rest.slice(keyName(pair.key).length).replace(/^\./, "");
        node = pair.value;
    }
    if (!found?.range) return undefined;
    const { line, col } = lineCounter.linePos(found.range[0]);
    return { line, column: col };
}

/** `problems` with `line` and `column` filled in where a file under `projectDir` has the key path. */
export function withPositions(problems: readonly Problem[], projectDir: string): Problem[] {
    const texts = new Map<string, string | undefined>();
    const read = (file: string): string | undefined => {
        if (!texts.has(file)) {
            try {
                texts.set(file, fs.readFileSync(path.join(projectDir, file), "utf8"));
            } catch {
                texts.set(file, undefined);
            }
        }
        return texts.get(file);
    };
    return problems.map((p) => {
        const text = p.line === undefined ? read(p.file) : undefined;
        const at = text === undefined ? undefined : keyPathPosition(text, p.keyPath, !/\.ya?ml$/.test(p.file));
        return at ? { ...p, ...at } : p;
    });
}
