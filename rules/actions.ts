/**
 * IAM action names as IAM reads them: `service:Action`, `*` and `?` wildcards, no case. Node
 * built-ins only, so the components and the tools share it.
 */

/**
 * One action or action pattern: a service prefix, a colon, a name with optional `*` and `?`.
 * IAM matches service prefixes and action names ignoring case, so `S3:GetObject` is legal. A
 * policy may also write `*` alone, which this pattern leaves to the caller.
 */
export const ACTION = /^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/;

/**
 * A matcher for an IAM wildcard pattern (`*` any run, `?` one character), ignoring case as IAM
 * matches actions. A regular expression of the pattern backtracks exponentially: ten `*` took
 * minutes against one service's actions. This is the greedy two-pointer match, which returns to
 * the last `*` only, so it takes at most pattern × text steps.
 */
export function wildcardMatcher(pattern: string): (text: string) => boolean {
    const p = pattern.toLowerCase();
    if (!/[*?]/.test(p)) return (text) => text.toLowerCase() === p;
    return (text) => {
        const t = text.toLowerCase();
        let i = 0;
        let j = 0;
        let star = -1;
        let resume = 0;
        while (j < t.length) {
            if (i < p.length && (p[i] === "?" || (p[i] !== "*" && p[i] === t[j]))) {
                i++;
                j++;
            } else if (i < p.length && p[i] === "*") {
                star = i++;
                resume = j;
            } else if (star >= 0) {
                i = star + 1;
                j = ++resume;
            } else {
                return false;
            }
        }
        while (p[i] === "*") i++;
        return i === p.length;
    };
}
