import {
    accessKeyCountProblem,
    DEFAULT_ACCESS_KEY_STATUS,
    DEFAULT_ROTATION_MODE,
    rotationSlotProblem,
    slotProblem,
} from "../../../rules/access-keys";
import { configKey, type AccessKeyModel, type AccessKeyStatus, type RotationMode } from "../model";
import type { AccessKeyConfig } from "../schema";
import type { Context } from "./context";

/**
 * A user's access keys, with the defaults filled in. Each slot's own fields were checked by the
 * schema with the rules the `IamUser` constructor applies; here, the rules across slots.
 */
export function validateAccessKeys(
    ctx: Context,
    userKey: string,
    slots: ReadonlyMap<string, AccessKeyConfig | null>,
): AccessKeyModel[] {
    const at = configKey("users", userKey, "accessKeys");
    const count = accessKeyCountProblem(slots.size);
    if (count) {
        ctx.report(at, count);
    }
    const keys = [...slots].map(([slot, config]): AccessKeyModel => {
        const k = config ?? {};
        return {
            slot,
            // The schema allowed only the rules' values.
            status: (k.status ?? DEFAULT_ACCESS_KEY_STATUS) as AccessKeyStatus,
            description: k.description,
            rotation: k.rotation,
            rotateAfterDays: k.rotateAfterDays,
            rotationMode: (k.rotationMode ?? DEFAULT_ROTATION_MODE) as RotationMode,
        };
    });
    for (const k of keys) {
        const keyPath = configKey("users", userKey, "accessKeys", k.slot);
        const slot = slotProblem(k.slot);
        if (slot) {
            ctx.report(keyPath, slot);
        }
        const rotation = rotationSlotProblem(k, slots.size);
        if (rotation) {
            ctx.report(keyPath, rotation.message, rotation.hint);
        }
    }
    return keys;
}
