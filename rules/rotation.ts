const DAY_MS = 24 * 60 * 60 * 1000;

/** Where a scheduled access-key rotation stands on a given day. */
export interface RotationWindow {
    /** Whole windows of `rotateAfterDays` since 1970-01-01 UTC; a new index means a new key. */
    readonly index: number;
    /** The first day (YYYY-MM-DD, UTC) of the next window: the first deploy on or after it rotates. */
    readonly nextRotation: string;
}

/**
 * Counts windows from the epoch rather than from each key's creation so that the result depends
 * only on the date and the period: every run on the same day agrees, with no state to keep.
 */
export function rotationWindow(nowMs: number, rotateAfterDays: number): RotationWindow {
    const index = Math.floor(Math.floor(nowMs / DAY_MS) / rotateAfterDays);
    const nextRotation = new Date((index + 1) * rotateAfterDays * DAY_MS).toISOString().slice(0, 10);
    return { index, nextRotation };
}

/** Where an overlapping rotation stands on a given day: see {@link overlapWindow}. */
export interface OverlapWindow extends RotationWindow {
    /** The previous generation's key still lives: the day is one of the window's first `overlapDays`. */
    readonly inOverlap: boolean;
    /** The day (YYYY-MM-DD, UTC) the window's overlap ends: the first deploy on or after it deletes the previous key. */
    readonly overlapEnd: string;
}

/** The window of {@link rotationWindow}, and whether the day falls in its first `overlapDays` days. */
export function overlapWindow(nowMs: number, rotateAfterDays: number, overlapDays: number): OverlapWindow {
    const window = rotationWindow(nowMs, rotateAfterDays);
    const start = window.index * rotateAfterDays;
    return {
        ...window,
        inOverlap: Math.floor(nowMs / DAY_MS) - start < overlapDays,
        overlapEnd: new Date((start + overlapDays) * DAY_MS).toISOString().slice(0, 10),
    };
}
