/**
 * What the tools that call AWS (`verify`, `import`, `audit`) print when the account cannot be read, with the
 * one hint a user most often needs: where the SDK looks for credentials.
 */

/**
 * `<tool>: <the SDK's message>`, plus a hint naming the credential variables when the SDK found
 * none. `account` says whose credentials (`the stack's account`).
 */
export function awsFailure(tool: string, e: unknown, account: string): string {
    const error = e as Error;
    const hint =
        error.name === "CredentialsProviderError"
            ? `\n  hint: set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, for ${account}`
            : "";
    return `${tool}: ${error.message}${hint}`;
}
