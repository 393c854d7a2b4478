/**
 * IAM quotas and name rules, from "IAM and AWS STS quotas" and the IAM API reference. The
 * components enforce the ones a constructor can see; the stack validation enforces all of them.
 */

/** A user can have two access keys at most; IAM refuses a third. */
export const MAX_ACCESS_KEYS_PER_USER = 2;
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

/** User names: 1-64 of these characters, unique in the account ignoring case. */
export const USER_NAME = /^[\w+=,.@-]{1,64}$/;
/** Group and policy names: 1-128 of the same characters. */
export const GROUP_OR_POLICY_NAME = /^[\w+=,.@-]{1,128}$/;
/** `/` alone, or `/` + printable ASCII + `/`, 512 characters at most. */
export const IAM_PATH = /^\/(?:[\x21-\x7e]{0,510}\/)?$/;
/** A policy ARN in any partition: AWS-managed (`iam::aws:`) or a 12-digit account's. */
export const POLICY_ARN = /^arn:aws[a-z-]*:iam::(?:aws|\d{12}):policy\/(?:[\x21-\x7e]*\/)?[\w+=,.@-]{1,128}$/;
/** An AWS-managed policy name, optionally under its path (`service-role/AWSLambdaBasicExecutionRole`). */
export const MANAGED_POLICY_NAME = /^(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,128}$/;
/** Tag keys and values: letters, digits, spaces and `_.:/=+-@`. */
export const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
/** The longest tag key. */
export const MAX_TAG_KEY_LENGTH = 128;
/** The longest tag value (an empty value is allowed). */
export const MAX_TAG_VALUE_LENGTH = 256;

/** The length of a policy document as IAM counts it against its size quotas. */
export const policySize = (document: string): number => document.replace(/\s/g, "").length;
