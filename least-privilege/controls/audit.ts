/**
 * The account controls `audit` evaluates on a snapshot of the live account (verify/snapshot.ts)
 * and its credential report, at a given date: key age, unused credentials, MFA, root keys, more
 * than one Active key, and users no stack of the project manages. Pure: the snapshot is read
 * beforehand, and `now` is a parameter, so "what fails next month" is a date away.
 */
import type { AccountSnapshot, SnapshotAccessKey, SnapshotUser } from "../../verify/snapshot";
import { configKey, type StackModel, type UserModel } from "../../stacks/config/model";
import type { Problem } from "../../stacks/config/problems";
import { controlById, controlLabel } from "./catalog";
import { userWaiver, waivedProblem } from "./stack";

/** The thresholds of the account controls, in days (Security Hub's defaults and CIS v3.0's). */
export const AUDIT_THRESHOLDS = {
    /** IAM.3 / CIS 1.14: an Active key is rotated within this many days, unless its slot sets `rotateAfterDays`. */
    keyAgeDays: 90,
    /** IAM.8: a password or Active key is used at least this often. */
    unusedDays: 90,
    /** IAM.22 / CIS 1.12: the stricter limit on unused credentials. */
    unusedStrictDays: 45,
} as const;

/** The rule of a user in the account that no stack file manages; not a control, a finding of the project. */
export const MADE_BY_HAND = "made-by-hand";

/** Where a user of the account is managed: the stack file and its key there. */
export interface ManagedUser {
    /** The stack file, relative to the project folder (`Pulumi.dev.yaml`). */
    readonly file: string;
    readonly model: StackModel;
    readonly user: UserModel;
}

/** What {@link auditAccount} evaluates. */
export interface AuditInput {
    readonly account: AccountSnapshot;
    /** Every user the project's stack files manage, by IAM user name. */
    readonly managed: ReadonlyMap<string, ManagedUser>;
    /** The stack audited: account-wide findings and users made by hand are reported in its file. */
    readonly file: string;
    /** The date the controls are evaluated at. */
    readonly now: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from `then` to `now`. */
const daysSince = (then: Date, now: Date): number => Math.floor((now.getTime() - then.getTime()) / DAY_MS);

const day = (d: Date): string => d.toISOString().slice(0, 10);

/** The stack slot an account key fills: the id `iam-users:adopt` records for it, else the user's only slot. */
function slotOf(managed: ManagedUser, key: SnapshotAccessKey) {
    const ids = managed.model.adopt?.users[managed.user.key]?.accessKeys ?? {};
    const adopted = managed.user.accessKeys.find((k) => ids[k.slot] === key.id);
    return adopted ?? (managed.user.accessKeys.length === 1 ? managed.user.accessKeys[0] : undefined);
}

/**
 * The age limit of a key: its slot's `rotateAfterDays`, else the strictest of the user's slots
 * (a key the stack cannot tell apart is held to the strictest), else {@link AUDIT_THRESHOLDS}.
 */
function keyAgeLimit(managed: ManagedUser | undefined, key: SnapshotAccessKey): { days: number; at?: string } {
    if (!managed) return { days: AUDIT_THRESHOLDS.keyAgeDays };
    const slot = slotOf(managed, key);
    const limits = (slot ? [slot] : managed.user.accessKeys).flatMap((k) =>
        k.rotateAfterDays === undefined ? [] : [k.rotateAfterDays],
    );
    const at = slot ? configKey("users", managed.user.key, "accessKeys", slot.slot) : undefined;
    return { days: limits.length > 0 ? Math.min(...limits) : AUDIT_THRESHOLDS.keyAgeDays, at };
}

/** One finding: a failing control, an error, since `audit` exits 1 on any (unless the stack waives it). */
function finding(control: string, file: string, keyPath: string, message: string, hint?: string): Problem {
    const c = controlById(control);
    return {
        file,
        keyPath,
        rule: control,
        message: `${c ? `${controlLabel(c)}: ` : ""}${message}`,
        ...(hint ? { hint } : {}),
    };
}

/** A password or key, when it was last used (or, never used, when it was made), for IAM.8 and IAM.22. */
interface Credential {
    readonly what: string;
    readonly since: Date;
    readonly used: boolean;
}

function credentials(u: SnapshotUser): Credential[] {
    const password: Credential[] = u.loginProfile
        ? [
              {
                  what: "console password",
                  since: u.passwordLastUsed ?? u.passwordLastChanged ?? u.createDate,
                  used: u.passwordLastUsed !== undefined,
              },
          ]
        : [];
    const keys = u.accessKeys
        .filter((k) => k.status === "Active")
        .map((k) => ({
            what: `access key ${k.id}`,
            since: k.lastUsed ?? k.createDate,
            used: k.lastUsed !== undefined,
        }));
    return [...password, ...keys];
}

function userFindings(input: AuditInput, u: SnapshotUser): Problem[] {
    const managed = input.managed.get(u.name);
    const file = managed?.file ?? input.file;
    const at = managed ? configKey("users", managed.user.key) : configKey("users");
    const { now } = input;
    const found: Problem[] = [];
    if (!managed) {
        found.push(
            finding(
                MADE_BY_HAND,
                file,
                at,
                `${u.name} was made by hand: no Pulumi.*.yaml of the project manages it (created ${day(u.createDate)})`,
                "add it to a stack and adopt it with npm run import, or delete it",
            ),
        );
    }
    const active = u.accessKeys.filter((k) => k.status === "Active");
    for (const key of active) {
        const age = daysSince(key.createDate, now);
        const limit = keyAgeLimit(managed, key);
        if (age > limit.days) {
            found.push(
                finding(
                    "IAM.3",
                    file,
                    limit.at ?? at,
                    `${u.name}'s access key ${key.id} is ${age} days old; the limit is ${limit.days}`,
                    "rotate it: raise the slot's rotation, or replace the key",
                ),
            );
        }
    }
    for (const c of credentials(u)) {
        const idle = daysSince(c.since, now);
        const how = c.used
            ? `was last used ${idle} days ago`
            : `has not been used in the ${idle} days since it was made`;
        for (const [control, limit] of [
            ["IAM.8", AUDIT_THRESHOLDS.unusedDays],
            ["IAM.22", AUDIT_THRESHOLDS.unusedStrictDays],
        ] as const) {
            if (idle > limit) {
                found.push(
                    finding(
                        control,
                        file,
                        at,
                        `${u.name}'s ${c.what} ${how}; the limit is ${limit}`,
                        "remove it, or make it Inactive",
                    ),
                );
            }
        }
    }
    if (u.loginProfile && !u.mfaActive) {
        found.push(
            finding(
                "IAM.5",
                file,
                managed ? configKey("users", managed.user.key, "console") : at,
                `${u.name} has a console password and no MFA device`,
                "have the user assign an MFA device (Security credentials > Assign MFA device)",
            ),
        );
    }
    if (active.length > 1) {
        found.push(
            finding(
                "CIS 1.13",
                file,
                managed ? configKey("users", managed.user.key, "accessKeys") : at,
                `${u.name} has ${active.length} Active access keys: ${active.map((k) => k.id).join(", ")}`,
                "make the key nothing uses any more Inactive, then delete it",
            ),
        );
    }
    // A waiver in the stack file accepts an account finding as it accepts check's: as a note.
    return found.map((p) => {
        const waiver = managed && p.rule ? userWaiver(managed.model, managed.user, p.rule) : undefined;
        return waiver ? waivedProblem(p, [waiver]) : p;
    });
}

/**
 * Every failing account control, as problems of the stack file that manages the user (at the
 * user's key, or its key slot) or of the audited stack file for the rest: users made by hand at
 * `iam-users:users`, root keys at `(account)`. Users are in the snapshot's order (by name).
 */
export function auditAccount(input: AuditInput): Problem[] {
    const root =
        input.account.root && input.account.root.activeKeys > 0
            ? [
                  finding(
                      "IAM.4",
                      input.file,
                      "(account)",
                      `the root user of account ${input.account.accountId} has ${input.account.root.activeKeys} active access key${input.account.root.activeKeys === 1 ? "" : "s"}`,
                      "delete them: sign in as root, Security credentials > Access keys",
                  ),
              ]
            : [];
    return [...root, ...input.account.users.flatMap((u) => userFindings(input, u))];
}
