/**
 * The environment variable that tells the program which stack file to read when it is not the
 * project's `Pulumi.<stack>.yaml`: `npm run deploy -- --config FILE` sets it and gives `pulumi up`
 * the same file as `--config-file`, so the engine and the program read one file. Unset by default.
 */
export const STACK_FILE_ENV = "IAM_USERS_STACK_FILE";
