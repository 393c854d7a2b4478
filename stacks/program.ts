import * as iam from "@pulumi/aws/iam";
import * as pulumi from "@pulumi/pulumi";
import { IamGroup, IamUser } from "../components";
import { accountFacts } from "../components/account";
import { managedPolicyKey } from "../rules/managed-policy";
import { checkManagedPolicyNames } from "../least-privilege/names";
import { formatProblem, isError, loadStack, stackConfigPath, StackConfigError, withPositions } from "./config";
import type { StackModel, UserModel } from "./config";
import { NAMESPACE } from "./config";
import type { StackOutputs } from "./outputs";

/** The stack outputs, one Output per output of {@link StackOutputs} (stacks/outputs.ts). */
export type ProgramOutputs = { [K in keyof StackOutputs]: pulumi.Output<Exclude<StackOutputs[K], undefined>> };

/**
 * Reads this stack's file through the same reader and validation as `check`, refuses an unknown
 * AWS-managed policy name, and builds the stack; nothing is registered when there is an error.
 * @param projectDir the folder holding `Pulumi.yaml` (where `pulumi up` runs the program).
 * @param configFile the stack file. Defaults to `Pulumi.<stack>.yaml` in `projectDir`.
 */
export function runProgram(
    projectDir: string,
    configFile: string = stackConfigPath(projectDir, pulumi.getStack()),
): ProgramOutputs {
    const { model, problems, positions } = loadStack(configFile, { stack: pulumi.getStack() });
    // AWS would find a typo'd managed policy only after the user exists; the other catalog checks
    // need the simulator and stay with `check` (and `deploy`, which runs it first).
    const names = model && positions ? withPositions(checkManagedPolicyNames(model), model.file, positions) : [];
    const all = [...problems, ...names];
    if (!model || all.some(isError)) {
        throw new pulumi.RunError(new StackConfigError(all).message);
    }
    for (const warning of all) {
        pulumi.log.warn(formatProblem(warning));
    }
    // A plain key is in the model; an encrypted one (`secure:`) only the engine can decrypt.
    return buildStack(model, model.pgpKey ?? new pulumi.Config(NAMESPACE).getSecret("pgpKey"));
}

/** Builds a validated stack: the password policy, the groups, the users, and the outputs. */
export function buildStack(model: StackModel, pgpKey?: pulumi.Input<string>): ProgramOutputs {
    if (model.passwordPolicy) {
        const p = model.passwordPolicy;
        new iam.AccountPasswordPolicy(
            "password-policy",
            {
                minimumPasswordLength: p.minimumLength,
                requireSymbols: p.requireSymbols,
                requireNumbers: p.requireNumbers,
                requireUppercaseCharacters: p.requireUppercase,
                requireLowercaseCharacters: p.requireLowercase,
                allowUsersToChangePassword: p.allowUsersToChangePassword,
                maxPasswordAge: p.maxAgeDays,
                passwordReusePrevention: p.reusePrevention,
                hardExpiry: p.hardExpiry,
            },
            { import: model.adopt?.passwordPolicy },
        );
    }

    // Managed groups are referenced through their output so membership waits for the group.
    const groupNames = new Map<string, pulumi.Input<string>>();
    for (const g of model.groups) {
        if (g.external) {
            groupNames.set(g.key, g.name);
            continue;
        }
        const group = new IamGroup(g.key, {
            groupName: g.name,
            path: g.path,
            managedPolicies: byKey(g.managedPolicies),
            policies: documents(g.policies),
            requireMfa: g.requireMfa,
            adopt: model.adopt?.groups[g.key],
        });
        groupNames.set(g.key, group.groupName);
    }

    const users = model.users.map((u) => ({ model: u, user: buildUser(u, groupNames, pgpKey, model.adopt) }));
    const perUser = <T>(pick: (user: IamUser, model: UserModel) => pulumi.Input<T> | undefined) =>
        pulumi.output(
            Object.fromEntries(
                users.flatMap(({ model: m, user }) => {
                    const value = pick(user, m);
                    return value === undefined ? [] : [[m.key, value]];
                }),
            ) as Record<string, pulumi.Input<T>>,
        );
    const overlapping = (m: UserModel) => m.accessKeys.some((k) => k.overlapDays !== undefined);
    const outputs: ProgramOutputs = {
        users: perUser((user, m) =>
            pulumi.output({
                userName: user.userName,
                arn: user.arn,
                groups: m.groups.map((key) => model.groups.find((g) => g.key === key)!.name),
                accessKeyIds: user.accessKeyIds,
                ...(m.console ? { consoleSignInUrl: user.consoleSignInUrl } : {}),
                ...(m.accessKeys.some((k) => k.rotateAfterDays !== undefined)
                    ? { nextRotation: user.nextRotation }
                    : {}),
                ...(m.accessKeys.some((k) => k.store) ? { storeArns: user.storeArns } : {}),
                ...(m.sshKeys.length > 0 ? { sshKeyIds: user.sshKeyIds } : {}),
                ...(overlapping(m)
                    ? { previousAccessKeyIds: user.previousAccessKeyIds, overlapEnds: user.overlapEnds }
                    : {}),
            }),
        ),
        passwords: pulumi.secret(perUser<string>((user) => user.password)) as pulumi.Output<Record<string, string>>,
        accessKeySecrets: pulumi.secret(
            perUser<Record<string, string>>((user, m) => (m.accessKeys.length > 0 ? user.accessKeySecrets : undefined)),
        ) as pulumi.Output<Record<string, Record<string, string>>>,
        consoleSignInUrl: accountFacts(undefined).consoleSignInUrl,
    };
    const smtp = (m: UserModel) => m.accessKeys.some((k) => k.smtp);
    if (model.users.some(smtp)) {
        outputs.smtpPasswords = pulumi.secret(
            perUser<Record<string, string>>((user, m) => (smtp(m) ? user.smtpPasswords : undefined)),
        ) as pulumi.Output<Record<string, Record<string, string>>>;
    }
    if (pgpKey === undefined && model.users.some(overlapping)) {
        outputs.previousAccessKeySecrets = pulumi.secret(
            perUser<Record<string, string>>((user, m) => (overlapping(m) ? user.previousAccessKeySecrets : undefined)),
        ) as pulumi.Output<Record<string, Record<string, string>>>;
    }
    if (pgpKey !== undefined && model.users.some(overlapping)) {
        outputs.encryptedPreviousAccessKeySecrets = perUser<Record<string, string>>((user, m) =>
            overlapping(m) ? user.encryptedPreviousAccessKeySecrets : undefined,
        ) as pulumi.Output<Record<string, Record<string, string>>>;
    }
    if (pgpKey !== undefined) {
        outputs.encryptedPasswords = perUser<string>((user) => user.encryptedPassword) as pulumi.Output<
            Record<string, string>
        >;
        outputs.encryptedAccessKeySecrets = perUser<Record<string, string>>((user, m) =>
            m.accessKeys.length > 0 ? user.encryptedAccessKeySecrets : undefined,
        ) as pulumi.Output<Record<string, Record<string, string>>>;
    }
    return outputs;
}

function buildUser(
    u: UserModel,
    groupNames: ReadonlyMap<string, pulumi.Input<string>>,
    pgpKey: pulumi.Input<string> | undefined,
    adopt: StackModel["adopt"],
): IamUser {
    return new IamUser(
        u.key,
        {
            userName: u.name,
            path: u.path,
            tags: u.tags,
            permissionsBoundary: u.permissionsBoundary,
            forceDestroy: u.forceDestroy,
            groups: u.groups.map((key) => groupNames.get(key)!),
            managedPolicies: byKey(u.managedPolicies),
            policies: documents(u.policies),
            inlinePolicies: documents(u.inlinePolicies),
            console: u.console,
            accessKeys: Object.fromEntries(
                u.accessKeys.map((k) => [
                    k.slot,
                    {
                        status: k.status,
                        description: k.description,
                        rotation: k.rotation,
                        rotateAfterDays: k.rotateAfterDays,
                        rotationMode: k.rotationMode,
                        overlapDays: k.overlapDays,
                        smtp: k.smtp,
                        store: k.store,
                    },
                ]),
            ),
            sshKeys: Object.fromEntries(u.sshKeys.map((k) => [k.name, k.publicKey])),
            pgpKey,
            adopt: adopt?.users[u.key],
        },
        { protect: u.protect },
    );
}

function byKey(policies: readonly string[]): Record<string, string> {
    return Object.fromEntries(policies.map((p) => [managedPolicyKey(p), p]));
}

function documents(files: readonly { key: string; text: string }[]): Record<string, string> {
    return Object.fromEntries(files.map((f) => [f.key, f.text]));
}
