/**
 * The checks of `npm run verify`: the account, read once through the snapshot, against the
 * stack's validated model and either its outputs (after a deploy) or the key ids `iam-users:adopt`
 * records (`--no-outputs`, before the first deploy of an imported stack).
 */
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { managedPolicyArn } from "../rules/managed-policy";
import { mfaPolicyName, policyName } from "../rules/names";
import { HIDDEN_SECRET, lookUp, ReadOutputs } from "../credentials/stack-outputs";
import { AccessKeyModel, GroupModel, KeyStoreModel, StackModel, UserModel } from "../stacks/config/model";
import { AwsSettings } from "./aws-settings";
import { readStoredKey } from "./stores";
import {
    AccountSnapshot,
    clientConfig,
    DEFAULT_CONCURRENCY,
    mapBounded,
    readAccount,
    SnapshotAccessKey,
    SnapshotOptions,
    SnapshotUser,
} from "./snapshot";

/** `fail` makes verify exit 1; `warn` is advice; `skip` says a check could not run and why. */
export type CheckStatus = "ok" | "warn" | "fail" | "skip";

/** One line of a user's or group's table. */
export interface CheckResult {
    /** What was checked: `groups`, `access key cli`, ... */
    readonly check: string;
    readonly status: CheckStatus;
    /** What was found; never a secret. */
    readonly detail: string;
}

/** All checks of one user. */
export interface UserReport {
    /** The key under `iam-users:users`. */
    readonly key: string;
    readonly userName: string;
    readonly checks: readonly CheckResult[];
}

/** All checks of one group the stack manages. */
export interface GroupReport {
    /** The key under `iam-users:groups`. */
    readonly key: string;
    readonly groupName: string;
    readonly checks: readonly CheckResult[];
}

/** The result of a verify run. */
export interface VerifyReport {
    readonly stack: string;
    /** False when any check failed. */
    readonly ok: boolean;
    readonly users: readonly UserReport[];
    /** Managed groups only: an external group's policies are not the stack's. Absent: none checked. */
    readonly groups?: readonly GroupReport[];
}

/** Options of {@link verifyStack}. */
export interface VerifyOptions {
    readonly settings: AwsSettings;
    /** The time the ages are measured at. Defaults to now. */
    readonly now?: Date;
    /** Passed to the snapshot's and the sign-in checks' clients, to count requests. Defaults to none. */
    readonly instrument?: SnapshotOptions["instrument"];
}

/** IAM's own advice: rotate and review keys every 90 days unless the stack says otherwise. */
export const DEFAULT_MAX_KEY_AGE_DAYS = 90;
/** A key unused this long is a candidate for removal. */
export const UNUSED_KEY_DAYS = 90;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The SDK's error name (`InvalidClientTokenId`), or rethrows what is not an API error. */
export function apiErrorName(e: unknown): string {
    const name = (e as { name?: string }).name;
    if (typeof name === "string" && (e as { $metadata?: unknown }).$metadata !== undefined) {
        return name;
    }
    throw e;
}

/** Compares what is there with what should be; extra entries are drift (made by hand). */
export function compareSets(check: string, actual: readonly string[], expected: readonly string[]): CheckResult {
    const missing = expected.filter((x) => !actual.includes(x));
    const extra = actual.filter((x) => !expected.includes(x));
    if (missing.length === 0 && extra.length === 0) {
        return {
            check,
            status: "ok",
            detail: expected.length ? [...expected].sort().join(", ") : "none, as configured",
        };
    }
    const parts = [
        ...(missing.length ? [`missing: ${missing.join(", ")}`] : []),
        ...(extra.length ? [`not in the stack (drift): ${extra.join(", ")}`] : []),
    ];
    return { check, status: "fail", detail: parts.join("; ") };
}

/** Whole days from `from` to `to`; never negative, as a key can be used between the start of a run and its check. */
export function daysBetween(from: Date, to: Date): number {
    return Math.max(0, Math.floor((to.getTime() - from.getTime()) / DAY_MS));
}

interface Context {
    readonly account: AccountSnapshot;
    readonly model: StackModel;
    /** Absent with `--no-outputs`: key ids come from `iam-users:adopt`, and no secret is at hand. */
    readonly outputs?: ReadOutputs;
    readonly options: VerifyOptions;
    readonly now: Date;
}

/** Whether the delivered secret of an Active key signs in as its user; resolves to when it did. */
async function checkSignIn(
    ctx: Context,
    slot: string,
    accessKeyId: string,
    secret: string,
    arn: string,
): Promise<{ result: CheckResult; usedAt?: Date }> {
    const check = `sign-in ${slot}`;
    const sts = new STSClient({
        ...clientConfig(ctx.options.settings, ctx.options.settings.endpoints.sts),
        credentials: { accessKeyId, secretAccessKey: secret },
    });
    ctx.options.instrument?.(sts);
    try {
        const identity = await sts.send(new GetCallerIdentityCommand({}));
        // IAM records this use of the key, after the credential report was read.
        const usedAt = new Date();
        return identity.Arn === arn
            ? { result: { check, status: "ok", detail: `sts:GetCallerIdentity returns ${arn}` }, usedAt }
            : {
                  result: {
                      check,
                      status: "fail",
                      detail: `sts:GetCallerIdentity returns ${identity.Arn}, not ${arn}`,
                  },
                  usedAt,
              };
    } catch (e) {
        return { result: { check, status: "fail", detail: `the key does not authenticate: ${apiErrorName(e)}` } };
    } finally {
        sts.destroy();
    }
}

/** The key ids the checks expect, per slot: from the outputs, or from `iam-users:adopt`. */
function expectedKeyIds(ctx: Context, user: UserModel): Record<string, string> {
    return ctx.outputs
        ? (ctx.outputs.users[user.key]?.accessKeyIds ?? {})
        : { ...(ctx.model.adopt?.users[user.key]?.accessKeys ?? {}) };
}

async function checkKeys(ctx: Context, user: UserModel, found: SnapshotUser): Promise<CheckResult[]> {
    const ids = expectedKeyIds(ctx, user);
    const results: CheckResult[] = [];
    const previous = ctx.outputs?.users[user.key]?.previousAccessKeyIds ?? {};
    for (const slot of user.accessKeys) {
        results.push(...(await checkKey(ctx, user, found, slot, ids[slot.slot])));
        if (slot.store) {
            results.push(await checkStore(ctx, slot.slot, slot.store, ids[slot.slot]));
        }
        const previousId = previous[slot.slot];
        if (slot.overlapDays !== undefined && previousId !== undefined) {
            results.push(checkPreviousKey(ctx, user, found, slot.slot, previousId));
        }
    }
    const expectedIds = user.accessKeys.flatMap((k) => [
        ids[k.slot],
        ...(k.overlapDays !== undefined && previous[k.slot] !== undefined ? [previous[k.slot]] : []),
    ]);
    const extra = found.accessKeys.filter((k) => !expectedIds.includes(k.id)).map((k) => k.id);
    results.push(
        extra.length
            ? { check: "access keys", status: "fail", detail: `not in the stack (drift): ${extra.join(", ")}` }
            : { check: "access keys", status: "ok", detail: `${found.accessKeys.length} key(s), all from the stack` },
    );
    return results;
}

/** Whether the store of a slot holds the current key (by id: the secret is never shown). */
async function checkStore(
    ctx: Context,
    slot: string,
    store: KeyStoreModel,
    currentId: string | undefined,
): Promise<CheckResult> {
    const check = `store ${slot}`;
    if (currentId === undefined) {
        return { check, status: "skip", detail: "no current key id to compare the store with" };
    }
    let stored;
    try {
        stored = await readStoredKey(ctx.options.settings, store);
    } catch (e) {
        return { check, status: "fail", detail: `cannot read the store: ${apiErrorName(e)}` };
    }
    const { where, exists, accessKeyId } = stored;
    if (!exists) {
        return { check, status: "fail", detail: `${where} does not exist` };
    }
    if (accessKeyId === undefined) {
        return { check, status: "fail", detail: `${where} holds no accessKeyId in JSON` };
    }
    return accessKeyId === currentId
        ? { check, status: "ok", detail: `${where} holds ${accessKeyId}` }
        : { check, status: "fail", detail: `${where} holds ${accessKeyId}, not the current key ${currentId}` };
}

/**
 * The previous key of an overlapping slot, as the last deploy left it: alive until its overlap ends,
 * and past that a key nothing should use any more, which the next deploy deletes.
 */
function checkPreviousKey(ctx: Context, user: UserModel, found: SnapshotUser, slot: string, id: string): CheckResult {
    const check = `previous key ${slot}`;
    const key = found.accessKeys.find((k) => k.id === id);
    if (key === undefined) {
        return { check, status: "ok", detail: `${id} deleted` };
    }
    const end = ctx.outputs?.users[user.key]?.overlapEnds?.[slot];
    if (end !== undefined && ctx.now.getTime() < Date.parse(`${end}T00:00:00Z`)) {
        return { check, status: "ok", detail: `${id} ${key.status} through the overlap, until ${end}` };
    }
    return {
        check,
        status: "fail",
        detail: `${id} of slot ${slot} is alive past its overlap (ended ${end ?? "unknown"}): deploy to delete it`,
    };
}

async function checkKey(
    ctx: Context,
    user: UserModel,
    found: SnapshotUser,
    slot: AccessKeyModel,
    id: string | undefined,
): Promise<CheckResult[]> {
    const check = `access key ${slot.slot}`;
    if (id === undefined) {
        const where = ctx.outputs
            ? `the stack outputs have no key id for slot ${slot.slot}: deploy the stack`
            : `iam-users:adopt records no key id for slot ${slot.slot}: run npm run import again`;
        return [{ check, status: "fail", detail: where }];
    }
    const key = found.accessKeys.find((k) => k.id === id);
    if (key === undefined) {
        return [{ check, status: "fail", detail: `${id} does not exist` }];
    }
    const results: CheckResult[] = [
        key.status === slot.status
            ? { check, status: "ok", detail: `${id} ${key.status}` }
            : { check, status: "fail", detail: `${id} is ${key.status}, configured ${slot.status}` },
    ];
    let signedInAt: Date | undefined;
    if (slot.status === "Active" && key.status === "Active") {
        const secret = ctx.outputs ? lookUp(ctx.outputs.accessKeySecrets, [user.key, slot.slot]) : undefined;
        if (typeof secret === "string" && secret !== HIDDEN_SECRET) {
            const signIn = await checkSignIn(ctx, slot.slot, id, secret, found.arn);
            results.push(signIn.result);
            signedInAt = signIn.usedAt;
        } else {
            results.push({
                check: `sign-in ${slot.slot}`,
                status: "skip",
                detail: ctx.outputs
                    ? "no plain secret in the outputs (pgpKey, or no --show-secrets)"
                    : "no stack outputs (--no-outputs): no secret to sign in with",
            });
        }
    }
    const maxAge = slot.rotateAfterDays ?? DEFAULT_MAX_KEY_AGE_DAYS;
    const age = daysBetween(key.createDate, ctx.now);
    results.push(
        age > maxAge
            ? { check: `age ${slot.slot}`, status: "warn", detail: `${age} days old, over ${maxAge}: rotate it` }
            : { check: `age ${slot.slot}`, status: "ok", detail: `${age} days old (limit ${maxAge})` },
    );
    results.push(lastUsed(ctx, slot.slot, key, signedInAt));
    return results;
}

function lastUsed(ctx: Context, slot: string, key: SnapshotAccessKey, signedInAt: Date | undefined): CheckResult {
    const check = `last used ${slot}`;
    if (signedInAt === undefined && !key.inReport) {
        const at = ctx.account.reportGeneratedAt?.toISOString() ?? "unknown time";
        return { check, status: "skip", detail: `the credential report (${at}) predates the key` };
    }
    const usedAt = signedInAt ?? key.lastUsed;
    const idle = daysBetween(usedAt ?? key.createDate, ctx.now);
    const when = usedAt ? `last used ${idle} days ago` : `never used in ${idle} days`;
    return { check, status: idle > UNUSED_KEY_DAYS ? "warn" : "ok", detail: when };
}

function pathCheck(actual: string, expected: string): CheckResult {
    return actual === expected
        ? { check: "path", status: "ok", detail: expected }
        : { check: "path", status: "fail", detail: `${actual}, configured ${expected}` };
}

async function checkUser(ctx: Context, user: UserModel): Promise<UserReport> {
    const report = (checks: CheckResult[]): UserReport => ({ key: user.key, userName: user.name, checks });
    const found = ctx.account.users.find((u) => u.name === user.name);
    if (!found) {
        return report([{ check: "user", status: "fail", detail: `${user.name} does not exist` }]);
    }
    const { partition, accountId } = ctx.account;
    const checks: CheckResult[] = [
        { check: "user", status: "ok", detail: found.arn },
        pathCheck(found.path, user.path),
    ];
    const boundary = found.permissionsBoundary;
    checks.push(
        boundary === user.permissionsBoundary
            ? { check: "permissions boundary", status: "ok", detail: boundary ?? "none, as configured" }
            : {
                  check: "permissions boundary",
                  status: "fail",
                  detail: `${boundary ?? "none"}, configured ${user.permissionsBoundary ?? "none"}`,
              },
    );
    const groupNames = new Map(ctx.model.groups.map((g) => [g.key, g.name]));
    checks.push(
        compareSets(
            "groups",
            found.groups,
            user.groups.map((key) => groupNames.get(key) ?? key),
        ),
    );
    checks.push(
        compareSets(
            "attached policies",
            found.attachedPolicies.map((a) => a.arn),
            [
                ...user.managedPolicies.map((p) => managedPolicyArn(p, partition)),
                ...user.policies.map(
                    (f) => `arn:${partition}:iam::${accountId}:policy/${policyName(user.name, f.key)}`,
                ),
            ],
        ),
    );
    checks.push(
        compareSets(
            "inline policies",
            found.inlinePolicies.map((p) => p.name),
            user.inlinePolicies.map((f) => f.key),
        ),
    );
    checks.push(...checkConsole(user, found));
    checks.push(...(await checkKeys(ctx, user, found)));
    return report(checks);
}

function checkConsole(user: UserModel, found: SnapshotUser): CheckResult[] {
    const check = "login profile";
    if (!user.console) {
        return [
            found.loginProfile
                ? { check, status: "fail", detail: "present, but the stack configures no console access (drift)" }
                : { check, status: "ok", detail: "none, as configured" },
        ];
    }
    if (!found.loginProfile) {
        return [{ check, status: "fail", detail: "missing: the stack configures console access" }];
    }
    return [
        { check, status: "ok", detail: "present" },
        found.mfaActive
            ? { check: "MFA", status: "ok", detail: "an MFA device is active" }
            : { check: "MFA", status: "warn", detail: "console user without an MFA device" },
    ];
}

function checkGroup(ctx: Context, group: GroupModel): GroupReport {
    const report = (checks: CheckResult[]): GroupReport => ({ key: group.key, groupName: group.name, checks });
    const found = ctx.account.groups.find((g) => g.name === group.name);
    if (!found) {
        return report([{ check: "group", status: "fail", detail: `${group.name} does not exist` }]);
    }
    const { partition, accountId } = ctx.account;
    const customer = (name: string) => `arn:${partition}:iam::${accountId}:policy/${name}`;
    return report([
        { check: "group", status: "ok", detail: found.arn },
        pathCheck(found.path, group.path),
        compareSets(
            "attached policies",
            found.attachedPolicies.map((a) => a.arn),
            [
                ...group.managedPolicies.map((p) => managedPolicyArn(p, partition)),
                ...group.policies.map((f) => customer(policyName(group.name, f.key))),
                ...(group.requireMfa ? [customer(mfaPolicyName(group.name))] : []),
            ],
        ),
        // The stack configures no group inline policy, so any is drift.
        compareSets(
            "inline policies",
            found.inlinePolicies.map((p) => p.name),
            [],
        ),
    ]);
}

/**
 * Checks every user and managed group of the stack against one snapshot of the account. With
 * `outputs` undefined (`--no-outputs`), keys are matched by the ids `iam-users:adopt` records.
 * API errors (no credentials, access denied) are thrown: the account could not be checked at all.
 */
export async function verifyStack(
    model: StackModel,
    outputs: ReadOutputs | undefined,
    options: VerifyOptions,
): Promise<VerifyReport> {
    const console = new Map(model.users.map((u) => [u.name, u.console !== undefined]));
    const account = await readAccount({
        settings: options.settings,
        users: (name) => console.has(name),
        // A report that agrees with the stack is trusted; a disagreement is confirmed, so a report
        // older than the last deploy never fails a check. A change made since the report goes
        // unseen until IAM generates the next one (4 hours at most).
        confirmLoginProfile: (name, reported) => reported !== console.get(name),
        instrument: options.instrument,
    });
    const ctx: Context = { account, model, outputs, options, now: options.now ?? new Date() };
    // Sign-in checks are the only calls left; the report keeps the config's order.
    const users = await mapBounded(model.users, DEFAULT_CONCURRENCY, (user) => checkUser(ctx, user));
    const groups = model.groups.filter((g) => !g.external).map((g) => checkGroup(ctx, g));
    const ok = [...users, ...groups].every((r) => r.checks.every((c) => c.status !== "fail"));
    return { stack: model.stack, ok, users, groups };
}
