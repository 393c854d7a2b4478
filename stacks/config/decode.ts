/**
 * Stack files are UTF-8, as Pulumi reads them. Anything else is refused with the encoding named,
 * because a UTF-16 file decoded as UTF-8 parses to no config at all, and a stack with no users
 * deletes every user it manages.
 */

/** The text of a file, or why it is not UTF-8 (with the 1-based line of the first bad byte when known). */
export type Decoded = { readonly text: string } | { readonly message: string; readonly line?: number };

const SAVE_AS = "save it as UTF-8";

/**
 * The encoding a byte-order mark or the NUL pattern of the first four bytes gives away, as the
 * YAML spec (5.2) detects it. UTF-32 is tested first: its marks begin with UTF-16's.
 */
function wideEncoding(b: Uint8Array): string | undefined {
    const [b0, b1, b2, b3] = [b[0], b[1], b[2], b[3]];
    if (b.length >= 4 && b0 === 0 && b1 === 0 && (b2 === 0xfe ? b3 === 0xff : b2 === 0 && b3 !== 0)) {
        return "UTF-32 BE";
    }
    if (b.length >= 4 && b1 === (b0 === 0xff ? 0xfe : 0) && b2 === 0 && b3 === 0 && b0 !== 0) {
        return "UTF-32 LE";
    }
    if (b.length >= 2 && ((b0 === 0xfe && b1 === 0xff) || (b0 === 0 && b1 !== 0))) {
        return "UTF-16 BE";
    }
    if (b.length >= 2 && ((b0 === 0xff && b1 === 0xfe) || (b0 !== 0 && b1 === 0))) {
        return "UTF-16 LE";
    }
    return undefined;
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/**
 * Decodes a stack file: UTF-8, with or without a byte-order mark (which is dropped). UTF-16 and
 * UTF-32 are named; any other 8-bit text (latin-1, Windows-1252) shows as bytes UTF-8 does not
 * allow, and the first line holding one is given.
 */
export function decodeStackText(bytes: Uint8Array): Decoded {
    const wide = wideEncoding(bytes);
    if (wide) {
        const how = wide === "UTF-16 LE" ? " (as PowerShell's > writes it)" : "";
        return { message: `is ${wide} text${how}, not UTF-8; ${SAVE_AS}` };
    }
    let text: string;
    try {
        text = utf8.decode(bytes);
    } catch {
        return {
            message: `is not UTF-8: it holds bytes UTF-8 does not allow, as latin-1 (ISO-8859-1) or another 8-bit encoding writes them; ${SAVE_AS}`,
            line: firstBadLine(bytes),
        };
    }
    const nul = text.indexOf("\0");
    if (nul >= 0) {
        return { message: "holds a NUL character, which no text file does; is it binary?", line: lineAt(text, nul) };
    }
    return { text };
}

/**
 * The line of the first byte sequence UTF-8 does not allow. No such sequence spans a newline
 * (0x0A is never a continuation byte), so decoding line by line finds it in one linear pass.
 */
function firstBadLine(bytes: Uint8Array): number | undefined {
    for (let start = 0, line = 1; start <= bytes.length; line++) {
        const end = bytes.indexOf(0x0a, start);
        const stop = end < 0 ? bytes.length : end;
        try {
            utf8.decode(bytes.subarray(start, stop));
        } catch {
            return line;
        }
        start = stop + 1;
    }
    return undefined;
}

/** The 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
    let line = 1;
    for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
        line++;
    }
    return line;
}
