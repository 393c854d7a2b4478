/**
 * Action patterns as IAM reads them: `service:Action`, `*` and `?` wildcards, no case.
 */
import { wildcardMatcher } from "../rules/actions";
import { CatalogAction, serviceActions, serviceKeys } from "./action-catalog";

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
    const matches = wildcardMatcher(colon < 0 ? "*:*" : pattern);
    const services = hasWildcard(servicePart)
        ? serviceKeys().filter(wildcardMatcher(servicePart))
        : [servicePart.toLowerCase()];
    return services.flatMap((s) => serviceActions(s).filter((a) => matches(actionId(a))));
}
