/**
 * Adoption: existing IAM resources a component takes over with Pulumi's `import` resource option
 * instead of creating them. Each field is the provider's import id of one child, in the form the
 * AWS provider documents; a child without one is created as usual. A first `pulumi up` with every
 * id in place shows only imports, and the import fails (changing nothing) when the account differs.
 */

/** The import ids of an `IamUser`'s children. */
export interface IamUserAdoption {
    /** `aws.iam.User`: the user name. Defaults to creating the user. */
    readonly user?: string;
    /** `aws.iam.UserGroupMembership`: `<user>/<group1>/<group2>...`. Defaults to creating it. */
    readonly groups?: string;
    /** `aws.iam.UserPolicyAttachment` per `managedPolicies` key: `<user>/<policy ARN>`. Defaults to none. */
    readonly managedPolicies?: { readonly [key: string]: string };
    /** `aws.iam.Policy` per `policies` key: the policy ARN. Defaults to none. */
    readonly policies?: { readonly [key: string]: string };
    /** `aws.iam.UserPolicyAttachment` per `policies` key: `<user>/<policy ARN>`. Defaults to none. */
    readonly policyAttachments?: { readonly [key: string]: string };
    /** `aws.iam.UserPolicy` per `inlinePolicies` key: `<user>:<policy name>`. Defaults to none. */
    readonly inlinePolicies?: { readonly [key: string]: string };
    /** `aws.iam.UserLoginProfile`: the user name; the password is kept, never reset. Defaults to creating one. */
    readonly console?: string;
    /** `aws.iam.AccessKey` per slot: the access key id. The secret is not readable, so none comes out. Defaults to none. */
    readonly accessKeys?: { readonly [slot: string]: string };
}

/** The import ids of an `IamGroup`'s children. */
export interface IamGroupAdoption {
    /** `aws.iam.Group`: the group name. Defaults to creating the group. */
    readonly group?: string;
    /** `aws.iam.GroupPolicyAttachment` per `managedPolicies` key: `<group>/<policy ARN>`. Defaults to none. */
    readonly managedPolicies?: { readonly [key: string]: string };
    /** `aws.iam.Policy` per `policies` key: the policy ARN. Defaults to none. */
    readonly policies?: { readonly [key: string]: string };
    /** `aws.iam.GroupPolicyAttachment` per `policies` key: `<group>/<policy ARN>`. Defaults to none. */
    readonly policyAttachments?: { readonly [key: string]: string };
}

/** The import id of `aws.iam.AccountPasswordPolicy`, the same in every account. */
export const PASSWORD_POLICY_IMPORT_ID = "iam-account-password-policy";

/** The resource options that adopt a child with `id`; none when there is nothing to adopt. */
export const adoptWith = (id: string | undefined): { import?: string } => (id === undefined ? {} : { import: id });
