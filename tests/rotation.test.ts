import * as assert from "assert";
import { rotationWindow } from "../rules/rotation";
import type { IamUser as IamUserClass, IamUserAccessKeyArgs } from "../components";
import { ready, record, type Registration, valueOf } from "./mocks";

const at = (date: string) => Date.parse(`${date}T12:00:00Z`);

describe("rotationWindow", () => {
    const rows: [string, number, number, string][] = [
        // today, period, window index, next rotation
        ["1970-01-01", 90, 0, "1970-04-01"],
        ["2026-11-25", 90, 230, "2026-12-03"],
        ["2026-12-02", 90, 230, "2026-12-03"],
        ["2026-12-03", 90, 231, "2027-03-03"],
        ["2026-11-25", 1, 20782, "2026-11-26"],
    ];
    for (const [today, days, index, next] of rows) {
        it(`${today} every ${days} days: window ${index}, next ${next}`, () => {
            assert.deepStrictEqual(rotationWindow(at(today), days), { index, nextRotation: next });
        });
    }
});

describe("access key rotation", () => {
    let IamUser: typeof IamUserClass;
    const realNow = Date.now;
    before(async () => {
        await ready;
        ({ IamUser } = await import("../components"));
    });
    afterEach(() => {
        Date.now = realNow;
    });

    let serial = 0;
    /** Builds a user with one key on the given day and returns the key's and the random id's registrations. */
    async function keyOn(day: string, key: IamUserAccessKeyArgs): Promise<{ key: Registration; id?: Registration }> {
        Date.now = () => at(day);
        const name = `rot${serial++}`;
        const regs = await record(() => {
            new IamUser(name, { accessKeys: { cli: key } });
        });
        return {
            key: regs.find((r) => r.type === "aws:iam/accessKey:AccessKey")!,
            id: regs.find((r) => r.type === "random:index/randomId:RandomId"),
        };
    }

    it("has no trigger and creates first by default", async () => {
        const { key, id } = await keyOn("2026-11-25", {});
        assert.strictEqual(id, undefined);
        assert.deepStrictEqual(
            { trigger: key.options.replacementTrigger, dbr: key.options.deleteBeforeReplace },
            { trigger: undefined, dbr: false },
        );
    });

    it("replaces the key exactly when the serial changes", async () => {
        const one = await keyOn("2026-11-25", { rotation: 1 });
        const oneAgain = await keyOn("2027-06-01", { rotation: 1 });
        const two = await keyOn("2026-11-25", { rotation: 2 });
        assert.strictEqual(one.key.options.replacementTrigger, "1");
        assert.strictEqual(oneAgain.key.options.replacementTrigger, "1");
        assert.strictEqual(two.key.options.replacementTrigger, "2");
    });

    it("replaces the key on the first deploy of a new window, and not within one", async () => {
        const first = await keyOn("2026-11-25", { rotateAfterDays: 90 });
        const sameWindow = await keyOn("2026-12-02", { rotateAfterDays: 90 });
        const nextWindow = await keyOn("2026-12-03", { rotateAfterDays: 90 });
        assert.deepStrictEqual(first.id!.inputs.keepers, { rotateAfterDays: "90", window: "230" });
        assert.deepStrictEqual(nextWindow.id!.inputs.keepers, { rotateAfterDays: "90", window: "231" });
        assert.match(String(first.key.options.replacementTrigger), /^0-[0-9a-f]{16}$/);
        assert.strictEqual(sameWindow.key.options.replacementTrigger, first.key.options.replacementTrigger);
        assert.notStrictEqual(nextWindow.key.options.replacementTrigger, first.key.options.replacementTrigger);
    });

    it("combines a serial with a schedule, and deletes first when asked", async () => {
        const a = await keyOn("2026-11-25", { rotateAfterDays: 30, rotation: 1, rotationMode: "delete-first" });
        const b = await keyOn("2026-11-25", { rotateAfterDays: 30, rotation: 2, rotationMode: "delete-first" });
        // Same day and period: the same window, so the same random id; only the serial differs.
        assert.deepStrictEqual(a.id!.inputs.keepers, { rotateAfterDays: "30", window: "692" });
        assert.deepStrictEqual(b.id!.inputs.keepers, a.id!.inputs.keepers);
        const [, serial, hex] = /^(\d+)-([0-9a-f]{16})$/.exec(String(a.key.options.replacementTrigger)) ?? [];
        assert.strictEqual(serial, "1");
        assert.strictEqual(b.key.options.replacementTrigger, `2-${hex}`);
        assert.deepStrictEqual([a.key.options.deleteBeforeReplace, b.key.options.deleteBeforeReplace], [true, true]);
    });

    it("outputs the next rotation day per scheduled slot", async () => {
        Date.now = () => at("2026-11-25");
        let user!: IamUserClass;
        // Inside record(), so its registrations finish here rather than in a later test's window.
        await record(() => {
            user = new IamUser("rot-next", { accessKeys: { a: { rotateAfterDays: 90 }, b: {} } });
        });
        assert.deepStrictEqual(await valueOf(user.nextRotation), { a: "2026-12-03" });
    });
});
