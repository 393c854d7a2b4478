/**
 * One read of a whole account's IAM users, groups and customer-managed policies, in few calls:
 * `GetAccountAuthorizationDetails` (paginated) for users, groups and policies with their
 * attachments and documents, the credential report for console passwords, MFA and key use, and
 * per user only what those two lack: access key ids and status. `verify` and `import` read through it.
 */
import {
    GenerateCredentialReportCommand,
    GetAccountPasswordPolicyCommand,
    GetCredentialReportCommand,
    GetLoginProfileCommand,
    IAMClient,
    ListServiceSpecificCredentialsCommand,
    NoSuchEntityException,
    paginateGetAccountAuthorizationDetails,
    paginateListAccessKeys,
    paginateListAccountAliases,
    paginateListMFADevices,
    paginateListSigningCertificates,
    paginateListSSHPublicKeys,
    PasswordPolicy,
} from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { AwsSettings } from "./aws-settings";
import { parseCredentialReport, parseRootRow, ReportRow, RootRow } from "./credential-report";

/** A policy attached to a user or group. */
export interface AttachedPolicy {
    readonly name: string;
    readonly arn: string;
}

/** An inline policy, its document URL-decoded. */
export interface InlinePolicy {
    readonly name: string;
    readonly document: string;
}

/** One access key of a user, from `ListAccessKeys`. */
export interface SnapshotAccessKey {
    readonly id: string;
    readonly status: string;
    readonly createDate: Date;
    /** From the credential report; absent when never used or when the report predates the key. */
    readonly lastUsed?: Date;
    /** False when the credential report predates the key, so its use is unknown. */
    readonly inReport: boolean;
}

/** Credentials of a user the stack does not model yet, by kind; filled only with `unmodelled`. */
export interface UnmodelledCredentials {
    /** Ids of SSH public keys (CodeCommit). */
    readonly sshPublicKeys: readonly string[];
    readonly signingCertificates: readonly string[];
    /** Ids of service-specific credentials (CodeCommit, Keyspaces, Bedrock). */
    readonly serviceSpecificCredentials: readonly string[];
    /** Serial numbers (ARNs) of MFA devices. */
    readonly mfaDevices: readonly string[];
    /** What could not be listed, and why (`service-specific credentials (<the error>)`): unknown, not absent. */
    readonly unlisted: readonly string[];
}

/** One user and everything attached to it. */
export interface SnapshotUser {
    readonly name: string;
    readonly arn: string;
    readonly path: string;
    readonly createDate: Date;
    readonly tags: Readonly<Record<string, string>>;
    readonly permissionsBoundary?: string;
    /** Group names, sorted. */
    readonly groups: readonly string[];
    /** Sorted by ARN. */
    readonly attachedPolicies: readonly AttachedPolicy[];
    /** Sorted by name. */
    readonly inlinePolicies: readonly InlinePolicy[];
    /**
     * Whether the user has a console password: from `GetLoginProfile` where
     * {@link SnapshotOptions.confirmLoginProfile} asks for it, else from the credential report.
     */
    readonly loginProfile: boolean;
    /** From the credential report; false when the report lacks the user. */
    readonly mfaActive: boolean;
    /** From the credential report: when the console password last signed in; absent when never or unknown. */
    readonly passwordLastUsed?: Date;
    /** From the credential report: when the console password was set; absent without one. */
    readonly passwordLastChanged?: Date;
    /** Oldest first: creation order, as IAM numbers them (key 1, key 2). */
    readonly accessKeys: readonly SnapshotAccessKey[];
    readonly unmodelled?: UnmodelledCredentials;
}

/** One group and its policies. */
export interface SnapshotGroup {
    readonly name: string;
    readonly arn: string;
    readonly path: string;
    readonly attachedPolicies: readonly AttachedPolicy[];
    readonly inlinePolicies: readonly InlinePolicy[];
}

/** A customer-managed policy with its default version's document. */
export interface SnapshotPolicy {
    readonly name: string;
    readonly arn: string;
    readonly path: string;
    readonly description?: string;
    /** The default version's document, URL-decoded, as IAM holds it. */
    readonly document: string;
}

/** What one read of the account found. */
export interface AccountSnapshot {
    readonly accountId: string;
    readonly partition: string;
    readonly region: string;
    readonly aliases: readonly string[];
    /** Absent when the account has none (IAM's defaults apply). */
    readonly passwordPolicy?: PasswordPolicy;
    /** Sorted by name. */
    readonly users: readonly SnapshotUser[];
    /** Sorted by name. */
    readonly groups: readonly SnapshotGroup[];
    /** Customer-managed policies only, by ARN. */
    readonly policies: ReadonlyMap<string, SnapshotPolicy>;
    /** When IAM generated the credential report read. */
    readonly reportGeneratedAt?: Date;
    /** The credential report's root account row; absent when the report has none (moto's). */
    readonly root?: RootRow;
}

/** Options of {@link readAccount}. */
export interface SnapshotOptions {
    readonly settings: AwsSettings;
    /** Read per-user details only for these user names. Defaults to every user. */
    readonly users?: (name: string, path: string) => boolean;
    /**
     * Whether to ask `GetLoginProfile` for a user rather than trust the credential report, which
     * IAM may serve up to 4 hours old. A user the report predates is always asked about.
     * Defaults to asking for every user.
     */
    readonly confirmLoginProfile?: (name: string, reported: boolean) => boolean;
    /** Also list SSH keys, signing certificates, service credentials and MFA devices per user. Defaults to false. */
    readonly unmodelled?: boolean;
    /** Per-user calls in flight at once. Defaults to {@link DEFAULT_CONCURRENCY}. */
    readonly concurrency?: number;
    /** Called after each user's per-user calls, for a progress line. Defaults to none. */
    readonly progress?: (done: number, total: number) => void;
    /** Added to every client, to count or trace requests. Defaults to none. */
    readonly instrument?: (client: IAMClient | STSClient) => void;
}

/**
 * Per-user calls in flight at once: IAM's control plane allows a few requests per second per
 * account, and the adaptive retry mode slows down on throttling on top of this bound.
 */
export const DEFAULT_CONCURRENCY = 8;
/** Attempts per call, throttled ones included; the SDK's default is 3, too few for adaptive back-off on a busy account. */
export const MAX_ATTEMPTS = 8;
/** How long to wait for IAM to generate the credential report; it takes seconds on large accounts. */
const REPORT_TIMEOUT_MS = 60_000;
const REPORT_POLL_MS = 500;

/** SDK client settings for the stack's account, with adaptive retry. */
export function clientConfig(settings: AwsSettings, endpoint: string | undefined) {
    return {
        region: settings.region,
        // Absent: the SDK resolves AWS_ENDPOINT_URL(_IAM/_STS) and the shared config itself.
        ...(endpoint ? { endpoint } : {}),
        ...(settings.credentials ? { credentials: settings.credentials } : {}),
        ...(settings.profile ? { profile: settings.profile } : {}),
        retryMode: "adaptive",
        maxAttempts: MAX_ATTEMPTS,
    };
}

async function collect<P, T>(pages: AsyncIterable<P>, pick: (page: P) => T[] | undefined): Promise<T[]> {
    const all: T[] = [];
    for await (const page of pages) {
        all.push(...(pick(page) ?? []));
    }
    return all;
}

/** Runs `work` on every item with at most `limit` in flight; results keep the input order. */
export async function mapBounded<T, R>(
    items: readonly T[],
    limit: number,
    work: (item: T) => Promise<R>,
): Promise<R[]> {
    const results = new Array<R>(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            results[i] = await work(items[i]);
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
    return results;
}

/** Policy documents come URL-encoded from the IAM API. */
const decode = (document: string | undefined): string => decodeURIComponent(document ?? "");

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const byArn = (a: AttachedPolicy, b: AttachedPolicy) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0);

const attached = (list: { PolicyName?: string; PolicyArn?: string }[] | undefined): AttachedPolicy[] =>
    (list ?? []).map((p) => ({ name: p.PolicyName!, arn: p.PolicyArn! })).sort(byArn);

const inline = (list: { PolicyName?: string; PolicyDocument?: string }[] | undefined): InlinePolicy[] =>
    (list ?? []).map((p) => ({ name: p.PolicyName!, document: decode(p.PolicyDocument) })).sort(byName);

/** Asks IAM for a fresh credential report and reads it; IAM hands back one up to 4 hours old. */
async function credentialReport(iam: IAMClient): Promise<{ rows: ReportRow[]; root?: RootRow; generatedAt?: Date }> {
    const deadline = Date.now() + REPORT_TIMEOUT_MS;
    for (;;) {
        const { State } = await iam.send(new GenerateCredentialReportCommand({}));
        if (State === "COMPLETE") {
            break;
        }
        if (Date.now() > deadline) {
            throw new Error(`IAM did not generate the credential report within ${REPORT_TIMEOUT_MS / 1000} s`);
        }
        await new Promise((resolve) => setTimeout(resolve, REPORT_POLL_MS));
    }
    const report = await iam.send(new GetCredentialReportCommand({}));
    const csv = Buffer.from(report.Content ?? []).toString("utf8");
    return { rows: parseCredentialReport(csv), root: parseRootRow(csv), generatedAt: report.GeneratedTime };
}

async function hasLoginProfile(iam: IAMClient, userName: string): Promise<boolean> {
    try {
        await iam.send(new GetLoginProfileCommand({ UserName: userName }));
        return true;
    } catch (e) {
        if (e instanceof NoSuchEntityException) {
            return false;
        }
        throw e;
    }
}

async function passwordPolicy(iam: IAMClient): Promise<PasswordPolicy | undefined> {
    try {
        return (await iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy;
    } catch (e) {
        if (e instanceof NoSuchEntityException) {
            return undefined;
        }
        throw e;
    }
}

async function unmodelledCredentials(iam: IAMClient, UserName: string): Promise<UnmodelledCredentials> {
    const client = { client: iam };
    const [ssh, certs, service, mfa] = await Promise.all([
        collect(paginateListSSHPublicKeys(client, { UserName }), (p) => p.SSHPublicKeys),
        collect(paginateListSigningCertificates(client, { UserName }), (p) => p.Certificates),
        // Not paginated in the API, and missing from some implementations (moto): an answer the
        // SDK cannot read is reported as unknown rather than failing the whole read.
        iam.send(new ListServiceSpecificCredentialsCommand({ UserName })).then(
            (r) => r.ServiceSpecificCredentials ?? [],
            (e: Error) => e,
        ),
        collect(paginateListMFADevices(client, { UserName }), (p) => p.MFADevices),
    ]);
    return {
        sshPublicKeys: ssh.map((k) => k.SSHPublicKeyId!).sort(),
        signingCertificates: certs.map((c) => c.CertificateId!).sort(),
        serviceSpecificCredentials:
            service instanceof Error
                ? []
                : service.map((c) => `${c.ServiceName}/${c.ServiceSpecificCredentialId}`).sort(),
        mfaDevices: mfa.map((d) => d.SerialNumber!).sort(),
        unlisted: service instanceof Error ? [`service-specific credentials (${service.message.split("\n")[0]})`] : [],
    };
}

/** Matches the report's positional key columns (key 1, key 2) to key ids by creation time. */
function keyUse(row: ReportRow | undefined, key: { AccessKeyId?: string; CreateDate?: Date }) {
    const slot = row?.keys.find(
        (k) => k.lastRotated?.getTime() === Math.floor(key.CreateDate!.getTime() / 1000) * 1000,
    );
    return slot ? { inReport: true, ...(slot.lastUsed ? { lastUsed: slot.lastUsed } : {}) } : { inReport: false };
}

/**
 * Reads the account: one paginated `GetAccountAuthorizationDetails`, the credential report, the
 * password policy, aliases and caller identity, then per user `ListAccessKeys` and
 * `GetLoginProfile` (plus the unmodelled credentials when asked), with bounded concurrency.
 * Errors (no credentials, access denied) are thrown: the account could not be read at all.
 */
export async function readAccount(options: SnapshotOptions): Promise<AccountSnapshot> {
    const { settings } = options;
    const iam = new IAMClient(clientConfig(settings, settings.endpoints.iam));
    const sts = new STSClient(clientConfig(settings, settings.endpoints.sts));
    options.instrument?.(iam);
    options.instrument?.(sts);
    try {
        const [identity, details, report, policy, aliases] = await Promise.all([
            sts.send(new GetCallerIdentityCommand({})),
            collect(
                paginateGetAccountAuthorizationDetails(
                    { client: iam },
                    // Roles and AWS-managed policies are not this project's, and the latter are a thousand documents.
                    { Filter: ["User", "Group", "LocalManagedPolicy"] },
                ),
                (page) => [page],
            ),
            credentialReport(iam),
            passwordPolicy(iam),
            collect(paginateListAccountAliases({ client: iam }, {}), (p) => p.AccountAliases),
        ]);
        const rows = new Map(report.rows.map((r) => [r.arn, r]));
        const wanted = details
            .flatMap((d) => d.UserDetailList ?? [])
            .filter((u) => options.users?.(u.UserName!, u.Path!) ?? true)
            .sort((a, b) => (a.UserName! < b.UserName! ? -1 : 1));
        let done = 0;
        const users = await mapBounded(wanted, options.concurrency ?? DEFAULT_CONCURRENCY, async (u) => {
            const row = rows.get(u.Arn!);
            // A user the report predates is always asked about.
            const confirm =
                row === undefined || (options.confirmLoginProfile?.(u.UserName!, row.passwordEnabled) ?? true);
            const [keys, loginProfile, unmodelled] = await Promise.all([
                collect(paginateListAccessKeys({ client: iam }, { UserName: u.UserName }), (p) => p.AccessKeyMetadata),
                confirm ? hasLoginProfile(iam, u.UserName!) : row.passwordEnabled,
                options.unmodelled ? unmodelledCredentials(iam, u.UserName!) : undefined,
            ]);
            options.progress?.(++done, wanted.length);
            const user: SnapshotUser = {
                name: u.UserName!,
                arn: u.Arn!,
                path: u.Path!,
                createDate: u.CreateDate!,
                tags: Object.fromEntries((u.Tags ?? []).map((t) => [t.Key!, t.Value!])),
                ...(u.PermissionsBoundary?.PermissionsBoundaryArn
                    ? { permissionsBoundary: u.PermissionsBoundary.PermissionsBoundaryArn }
                    : {}),
                groups: [...(u.GroupList ?? [])].sort(),
                attachedPolicies: attached(u.AttachedManagedPolicies),
                inlinePolicies: inline(u.UserPolicyList),
                loginProfile,
                mfaActive: row?.mfaActive ?? false,
                ...(row?.passwordLastUsed ? { passwordLastUsed: row.passwordLastUsed } : {}),
                ...(loginProfile && row?.passwordLastChanged ? { passwordLastChanged: row.passwordLastChanged } : {}),
                accessKeys: keys
                    .sort((a, b) => a.CreateDate!.getTime() - b.CreateDate!.getTime())
                    .map((k) => ({
                        id: k.AccessKeyId!,
                        status: k.Status!,
                        createDate: k.CreateDate!,
                        ...keyUse(row, k),
                    })),
                ...(unmodelled ? { unmodelled } : {}),
            };
            return user;
        });
        const policies = new Map<string, SnapshotPolicy>();
        for (const p of details.flatMap((d) => d.Policies ?? [])) {
            const version = (p.PolicyVersionList ?? []).find((v) => v.IsDefaultVersion);
            policies.set(p.Arn!, {
                // The name ends the ARN (`policy/<path><name>`); moto leaves PolicyName out.
                name: p.PolicyName ?? p.Arn!.slice(p.Arn!.lastIndexOf("/") + 1),
                arn: p.Arn!,
                path: p.Path!,
                ...(p.Description ? { description: p.Description } : {}),
                document: decode(version?.Document),
            });
        }
        const groups = details
            .flatMap((d) => d.GroupDetailList ?? [])
            .map((g): SnapshotGroup => ({
                name: g.GroupName!,
                arn: g.Arn!,
                path: g.Path!,
                attachedPolicies: attached(g.AttachedManagedPolicies),
                inlinePolicies: inline(g.GroupPolicyList),
            }))
            .sort(byName);
        return {
            accountId: identity.Account!,
            // arn:<partition>:sts::<account>:...
            partition: identity.Arn!.split(":")[1],
            region: settings.region,
            aliases: aliases.sort(),
            ...(policy ? { passwordPolicy: policy } : {}),
            users,
            groups,
            policies,
            ...(report.generatedAt ? { reportGeneratedAt: report.generatedAt } : {}),
            ...(report.root ? { root: report.root } : {}),
        };
    } finally {
        iam.destroy();
        sts.destroy();
    }
}
