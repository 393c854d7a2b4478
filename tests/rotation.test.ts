import * as assert from "assert";
import { overlapWindow, rotationWindow } from "../rules/rotation";
import type { IamUser as IamUserClass, IamUserAccessKeyArgs, IamUserArgs } from "../components";
import { isSecret, ready, record, type Registration, valueOf } from "./mocks";

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

describe("overlapWindow", () => {
    const rows: [string, boolean, string][] = [
        // today (every 90 days, 7 days of overlap), in the overlap, the overlap's end
        ["2026-12-02", false, "2026-09-11"],
        ["2026-12-03", true, "2026-12-10"],
        ["2026-12-09", true, "2026-12-10"],
        ["2026-12-10", false, "2026-12-10"],
    ];
    for (const [today, inOverlap, overlapEnd] of rows) {
        it(`${today}: ${inOverlap ? "in" : "not in"} the overlap ending ${overlapEnd}`, () => {
            const w = overlapWindow(at(today), 90, 7);
            assert.deepStrictEqual({ inOverlap: w.inOverlap, overlapEnd: w.overlapEnd }, { inOverlap, overlapEnd });
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

    describe("with an overlap", () => {
        let serial = 0;
        /** One deploy on `day`: each key resource (named without the user) with its generation and trigger, and the outputs. */
        async function deployOn(day: string, pgpKey?: string) {
            Date.now = () => at(day);
            const name = `ovl${serial++}`;
            let user!: IamUserClass;
            const regs = await record(() => {
                user = new IamUser(name, { accessKeys: { cli: { rotateAfterDays: 90, overlapDays: 7 } }, pgpKey });
            });
            const keys = Object.fromEntries(
                regs
                    .filter((r) => r.type === "aws:iam/accessKey:AccessKey")
                    .map((r) => {
                        const id = regs.find((x) => x.name === `${r.name}-rotation`)!;
                        return [
                            r.name.slice(name.length + 1),
                            {
                                window: id.inputs.keepers.window,
                                trigger: String(r.options.replacementTrigger),
                                deleteFirst: r.options.deleteBeforeReplace,
                            },
                        ];
                    }),
            );
            return { name, user, keys };
        }

        it("keeps the current key through a rotation and the previous one through the overlap", async () => {
            // Window 230 runs from 2026-09-04 to 2026-12-02; window 231 starts 2026-12-03.
            const day0 = await deployOn("2026-10-01");
            const lastDay = await deployOn("2026-12-02");
            const firstDay = await deployOn("2026-12-03");
            const overlapLast = await deployOn("2026-12-09");
            const after = await deployOn("2026-12-10");
            const nextWindow = await deployOn("2027-03-03");
            const gen = (window: string, trigger: string) => ({ window, trigger, deleteFirst: true });
            const a230 = day0.keys["key-cli-a"].trigger;
            const b231 = firstDay.keys["key-cli-b"].trigger;
            assert.deepStrictEqual(day0.keys, { "key-cli-a": gen("230", a230) });
            assert.deepStrictEqual(lastDay.keys, { "key-cli-a": gen("230", a230) });
            // The current key of window 230 is declared unchanged, so it is not replaced; b is new.
            assert.deepStrictEqual(firstDay.keys, { "key-cli-b": gen("231", b231), "key-cli-a": gen("230", a230) });
            assert.notStrictEqual(b231, a230);
            assert.deepStrictEqual(overlapLast.keys, { "key-cli-b": gen("231", b231), "key-cli-a": gen("230", a230) });
            // No longer declared: the deploy deletes the previous key.
            assert.deepStrictEqual(after.keys, { "key-cli-b": gen("231", b231) });
            const a232 = nextWindow.keys["key-cli-a"].trigger;
            assert.notStrictEqual(a232, a230);
            assert.deepStrictEqual(nextWindow.keys, { "key-cli-a": gen("232", a232), "key-cli-b": gen("231", b231) });
        });

        it("outputs the current key always and the previous one during the overlap only", async () => {
            const outside = await deployOn("2026-12-02");
            const inside = await deployOn("2026-12-03");
            const id = (d: { name: string }, r: string) => `AKIAFAKE${d.name.toUpperCase()}-KEY-CLI-${r}`;
            assert.deepStrictEqual(await valueOf(outside.user.accessKeyIds), { cli: id(outside, "A") });
            assert.deepStrictEqual(await valueOf(outside.user.previousAccessKeyIds), {});
            assert.deepStrictEqual(await valueOf(outside.user.previousAccessKeySecrets), {});
            assert.deepStrictEqual(await valueOf(outside.user.overlapEnds), { cli: "2026-09-11" });
            assert.deepStrictEqual(await valueOf(outside.user.nextRotation), { cli: "2026-12-03" });

            assert.deepStrictEqual(await valueOf(inside.user.accessKeyIds), { cli: id(inside, "B") });
            assert.deepStrictEqual(await valueOf(inside.user.previousAccessKeyIds), { cli: id(inside, "A") });
            assert.deepStrictEqual(await valueOf(inside.user.accessKeySecrets), {
                cli: `FAKE-SECRET-${inside.name}-key-cli-b`,
            });
            assert.deepStrictEqual(await valueOf(inside.user.previousAccessKeySecrets), {
                cli: `FAKE-SECRET-${inside.name}-key-cli-a`,
            });
            assert.deepStrictEqual(await valueOf(inside.user.overlapEnds), { cli: "2026-12-10" });
            assert.deepStrictEqual(await valueOf(inside.user.nextRotation), { cli: "2027-03-03" });
            for (const output of [inside.user.accessKeySecrets, inside.user.previousAccessKeySecrets]) {
                assert.strictEqual(await isSecret(output), true);
            }
            assert.strictEqual(await isSecret(inside.user.previousAccessKeyIds), false);
        });

        it("with a pgpKey, outputs both generations encrypted only", async () => {
            const inside = await deployOn("2026-12-03", "keybase:example");
            assert.deepStrictEqual(await valueOf(inside.user.previousAccessKeySecrets), {});
            assert.deepStrictEqual(await valueOf(inside.user.encryptedPreviousAccessKeySecrets), {
                cli: `FAKE-PGP-MESSAGE-secret-${inside.name}-key-cli-a`,
            });
            assert.deepStrictEqual(await valueOf(inside.user.encryptedAccessKeySecrets), {
                cli: `FAKE-PGP-MESSAGE-secret-${inside.name}-key-cli-b`,
            });
        });

        it("refuses what an overlap cannot do, naming the key and registering nothing", async () => {
            const cases: [IamUserArgs["accessKeys"], string][] = [
                [
                    { cli: { overlapDays: 7 } },
                    'accessKeys.cli: key "cli": overlapDays needs rotateAfterDays, the schedule it overlaps',
                ],
                [
                    { cli: { rotateAfterDays: 7, overlapDays: 7 } },
                    'accessKeys.cli: key "cli": overlapDays (7) must be smaller than rotateAfterDays (7)',
                ],
                [
                    { cli: { rotateAfterDays: 90, overlapDays: 7, rotation: 1 } },
                    'accessKeys.cli: key "cli": a rotation serial would replace the key in use; with overlapDays keys rotate by the schedule only',
                ],
                [
                    { cli: { rotateAfterDays: 90, overlapDays: 7 }, ci: {} },
                    `accessKeys.cli: key "cli" rotates with an overlap, which takes both of IAM's 2 key slots; the user cannot also have key "ci"`,
                ],
                [
                    { cli: { rotateAfterDays: 90, overlapDays: 0 } },
                    "accessKeys.cli.overlapDays must be a whole number, 1-3649",
                ],
            ];
            const regs = await record(() => {
                for (const [accessKeys, message] of cases) {
                    assert.throws(() => new IamUser("refused", { accessKeys }), {
                        message: `IamUser refused: ${message}`,
                    });
                }
            });
            const adopted = await record(() => {
                assert.throws(
                    () =>
                        new IamUser("refused", {
                            accessKeys: { cli: { rotateAfterDays: 90, overlapDays: 7 } },
                            adopt: { accessKeys: { cli: "AKIAIOSFODNN7EXAMPLE" } },
                        }),
                    {
                        message:
                            'IamUser refused: adopt.accessKeys.cli: key "cli" rotates with an overlap, whose keys the stack creates; an existing key cannot be adopted into it',
                    },
                );
            });
            assert.deepStrictEqual([...regs, ...adopted], []);
        });
    });
});
