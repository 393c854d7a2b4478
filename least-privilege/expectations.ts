/**
 * Permission expectations (`iam-users:expectations`), evaluated offline with
 * `@cloud-copilot/iam-simulate`. That package is AGPL-3.0: it is a devDependency, loaded only
 * here, by the check tooling, and never by the components or the stack program.
 */
import type { EvaluationResult, RequestAnalysis } from "@cloud-copilot/iam-simulate";
import { Problem } from "../stacks/config/problems";
import { ExpectationModel, PolicyDocument, PolicyStatement, StackModel, UserModel } from "../stacks/config/model";
import { wildcardMatcher } from "../rules/actions";
import { hasWildcard } from "./action-pattern";
import { EffectivePolicies, NamedPolicy, effectivePolicies, statementRef } from "./effective-policies";
import { actionNameProblem } from "./names";
import { CHECK_PARTITION } from "./policy-sources";

type Simulator = typeof import("@cloud-copilot/iam-simulate");
let loaded: Simulator | undefined;

/** The simulator's few hundred modules load only for a stack that has expectations. */
const simulator = (): Simulator => (loaded ??= require("@cloud-copilot/iam-simulate") as Simulator);

/** The fixed example account that expectations are evaluated in (AWS's documentation account). */
export const EXAMPLE_ACCOUNT = "123456789012";

/**
 * One identity policy cut down to what can decide a request for `action`: the statements that name
 * it, with only the patterns that match. The rest cannot change the decision, and the simulator
 * checks every action it is given against the catalog, which for ReadOnlyAccess's thousands of
 * actions costs tens of milliseconds a request. `indexes` maps a kept statement to its original.
 */
interface RelevantPolicy {
    readonly policy: NamedPolicy;
    readonly document: PolicyDocument;
    readonly indexes: readonly number[];
}

/** Per statement, its Action patterns by service prefix (`*` for a wildcard prefix), built once. */
const patternsByService = new WeakMap<PolicyStatement, Map<string, string[]>>();

function patternsFor(s: PolicyStatement, service: string): string[] {
    let index = patternsByService.get(s);
    if (!index) {
        index = new Map();
        for (const pattern of s.Action ?? []) {
            const prefix = pattern.split(":")[0].toLowerCase();
            const key = hasWildcard(prefix) ? "*" : prefix;
            const list = index.get(key);
            if (list) list.push(pattern);
            else index.set(key, [pattern]);
        }
        patternsByService.set(s, index);
    }
    return [...(index.get(service) ?? []), ...(index.get("*") ?? [])];
}

function relevant(policy: NamedPolicy, action: string): RelevantPolicy | undefined {
    const service = action.split(":")[0].toLowerCase();
    const statements: PolicyStatement[] = [];
    const indexes: number[] = [];
    policy.document.Statement.forEach((s, i) => {
        const actions = s.Action && patternsFor(s, service).filter((p) => wildcardMatcher(p)(action));
        if (actions?.length === 0) return;
        statements.push(actions ? { ...s, Action: actions } : s);
        indexes.push(i);
    });
    return statements.length > 0
        ? { policy, document: { ...policy.document, Statement: statements }, indexes }
        : undefined;
}

function simulation(
    user: UserModel,
    identity: readonly RelevantPolicy[],
    boundary: NamedPolicy | undefined,
    e: ExpectationModel,
) {
    return {
        request: {
            principal: `arn:${CHECK_PARTITION}:iam::${EXAMPLE_ACCOUNT}:user${user.path}${user.name}`,
            action: e.action,
            resource: { resource: e.resource, accountId: EXAMPLE_ACCOUNT },
            // The MFA policy's resources use ${aws:username}; the simulator does not derive it from the principal.
            contextVariables: { "aws:MultiFactorAuthPresent": String(e.mfa), "aws:username": user.name },
        },
        identityPolicies: identity.map((p) => ({ name: p.policy.id, policy: p.document })),
        permissionBoundaryPolicies: boundary ? [{ name: boundary.id, policy: boundary.document }] : [],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
    };
}

/** What the simulator decided for one request, with the policies it was given to name statements. */
interface Outcome {
    readonly result: EvaluationResult;
    readonly analysis?: RequestAnalysis;
    readonly identity: readonly RelevantPolicy[];
}

async function simulate(
    user: UserModel,
    policies: EffectivePolicies,
    e: ExpectationModel,
    withBoundary = true,
): Promise<Outcome | { error: string }> {
    const identity = policies.identity.flatMap((p) => relevant(p, e.action) ?? []);
    const boundary = withBoundary ? policies.boundary : undefined;
    const r = await simulator().runSimulation(simulation(user, identity, boundary, e), {});
    if (r.resultType === "error") return { error: r.errors.message };
    // For a resource with wildcards the simulator tries each matching resource pattern of the policies.
    const analyses = r.resultType === "single" ? [r.result.analysis] : r.results.map((x) => x.analysis);
    return { result: r.overallResult, analysis: analyses.find((a) => a.result === r.overallResult), identity };
}

/** Names the statement that decided a request, in words (the simulator counts statements from 1). */
async function explainOutcome(
    user: UserModel,
    policies: EffectivePolicies,
    e: ExpectationModel,
    outcome: Outcome,
): Promise<string> {
    const ref = (id: string | undefined, index: number): string => {
        const cut = outcome.identity.find((p) => p.policy.id === id);
        if (cut) return statementRef(cut.policy, cut.indexes[index - 1]);
        return policies.boundary ? statementRef(policies.boundary, index - 1) : `${id} Statement[${index - 1}]`;
    };
    if (outcome.result === "Allowed" && outcome.analysis) {
        const grant = simulator()
            .getGrantReasons(outcome.analysis)
            .find((g) => g.policyType === "identity");
        return grant && "policyIdentifier" in grant
            ? `allowed by ${ref(grant.policyIdentifier, grant.statementIndex)}`
            : "allowed";
    }
    if (outcome.result === "ExplicitlyDenied" && outcome.analysis) {
        const denial = simulator()
            .getDenialReasons(outcome.analysis)
            .find((d) => d.denialType === "Explicit");
        return denial?.denialType === "Explicit"
            ? `denied by ${ref(denial.policyIdentifier, denial.statementIndex)}`
            : "denied";
    }
    if (policies.boundary) {
        const unbounded = await simulate(user, policies, e, false);
        if ("result" in unbounded && unbounded.result === "Allowed") {
            return `the ${policies.boundary.id} does not allow it`;
        }
    }
    return "no statement allows it";
}

async function checkOne(
    model: StackModel,
    user: UserModel,
    policies: EffectivePolicies,
    e: ExpectationModel,
    expected: "allowed" | "denied",
    allowedUnknown: ReadonlySet<string>,
): Promise<Problem[]> {
    const at = (message: string, hint?: string, rule?: string): Problem[] => [
        {
            file: model.file,
            keyPath: e.keyPath,
            message,
            hint,
            ...(rule ? { severity: "warning" as const, rule } : {}),
        },
    ];
    if (e.action === "*" || hasWildcard(e.action)) {
        return at(`expectations name one action, not the pattern "${e.action}"`, "write one line per action");
    }
    const request = `${e.action} on ${e.resource}${e.mfa ? "" : " without MFA"}`;
    if (allowedUnknown.has(e.action.toLowerCase())) {
        return at(
            `${user.key}: ${request} was not evaluated: the action is not in the IAM catalog`,
            undefined,
            "unresolved-expectation",
        );
    }
    const nameProblem = actionNameProblem(e.action);
    if (nameProblem) return at(nameProblem.message, nameProblem.hint);
    const outcome = await simulate(user, policies, e);
    if ("error" in outcome) return at(`${user.key}: ${request} could not be evaluated: ${outcome.error}`);
    // An explicit Deny wins over anything the unresolved parts could add; any other result could change.
    if (policies.unresolved.length > 0 && outcome.result !== "ExplicitlyDenied") {
        return at(
            `${user.key}: ${request} was not evaluated: ${policies.unresolved.join(", ")} cannot be resolved offline`,
            "expectations of this user hold only for the parts this stack defines",
            "unresolved-expectation",
        );
    }
    if ((outcome.result === "Allowed") === (expected === "allowed")) return [];
    const reason = await explainOutcome(user, policies, e, outcome);
    return at(`${user.key}: expected ${expected}, got ${outcome.result} for ${request}: ${reason}`);
}

/** Every expectation of the stack: an error for each that does not hold. */
export async function checkExpectations(model: StackModel): Promise<Problem[]> {
    const allowedUnknown = new Set(model.allowUnknown.actions.map((a) => a.toLowerCase()));
    const problems: Problem[] = [];
    for (const [key, expectations] of Object.entries(model.expectations)) {
        // The config validation has made sure every key names a user.
        const user = model.users.find((u) => u.key === key)!;
        const policies = effectivePolicies(model, user);
        for (const [expected, list] of [
            ["allowed", expectations.allowed],
            ["denied", expectations.denied],
        ] as const) {
            for (const e of list) {
                const found = await checkOne(model, user, policies, e, expected, allowedUnknown);
                problems.push(...found.filter((p) => !p.rule || !user.allowWarnings.includes(p.rule)));
            }
        }
    }
    return problems;
}
