/** Console passwords: what IAM accepts, and what the components generate. */

/** The shortest password IAM's password policy allows. */
export const MIN_PASSWORD_LENGTH = 6;
/** The longest password IAM's password policy allows. */
export const MAX_PASSWORD_LENGTH = 128;
/** The length of a generated first password when none is given. */
export const DEFAULT_PASSWORD_LENGTH = 20;
/** The longest `maxAgeDays` of a password policy. */
export const MAX_PASSWORD_AGE_DAYS = 1095;
/** The most previous passwords a password policy can prevent reusing. */
export const MAX_PASSWORD_REUSE_PREVENTION = 24;
