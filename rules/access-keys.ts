/**
 * The rules for access keys, in one place: the `IamUser` constructor and the stack validation both
 * call these functions, so the component and `check` refuse exactly the same keys.
 */
import { MAX_ACCESS_KEYS_PER_USER } from "./limits";

/** The values of an access key's `status`: a key that works, or one switched off. */
export const ACCESS_KEY_STATUSES: readonly string[] = ["Active", "Inactive"];
/** The `status` of a key that does not set one. */
export const DEFAULT_ACCESS_KEY_STATUS = "Active";
/**
 * The values of `rotationMode`: `create-first` makes the new key before deleting the old one and
 * needs a free key slot; `delete-first` frees the slot first.
 */
export const ROTATION_MODES: readonly string[] = ["create-first", "delete-first"];
/** The `rotationMode` of a key that does not set one. */
export const DEFAULT_ROTATION_MODE = "create-first";
/** The longest `rotateAfterDays`: ten years, past which a schedule is surely a typo. */
export const MAX_ROTATE_AFTER_DAYS = 3650;
/** The longest slot name: it names Pulumi resources, outputs and a user tag. */
export const MAX_SLOT_LENGTH = 32;
/** Slot names: 1-32 letters, digits, `_` and `-`. */
export const SLOT_NAME = new RegExp(`^[A-Za-z0-9_-]{1,${MAX_SLOT_LENGTH}}$`);

const oneOf = (values: readonly string[]): string => values.map((v) => `"${v}"`).join(" or ");

/** Why `status` is not allowed, or undefined. */
export const statusProblem = (status: string): string | undefined =>
    ACCESS_KEY_STATUSES.includes(status) ? undefined : `must be ${oneOf(ACCESS_KEY_STATUSES)}`;

/** Why `rotationMode` is not allowed, or undefined. */
export const rotationModeProblem = (mode: string): string | undefined =>
    ROTATION_MODES.includes(mode) ? undefined : `must be ${oneOf(ROTATION_MODES)}`;

/** Why a `rotation` serial is not allowed, or undefined. */
export const rotationProblem = (rotation: number): string | undefined =>
    Number.isInteger(rotation) && rotation >= 0 ? undefined : "must be a whole number, 0 or more";

/** Why `rotateAfterDays` is not allowed, or undefined: windows are counted in whole days. */
export const rotateAfterDaysProblem = (days: number): string | undefined =>
    Number.isInteger(days) && days >= 1 && days <= MAX_ROTATE_AFTER_DAYS
        ? undefined
        : `must be a whole number, 1-${MAX_ROTATE_AFTER_DAYS}`;

/** Why a slot name is not allowed, or undefined. */
export const slotProblem = (slot: string): string | undefined =>
    SLOT_NAME.test(slot) ? undefined : `slot names are 1-${MAX_SLOT_LENGTH} letters, digits, _ and -`;

/** Why a user cannot have this many keys, or undefined. */
export const accessKeyCountProblem = (count: number): string | undefined =>
    count > MAX_ACCESS_KEYS_PER_USER
        ? `${count} access keys; IAM allows ${MAX_ACCESS_KEYS_PER_USER} per user`
        : undefined;

/** The fields of one access key that the rules look at, as plain values. */
export interface AccessKeyFields {
    readonly status?: string;
    readonly rotation?: number;
    readonly rotateAfterDays?: number;
    readonly rotationMode?: string;
}

/** Every problem of one key's own fields, in the order the fields are documented. */
export function accessKeyFieldProblems(key: AccessKeyFields): { field: keyof AccessKeyFields; message: string }[] {
    const found: { field: keyof AccessKeyFields; message: string }[] = [];
    const add = (field: keyof AccessKeyFields, message: string | undefined): void => {
        if (message !== undefined) found.push({ field, message });
    };
    if (key.status !== undefined) add("status", statusProblem(key.status));
    if (key.rotation !== undefined) add("rotation", rotationProblem(key.rotation));
    if (key.rotateAfterDays !== undefined) add("rotateAfterDays", rotateAfterDaysProblem(key.rotateAfterDays));
    if (key.rotationMode !== undefined) add("rotationMode", rotationModeProblem(key.rotationMode));
    return found;
}

/** What a `create-first` rotation needs that a user's keys leave no room for, or undefined. */
export function rotationSlotProblem(
    key: AccessKeyFields,
    keyCount: number,
): { message: string; hint: string } | undefined {
    const rotates = key.rotation !== undefined || key.rotateAfterDays !== undefined;
    if (!rotates || (key.rotationMode ?? DEFAULT_ROTATION_MODE) !== "create-first") return undefined;
    if (keyCount < MAX_ACCESS_KEYS_PER_USER) return undefined;
    return {
        message: `rotating this key creates its replacement before deleting it, which needs a third key; IAM allows ${MAX_ACCESS_KEYS_PER_USER}`,
        hint: "keep one slot while rotating, or set rotationMode: delete-first to accept a moment without the old key",
    };
}
