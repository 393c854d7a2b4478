/** Edit distance between two strings (insertions, deletions, substitutions). */
function distance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(
                previous[j] + 1,
                current[j - 1] + 1,
                previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
            );
        }
        previous = current;
    }
    return previous[b.length];
}

/**
 * The candidate closest to `word`, ignoring case, if it is close enough to be a typo: within a
 * third of the word's length (at least 2 edits).
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
    const lower = word.toLowerCase();
    let best: string | undefined;
    let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
    for (const candidate of candidates) {
        const d = distance(lower, candidate.toLowerCase());
        if (d < bestDistance) {
            best = candidate;
            bestDistance = d;
        }
    }
    return best;
}

/** ` (did you mean "x"?)` when there is a close candidate, else nothing. */
export const didYouMean = (word: string, candidates: Iterable<string>): string => {
    const match = closest(word, candidates);
    return match === undefined ? "" : ` (did you mean "${match}"?)`;
};
