/** Ending too early is no mistake in a prefix: it is how every prefix of a good text ends. */
function failsWithin(prefix: string): boolean {
    try {
        JSON.parse(prefix);
        return false;
    } catch (e) {
        const message = (e as Error).message;
        if (message.startsWith("Unexpected end of JSON input")) {
            return false;
        }
        const position = /at position (\d+)/.exec(message);
        return position ? Number(position[1]) < prefix.length : true;
    }
}

/**
 * Why and where `JSON.parse` refused `text`, in words that quote none of it. For an unexpected
 * character V8 quotes a stretch of the input (`Unexpected token 'A', ..."Effect": Allow}"... is not
 * valid JSON`), which in stack outputs may be a password, and gives no position; the position is
 * then that of the shortest prefix that fails for another reason than ending too early.
 * @returns `offset` undefined when the text ends too early.
 */
export function jsonSyntaxError(text: string, error: Error): { offset?: number; reason: string } {
    const message = error.message;
    if (message.startsWith("Unexpected end of JSON input")) {
        return { reason: "Unexpected end of JSON input" };
    }
    const position = /at position (\d+)/.exec(message);
    if (position) {
        return { offset: Number(position[1]), reason: message.replace(/ in JSON at position \d+.*$/s, "") };
    }
    let low = 1;
    let high = text.length;
    while (low < high) {
        const middle = Math.floor((low + high) / 2);
        if (failsWithin(text.slice(0, middle))) {
            high = middle;
        } else {
            low = middle + 1;
        }
    }
    return { offset: low - 1, reason: "Unexpected character" };
}

/** A 1-based line and column. */
export interface TextPosition {
    readonly line: number;
    readonly column: number;
}

/**
 * The line and column of offsets in `text`. The line starts are found once, so that placing every
 * problem of a large file costs a binary search each, not a scan of the text.
 */
export function textPositions(text: string): (offset: number) => TextPosition {
    const starts = [0];
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    return (offset) => {
        let low = 0;
        let high = starts.length - 1;
        while (low < high) {
            const middle = Math.ceil((low + high) / 2);
            if (starts[middle] <= offset) low = middle;
            else high = middle - 1;
        }
        return { line: low + 1, column: offset - starts[low] + 1 };
    };
}

/** `line 3, column 14` (both 1-based) of a character offset. */
export function lineColumn(text: string, offset: number): string {
    const { line, column } = textPositions(text)(offset);
    return `line ${line}, column ${column}`;
}
