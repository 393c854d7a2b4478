/**
 * BENCHMARK BASELINE ONLY: `verify` as it was before the account snapshot (issue 11), about nine
 * sequential IAM calls per user. Kept, unchanged but for this banner, its imports (shared
 * helpers and types) and the request-counting hook, so `npm run bench:verify` can measure the
 * snapshot against it; nothing else may import it.
 */
import {
    GetAccessKeyLastUsedCommand,
    GetLoginProfileCommand,
    GetUserCommand,
    IAMClient,
    NoSuchEntityException,
    paginateListAccessKeys,
    paginateListAttachedUserPolicies,
    paginateListGroupsForUser,
    paginateListMFADevices,
    paginateListUserPolicies,
    User,
} from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { managedPolicyArn } from "../rules/managed-policy";
import { policyName } from "../rules/names";
import { HIDDEN_SECRET, lookUp, ReadOutputs } from "../credentials/stack-outputs";
import { AccessKeyModel, StackModel, UserModel } from "../stacks/config/model";
import {
    apiErrorName,
    CheckResult,
    compareSets,
    daysBetween,
    DEFAULT_MAX_KEY_AGE_DAYS,
    UNUSED_KEY_DAYS,
    UserReport,
    VerifyOptions,
    VerifyReport,
} from "../verify/checks";
import { clientConfig } from "../verify/snapshot";

/** Returns when the call failed because the entity does not exist; rethrows any other failure. */
function rethrowUnlessNotFound(e: unknown): void {
    if (!(e instanceof NoSuchEntityException)) {
        throw e;
    }
}

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
    const all: T[] = [];
    for await (const page of pages) {
        all.push(page);
    }
    return all;
}

/** Whether the delivered secret of an Active key signs in as its user. */
async function checkSignIn(
    options: VerifyOptions,
    slot: string,
    accessKeyId: string,
    secret: string,
    arn: string,
): Promise<CheckResult> {
    const check = `sign-in ${slot}`;
    const sts = new STSClient({
        ...clientConfig(options.settings, options.settings.endpoints.sts),
        credentials: { accessKeyId, secretAccessKey: secret },
    });
    options.instrument?.(sts);
    try {
        const identity = await sts.send(new GetCallerIdentityCommand({}));
        return identity.Arn === arn
            ? { check, status: "ok", detail: `sts:GetCallerIdentity returns ${arn}` }
            : { check, status: "fail", detail: `sts:GetCallerIdentity returns ${identity.Arn}, not ${arn}` };
    } catch (e) {
        return { check, status: "fail", detail: `the key does not authenticate: ${apiErrorName(e)}` };
    } finally {
        sts.destroy();
    }
}

interface Context {
    readonly iam: IAMClient;
    readonly model: StackModel;
    readonly outputs: ReadOutputs;
    readonly options: VerifyOptions;
    readonly now: Date;
}

async function checkKeys(ctx: Context, user: UserModel, found: User): Promise<CheckResult[]> {
    const ids: Record<string, string> = ctx.outputs.users[user.key]?.accessKeyIds ?? {};
    const pages = await collect(paginateListAccessKeys({ client: ctx.iam }, { UserName: user.name }));
    const actual = pages.flatMap((p) => p.AccessKeyMetadata ?? []);
    const results: CheckResult[] = [];
    for (const slot of user.accessKeys) {
        results.push(...(await checkKey(ctx, user, found, slot, ids[slot.slot], actual)));
    }
    const expectedIds = user.accessKeys.map((k) => ids[k.slot]);
    const extra = actual.filter((k) => !expectedIds.includes(k.AccessKeyId!)).map((k) => k.AccessKeyId!);
    results.push(
        extra.length
            ? { check: "access keys", status: "fail", detail: `not in the stack (drift): ${extra.join(", ")}` }
            : { check: "access keys", status: "ok", detail: `${actual.length} key(s), all from the stack` },
    );
    return results;
}

async function checkKey(
    ctx: Context,
    user: UserModel,
    found: User,
    slot: AccessKeyModel,
    id: string | undefined,
    actual: readonly { AccessKeyId?: string; Status?: string; CreateDate?: Date }[],
): Promise<CheckResult[]> {
    const check = `access key ${slot.slot}`;
    if (id === undefined) {
        return [
            {
                check,
                status: "fail",
                detail: `the stack outputs have no key id for slot ${slot.slot}: deploy the stack`,
            },
        ];
    }
    const key = actual.find((k) => k.AccessKeyId === id);
    if (key === undefined) {
        return [{ check, status: "fail", detail: `${id} does not exist` }];
    }
    const results: CheckResult[] = [
        key.Status === slot.status
            ? { check, status: "ok", detail: `${id} ${key.Status}` }
            : { check, status: "fail", detail: `${id} is ${key.Status}, configured ${slot.status}` },
    ];
    const secret = lookUp(ctx.outputs.accessKeySecrets, [user.key, slot.slot]);
    if (slot.status === "Active" && key.Status === "Active") {
        results.push(
            typeof secret === "string" && secret !== HIDDEN_SECRET
                ? await checkSignIn(ctx.options, slot.slot, id, secret, found.Arn!)
                : {
                      check: `sign-in ${slot.slot}`,
                      status: "skip",
                      detail: "no plain secret in the outputs (pgpKey, or no --show-secrets)",
                  },
        );
    }
    const maxAge = slot.rotateAfterDays ?? DEFAULT_MAX_KEY_AGE_DAYS;
    const age = daysBetween(key.CreateDate!, ctx.now);
    results.push(
        age > maxAge
            ? { check: `age ${slot.slot}`, status: "warn", detail: `${age} days old, over ${maxAge}: rotate it` }
            : { check: `age ${slot.slot}`, status: "ok", detail: `${age} days old (limit ${maxAge})` },
    );
    const lastUsed = await ctx.iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: id }));
    const usedAt = lastUsed.AccessKeyLastUsed?.LastUsedDate;
    const idle = daysBetween(usedAt ?? key.CreateDate!, ctx.now);
    const when = usedAt ? `last used ${idle} days ago` : `never used in ${idle} days`;
    results.push({ check: `last used ${slot.slot}`, status: idle > UNUSED_KEY_DAYS ? "warn" : "ok", detail: when });
    return results;
}

async function checkUser(ctx: Context, user: UserModel): Promise<UserReport> {
    const report = (checks: CheckResult[]): UserReport => ({ key: user.key, userName: user.name, checks });
    let found: User;
    try {
        found = (await ctx.iam.send(new GetUserCommand({ UserName: user.name }))).User!;
    } catch (e) {
        rethrowUnlessNotFound(e);
        return report([{ check: "user", status: "fail", detail: `${user.name} does not exist` }]);
    }
    // arn:<partition>:iam::<account>:user/<path><name>
    const [, partition, , , account] = found.Arn!.split(":");
    const checks: CheckResult[] = [{ check: "user", status: "ok", detail: found.Arn! }];
    checks.push(
        found.Path === user.path
            ? { check: "path", status: "ok", detail: user.path }
            : { check: "path", status: "fail", detail: `${found.Path}, configured ${user.path}` },
    );
    const boundary = found.PermissionsBoundary?.PermissionsBoundaryArn;
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
    const groups = await collect(paginateListGroupsForUser({ client: ctx.iam }, { UserName: user.name }));
    checks.push(
        compareSets(
            "groups",
            groups.flatMap((p) => (p.Groups ?? []).map((g) => g.GroupName!)),
            user.groups.map((key) => groupNames.get(key) ?? key),
        ),
    );
    const attached = await collect(paginateListAttachedUserPolicies({ client: ctx.iam }, { UserName: user.name }));
    checks.push(
        compareSets(
            "attached policies",
            attached.flatMap((p) => (p.AttachedPolicies ?? []).map((a) => a.PolicyArn!)),
            [
                ...user.managedPolicies.map((p) => managedPolicyArn(p, partition)),
                ...user.policies.map((f) => `arn:${partition}:iam::${account}:policy/${policyName(user.name, f.key)}`),
            ],
        ),
    );
    const inline = await collect(paginateListUserPolicies({ client: ctx.iam }, { UserName: user.name }));
    checks.push(
        compareSets(
            "inline policies",
            inline.flatMap((p) => p.PolicyNames ?? []),
            user.inlinePolicies.map((f) => f.key),
        ),
    );
    checks.push(...(await checkConsole(ctx, user)));
    checks.push(...(await checkKeys(ctx, user, found)));
    return report(checks);
}

async function checkConsole(ctx: Context, user: UserModel): Promise<CheckResult[]> {
    let hasProfile = true;
    try {
        await ctx.iam.send(new GetLoginProfileCommand({ UserName: user.name }));
    } catch (e) {
        rethrowUnlessNotFound(e);
        hasProfile = false;
    }
    const check = "login profile";
    if (!user.console) {
        return [
            hasProfile
                ? { check, status: "fail", detail: "present, but the stack configures no console access (drift)" }
                : { check, status: "ok", detail: "none, as configured" },
        ];
    }
    if (!hasProfile) {
        return [{ check, status: "fail", detail: "missing: the stack configures console access" }];
    }
    const mfa = await collect(paginateListMFADevices({ client: ctx.iam }, { UserName: user.name }));
    const devices = mfa.flatMap((p) => p.MFADevices ?? []).length;
    return [
        { check, status: "ok", detail: "present" },
        devices
            ? { check: "MFA", status: "ok", detail: `${devices} device(s)` }
            : { check: "MFA", status: "warn", detail: "console user without an MFA device" },
    ];
}

/**
 * Checks every user of the stack against the account. API errors other than a missing entity
 * (no credentials, access denied) are thrown: the account could not be checked at all.
 */
export async function verifyStack(
    model: StackModel,
    outputs: ReadOutputs,
    options: VerifyOptions,
): Promise<VerifyReport> {
    const iam = new IAMClient(clientConfig(options.settings, options.settings.endpoints.iam));
    options.instrument?.(iam);
    try {
        const ctx: Context = { iam, model, outputs, options, now: options.now ?? new Date() };
        const users: UserReport[] = [];
        // One user at a time: IAM's API rate limits are low, and the output order is the config's.
        for (const user of model.users) {
            users.push(await checkUser(ctx, user));
        }
        return { stack: model.stack, ok: users.every((u) => u.checks.every((c) => c.status !== "fail")), users };
    } finally {
        iam.destroy();
    }
}
