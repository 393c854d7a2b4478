/** What a report says about the run besides its problems. */
export interface ReportContext {
    /** The command (`iam-users check`). */
    readonly tool: string;
    /** The package version. */
    readonly version: string;
    /** The stack checked, when one was named. */
    readonly stack?: string;
    /** The verdict, as the exit code gives it. */
    readonly failed: boolean;
}
