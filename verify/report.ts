/**
 * How `npm run verify` prints its report: a table per user for people, JSON for machines.
 */
import { VerifyReport } from "./checks";

/** One table per user (`CHECK  STATUS  DETAIL`), then a summary line. */
export function formatReport(report: VerifyReport): string {
    const lines: string[] = [];
    for (const user of report.users) {
        const rows = [["CHECK", "STATUS", "DETAIL"], ...user.checks.map((c) => [c.check, c.status, c.detail])];
        const width = [0, 1].map((col) => Math.max(...rows.map((r) => r[col].length)));
        lines.push(user.key === user.userName ? user.userName : `${user.userName} (${user.key})`);
        lines.push(...rows.map((r) => `  ${r[0].padEnd(width[0])}  ${r[1].padEnd(width[1])}  ${r[2]}`), "");
    }
    const all = report.users.flatMap((u) => u.checks);
    const count = (status: string) => all.filter((c) => c.status === status).length;
    lines.push(
        `stack ${report.stack}: ${report.users.length} user(s), ${count("ok")} ok, ${count("warn")} warning(s), ` +
            `${count("fail")} failed, ${count("skip")} skipped`,
    );
    return lines.join("\n") + "\n";
}

/** The report as JSON, stable for machines. */
export function reportJson(report: VerifyReport): string {
    return JSON.stringify(report, null, 2) + "\n";
}
