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

/** Cyrillic, then Greek, letters that render like the ASCII letter at the same place in `LOOKS_LIKE`. */
const LOOKALIKE = "аеорсухѕіјһԁАВЕКМНОРСТХЅІЈ" + "αικνορΑΒΕΖΗΙΚΜΝΟΡΤΥΧ";
const LOOKS_LIKE = "aeopcyxsijhdABEKMHOPCTXSIJ" + "aikvopABEZHIKMNOPTYX";

/**
 * Names and ARNs are ASCII in IAM, so a non-ASCII character is a mistake or a lookalike meant to
 * pass review (`emіly` with a Cyrillic `і`). Says which character, by code point and position
 * (counted from 1), and the ASCII letter it passes for; undefined for an ASCII value.
 */
export function nonAsciiProblem(what: string, value: string): string | undefined {
    let position = 0;
    for (const char of value) {
        position += 1;
        const code = char.codePointAt(0)!;
        if (code > 0x7e) {
            const point = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
            const index = LOOKALIKE.indexOf(char);
            const like = index < 0 ? undefined : LOOKS_LIKE[index];
            return `${what} has the non-ASCII character ${point} at position ${position}${like ? `, which looks like "${like}"` : ""}`;
        }
    }
    return undefined;
}
