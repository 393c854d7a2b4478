/**
 * Characters that pass for others. A Cyrillic "а" (U+0430) in `s3:GetObjаct` or in a bucket name
 * reads as the Latin letter, and the name then matches nothing, or something else.
 */

/** `U+0430`: how messages name a character, since printing it shows nothing wrong. */
export const codePoint = (character: string): string =>
    `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

/** The first character of `text` outside ASCII, for names that IAM allows in ASCII only. */
export const nonAscii = (text: string): string | undefined => /[^\x00-\x7f]/u.exec(text)?.[0];

/**
 * The first character of `text` that passes for another: an invisible format character (a
 * zero-width space), a full-width form of an ASCII character, or a letter of another script in a
 * word of Latin letters (`buсket` with a Cyrillic "с"). A word wholly in another script is left
 * alone: an S3 object key may be in any language.
 */
export function lookalike(text: string): string | undefined {
    const hidden = /[\p{Cf}\uFF01-\uFF5E]/u.exec(text);
    if (hidden) return hidden[0];
    for (const word of text.match(/\p{L}+/gu) ?? []) {
        if (/\p{Script=Latin}/u.test(word)) {
            const other = /[^\p{Script=Latin}]/u.exec(word);
            if (other) return other[0];
        }
    }
    return undefined;
}
