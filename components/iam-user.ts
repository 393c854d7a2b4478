// The iam submodule alone: the package root loads every AWS service, about 0.2 s at start.
import * as iam from "@pulumi/aws/iam";
// Submodules again: after iam they add about 2 ms to the start of the program.
import * as secretsmanager from "@pulumi/aws/secretsmanager";
import * as ssm from "@pulumi/aws/ssm";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { accountFacts } from "./account";
import {
    accessKeyCountProblem,
    accessKeyFieldProblems,
    DEFAULT_ACCESS_KEY_STATUS,
    DEFAULT_ROTATION_MODE,
    overlapAdoptionProblem,
    overlapProblem,
    overlapSlotProblem,
    pgpKeyConflict,
    storeProblem,
} from "../rules/access-keys";
import { accessKeyDescriptionTag, policyName } from "../rules/names";
import { DEFAULT_PASSWORD_LENGTH } from "../rules/passwords";
import { overlapWindow, rotationWindow } from "../rules/rotation";
import { sshPublicKeyProblem } from "../rules/ssh-keys";
import { adoptWith, IamUserAdoption } from "./adoption";

/** A Secrets Manager secret or a Systems Manager parameter that receives an access key. */
export interface IamUserSecretStoreArgs {
    /** The secret's or the parameter's name. */
    readonly name: pulumi.Input<string>;
    /** The KMS key (ID, ARN or alias) that encrypts it. Defaults to the service's AWS-managed key. */
    readonly kmsKeyId?: pulumi.Input<string>;
}

/**
 * Where the current key of a slot is kept for the workload that uses it, as the JSON
 * `{"accessKeyId", "secretAccessKey", "smtpPassword"?}`; exactly one of the two.
 */
export interface IamUserKeyStoreArgs {
    /** An `aws.secretsmanager.Secret` and its `SecretVersion`. Defaults to none. */
    readonly secretsManager?: IamUserSecretStoreArgs;
    /** An `aws.ssm.Parameter` of type `SecureString`. Defaults to none. */
    readonly ssmParameter?: IamUserSecretStoreArgs;
}

/** One access key of an `IamUser`. */
export interface IamUserAccessKeyArgs {
    /** `Active` or `Inactive`. Defaults to `Active`. */
    readonly status?: pulumi.Input<string>;
    /** What the key is for; stored as the user tag `access-key/<slot>`. Defaults to no description. */
    readonly description?: string;
    /** A serial number: raising it replaces the key. Defaults to no manual rotation. */
    readonly rotation?: number;
    /** Replace the key on the first deploy after every period of this many days. Defaults to never. */
    readonly rotateAfterDays?: number;
    /**
     * `create-first` makes the new key before deleting the old one, so nothing using the old key
     * breaks mid-deploy; it needs a free key slot. `delete-first` frees the slot first. Defaults to
     * `create-first`. Does not apply with `overlapDays`, which never replaces a key in use.
     */
    readonly rotationMode?: string;
    /**
     * With `rotateAfterDays`: the previous key stays Active for the first this many days of each
     * window, next to the new one, and the first deploy after that deletes it. Smaller than
     * `rotateAfterDays`, not with `rotation`, and the user's only slot, as it takes both of IAM's
     * keys. Defaults to no overlap: the old key is deleted by the deploy that creates the new one.
     */
    readonly overlapDays?: number;
    /** Output the key's SES SMTP password (`smtpPasswords`); not with a `pgpKey`. Defaults to false. */
    readonly smtp?: boolean;
    /**
     * Deliver the current key to a secret store, rewritten at each rotation; not with a `pgpKey`.
     * Defaults to none.
     */
    readonly store?: IamUserKeyStoreArgs;
}

/** Console access of an `IamUser`. */
export interface IamUserConsoleArgs {
    /** The user must choose a new password at first sign-in. Defaults to true. */
    readonly passwordResetRequired?: pulumi.Input<boolean>;
    /** Length of the generated first password. Defaults to 20. */
    readonly passwordLength?: pulumi.Input<number>;
}

/** The arguments of an `IamUser`. */
export interface IamUserArgs {
    /** The IAM user name. Defaults to the component name. */
    readonly userName?: pulumi.Input<string>;
    /** The IAM path of the user. Defaults to `/`. */
    readonly path?: pulumi.Input<string>;
    /** Tags on the user. Defaults to none. */
    readonly tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
    /** ARN of the policy that caps the user's permissions. Defaults to none. */
    readonly permissionsBoundary?: pulumi.Input<string>;
    /** Delete the user even if it has credentials or MFA devices made outside Pulumi. Defaults to false. */
    readonly forceDestroy?: pulumi.Input<boolean>;
    /** Names of the groups the user is in. Defaults to none. */
    readonly groups?: pulumi.Input<string>[];
    /**
     * AWS-managed policy names (`ReadOnlyAccess`, `service-role/AWSLambdaBasicExecutionRole`) or
     * policy ARNs, by a key that names the attachment. Defaults to none.
     */
    readonly managedPolicies?: { [key: string]: pulumi.Input<string> };
    /** Customer-managed policy documents (JSON), by key; each is created and attached. Defaults to none. */
    readonly policies?: { [key: string]: pulumi.Input<string> };
    /** Inline policy documents (JSON), by key. Defaults to none. */
    readonly inlinePolicies?: { [key: string]: pulumi.Input<string> };
    /** Console access with a generated password. Defaults to no console access. */
    readonly console?: IamUserConsoleArgs;
    /** Access keys, by slot; two at most. Defaults to none. */
    readonly accessKeys?: { [slot: string]: IamUserAccessKeyArgs };
    /**
     * SSH public keys for CodeCommit, by a key that names each: OpenSSH lines (`ssh-rsa` of 2048
     * bits or more, `ssh-ed25519`, `ecdsa-sha2-nistp256/384/521`). Defaults to none.
     */
    readonly sshKeys?: { [name: string]: pulumi.Input<string> };
    /**
     * A base64 binary PGP public key or `keybase:<name>`: the password and secret keys are then
     * encrypted with it and only the encrypted values come out. Defaults to none.
     */
    readonly pgpKey?: pulumi.Input<string>;
    /**
     * Import ids of children the account holds already: they are adopted with Pulumi's `import`
     * option instead of created. Defaults to creating every child.
     */
    readonly adopt?: IamUserAdoption;
}

/**
 * An IAM user with everything the console's "create user" runbook adds to it: group membership,
 * policies, console access and access keys. Nothing beyond the user exists unless asked for.
 */
export class IamUser extends pulumi.ComponentResource {
    /** The IAM user name. */
    public readonly userName: pulumi.Output<string>;
    /** The user's ARN. */
    public readonly arn: pulumi.Output<string>;
    /** The user's stable unique ID. */
    public readonly uniqueId: pulumi.Output<string>;
    /** The account's console sign-in URL, `https://<account id>.signin.aws.amazon.com/console`. */
    public readonly consoleSignInUrl: pulumi.Output<string>;
    /** Secret. The generated first password; only with console access and no `pgpKey`. */
    public readonly password?: pulumi.Output<string>;
    /** The first password encrypted with `pgpKey` (base64); only with console access and a `pgpKey`. */
    public readonly encryptedPassword?: pulumi.Output<string>;
    /** Access key ID per slot. */
    public readonly accessKeyIds: pulumi.Output<{ [slot: string]: string }>;
    /** Secret. Secret access key per slot; empty with a `pgpKey`. */
    public readonly accessKeySecrets: pulumi.Output<{ [slot: string]: string }>;
    /** Secret access key per slot encrypted with `pgpKey` (base64); empty without a `pgpKey`. */
    public readonly encryptedAccessKeySecrets: pulumi.Output<{ [slot: string]: string }>;
    /** Per slot with `rotateAfterDays`: the first day (YYYY-MM-DD, UTC) a deploy replaces the key. */
    public readonly nextRotation: pulumi.Output<{ [slot: string]: string }>;
    /** Per slot with `overlapDays`, during the overlap only: the previous key's ID, still Active. */
    public readonly previousAccessKeyIds: pulumi.Output<{ [slot: string]: string }>;
    /** Secret. Per slot with `overlapDays`, during the overlap only: the previous secret access key; empty with a `pgpKey`. */
    public readonly previousAccessKeySecrets: pulumi.Output<{ [slot: string]: string }>;
    /** Per slot with `overlapDays`, during the overlap only: the previous secret encrypted with `pgpKey` (base64). */
    public readonly encryptedPreviousAccessKeySecrets: pulumi.Output<{ [slot: string]: string }>;
    /**
     * Per slot with `overlapDays`: the day (YYYY-MM-DD, UTC) the current window's overlap ends; the
     * first deploy on or after it deletes the previous key.
     */
    public readonly overlapEnds: pulumi.Output<{ [slot: string]: string }>;
    /** Secret. Per slot with `smtp`: the current key's SES SMTP password (`sesSmtpPasswordV4`). */
    public readonly smtpPasswords: pulumi.Output<{ [slot: string]: string }>;
    /** Per slot with `store`: the ARN of the secret or parameter holding the current key. */
    public readonly storeArns: pulumi.Output<{ [slot: string]: string }>;
    /** Per `sshKeys` key: the SSH key ID, which is the user name CodeCommit's SSH endpoint takes. */
    public readonly sshKeyIds: pulumi.Output<{ [name: string]: string }>;

    constructor(name: string, args: IamUserArgs, opts?: pulumi.ComponentResourceOptions) {
        // Checked before super() so that a refused user registers nothing at all.
        refuseBadArgs(name, args);
        const accessKeys = Object.entries(args.accessKeys ?? {});
        super("iam-users:index:IamUser", name, {}, opts);
        const facts = accountFacts(this.getProvider("aws::"));
        const parent = { parent: this };
        const adopt = args.adopt ?? {};
        const userName = args.userName ?? name;

        // ---- User ----
        const descriptions = Object.fromEntries(
            accessKeys.flatMap(([slot, key]) =>
                key.description === undefined ? [] : [[accessKeyDescriptionTag(slot), key.description]],
            ),
        );
        const tags =
            Object.keys(descriptions).length === 0
                ? args.tags
                : pulumi.output(args.tags ?? {}).apply((t) => ({ ...t, ...descriptions }));
        const user = new iam.User(
            name,
            {
                name: userName,
                path: args.path ?? "/",
                tags,
                permissionsBoundary: args.permissionsBoundary,
                forceDestroy: args.forceDestroy ?? false,
            },
            pulumi.mergeOptions(parent, adoptWith(adopt.user)),
        );

        // ---- Group membership ----
        if (args.groups && args.groups.length > 0) {
            new iam.UserGroupMembership(
                `${name}-groups`,
                { user: user.name, groups: args.groups },
                pulumi.mergeOptions(parent, adoptWith(adopt.groups)),
            );
        }

        // ---- Policies ----
        // Children are named by kind and key, so a managed and a custom policy may share a key and
        // reordering never replaces anything.
        for (const [key, nameOrArn] of Object.entries(args.managedPolicies ?? {})) {
            new iam.UserPolicyAttachment(
                `${name}-managed-${key}`,
                { user: user.name, policyArn: facts.policyArn(nameOrArn) },
                pulumi.mergeOptions(parent, adoptWith(adopt.managedPolicies?.[key])),
            );
        }
        for (const [key, document] of Object.entries(args.policies ?? {})) {
            const policy = new iam.Policy(
                `${name}-policy-${key}`,
                { name: pulumi.output(userName).apply((u) => policyName(u, key)), policy: document },
                pulumi.mergeOptions(parent, adoptWith(adopt.policies?.[key])),
            );
            new iam.UserPolicyAttachment(
                `${name}-policy-${key}`,
                { user: user.name, policyArn: policy.arn },
                pulumi.mergeOptions(parent, adoptWith(adopt.policyAttachments?.[key])),
            );
        }
        for (const [key, document] of Object.entries(args.inlinePolicies ?? {})) {
            new iam.UserPolicy(
                `${name}-inline-${key}`,
                { user: user.name, name: key, policy: document },
                pulumi.mergeOptions(parent, adoptWith(adopt.inlinePolicies?.[key])),
            );
        }

        // ---- Login profile ----
        if (args.console) {
            const profile = new iam.UserLoginProfile(
                `${name}-console`,
                {
                    user: user.name,
                    passwordResetRequired: args.console.passwordResetRequired ?? true,
                    passwordLength: args.console.passwordLength ?? DEFAULT_PASSWORD_LENGTH,
                    pgpKey: args.pgpKey,
                },
                // IAM reports passwordResetRequired as false once the user has chosen a password, and
                // the provider cannot read the length or key back; without this every later deploy
                // would replace the profile and reset the user's password. The same three are what an
                // import cannot read, so an adopted profile keeps the password the user has.
                pulumi.mergeOptions(parent, {
                    ignoreChanges: ["passwordResetRequired", "passwordLength", "pgpKey"],
                    ...adoptWith(adopt.console),
                }),
            );
            if (args.pgpKey === undefined) {
                this.password = pulumi.secret(profile.password);
            } else {
                this.encryptedPassword = profile.encryptedPassword;
            }
        }

        // ---- Access keys ----
        const current = new SlotOutputs();
        const previous = new SlotOutputs();
        const nextRotation: { [slot: string]: string } = {};
        const overlapEnds: { [slot: string]: string } = {};
        const smtpPasswords: { [slot: string]: pulumi.Output<string> } = {};
        const storeArns: { [slot: string]: pulumi.Output<string> } = {};
        const keyOf = (resourceName: string, status: pulumi.Input<string>, options: pulumi.CustomResourceOptions) =>
            new iam.AccessKey(
                resourceName,
                { user: user.name, status, pgpKey: args.pgpKey },
                pulumi.mergeOptions(parent, options),
            );
        for (const [slot, keyArgs] of accessKeys) {
            const status = keyArgs.status ?? DEFAULT_ACCESS_KEY_STATUS;
            if (keyArgs.overlapDays !== undefined) {
                const overlap = this.overlapKeys(`${name}-key-${slot}`, keyArgs, (resourceName, trigger) =>
                    keyOf(resourceName, status, { replacementTrigger: trigger, deleteBeforeReplace: true }),
                );
                current.add(slot, overlap.current, args.pgpKey);
                if (overlap.previous) {
                    previous.add(slot, overlap.previous, args.pgpKey);
                }
                nextRotation[slot] = overlap.nextRotation;
                overlapEnds[slot] = overlap.overlapEnd;
                this.deliver(`${name}-key-${slot}`, slot, keyArgs, overlap.current, smtpPasswords, storeArns);
                continue;
            }
            const rotation = this.rotation(`${name}-key-${slot}`, keyArgs);
            if (rotation.nextRotation) {
                nextRotation[slot] = rotation.nextRotation;
            }
            const key = keyOf(`${name}-key-${slot}`, status, {
                replacementTrigger: rotation.trigger,
                deleteBeforeReplace: (keyArgs.rotationMode ?? DEFAULT_ROTATION_MODE) === "delete-first",
                ...adoptWith(adopt.accessKeys?.[slot]),
            });
            current.add(slot, key, args.pgpKey);
            this.deliver(`${name}-key-${slot}`, slot, keyArgs, key, smtpPasswords, storeArns);
        }

        // ---- SSH keys ----
        const sshKeyIds: { [key: string]: pulumi.Output<string> } = {};
        for (const [key, publicKey] of Object.entries(args.sshKeys ?? {})) {
            const sshKey = new iam.SshKey(
                `${name}-ssh-${key}`,
                { username: user.name, encoding: "SSH", publicKey },
                parent,
            );
            sshKeyIds[key] = sshKey.sshPublicKeyId;
        }

        this.userName = user.name;
        this.arn = user.arn;
        this.uniqueId = user.uniqueId;
        this.consoleSignInUrl = facts.consoleSignInUrl;
        this.accessKeyIds = pulumi.output(current.ids);
        this.accessKeySecrets = pulumi.secret(current.secrets);
        this.encryptedAccessKeySecrets = pulumi.output(current.encrypted);
        this.nextRotation = pulumi.output(nextRotation);
        this.previousAccessKeyIds = pulumi.output(previous.ids);
        this.previousAccessKeySecrets = pulumi.secret(previous.secrets);
        this.encryptedPreviousAccessKeySecrets = pulumi.output(previous.encrypted);
        this.overlapEnds = pulumi.output(overlapEnds);
        this.smtpPasswords = pulumi.secret(smtpPasswords);
        this.storeArns = pulumi.output(storeArns);
        this.sshKeyIds = pulumi.output(sshKeyIds);
        // Only the identity goes into the component's own state: credentials already live, encrypted,
        // in the children that own them, and a second copy would only be one more to protect.
        this.registerOutputs({ userName: this.userName, arn: this.arn, uniqueId: this.uniqueId });
    }

    /**
     * The SMTP password and the store of a slot's current key. The stored JSON is a secret: the
     * mocked runtime and older engines ignore `additionalSecretOutputs`, so it is marked here.
     */
    private deliver(
        keyName: string,
        slot: string,
        keyArgs: IamUserAccessKeyArgs,
        key: iam.AccessKey,
        smtpPasswords: { [slot: string]: pulumi.Output<string> },
        storeArns: { [slot: string]: pulumi.Output<string> },
    ): void {
        if (keyArgs.smtp) {
            smtpPasswords[slot] = key.sesSmtpPasswordV4;
        }
        const store = keyArgs.store;
        if (store === undefined) {
            return;
        }
        const value = pulumi.secret(
            pulumi
                .all([key.id, key.secret, keyArgs.smtp ? key.sesSmtpPasswordV4 : undefined])
                .apply(([accessKeyId, secretAccessKey, smtpPassword]) =>
                    JSON.stringify({ accessKeyId, secretAccessKey, ...(smtpPassword ? { smtpPassword } : {}) }),
                ),
        );
        const parent = { parent: this };
        if (store.secretsManager) {
            const secret = new secretsmanager.Secret(
                `${keyName}-store`,
                { name: store.secretsManager.name, kmsKeyId: store.secretsManager.kmsKeyId },
                parent,
            );
            new secretsmanager.SecretVersion(`${keyName}-store`, { secretId: secret.id, secretString: value }, parent);
            storeArns[slot] = secret.arn;
        } else if (store.ssmParameter) {
            const parameter = new ssm.Parameter(
                `${keyName}-store`,
                {
                    name: store.ssmParameter.name,
                    type: "SecureString",
                    value,
                    keyId: store.ssmParameter.kmsKeyId,
                },
                parent,
            );
            storeArns[slot] = parameter.arn;
        }
    }

    /**
     * The keys of a slot with `overlapDays`: two resources, `<key>-a` for even generations (window
     * indexes) and `<key>-b` for odd ones, each replaced when the RandomId keeping its generation
     * changes. In window `g` the resource of `g`'s parity holds generation `g`, the current key;
     * during the overlap the other one still holds `g - 1`, unchanged, so it is neither replaced nor
     * deleted; after the overlap it is not declared, so the first deploy deletes it. In window
     * `g + 1` the parities swap: the resource of generation `g` becomes the previous one without any
     * change, and the new generation is a resource that was deleted or, if no deploy ran after the
     * last overlap, holds `g - 1`, past its overlap. That is the only key ever replaced, so it is
     * deleted first, which keeps to IAM's two keys. A key in use is thus never replaced; only a
     * change of `rotateAfterDays` renumbers the generations and replaces both.
     * A first deploy inside an overlap creates the previous generation too, deleted after it.
     */
    private overlapKeys(
        keyName: string,
        key: IamUserAccessKeyArgs,
        create: (resourceName: string, trigger: pulumi.Input<string>) => iam.AccessKey,
    ): { current: iam.AccessKey; previous?: iam.AccessKey; nextRotation: string; overlapEnd: string } {
        const days = key.rotateAfterDays!;
        const window = overlapWindow(Date.now(), days, key.overlapDays!);
        const generation = (index: number) => {
            const resourceName = `${keyName}-${index % 2 === 0 ? "a" : "b"}`;
            const id = new random.RandomId(
                `${resourceName}-rotation`,
                { byteLength: 8, keepers: { rotateAfterDays: String(days), window: String(index) } },
                { parent: this },
            );
            return create(resourceName, id.hex);
        };
        return {
            current: generation(window.index),
            previous: window.inOverlap && window.index > 0 ? generation(window.index - 1) : undefined,
            nextRotation: window.nextRotation,
            overlapEnd: window.overlapEnd,
        };
    }

    /**
     * The value whose change replaces a key: the manual serial, and for scheduled rotation a random
     * ID kept per window, so the key changes on the first deploy of a new window and never between.
     */
    private rotation(
        keyName: string,
        key: IamUserAccessKeyArgs,
    ): { trigger?: pulumi.Input<string>; nextRotation?: string } {
        if (key.rotateAfterDays === undefined) {
            return { trigger: key.rotation === undefined ? undefined : String(key.rotation) };
        }
        const window = rotationWindow(Date.now(), key.rotateAfterDays);
        const id = new random.RandomId(
            `${keyName}-rotation`,
            {
                byteLength: 8,
                keepers: { rotateAfterDays: String(key.rotateAfterDays), window: String(window.index) },
            },
            { parent: this },
        );
        return {
            trigger: id.hex.apply((hex) => `${key.rotation ?? 0}-${hex}`),
            nextRotation: window.nextRotation,
        };
    }
}

/**
 * Throws for args that the stack validation would refuse, by the same rules (`rules/`), naming the
 * user and the key path; an Output is left to IAM, which checks it at deploy time.
 */
function refuseBadArgs(name: string, args: IamUserArgs): void {
    const accessKeys = Object.entries(args.accessKeys ?? {});
    const count = accessKeyCountProblem(accessKeys.length);
    if (count) {
        throw new Error(`IamUser ${name}: ${count}`);
    }
    for (const [slot, key] of accessKeys) {
        // A `status` that is an Output is known only at deploy time, where IAM checks it.
        const fields = { ...key, status: typeof key.status === "string" ? key.status : undefined };
        const [problem] = accessKeyFieldProblems(fields);
        if (problem) {
            throw new Error(`IamUser ${name}: accessKeys.${slot}.${problem.field} ${problem.message}`);
        }
        const overlap =
            overlapProblem(slot, fields) ??
            overlapSlotProblem(
                slot,
                fields,
                accessKeys.map(([s]) => s).filter((s) => s !== slot),
            );
        if (overlap) {
            throw new Error(`IamUser ${name}: accessKeys.${slot}: ${overlap.message}`);
        }
        const adopted = args.adopt?.accessKeys?.[slot] === undefined ? undefined : overlapAdoptionProblem(slot, fields);
        if (adopted) {
            throw new Error(`IamUser ${name}: adopt.accessKeys.${slot}: ${adopted.message}`);
        }
        const store = key.store === undefined ? undefined : storeProblem(key.store);
        if (store) {
            throw new Error(`IamUser ${name}: accessKeys.${slot}.store ${store}`);
        }
        const pgp = args.pgpKey === undefined ? undefined : pgpKeyConflict(slot, key);
        if (pgp) {
            throw new Error(`IamUser ${name}: accessKeys.${slot}.${pgp.field}: ${pgp.message}`);
        }
    }
    for (const [key, publicKey] of Object.entries(args.sshKeys ?? {})) {
        // Only a plain string can be parsed here; an Output is IAM's to check at deploy time.
        const problem = typeof publicKey === "string" ? sshPublicKeyProblem(publicKey) : undefined;
        if (problem) {
            throw new Error(`IamUser ${name}: sshKeys.${key} ${problem.message}`);
        }
    }
}

/** Key IDs and secrets by slot, as the outputs hold them: plain secrets without a `pgpKey`, encrypted with one. */
class SlotOutputs {
    readonly ids: { [slot: string]: pulumi.Output<string> } = {};
    readonly secrets: { [slot: string]: pulumi.Output<string> } = {};
    readonly encrypted: { [slot: string]: pulumi.Output<string> } = {};

    add(slot: string, key: iam.AccessKey, pgpKey: pulumi.Input<string> | undefined): void {
        this.ids[slot] = key.id;
        if (pgpKey === undefined) {
            this.secrets[slot] = key.secret;
        } else {
            this.encrypted[slot] = key.encryptedSecret;
        }
    }
}
