/**
 * The static controls on a validated stack: the detectors of `detect.ts` fed from the stack
 * model, each finding placed at the config key (or policy statement) that causes it, and the
 * stack's `waive` entries applied.
 */
import { GroupModel, PolicyFile, StackModel, UserModel, configKey } from "../../stacks/config/model";
import { Problem } from "../../stacks/config/problems";
import { didYouMean } from "../../stacks/config/suggest";
import { statementLabel } from "../policy-sources";
import { CONTROLS, controlById } from "./catalog";
import {
    ControlFinding,
    enforcesMfa,
    managedPolicyFindings,
    passwordPolicyFindings,
    policyDocumentFindings,
    userFindings,
} from "./detect";

/** A finding placed in a file, with the users and groups whose `waive` may accept it. */
interface Placed {
    readonly finding: ControlFinding;
    readonly file: string;
    readonly keyPath: string;
    /** Every owner must waive the control for the finding to be waived; none means it cannot be. */
    readonly owners: readonly Owner[];
}

type Owner = { readonly kind: "users"; readonly of: UserModel } | { readonly kind: "groups"; readonly of: GroupModel };

const groupEnforcesMfa = (g: GroupModel): boolean => g.requireMfa || g.policies.some((p) => enforcesMfa(p.document));

const DIRECT_FIELDS = [
    ["managedPolicies", (u: UserModel) => u.managedPolicies.length],
    ["policyFiles", (u: UserModel) => u.policies.length],
    ["inlinePolicyFiles", (u: UserModel) => u.inlinePolicies.length],
] as const;

function userPlaced(model: StackModel, user: UserModel): Placed[] {
    const groups = model.groups.filter((g) => user.groups.includes(g.key));
    const active = user.accessKeys.filter((k) => k.status === "Active").length;
    const owners: Owner[] = [{ kind: "users", of: user }];
    const findings = userFindings({
        name: user.key,
        console: user.console !== undefined,
        inMfaGroup: groups.some(groupEnforcesMfa),
        directPolicies: DIRECT_FIELDS.filter(([, count]) => count(user) > 0).map(([field]) => field),
        activeKeys: active,
        // A stack file cannot tell a new user from a deployed one; a key next to a console is the
        // shape CIS 1.11 warns about, hence a note that never fails.
        keysWithUser: user.accessKeys.length,
        keysField: "accessKeys",
        consoleField: "console",
    });
    return [
        ...findings.map((finding) => ({
            finding,
            file: model.file,
            keyPath: configKey("users", user.key, finding.field),
            owners,
        })),
        ...managedPlaced(model, owners[0], user.managedPolicies),
    ];
}

function managedPlaced(model: StackModel, owner: Owner, managed: readonly string[]): Placed[] {
    return managed.flatMap((m, i) =>
        managedPolicyFindings(m).map((finding) => ({
            finding,
            file: model.file,
            keyPath: configKey(owner.kind, owner.of.key, "managedPolicies", i),
            owners: [owner],
        })),
    );
}

/** IAM.1 and IAM.21 once per policy file, however many users and groups attach it. */
function policyPlaced(model: StackModel): Placed[] {
    const owners = new Map<string, { file: PolicyFile; owners: Owner[] }>();
    const add = (owner: Owner, files: readonly PolicyFile[]): void => {
        for (const file of files) {
            const entry = owners.get(file.path) ?? { file, owners: [] };
            entry.owners.push(owner);
            owners.set(file.path, entry);
        }
    };
    model.users.forEach((u) => add({ kind: "users", of: u }, [...u.policies, ...u.inlinePolicies]));
    model.groups.forEach((g) => add({ kind: "groups", of: g }, g.policies));
    return [...owners.values()].flatMap(({ file, owners }) =>
        policyDocumentFindings(file.document).map((finding) => ({
            finding,
            file: file.path,
            keyPath: statementLabel(file.document, Number(finding.field)),
            owners,
        })),
    );
}

function passwordPlaced(model: StackModel): Placed[] {
    // Without a policy of its own the stack leaves the account's alone; that matters once it has passwords.
    if (!model.passwordPolicy && !model.users.some((u) => u.console)) return [];
    return passwordPolicyFindings(model.passwordPolicy).map((finding) => ({
        finding,
        file: model.file,
        keyPath: configKey("passwordPolicy", ...(model.passwordPolicy && finding.field ? [finding.field] : [])),
        owners: [],
    }));
}

/** The reason an owner (or, for a user, one of its groups) gives for waiving `control`, if any. */
function waiverOf(model: StackModel, owner: Owner, control: string): Waiver | undefined {
    const ids = controlById(control)!.ids;
    const holders: Owner[] =
        owner.kind === "users"
            ? [
                  owner,
                  ...model.groups
                      .filter((g) => owner.of.groups.includes(g.key))
                      .map((of) => ({ kind: "groups" as const, of })),
              ]
            : [owner];
    for (const holder of holders) {
        const id = ids.find((i) => holder.of.waive.has(i));
        if (id) return { reason: holder.of.waive.get(id)!, at: configKey(holder.kind, holder.of.key, "waive", id) };
    }
    return undefined;
}

/** Where and why a control is waived. */
export interface Waiver {
    readonly reason: string;
    /** The key path of the `waive` entry. */
    readonly at: string;
}

/** The waiver of `control` for a user (its own, or one of its groups'), if any: `audit` applies it too. */
export const userWaiver = (model: StackModel, user: UserModel, control: string): Waiver | undefined =>
    waiverOf(model, { kind: "users", of: user }, control);

/** `problem` as a note that says who waived it and why, without its hint. */
export function waivedProblem(problem: Problem, waivers: readonly Waiver[]): Problem {
    const by = waivers.map((w) => `${w.at} ("${w.reason}")`).join(", ");
    return { ...problem, severity: "note", message: `waived by ${by}: ${problem.message}`, hint: undefined };
}

function toProblem(model: StackModel, p: Placed): Problem {
    const waivers = p.owners.map((o) => waiverOf(model, o, p.finding.control));
    const problem: Problem = {
        file: p.file,
        keyPath: p.keyPath,
        rule: p.finding.control,
        severity: p.finding.severity,
        message: p.finding.message,
        hint: p.finding.hint,
    };
    return waivers.length > 0 && waivers.every((w) => w !== undefined) ? waivedProblem(problem, waivers) : problem;
}

/** A `waive` key that names no control would silently waive nothing: an error, with a suggestion. */
function checkWaiverIds(model: StackModel): Problem[] {
    const ids = CONTROLS.flatMap((c) => c.ids);
    const owners: Owner[] = [
        ...model.users.map((of) => ({ kind: "users" as const, of })),
        ...model.groups.map((of) => ({ kind: "groups" as const, of })),
    ];
    return owners.flatMap((o) =>
        [...o.of.waive.keys()]
            .filter((id) => !controlById(id))
            .map((id) => ({
                file: model.file,
                keyPath: configKey(o.kind, o.of.key, "waive", id),
                message: `unknown control "${id}"${didYouMean(id, ids)}`,
                hint: `controls: ${CONTROLS.map((c) => c.id).join(", ")}`,
            })),
    );
}

/**
 * Every static control on a valid stack (see the README's control table): warnings and notes
 * whose `rule` is the control id, waived ones turned into notes that say by whom and why, and an
 * error for each `waive` key that names no control.
 */
export function checkControls(model: StackModel): Problem[] {
    const placed = [
        ...passwordPlaced(model),
        ...model.groups.flatMap((g) => managedPlaced(model, { kind: "groups", of: g }, g.managedPolicies)),
        ...model.users.flatMap((u) => userPlaced(model, u)),
        ...policyPlaced(model),
    ];
    return [...checkWaiverIds(model), ...placed.map((p) => toProblem(model, p))];
}
