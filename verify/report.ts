/**
 * How `npm run verify` prints its report: a table per user for people, JSON for machines.
 */
import { CheckResult, VerifyReport } from "./checks";

function table(title: string, checks: readonly CheckResult[]): string[] {
    const rows = [["CHECK", "STATUS", "DETAIL"], ...checks.map((c) => [c.check, c.status, c.detail])];
    const width = [0, 1].map((col) => Math.max(...rows.map((r) => r[col].length)));
    return [title, ...rows.map((r) => `  ${r[0].padEnd(width[0])}  ${r[1].padEnd(width[1])}  ${r[2]}`), ""];
}

function counts(checks: readonly CheckResult[]): string {
    const count = (status: string) => checks.filter((c) => c.status === status).length;
    return `${count("ok")} ok, ${count("warn")} warning(s), ${count("fail")} failed, ${count("skip")} skipped`;
}

/**
 * One table per user (`CHECK  STATUS  DETAIL`), one per managed group (titled `group <name>`),
 * a summary line for the groups, then the stack's summary line, which counts the users' checks.
 */
export function formatReport(report: VerifyReport): string {
    const lines: string[] = [];
    for (const user of report.users) {
        lines.push(
            ...table(user.key === user.userName ? user.userName : `${user.userName} (${user.key})`, user.checks),
        );
    }
    const groups = report.groups ?? [];
    for (const group of groups) {
        const name = group.key === group.groupName ? group.groupName : `${group.groupName} (${group.key})`;
        lines.push(...table(`group ${name}`, group.checks));
    }
    if (groups.length > 0) {
        lines.push(`groups: ${groups.length} group(s), ${counts(groups.flatMap((g) => g.checks))}`);
    }
    lines.push(
        `stack ${report.stack}: ${report.users.length} user(s), ${counts(report.users.flatMap((u) => u.checks))}`,
    );
    return lines.join("\n") + "\n";
}

/** The report as JSON, stable for machines. */
export function reportJson(report: VerifyReport): string {
    return JSON.stringify(report, null, 2) + "\n";
}
