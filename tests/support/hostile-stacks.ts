/**
 * Hostile and awkward stack files, made in code so the corpus needs no binary fixtures: shared by
 * tests/hostile-stack-files.test.ts (exact messages) and bench/reader.ts (timings).
 */

/** The smallest valid stack: one user. */
export const ONE_USER = "  iam-users:users:\n    emily: {}\n";
export const GOOD = `config:\n${ONE_USER}`;

/** `text` as UTF-16, with or without a byte-order mark. */
export function utf16(text: string, bigEndian: boolean, bom = true): Buffer {
    const le = Buffer.from((bom ? "\ufeff" : "") + text, "utf16le");
    return bigEndian ? le.swap16() : le;
}

/** `text` (ASCII) as UTF-32 with a byte-order mark. */
export function utf32(text: string, bigEndian: boolean): Buffer {
    const chars = ["\ufeff", ...text];
    const out = Buffer.alloc(chars.length * 4);
    chars.forEach((c, i) =>
        bigEndian ? out.writeUInt32BE(c.codePointAt(0)!, i * 4) : out.writeUInt32LE(c.codePointAt(0)!, i * 4),
    );
    return out;
}

/** A user list nested `n` brackets deep. */
export const brackets = (n: number): string => `config:\n  iam-users:users: ${"[".repeat(n)}${"]".repeat(n)}\n`;

/** A block sequence nested `n` levels deep on one line. */
export const dashes = (n: number): string =>
    `config:\n  iam-users:users:\n    emily:\n      groups: ${"- ".repeat(n)}x\n`;

/** Billion laughs: ten levels of ten aliases, 10^10 values once expanded. */
export function aliasBomb(): string {
    const lines = [
        "config:",
        "  iam-users:allowUnknown:",
        "    actions:",
        `      - &a0 [${Array(10).fill('"s3:X"').join(", ")}]`,
    ];
    for (let i = 1; i < 10; i++) {
        lines.push(
            `      - &a${i} [${Array(10)
                .fill(`*a${i - 1}`)
                .join(", ")}]`,
        );
    }
    return lines.join("\n") + "\n";
}

/** One user with `n` tags. */
export const manyTags = (n: number): string =>
    `config:\n  iam-users:users:\n    emily:\n      tags:\n${Array.from({ length: n }, (_, i) => `        k${i}: v`).join("\n")}\n`;
