/**
 * The validated model of one stack: what the program deploys and what `check`, `credentials` and
 * `verify` reason about. It is built only from a configuration without errors, so every name here
 * is already legal, every group reference resolves and every policy file parsed.
 */

import type { IamGroupAdoption, IamUserAdoption } from "../../components/adoption";

/** A policy statement, normalized: single strings became one-element lists. */
export interface PolicyStatement {
    readonly Sid?: string;
    readonly Effect: "Allow" | "Deny";
    readonly Action?: readonly string[];
    readonly NotAction?: readonly string[];
    readonly Resource?: readonly string[];
    readonly NotResource?: readonly string[];
    /** operator -> condition key -> values. */
    readonly Condition?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

/** An identity-based policy document, normalized. */
export interface PolicyDocument {
    readonly Version: string;
    readonly Id?: string;
    readonly Statement: readonly PolicyStatement[];
}

/** A policy document read from a file under the project folder. */
export interface PolicyFile {
    /** The path as written in the stack config, relative to the project folder (`policies/x.json`). */
    readonly path: string;
    /** The file name without `.json`: names the policy and its Pulumi resources. */
    readonly key: string;
    /** The document exactly as in the file; this is what gets deployed. */
    readonly text: string;
    /** The parsed, normalized document. */
    readonly document: PolicyDocument;
}

/** The account password policy (`aws.iam.AccountPasswordPolicy`). */
export interface PasswordPolicyModel {
    readonly minimumLength?: number;
    readonly requireSymbols?: boolean;
    readonly requireNumbers?: boolean;
    readonly requireUppercase?: boolean;
    readonly requireLowercase?: boolean;
    readonly allowUsersToChangePassword?: boolean;
    readonly maxAgeDays?: number;
    readonly reusePrevention?: number;
    readonly hardExpiry?: boolean;
}

/** One entry of `iam-users:groups`, validated. */
export interface GroupModel {
    /** The key under `iam-users:groups`. */
    readonly key: string;
    /** The IAM group name: `namePrefix` + (`groupName` or the key); external groups are used as named. */
    readonly name: string;
    readonly path: string;
    /** The group exists already and is not managed by this stack. */
    readonly external: boolean;
    /** AWS-managed policy names or policy ARNs, as written. */
    readonly managedPolicies: readonly string[];
    readonly policies: readonly PolicyFile[];
    readonly requireMfa: boolean;
    /** Lint rules a human decided to accept for this group. */
    readonly allowWarnings: readonly string[];
    /** Control id -> why it is waived, for the group and its members. Defaults to none. */
    readonly waive: ReadonlyMap<string, string>;
}

/** What IAM calls a key that works (`Active`) or is switched off (`Inactive`). */
export type AccessKeyStatus = "Active" | "Inactive";
/** `create-first` keeps the old key working until its replacement exists; needs a free key slot. */
export type RotationMode = "create-first" | "delete-first";

/** One slot of a user's `accessKeys`, validated, with the defaults filled in. */
export interface AccessKeyModel {
    /** The key under `accessKeys`: names the Pulumi resource and the outputs. */
    readonly slot: string;
    readonly status: AccessKeyStatus;
    readonly description?: string;
    /** Raising it replaces the key. */
    readonly rotation?: number;
    /** Replace the key on the first deploy after this many days. */
    readonly rotateAfterDays?: number;
    readonly rotationMode: RotationMode;
    /** With `rotateAfterDays`: the previous key lives through the first this many days of each window. */
    readonly overlapDays?: number;
    /** Output the key's SES SMTP password. Defaults to false. */
    readonly smtp?: boolean;
    /** Where the current key is delivered in AWS; absent: only the stack outputs hold it. */
    readonly store?: KeyStoreModel;
}

/** A Secrets Manager secret or an SSM parameter, by name. */
export interface SecretStoreModel {
    readonly name: string;
    /** Defaults to the service's AWS-managed key. */
    readonly kmsKeyId?: string;
}

/** A slot's `store`: exactly one of the two is set. */
export interface KeyStoreModel {
    readonly secretsManager?: SecretStoreModel;
    readonly ssmParameter?: SecretStoreModel;
}

/** One of a user's `sshKeys`, for CodeCommit. */
export interface SshKeyModel {
    /** The key under `sshKeys`: names the Pulumi resource. */
    readonly name: string;
    /** The OpenSSH public key line, as written. */
    readonly publicKey: string;
}

/** A user's `console` block, with the defaults filled in. */
export interface ConsoleModel {
    readonly passwordResetRequired: boolean;
    readonly passwordLength: number;
}

/** One entry of `iam-users:users`, validated, with the defaults filled in. */
export interface UserModel {
    /** The key under `iam-users:users`. */
    readonly key: string;
    /** The IAM user name: `namePrefix` + (`userName` or the key). */
    readonly name: string;
    readonly path: string;
    readonly tags: Readonly<Record<string, string>>;
    /** Keys of `iam-users:groups`, in config order. */
    readonly groups: readonly string[];
    /** AWS-managed policy names or policy ARNs, as written. */
    readonly managedPolicies: readonly string[];
    readonly policies: readonly PolicyFile[];
    readonly inlinePolicies: readonly PolicyFile[];
    readonly permissionsBoundary?: string;
    /** Present means console access. */
    readonly console?: ConsoleModel;
    readonly accessKeys: readonly AccessKeyModel[];
    readonly sshKeys: readonly SshKeyModel[];
    readonly protect: boolean;
    readonly forceDestroy: boolean;
    /** Lint rules a human decided to accept for this user. */
    readonly allowWarnings: readonly string[];
    /** Control id (`IAM.2`) -> why it is waived for this user. Defaults to none. */
    readonly waive: ReadonlyMap<string, string>;
}

/** One permission a user must have (`allowed`) or must not have (`denied`). */
export interface ExpectationModel {
    readonly action: string;
    /** Defaults to `*`. */
    readonly resource: string;
    /** The value of `aws:MultiFactorAuthPresent`. Defaults to true. */
    readonly mfa: boolean;
    /** Where it stands in the config, for messages. */
    readonly keyPath: string;
}

/** One user's entry of `iam-users:expectations`. */
export interface UserExpectationsModel {
    readonly allowed: readonly ExpectationModel[];
    readonly denied: readonly ExpectationModel[];
}

/** `iam-users:adopt`, validated: import ids per user and group key. */
export interface AdoptModel {
    /** The import id of the account password policy. */
    readonly passwordPolicy?: string;
    readonly users: Readonly<Record<string, IamUserAdoption>>;
    readonly groups: Readonly<Record<string, IamGroupAdoption>>;
}

/**
 * One stack's whole `iam-users:` config, validated. Its name-keyed maps (`expectations`,
 * `allowWarnings`) have no prototype, so a name such as `constructor` or `__proto__` is a key like
 * any other, for lookups too. A user's `tags` go to Pulumi, whose serializer needs a plain object:
 * their keys are own properties (`__proto__` included), so iterate them rather than index them.
 */
export interface StackModel {
    /** The stack config file name, as messages print it (`Pulumi.dev.yaml`). */
    readonly file: string;
    /** The stack name (`dev`). */
    readonly stack: string;
    /** The folder holding `Pulumi.yaml`; policy paths are relative to it. */
    readonly projectDir: string;
    readonly namePrefix: string;
    readonly passwordPolicy?: PasswordPolicyModel;
    readonly groups: readonly GroupModel[];
    readonly users: readonly UserModel[];
    /**
     * Base64 of a binary public key, or `keybase:<name>`, when the stack file holds it in plain
     * text; a Pulumi secret is left out, as only the program can read it. Validated here, so that
     * `check` refuses a bad key offline, for the program to hand to every `IamUser`
     * (`IamUserArgs.pgpKey`), which then encrypts the first password and the secret keys with it.
     */
    readonly pgpKey?: string;
    /** Per user key. */
    readonly expectations: Readonly<Record<string, UserExpectationsModel>>;
    /** Per policy file path: lint rules a human decided to accept for that file. */
    readonly allowWarnings: Readonly<Record<string, readonly string[]>>;
    /** Names missing from the bundled IAM catalogs that are known to exist. */
    readonly allowUnknown: { readonly actions: readonly string[]; readonly managedPolicies: readonly string[] };
    /** `deploy` and `check` treat warnings as errors. Defaults to false. */
    readonly strict: boolean;
    /** Import ids of resources the account holds already (`iam-users:adopt`); absent: create everything. */
    readonly adopt?: AdoptModel;
}

/**
 * A map's entries as an object without a prototype: `__proto__` becomes an own key rather than
 * the prototype, and `constructor` is absent unless it is a key.
 */
export function dataRecord<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
    const record = Object.create(null) as Record<string, T>;
    for (const [key, value] of entries) {
        record[key] = value;
    }
    return record;
}

/** The text of every policy file a stack's users and groups name, by project-relative path. */
export function policyTexts(model: StackModel): Map<string, string> {
    const texts = new Map<string, string>();
    for (const user of model.users) {
        for (const p of [...user.policies, ...user.inlinePolicies]) texts.set(p.path, p.text);
    }
    for (const group of model.groups) {
        for (const p of group.policies) texts.set(p.path, p.text);
    }
    return texts;
}

/** The Pulumi project name, and so the namespace of this project's config keys. */
export const NAMESPACE = "iam-users";

/** The key path of a stack config entry, as messages print it. */
export const configKey = (...parts: (string | number)[]): string =>
    parts.reduce<string>(
        (path, part) =>
            typeof part === "number" ? `${path}[${part}]` : path ? `${path}.${part}` : `${NAMESPACE}:${part}`,
        "",
    );
