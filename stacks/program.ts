import * as iam from "@pulumi/aws/iam";
import * as pulumi from "@pulumi/pulumi";
import { IamGroup, IamUser } from "../components";
import { accountFacts } from "../components/account";
import { managedPolicyKey } from "../components/managed-policy";
import { findProjectDir, formatProblem, isError, namespaceValues, StackConfigError, validateStack } from "./config";
import type { StackModel, UserModel } from "./config";

/** The stack outputs; their JSON shape is `StackOutputs` in outputs.ts. */
export interface ProgramOutputs {
    users: pulumi.Output<Record<string, unknown>>;
    passwords: pulumi.Output<Record<string, string>>;
    accessKeySecrets: pulumi.Output<Record<string, Record<string, string>>>;
    encryptedPasswords?: pulumi.Output<Record<string, string>>;
    encryptedAccessKeySecrets?: pulumi.Output<Record<string, Record<string, string>>>;
    consoleSignInUrl: pulumi.Output<string>;
}

/** Reads this stack's config, validates it and builds it; nothing is registered when it has an error. */
export function runProgram(): ProgramOutputs {
    const file = `Pulumi.${pulumi.getStack()}.yaml`;
    // Structured config arrives as JSON text, scalars as their plain text. Only maps and lists are
    // parsed: every scalar of this namespace is a string, and a quoted "2024" must stay one, as in
    // the stack file that `check` reads.
    const entries = Object.entries(pulumi.runtime.allConfig()).map(([key, text]): [string, unknown] => {
        if (!/^\s*[[{]/.test(text)) {
            return [key, text];
        }
        try {
            return [key, JSON.parse(text)];
        } catch {
            return [key, text];
        }
    });
    const { values, problems: keyProblems } = namespaceValues(file, entries);
    const projectDir = findProjectDir(__dirname) ?? process.cwd();
    const { model, problems } = validateStack({ file, stack: pulumi.getStack(), projectDir, values });
    const all = [...keyProblems, ...problems];
    if (!model || all.some(isError)) {
        throw new pulumi.RunError(new StackConfigError(all).message);
    }
    for (const warning of all) {
        pulumi.log.warn(formatProblem(warning));
    }
    return buildStack(model, new pulumi.Config("iam-users").getSecret("pgpKey"));
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
            }),
        ),
        passwords: pulumi.secret(perUser<string>((user) => user.password)) as pulumi.Output<Record<string, string>>,
        accessKeySecrets: pulumi.secret(
            perUser<Record<string, string>>((user, m) => (m.accessKeys.length > 0 ? user.accessKeySecrets : undefined)),
        ) as pulumi.Output<Record<string, Record<string, string>>>,
        consoleSignInUrl: accountFacts(undefined).consoleSignInUrl,
    };
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
                    },
                ]),
            ),
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
