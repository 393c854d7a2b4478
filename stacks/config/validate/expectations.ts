import { configKey, dataRecord, type ExpectationModel, type UserExpectationsModel } from "../model";
import { expectationsSchema } from "../schema";
import { didYouMean } from "../suggest";
import type { Context, NameMap } from "./context";

/** `iam-users:expectations`, per user key; each must name a user of this stack. */
export function validateExpectations(
    ctx: Context,
    raw: NameMap,
    userKeys: ReadonlySet<string>,
): Readonly<Record<string, UserExpectationsModel>> {
    const result = new Map<string, UserExpectationsModel>();
    for (const [key, value] of raw) {
        if (!userKeys.has(key)) {
            ctx.report(configKey("expectations", key), `user "${key}" is not defined${didYouMean(key, userKeys)}`);
        }
        const data = ctx.parse(["expectations", key], expectationsSchema, value ?? {});
        if (!data) {
            continue;
        }
        const list = (kind: "allowed" | "denied"): ExpectationModel[] =>
            (data[kind] ?? []).map((e, i) => ({
                action: e.action,
                resource: e.resource ?? "*",
                mfa: e.mfa ?? true,
                keyPath: configKey("expectations", key, kind, i),
            }));
        result.set(key, { allowed: list("allowed"), denied: list("denied") });
    }
    return dataRecord(result);
}
