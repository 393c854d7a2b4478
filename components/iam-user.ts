// The iam submodule alone: the package root loads every AWS service, about 0.2 s at start.
import * as iam from "@pulumi/aws/iam";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { accountFacts } from "./account";
import {
    accessKeyCountProblem,
    accessKeyFieldProblems,
    DEFAULT_ACCESS_KEY_STATUS,
    DEFAULT_ROTATION_MODE,
} from "../rules/access-keys";
import { accessKeyDescriptionTag, policyName } from "../rules/names";
import { DEFAULT_PASSWORD_LENGTH } from "../rules/passwords";
import { rotationWindow } from "../rules/rotation";
import { adoptWith, IamUserAdoption } from "./adoption";

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
     * `create-first`.
     */
    readonly rotationMode?: string;
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

    constructor(name: string, args: IamUserArgs, opts?: pulumi.ComponentResourceOptions) {
        // Checked before super() so that a refused user registers nothing at all.
        const accessKeys = Object.entries(args.accessKeys ?? {});
        const count = accessKeyCountProblem(accessKeys.length);
        if (count) {
            throw new Error(`IamUser ${name}: ${count}`);
        }
        for (const [slot, key] of accessKeys) {
            // A `status` that is an Output is known only at deploy time, where IAM checks it.
            const [problem] = accessKeyFieldProblems({
                ...key,
                status: typeof key.status === "string" ? key.status : undefined,
            });
            if (problem) {
                throw new Error(`IamUser ${name}: accessKeys.${slot}.${problem.field} ${problem.message}`);
            }
        }
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
        const ids: { [slot: string]: pulumi.Output<string> } = {};
        const secrets: { [slot: string]: pulumi.Output<string> } = {};
        const encrypted: { [slot: string]: pulumi.Output<string> } = {};
        const nextRotation: { [slot: string]: string } = {};
        for (const [slot, keyArgs] of accessKeys) {
            const rotation = this.rotation(`${name}-key-${slot}`, keyArgs);
            if (rotation.nextRotation) {
                nextRotation[slot] = rotation.nextRotation;
            }
            const key = new iam.AccessKey(
                `${name}-key-${slot}`,
                { user: user.name, status: keyArgs.status ?? DEFAULT_ACCESS_KEY_STATUS, pgpKey: args.pgpKey },
                pulumi.mergeOptions(parent, {
                    replacementTrigger: rotation.trigger,
                    deleteBeforeReplace: (keyArgs.rotationMode ?? DEFAULT_ROTATION_MODE) === "delete-first",
                    ...adoptWith(adopt.accessKeys?.[slot]),
                }),
            );
            ids[slot] = key.id;
            if (args.pgpKey === undefined) {
                secrets[slot] = key.secret;
            } else {
                encrypted[slot] = key.encryptedSecret;
            }
        }

        this.userName = user.name;
        this.arn = user.arn;
        this.uniqueId = user.uniqueId;
        this.consoleSignInUrl = facts.consoleSignInUrl;
        this.accessKeyIds = pulumi.output(ids);
        this.accessKeySecrets = pulumi.secret(secrets);
        this.encryptedAccessKeySecrets = pulumi.output(encrypted);
        this.nextRotation = pulumi.output(nextRotation);
        // Only the identity goes into the component's own state: credentials already live, encrypted,
        // in the children that own them, and a second copy would only be one more to protect.
        this.registerOutputs({ userName: this.userName, arn: this.arn, uniqueId: this.uniqueId });
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
