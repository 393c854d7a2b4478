import {
    accessKeyCountProblem,
    DEFAULT_ACCESS_KEY_STATUS,
    DEFAULT_ROTATION_MODE,
    overlapProblem,
    overlapSlotProblem,
    pgpKeyConflict,
    rotationSlotProblem,
    slotProblem,
    storeProblem,
} from "../../../rules/access-keys";
import { parameterArn, parameterNameProblem, secretNameProblem, secretNameWarning } from "../../../rules/secret-store";
import { configKey, type AccessKeyModel, type AccessKeyStatus, type RotationMode } from "../model";
import type { AccessKeyConfig, KeyStoreConfig } from "../schema";
import type { Context } from "./context";

/** The names of a slot's store, by the rules of its service. */
function validateStore(ctx: Context, at: (string | number)[], store: KeyStoreConfig): void {
    const problem = storeProblem(store);
    if (problem) {
        ctx.report(configKey(...at, "store"), problem);
    }
    if (store.secretsManager) {
        const name = store.secretsManager.name;
        const nameAt = configKey(...at, "store", "secretsManager", "name");
        const error = secretNameProblem(name);
        const warning = error ? undefined : secretNameWarning(name);
        if (error) {
            ctx.report(nameAt, error);
        } else if (warning) {
            ctx.report(nameAt, warning, "end the name otherwise, for example without the last hyphen", "warning");
        }
    }
    if (store.ssmParameter) {
        const name = store.ssmParameter.name;
        const arnLength =
            ctx.region && ctx.partition ? parameterArn(name, ctx.partition, ctx.region).length : undefined;
        const error = parameterNameProblem(name, arnLength);
        if (error) {
            ctx.report(configKey(...at, "store", "ssmParameter", "name"), error);
        }
    }
}

/**
 * A user's access keys, with the defaults filled in. Each slot's own fields were checked by the
 * schema with the rules the `IamUser` constructor applies; here, the rules across slots.
 */
export function validateAccessKeys(
    ctx: Context,
    userKey: string,
    slots: ReadonlyMap<string, AccessKeyConfig | null>,
    hasPgpKey: boolean,
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
            overlapDays: k.overlapDays,
            ...(k.smtp ? { smtp: true } : {}),
            ...(k.store ? { store: k.store } : {}),
        };
    });
    for (const k of keys) {
        const keyPath = configKey("users", userKey, "accessKeys", k.slot);
        const slot = slotProblem(k.slot);
        if (slot) {
            ctx.report(keyPath, slot);
        }
        const rotation =
            rotationSlotProblem(k, slots.size) ??
            overlapProblem(k.slot, k) ??
            overlapSlotProblem(
                k.slot,
                k,
                keys.map((o) => o.slot).filter((o) => o !== k.slot),
            );
        if (rotation) {
            ctx.report(keyPath, rotation.message, rotation.hint);
        }
        if (k.store) {
            validateStore(ctx, ["users", userKey, "accessKeys", k.slot], k.store);
        }
        const pgp = hasPgpKey ? pgpKeyConflict(k.slot, k) : undefined;
        if (pgp) {
            ctx.report(configKey("users", userKey, "accessKeys", k.slot, pgp.field), pgp.message, pgp.hint);
        }
    }
    return keys;
}
