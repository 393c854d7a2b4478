/**
 * Action patterns as IAM reads them: `service:Action`, `*` and `?` wildcards, no case.
 */
import { CatalogAction, serviceActions, serviceKeys } from "./action-catalog";

const escape = (s: string): string => s.replace(/[.+^${}()|[\]\\]/g, "\\$&");

const compiled = new Map<string, RegExp>();

/** The regular expression for an IAM wildcard pattern, case-insensitive as IAM matches actions. */
export function wildcardRegExp(pattern: string): RegExp {
    let re = compiled.get(pattern);
    if (!re) {
        re = new RegExp(`^${escape(pattern).replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");
        compiled.set(pattern, re);
    }
    return re;
}

/** True when the pattern contains an IAM wildcard. */
export const hasWildcard = (pattern: string): boolean => /[*?]/.test(pattern);

/** `service:name`, the way policies name a catalog action. */
export const actionId = (a: CatalogAction): string => `${a.service}:${a.name}`;

/**
 * Every catalog action a pattern matches. A pattern whose service part has a wildcard (`*`,
 * `*:Get*`) reads every service, so callers keep those for when they need the whole catalog.
 */
export function matchingActions(pattern: string): CatalogAction[] {
    const colon = pattern.indexOf(":");
    const servicePart = colon < 0 ? pattern : pattern.slice(0, colon);
    const re = wildcardRegExp(colon < 0 ? "*:*" : pattern);
    const services = hasWildcard(servicePart)
        ? serviceKeys().filter((s) => wildcardRegExp(servicePart).test(s))
        : [servicePart.toLowerCase()];
    return services.flatMap((s) => serviceActions(s).filter((a) => re.test(actionId(a))));
}
