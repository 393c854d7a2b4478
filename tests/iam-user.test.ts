import * as assert from "assert";
import { ACCOUNT_ID, countByType, isSecret, ready, record, urnOf, valueOf } from "./mocks";
import type { IamUser as IamUserClass } from "../components";

describe("IamUser", () => {
    let IamUser: typeof IamUserClass;
    before(async () => {
        await ready;
        ({ IamUser } = await import("../components"));
    });

    it("creates only the user when nothing else is asked for", async () => {
        let user!: IamUserClass;
        const regs = await record(() => {
            user = new IamUser("bare", {});
        });
        assert.deepStrictEqual(countByType(regs), { "iam-users:index:IamUser": 1, "aws:iam/user:User": 1 });
        const u = regs.find((r) => r.type === "aws:iam/user:User")!;
        assert.deepStrictEqual(
            { name: u.inputs.name, path: u.inputs.path, forceDestroy: u.inputs.forceDestroy },
            { name: "bare", path: "/", forceDestroy: false },
        );
        assert.strictEqual(user.password, undefined);
        assert.strictEqual(user.encryptedPassword, undefined);
        assert.deepStrictEqual(await valueOf(user.accessKeyIds), {});
        assert.deepStrictEqual(await valueOf(user.accessKeySecrets), {});
        assert.strictEqual(await isSecret(user.accessKeySecrets), true);
        assert.strictEqual(await valueOf(user.consoleSignInUrl), `https://${ACCOUNT_ID}.signin.aws.amazon.com/console`);
    });

    it("builds the full runbook user with exact children, inputs and parentage", async () => {
        let user!: IamUserClass;
        const regs = await record(() => {
            user = new IamUser("emily", {
                userName: "Emily",
                path: "/engineering/",
                tags: { team: "data" },
                permissionsBoundary: "arn:aws:iam::aws:policy/PowerUserAccess",
                groups: ["Power_Users", "Readers"],
                managedPolicies: {
                    ReadOnlyAccess: "ReadOnlyAccess",
                    lambda: "service-role/AWSLambdaBasicExecutionRole",
                    custom: `arn:aws:iam::${ACCOUNT_ID}:policy/existing`,
                },
                policies: { scanner: '{"Version":"2012-10-17","Statement":[]}' },
                inlinePolicies: { extra: '{"Version":"2012-10-17","Statement":[]}' },
                console: {},
                accessKeys: { cli: { description: "AI Invoice Scanner Project" }, old: { status: "Inactive" } },
            });
        });
        assert.deepStrictEqual(countByType(regs), {
            "iam-users:index:IamUser": 1,
            "aws:iam/user:User": 1,
            "aws:iam/userGroupMembership:UserGroupMembership": 1,
            "aws:iam/userPolicyAttachment:UserPolicyAttachment": 4,
            "aws:iam/policy:Policy": 1,
            "aws:iam/userPolicy:UserPolicy": 1,
            "aws:iam/userLoginProfile:UserLoginProfile": 1,
            "aws:iam/accessKey:AccessKey": 2,
        });
        const byName = (type: string, name: string) => {
            const r = regs.find((x) => x.type === type && x.name === name);
            assert.ok(r, `${type} ${name} was not registered`);
            return r.inputs;
        };
        assert.deepStrictEqual(byName("aws:iam/user:User", "emily").tags, {
            team: "data",
            "access-key/cli": "AI Invoice Scanner Project",
        });
        assert.strictEqual(
            byName("aws:iam/user:User", "emily").permissionsBoundary,
            "arn:aws:iam::aws:policy/PowerUserAccess",
        );
        assert.deepStrictEqual(byName("aws:iam/userGroupMembership:UserGroupMembership", "emily-groups").groups, [
            "Power_Users",
            "Readers",
        ]);
        const attachment = "aws:iam/userPolicyAttachment:UserPolicyAttachment";
        assert.strictEqual(
            byName(attachment, "emily-managed-ReadOnlyAccess").policyArn,
            "arn:aws:iam::aws:policy/ReadOnlyAccess",
        );
        assert.strictEqual(
            byName(attachment, "emily-managed-lambda").policyArn,
            "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
        );
        assert.strictEqual(
            byName(attachment, "emily-managed-custom").policyArn,
            `arn:aws:iam::${ACCOUNT_ID}:policy/existing`,
        );
        assert.strictEqual(
            byName(attachment, "emily-policy-scanner").policyArn,
            `arn:aws:iam::${ACCOUNT_ID}:policy/Emily-scanner`,
        );
        assert.strictEqual(byName("aws:iam/policy:Policy", "emily-policy-scanner").name, "Emily-scanner");
        assert.strictEqual(byName("aws:iam/userPolicy:UserPolicy", "emily-inline-extra").name, "extra");
        const profile = byName("aws:iam/userLoginProfile:UserLoginProfile", "emily-console");
        assert.deepStrictEqual(
            { reset: profile.passwordResetRequired, length: profile.passwordLength, pgp: profile.pgpKey },
            { reset: true, length: 20, pgp: undefined },
        );
        // Otherwise the first deploy after the user picks a password would replace the profile.
        assert.deepStrictEqual(regs.find((r) => r.name === "emily-console")!.options.ignoreChanges, [
            "passwordResetRequired",
            "passwordLength",
            "pgpKey",
        ]);
        assert.strictEqual(byName("aws:iam/accessKey:AccessKey", "emily-key-cli").status, "Active");
        assert.strictEqual(byName("aws:iam/accessKey:AccessKey", "emily-key-old").status, "Inactive");
        for (const r of regs.filter((x) => x.type !== "iam-users:index:IamUser")) {
            assert.ok(
                urnOf(r.type, r.name).includes(`::iam-users:index:IamUser$${r.type}::`),
                `${r.type} ${r.name} is not a child of the IamUser`,
            );
        }

        assert.strictEqual(await isSecret(user.password!), true);
        assert.strictEqual(await valueOf(user.password!), "FAKE-PASSWORD-emily-console");
        assert.strictEqual(await isSecret(user.accessKeySecrets), true);
        assert.deepStrictEqual(await valueOf(user.accessKeySecrets), {
            cli: "FAKE-SECRET-emily-key-cli",
            old: "FAKE-SECRET-emily-key-old",
        });
        assert.strictEqual(await isSecret(user.accessKeyIds), false);
        assert.deepStrictEqual(await valueOf(user.accessKeyIds), {
            cli: "AKIAFAKEEMILY-KEY-CLI",
            old: "AKIAFAKEEMILY-KEY-OLD",
        });
        assert.deepStrictEqual(await valueOf(user.encryptedAccessKeySecrets), {});
        assert.strictEqual(await valueOf(user.arn), `arn:aws:iam::${ACCOUNT_ID}:user/engineering/Emily`);
    });

    it("with a pgpKey, encrypts credentials and returns no plain ones", async () => {
        let user!: IamUserClass;
        const regs = await record(() => {
            user = new IamUser("pgp", {
                console: { passwordResetRequired: false, passwordLength: 32 },
                accessKeys: { cli: {} },
                pgpKey: "keybase:example",
            });
        });
        const profile = regs.find((r) => r.type === "aws:iam/userLoginProfile:UserLoginProfile")!.inputs;
        assert.deepStrictEqual(
            { reset: profile.passwordResetRequired, length: profile.passwordLength, pgp: profile.pgpKey },
            { reset: false, length: 32, pgp: "keybase:example" },
        );
        assert.strictEqual(
            regs.find((r) => r.type === "aws:iam/accessKey:AccessKey")!.inputs.pgpKey,
            "keybase:example",
        );
        assert.strictEqual(user.password, undefined);
        assert.strictEqual(await valueOf(user.encryptedPassword!), "FAKE-PGP-MESSAGE-password-pgp-console");
        assert.deepStrictEqual(await valueOf(user.accessKeySecrets), {});
        assert.deepStrictEqual(await valueOf(user.encryptedAccessKeySecrets), {
            cli: "FAKE-PGP-MESSAGE-secret-pgp-key-cli",
        });
    });

    it("refuses more access keys than IAM allows, registering nothing", async () => {
        const regs = await record(() => {
            assert.throws(() => new IamUser("greedy", { accessKeys: { a: {}, b: {}, c: {} } }), {
                message: "IamUser greedy: 3 access keys; IAM allows 2 per user",
            });
        });
        assert.deepStrictEqual(regs, []);
    });

    it("refuses a rotation period that is not a whole number of days, registering nothing", async () => {
        const regs = await record(() => {
            for (const rotateAfterDays of [0, -30, 1.5, 3651]) {
                assert.throws(() => new IamUser("never", { accessKeys: { a: { rotateAfterDays } } }), {
                    message: "IamUser never: accessKeys.a.rotateAfterDays must be a whole number, 1-3650",
                });
            }
        });
        assert.deepStrictEqual(regs, []);
    });

    it("refuses an unknown rotation mode", () => {
        assert.throws(() => new IamUser("odd", { accessKeys: { a: { rotationMode: "sideways" } } }), {
            message: 'IamUser odd: accessKeys.a.rotationMode must be "create-first" or "delete-first"',
        });
    });
});
