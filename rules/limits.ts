/**
 * IAM quotas and name rules, from "IAM and AWS STS quotas" and the IAM API reference. The
 * components enforce the ones a constructor can see; the stack validation enforces all of them.
 */

/** A user can have two access keys at most; IAM refuses a third. */
export const MAX_ACCESS_KEYS_PER_USER = 2;
/** SSH public keys (for CodeCommit) of one user. */
export const MAX_SSH_KEYS_PER_USER = 5;
/** A user can be in ten groups at most. */
export const MAX_GROUPS_PER_USER = 10;
/** Managed policies attached to a user without a quota increase. */
export const DEFAULT_MANAGED_POLICIES_PER_USER = 10;
/** Managed policies attached to a user with the largest quota increase AWS grants. */
export const MAX_MANAGED_POLICIES_PER_USER = 20;
/** Managed policies attached to a group, without a quota increase. */
export const MAX_MANAGED_POLICIES_PER_GROUP = 10;
/** A managed policy document, counted without white space. */
export const MAX_MANAGED_POLICY_SIZE = 6144;
/** All inline policies of one user together, counted without white space. */
export const MAX_USER_INLINE_POLICIES_SIZE = 2048;
/** Tags on one user. */
export const MAX_TAGS_PER_USER = 50;
/** Users in one account, IAM's default quota; one stack cannot hold more than the account. */
export const MAX_USERS_PER_ACCOUNT = 5000;

/** The longest user name. */
export const MAX_USER_NAME_LENGTH = 64;
/** The longest group or policy name. */
export const MAX_GROUP_OR_POLICY_NAME_LENGTH = 128;
/** User names: 1-64 of these characters, unique in the account ignoring case. */
export const USER_NAME = new RegExp(`^[\\w+=,.@-]{1,${MAX_USER_NAME_LENGTH}}$`);
/** Group and policy names: 1-128 of the same characters. */
export const GROUP_OR_POLICY_NAME = new RegExp(`^[\\w+=,.@-]{1,${MAX_GROUP_OR_POLICY_NAME_LENGTH}}$`);
/** The longest IAM path. */
export const MAX_IAM_PATH_LENGTH = 512;
/**
 * IAM's documented path pattern, `(\u002F)|(\u002F[\u0021-\u007E]+\u002F)`, 512 characters at most,
 * without an empty segment: IAM refuses `//` and `/a//b/` although the pattern alone lets them pass.
 */
export const IAM_PATH = new RegExp(`^(?=.{1,${MAX_IAM_PATH_LENGTH}}$)\\/(?:(?:[\\x21-\\x2e\\x30-\\x7e]+\\/)+)?$`);
/** Tag keys and values: letters, digits, spaces and `_.:/=+-@`. */
export const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
/** The longest tag key. */
export const MAX_TAG_KEY_LENGTH = 128;
/** The longest tag value (an empty value is allowed). */
export const MAX_TAG_VALUE_LENGTH = 256;
/** The longest `namePrefix`, so that a prefixed name still leaves room for the name itself. */
export const MAX_NAME_PREFIX_LENGTH = 32;

/** The length of a policy document as IAM counts it against its size quotas. */
export const policySize = (document: string): number => document.replace(/\s/g, "").length;

/** A number as IAM's quota pages write it: `6,144`. */
export const formatCount = (n: number): string => n.toLocaleString("en-US");
