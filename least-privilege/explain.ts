/**
 * `check --explain <user>`: a short table of what one user may do, per service. Counting every
 * one of the catalog's ~22,000 actions through the simulator would take seconds, so this works at
 * the action level: an action counts when an Allow statement names it (for some resource, under
 * its conditions) and no Deny without conditions names it for every resource. Deny statements with
 * conditions are passed over, which reads the MFA policy's Deny as signed in with MFA. The
 * permissions boundary caps the count the same way.
 */
import { PolicyStatement, StackModel } from "../stacks/config/model";
import { actionCatalogVersion, serviceActions, serviceKeys } from "./action-catalog";
import { managedPolicyCatalogVersion } from "./managed-policy-catalog";
import { wildcardMatcher } from "../rules/actions";
import { actionId } from "./action-pattern";
import { NamedPolicy, effectivePolicies } from "./effective-policies";
import { didYouMean } from "../stacks/config/suggest";

/** One row: a service and how many of its actions the user may call. */
interface ServiceAccess {
    readonly service: string;
    readonly allowed: number;
    readonly total: number;
}

/** A statement reduced to what the count needs, its patterns compiled once for ~22,000 actions. */
interface Matcher {
    readonly allow: boolean;
    /** A Deny that applies whatever the resource and the request context. */
    readonly absolute: boolean;
    matches(action: string): boolean;
}

function matcher(s: PolicyStatement): Matcher {
    const patterns = (s.Action ?? s.NotAction ?? []).map(wildcardMatcher);
    const named = (action: string): boolean => patterns.some((p) => p(action));
    return {
        allow: s.Effect === "Allow",
        absolute: s.Effect === "Deny" && !s.Condition && (s.Resource ?? []).includes("*"),
        matches: s.Action ? named : (action) => !named(action),
    };
}

/** Whether a set of policies lets an action through, at the action level. */
function permits(policies: readonly NamedPolicy[]): (action: string) => boolean {
    const matchers = policies.flatMap((p) => p.document.Statement.map(matcher));
    const allows = matchers.filter((m) => m.allow);
    const denies = matchers.filter((m) => m.absolute);
    return (action) => !denies.some((m) => m.matches(action)) && allows.some((m) => m.matches(action));
}

/** Per service, the actions the user's effective policies allow; services with none are left out. */
function serviceAccess(model: StackModel, userKey: string): { rows: ServiceAccess[]; unresolved: readonly string[] } {
    const user = model.users.find((u) => u.key === userKey)!;
    const { identity, boundary, unresolved } = effectivePolicies(model, user);
    const byIdentity = permits(identity);
    const byBoundary = boundary ? permits([boundary]) : () => true;
    const rows = serviceKeys().flatMap((service) => {
        const actions = serviceActions(service).map(actionId);
        const allowed = actions.filter((a) => byIdentity(a) && byBoundary(a)).length;
        return allowed > 0 ? [{ service, allowed, total: actions.length }] : [];
    });
    return { rows, unresolved };
}

/** The `--explain` text for a user, or an error line when the user is not in the stack. */
export function explainUser(model: StackModel, userKey: string): { text: string; ok: boolean } {
    const keys = model.users.map((u) => u.key);
    if (!keys.includes(userKey)) {
        const known = keys.length > 0 ? `; the users are ${keys.join(", ")}` : "; the stack has no users";
        return { text: `${model.file}: no user "${userKey}"${didYouMean(userKey, keys) || known}`, ok: false };
    }
    const { rows, unresolved } = serviceAccess(model, userKey);
    const services = serviceKeys();
    const full = rows.filter((r) => r.allowed === r.total).map((r) => r.service);
    const partial = rows.filter((r) => r.allowed < r.total);
    const width = Math.max(7, ...partial.map((r) => r.service.length));
    // An administrator's list of services would run to hundreds of names; say what is missing instead.
    const fullLine =
        full.length === services.length
            ? `full access: every service (${full.length})`
            : full.length > services.length / 2
              ? `full access: ${full.length} of ${services.length} services, all but ${services.filter((s) => !full.includes(s)).join(", ")}`
              : `full access: ${full.length > 0 ? full.join(", ") : "no service"}`;
    const lines = [
        `${userKey} in ${model.file}: allowed actions per service (with MFA; an action counts when an Allow names it for some resource)`,
        ...(partial.length > 0
            ? [
                  `${"service".padEnd(width)}  allowed`,
                  ...partial.map((r) => `${r.service.padEnd(width)}  ${r.allowed} of ${r.total}`),
              ]
            : []),
        fullLine,
        `total: ${rows.reduce((n, r) => n + r.allowed, 0)} actions in ${rows.length} services`,
        ...unresolved.map((part) => `not counted: ${part} (cannot be resolved offline)`),
        `catalog: ${[actionCatalogVersion(), managedPolicyCatalogVersion()].map((c) => `${c.package} ${c.version} (${c.date})`).join(", ")}`,
    ];
    return { text: lines.join("\n"), ok: true };
}
