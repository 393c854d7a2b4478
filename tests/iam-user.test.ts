import * as assert from "assert";
import { ACCOUNT_ID, countByType, isSecret, ready, record, secretInput, urnOf, valueOf } from "./mocks";
import type { IamUser as IamUserClass, IamUserArgs } from "../components";
import { sshKeyPair } from "./support/ssh-keys";

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

    it("delivers the current key to Secrets Manager and to SSM, as secret JSON", async () => {
        let user!: IamUserClass;
        const regs = await record(() => {
            user = new IamUser("mailer", {
                accessKeys: {
                    smtp: { smtp: true, store: { secretsManager: { name: "mailer/smtp", kmsKeyId: "alias/mail" } } },
                    app: { store: { ssmParameter: { name: "/mailer/app" } } },
                },
            });
        });
        assert.deepStrictEqual(countByType(regs), {
            "iam-users:index:IamUser": 1,
            "aws:iam/user:User": 1,
            "aws:iam/accessKey:AccessKey": 2,
            "aws:secretsmanager/secret:Secret": 1,
            "aws:secretsmanager/secretVersion:SecretVersion": 1,
            "aws:ssm/parameter:Parameter": 1,
        });
        const secret = regs.find((r) => r.type === "aws:secretsmanager/secret:Secret")!;
        assert.deepStrictEqual(
            { name: secret.name, inputs: secret.inputs },
            { name: "mailer-key-smtp-store", inputs: { name: "mailer/smtp", kmsKeyId: "alias/mail" } },
        );
        const version = regs.find((r) => r.type === "aws:secretsmanager/secretVersion:SecretVersion")!;
        assert.strictEqual(version.inputs.secretId, "mailer-key-smtp-store-id");
        assert.deepStrictEqual(JSON.parse(String(secretInput(version.inputs.secretString))), {
            accessKeyId: "AKIAFAKEMAILER-KEY-SMTP",
            secretAccessKey: "FAKE-SECRET-mailer-key-smtp",
            smtpPassword: "FAKE-SMTP-PASSWORD-mailer-key-smtp",
        });
        assert.throws(() => secretInput(secret.inputs.name), /in plain text, not as a secret/);
        const parameter = regs.find((r) => r.type === "aws:ssm/parameter:Parameter")!;
        assert.deepStrictEqual(
            { name: parameter.name, type: parameter.inputs.type, paramName: parameter.inputs.name },
            { name: "mailer-key-app-store", type: "SecureString", paramName: "/mailer/app" },
        );
        assert.strictEqual(parameter.inputs.keyId, undefined);
        assert.deepStrictEqual(JSON.parse(String(secretInput(parameter.inputs.value))), {
            accessKeyId: "AKIAFAKEMAILER-KEY-APP",
            secretAccessKey: "FAKE-SECRET-mailer-key-app",
        });
        for (const r of [secret, version, parameter]) {
            assert.ok(urnOf(r.type, r.name).includes(`::iam-users:index:IamUser$${r.type}::`), `${r.name} parent`);
        }
        assert.deepStrictEqual(await valueOf(user.smtpPasswords), { smtp: "FAKE-SMTP-PASSWORD-mailer-key-smtp" });
        assert.strictEqual(await isSecret(user.smtpPasswords), true);
        assert.deepStrictEqual(await valueOf(user.storeArns), {
            smtp: `arn:aws:secretsmanager:us-east-1:${ACCOUNT_ID}:secret:mailer/smtp-FAKE01`,
            app: `arn:aws:ssm:us-east-1:${ACCOUNT_ID}:parameter/mailer/app`,
        });
    });

    it("refuses a store that is not one store, and smtp or a store with a pgpKey", async () => {
        const cases: [IamUserArgs, string][] = [
            [
                { accessKeys: { a: { store: {} } } },
                "accessKeys.a.store must set exactly one of secretsManager and ssmParameter",
            ],
            [
                { accessKeys: { a: { store: { secretsManager: { name: "x" }, ssmParameter: { name: "/x" } } } } },
                "accessKeys.a.store must set exactly one of secretsManager and ssmParameter",
            ],
            [
                { accessKeys: { a: { smtp: true } }, pgpKey: "keybase:example" },
                `accessKeys.a.smtp: key "a": IAM cannot encrypt an SMTP password with the stack's pgpKey`,
            ],
            [
                { accessKeys: { a: { store: { ssmParameter: { name: "/x" } } } }, pgpKey: "keybase:example" },
                `accessKeys.a.store: key "a": with a pgpKey the stack holds only the encrypted secret, which a store cannot deliver`,
            ],
        ];
        const regs = await record(() => {
            for (const [args, message] of cases) {
                assert.throws(() => new IamUser("refused", args), { message: `IamUser refused: ${message}` });
            }
        });
        assert.deepStrictEqual(regs, []);
    });

    it("uploads SSH public keys for CodeCommit, refusing a private key without quoting it", async () => {
        const { publicKey, privateKey } = sshKeyPair("ed25519");
        let user!: IamUserClass;
        const regs = await record(() => {
            user = new IamUser("coder", { sshKeys: { laptop: publicKey } });
        });
        const ssh = regs.filter((r) => r.type === "aws:iam/sshKey:SshKey");
        assert.deepStrictEqual(
            ssh.map((r) => ({ name: r.name, inputs: r.inputs })),
            [{ name: "coder-ssh-laptop", inputs: { username: "coder", encoding: "SSH", publicKey } }],
        );
        assert.ok(urnOf(ssh[0].type, ssh[0].name).includes("::iam-users:index:IamUser$aws:iam/sshKey:SshKey::"));
        assert.deepStrictEqual(await valueOf(user.sshKeyIds), { laptop: "APKAFAKECODER-SSH-LAPTOP" });
        const refused = await record(() => {
            assert.throws(() => new IamUser("leaky", { sshKeys: { laptop: privateKey } }), {
                message:
                    "IamUser leaky: sshKeys.laptop is a private key; only the public key (the .pub file) belongs here",
            });
        });
        assert.deepStrictEqual(refused, []);
    });
});
