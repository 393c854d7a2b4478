/**
 * Names shared by the components (which create the resources) and the tools (which look them up),
 * so both sides agree without the tools importing resource code.
 */

/** A customer-managed policy created for one user or group: `<owner name>-<key>`. */
export const policyName = (ownerName: string, key: string): string => `${ownerName}-${key}`;

/** The MFA-enforcing policy that an `IamGroup` with `requireMfa` creates. */
export const mfaPolicyName = (groupName: string): string => policyName(groupName, "require-mfa");

/**
 * The user tag that holds an access key's description. The console tags the user with the key's
 * ID, which a declarative program cannot know before the key exists without a dependency cycle
 * (the key needs the user, the tag would need the key); the slot is known up front.
 */
export const accessKeyDescriptionTag = (slot: string): string => `access-key/${slot}`;

/** The account's console sign-in page. */
export const consoleSignInUrl = (accountId: string): string => `https://${accountId}.signin.aws.amazon.com/console`;
