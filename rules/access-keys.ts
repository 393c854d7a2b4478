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

/** Why `overlapDays` is not allowed on its own, or undefined: the overlap is counted in whole days. */
export const overlapDaysProblem = (days: number): string | undefined =>
    Number.isInteger(days) && days >= 1 && days < MAX_ROTATE_AFTER_DAYS
        ? undefined
        : `must be a whole number, 1-${MAX_ROTATE_AFTER_DAYS - 1}`;

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
    readonly overlapDays?: number;
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
    if (key.overlapDays !== undefined) add("overlapDays", overlapDaysProblem(key.overlapDays));
    return found;
}

/** What a `create-first` rotation needs that a user's keys leave no room for, or undefined. */
export function rotationSlotProblem(
    key: AccessKeyFields,
    keyCount: number,
): { message: string; hint: string } | undefined {
    // An overlapping slot never replaces a key in use: overlapSlotProblem covers it.
    if (key.overlapDays !== undefined) return undefined;
    const rotates = key.rotation !== undefined || key.rotateAfterDays !== undefined;
    if (!rotates || (key.rotationMode ?? DEFAULT_ROTATION_MODE) !== "create-first") return undefined;
    if (keyCount < MAX_ACCESS_KEYS_PER_USER) return undefined;
    return {
        message: `rotating this key creates its replacement before deleting it, which needs a third key; IAM allows ${MAX_ACCESS_KEYS_PER_USER}`,
        hint: "keep one slot while rotating, or set rotationMode: delete-first to accept a moment without the old key",
    };
}

/**
 * Why a slot's `overlapDays` does not fit its other fields, or undefined. The overlap is a part of
 * a rotation window, so it needs a schedule shorter than itself; a manual `rotation` serial would
 * replace a key while consumers still use it, which is what the overlap exists to avoid.
 */
export function overlapProblem(slot: string, key: AccessKeyFields): { message: string; hint: string } | undefined {
    if (key.overlapDays === undefined) return undefined;
    if (key.rotateAfterDays === undefined) {
        return {
            message: `key "${slot}": overlapDays needs rotateAfterDays, the schedule it overlaps`,
            hint: "set rotateAfterDays, or remove overlapDays",
        };
    }
    if (key.overlapDays >= key.rotateAfterDays) {
        return {
            message: `key "${slot}": overlapDays (${key.overlapDays}) must be smaller than rotateAfterDays (${key.rotateAfterDays})`,
            hint: "the previous key lives for the first overlapDays days of each window; shorten the overlap",
        };
    }
    if (key.rotation !== undefined) {
        return {
            message: `key "${slot}": a rotation serial would replace the key in use; with overlapDays keys rotate by the schedule only`,
            hint: "remove rotation, or remove overlapDays",
        };
    }
    return undefined;
}

/**
 * Why a user's other slots leave no room for an overlapping slot, or undefined: during the overlap
 * that slot holds both of IAM's keys, its current and its previous one.
 * @param others the user's other slot names.
 */
export function overlapSlotProblem(
    slot: string,
    key: AccessKeyFields,
    others: readonly string[],
): { message: string; hint: string } | undefined {
    if (key.overlapDays === undefined || others.length === 0) return undefined;
    return {
        message: `key "${slot}" rotates with an overlap, which takes both of IAM's ${MAX_ACCESS_KEYS_PER_USER} key slots; the user cannot also have ${others.map((o) => `key "${o}"`).join(", ")}`,
        hint: "give the other key to another user, or remove overlapDays",
    };
}

/** The stores of one slot's `store`, as the rules see them: present or not. */
export interface KeyStoreFields {
    readonly secretsManager?: unknown;
    readonly ssmParameter?: unknown;
}

/** Why a slot's `store` is not one store, or undefined. */
export function storeProblem(store: KeyStoreFields): string | undefined {
    const count = Number(store.secretsManager !== undefined) + Number(store.ssmParameter !== undefined);
    return count === 1 ? undefined : "must set exactly one of secretsManager and ssmParameter";
}

/**
 * What a `pgpKey` rules out for one slot, or undefined: IAM encrypts the secret access key with it,
 * so the stack never holds the plain secret a store needs, and it cannot encrypt an SMTP password
 * (the provider derives that from the plain secret, and so leaves it out).
 */
export function pgpKeyConflict(
    slot: string,
    key: { readonly smtp?: boolean; readonly store?: KeyStoreFields },
): { field: "smtp" | "store"; message: string; hint: string } | undefined {
    const hint = "deploy this user from a stack without a pgpKey";
    if (key.smtp === true) {
        return {
            field: "smtp",
            message: `key "${slot}": IAM cannot encrypt an SMTP password with the stack's pgpKey`,
            hint: `${hint}, or remove smtp`,
        };
    }
    if (key.store !== undefined) {
        return {
            field: "store",
            message: `key "${slot}": with a pgpKey the stack holds only the encrypted secret, which a store cannot deliver`,
            hint: `${hint}, or remove store`,
        };
    }
    return undefined;
}

/**
 * Why a slot's existing key cannot be adopted, or undefined: an overlapping slot's keys are two
 * generations the stack creates by the calendar, and an adopted key belongs to neither.
 */
export function overlapAdoptionProblem(
    slot: string,
    key: AccessKeyFields,
): { message: string; hint: string } | undefined {
    return key.overlapDays === undefined
        ? undefined
        : {
              message: `key "${slot}" rotates with an overlap, whose keys the stack creates; an existing key cannot be adopted into it`,
              hint: "remove this import id: the first deploy creates the slot's key, then delete the old key by hand once nothing uses it",
          };
}
