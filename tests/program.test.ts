import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { encryptedValues } from "../credentials/collect";
import { parseStackOutputs } from "../credentials/stack-outputs";
import { loadStack } from "../stacks/config";
import type * as Program from "../stacks/program";
import { ACCOUNT_ID, countByType, isSecret, ready, record, type Registration, secretInput, valueOf } from "./mocks";
import { tempDir } from "./support/cli";
import { sshKeyPair } from "./support/ssh-keys";

const ROOT = path.join(__dirname, "..");

function inputsOf(regs: readonly Registration[], type: string, name: string): Record<string, any> {
    const r = regs.find((x) => x.type === type && x.name === name);
    assert.ok(r, `${type} ${name} was not registered`);
    return r.inputs;
}

describe("the program", () => {
    let program: typeof Program;
    before(async () => {
        await ready;
        program = await import("../stacks/program");
    });

    it("builds Pulumi.dev.yaml: the four runbook users", async () => {
        const { model } = loadStack(path.join(ROOT, "Pulumi.dev.yaml"));
        let outputs!: Program.ProgramOutputs;
        const regs = await record(() => {
            outputs = program.buildStack(model!);
        });
        assert.deepStrictEqual(countByType(regs), {
            "aws:iam/accountPasswordPolicy:AccountPasswordPolicy": 1,
            "iam-users:index:IamGroup": 1,
            "aws:iam/group:Group": 1,
            "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": 2,
            "aws:iam/policy:Policy": 4,
            "iam-users:index:IamUser": 4,
            "aws:iam/user:User": 4,
            "aws:iam/userPolicyAttachment:UserPolicyAttachment": 4,
            "aws:iam/accessKey:AccessKey": 4,
            "aws:iam/userGroupMembership:UserGroupMembership": 1,
            "aws:iam/userLoginProfile:UserLoginProfile": 2,
        });
        assert.deepStrictEqual(
            regs.filter((r) => r.type === "aws:iam/user:User").map((r) => r.inputs.name),
            ["dev-workshop-cli", "dev-emily", "dev-terraform", "dev-ai-invoice-scanner-user"],
        );
        assert.strictEqual(inputsOf(regs, "aws:iam/group:Group", "Power_Users").name, "dev-Power_Users");
        assert.deepStrictEqual(
            inputsOf(regs, "aws:iam/userGroupMembership:UserGroupMembership", "emily-groups").groups,
            ["dev-Power_Users"],
        );
        assert.strictEqual(
            inputsOf(regs, "aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "Power_Users-managed-PowerUserAccess")
                .policyArn,
            "arn:aws:iam::aws:policy/PowerUserAccess",
        );
        const mfa = JSON.parse(inputsOf(regs, "aws:iam/policy:Policy", "Power_Users-mfa").policy);
        assert.strictEqual(mfa.Statement.at(-1).Sid, "DenyAllExceptListedIfNoMFA");
        assert.strictEqual(
            inputsOf(regs, "aws:iam/userPolicyAttachment:UserPolicyAttachment", "terraform-managed-AdministratorAccess")
                .policyArn,
            "arn:aws:iam::aws:policy/AdministratorAccess",
        );
        assert.deepStrictEqual(
            regs
                .filter((r) => r.type === "aws:iam/policy:Policy" && r.name.startsWith("ai-invoice-scanner-user"))
                .map((r) => [r.inputs.name, JSON.parse(r.inputs.policy).Statement[0].Sid]),
            [
                ["dev-ai-invoice-scanner-user-invoice-scanner-s3", "ListInvoiceBucket"],
                ["dev-ai-invoice-scanner-user-invoice-scanner-textract", "AnalyzeInvoices"],
            ],
        );
        for (const name of ["emily-console", "ai-invoice-scanner-user-console"]) {
            assert.strictEqual(
                inputsOf(regs, "aws:iam/userLoginProfile:UserLoginProfile", name).passwordResetRequired,
                true,
            );
        }
        assert.deepStrictEqual(inputsOf(regs, "aws:iam/user:User", "ai-invoice-scanner-user").tags, {
            "access-key/cli": "AI Invoice Scanner Project",
        });
        assert.deepStrictEqual(
            inputsOf(regs, "aws:iam/accountPasswordPolicy:AccountPasswordPolicy", "password-policy"),
            {
                allowUsersToChangePassword: true,
                maxPasswordAge: 90,
                minimumPasswordLength: 14,
                passwordReusePrevention: 24,
                requireLowercaseCharacters: true,
                requireNumbers: true,
                requireSymbols: true,
                requireUppercaseCharacters: true,
            },
        );

        const users = (await valueOf(outputs.users)) as Record<string, any>;
        assert.deepStrictEqual(users.emily, {
            userName: "dev-emily",
            arn: `arn:aws:iam::${ACCOUNT_ID}:user/dev-emily`,
            groups: ["dev-Power_Users"],
            accessKeyIds: { cli: "AKIAFAKEEMILY-KEY-CLI" },
            consoleSignInUrl: `https://${ACCOUNT_ID}.signin.aws.amazon.com/console`,
        });
        assert.deepStrictEqual(Object.keys(users.terraform).sort(), ["accessKeyIds", "arn", "groups", "userName"]);
        assert.strictEqual(await isSecret(outputs.users), false);
        assert.strictEqual(await isSecret(outputs.passwords), true);
        assert.deepStrictEqual(await valueOf(outputs.passwords), {
            emily: "FAKE-PASSWORD-emily-console",
            "ai-invoice-scanner-user": "FAKE-PASSWORD-ai-invoice-scanner-user-console",
        });
        assert.strictEqual(await isSecret(outputs.accessKeySecrets), true);
        assert.deepStrictEqual(await valueOf(outputs.accessKeySecrets), {
            workshop: { cli: "FAKE-SECRET-workshop-key-cli" },
            emily: { cli: "FAKE-SECRET-emily-key-cli" },
            terraform: { ci: "FAKE-SECRET-terraform-key-ci" },
            "ai-invoice-scanner-user": { cli: "FAKE-SECRET-ai-invoice-scanner-user-key-cli" },
        });
        assert.strictEqual(outputs.encryptedPasswords, undefined);
        assert.strictEqual(
            await valueOf(outputs.consoleSignInUrl),
            `https://${ACCOUNT_ID}.signin.aws.amazon.com/console`,
        );
    });

    it("with a pgpKey, outputs only encrypted credentials, where the credentials tool reads them", async () => {
        const { model } = loadStack(path.join(ROOT, "Pulumi.dev.yaml"));
        let outputs!: Program.ProgramOutputs;
        await record(() => {
            outputs = program.buildStack(model!, "keybase:example");
        });
        const json: Record<string, unknown> = {};
        for (const [name, output] of Object.entries(outputs)) {
            json[name] = await valueOf(output as pulumi.Output<unknown>);
        }
        assert.deepStrictEqual(json.passwords, {});
        assert.deepStrictEqual(json.accessKeySecrets, {
            workshop: {},
            emily: {},
            terraform: {},
            "ai-invoice-scanner-user": {},
        });
        const read = parseStackOutputs(JSON.stringify(json), "test");
        assert.deepStrictEqual(
            encryptedValues(read, {}).map((v) => [v.where, v.base64Message]),
            [
                ["encryptedAccessKeySecrets.workshop.cli", "FAKE-PGP-MESSAGE-secret-workshop-key-cli"],
                ["encryptedPasswords.emily", "FAKE-PGP-MESSAGE-password-emily-console"],
                ["encryptedAccessKeySecrets.emily.cli", "FAKE-PGP-MESSAGE-secret-emily-key-cli"],
                ["encryptedAccessKeySecrets.terraform.ci", "FAKE-PGP-MESSAGE-secret-terraform-key-ci"],
                [
                    "encryptedPasswords.ai-invoice-scanner-user",
                    "FAKE-PGP-MESSAGE-password-ai-invoice-scanner-user-console",
                ],
                [
                    "encryptedAccessKeySecrets.ai-invoice-scanner-user.cli",
                    "FAKE-PGP-MESSAGE-secret-ai-invoice-scanner-user-key-cli",
                ],
            ],
        );
    });

    it("builds Pulumi.prod.yaml: MFA groups, protection and scheduled rotation", async () => {
        const { model } = loadStack(path.join(ROOT, "Pulumi.prod.yaml"));
        let outputs!: Program.ProgramOutputs;
        const regs = await record(() => {
            outputs = program.buildStack(model!);
        });
        assert.deepStrictEqual(countByType(regs), {
            "aws:iam/accountPasswordPolicy:AccountPasswordPolicy": 1,
            "iam-users:index:IamGroup": 2,
            "aws:iam/group:Group": 2,
            "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": 4,
            "aws:iam/policy:Policy": 4,
            "iam-users:index:IamUser": 3,
            "aws:iam/user:User": 3,
            "aws:iam/userGroupMembership:UserGroupMembership": 2,
            "aws:iam/userLoginProfile:UserLoginProfile": 2,
            "aws:iam/userPolicyAttachment:UserPolicyAttachment": 2,
            "aws:iam/accessKey:AccessKey": 1,
            "random:index/randomId:RandomId": 1,
        });
        assert.ok(
            !regs.some((r) => r.inputs.policyArn === "arn:aws:iam::aws:policy/AdministratorAccess"),
            "no AdministratorAccess in prod",
        );
        const emily = inputsOf(regs, "aws:iam/user:User", "emily");
        assert.deepStrictEqual(
            { name: emily.name, path: emily.path, boundary: emily.permissionsBoundary, tags: emily.tags },
            {
                name: "prod-emily",
                path: "/engineering/",
                boundary: undefined,
                tags: { team: "data" },
            },
        );
        assert.strictEqual(
            inputsOf(regs, "aws:iam/userLoginProfile:UserLoginProfile", "emily-console").passwordLength,
            24,
        );
        assert.deepStrictEqual(
            regs.filter((r) => r.type === "aws:iam/policy:Policy" && r.name.endsWith("-mfa")).map((r) => r.inputs.name),
            ["prod-Power_Users-require-mfa", "prod-Readers-require-mfa"],
        );
        // Every resource of every user is protected (children inherit it); nothing else is.
        const userKeys = ["emily", "auditor", "ai-invoice-scanner-user"];
        assert.deepStrictEqual(
            regs
                .filter((r) => r.options.protect)
                .map((r) => r.name)
                .sort(),
            regs
                .filter((r) => userKeys.some((k) => r.name.startsWith(k)))
                .map((r) => r.name)
                .sort(),
        );
        assert.strictEqual(regs.filter((r) => r.options.protect).length, 16);
        const users = (await valueOf(outputs.users)) as Record<string, any>;
        assert.match(users["ai-invoice-scanner-user"].nextRotation.cli, /^\d{4}-\d{2}-\d{2}$/);
        assert.deepStrictEqual(users.auditor.groups, ["prod-Readers"]);
    });

    // The mocked stack is "test": the program reads Pulumi.test.yaml of the project folder it is given.
    describe("reads Pulumi.<stack>.yaml through the reader check uses", () => {
        let dir: string;
        beforeEach(() => {
            dir = tempDir("program");
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: iam-users\n");
        });
        afterEach(() => {
            pulumi.runtime.setAllConfig({});
            fs.rmSync(dir, { recursive: true, force: true });
        });
        const stackFile = (...lines: string[]) =>
            fs.writeFileSync(path.join(dir, "Pulumi.test.yaml"), ["config:", ...lines, ""].join("\n"));

        /** Runs the program; returns what it registered and the error it threw. */
        async function run(
            configFile?: string,
        ): Promise<{ regs: Registration[]; error?: Error; outputs?: Program.ProgramOutputs }> {
            let error: Error | undefined;
            let outputs: Program.ProgramOutputs | undefined;
            const regs = await record(() => {
                try {
                    outputs = program.runProgram(dir, configFile);
                } catch (e) {
                    error = e as Error;
                }
            });
            return { regs, error, outputs };
        }

        it("refuses a bad stack before registering anything, naming every problem", async () => {
            stackFile(
                "  aws:region: us-east-1",
                "  iam-users:groups:",
                "    Power_Users: {}",
                "  iam-users:users:",
                "    emily: {groups: [Power_User], consle: {}}",
            );
            const { regs, error } = await run();
            assert.deepStrictEqual(regs, []);
            assert.ok(pulumi.RunError.isInstance(error));
            assert.strictEqual(
                error!.message,
                [
                    "the stack configuration has 2 errors; nothing was deployed:",
                    'Pulumi.test.yaml:6:35: iam-users:users.emily.consle: unknown key "consle" (did you mean "console"?)',
                    "  hint: allowed keys: userName, path, tags, groups, managedPolicies, policyFiles, inlinePolicyFiles, permissionsBoundary, console, accessKeys, sshKeys, protect, forceDestroy, allowWarnings, waive",
                    'Pulumi.test.yaml:6:22: iam-users:users.emily.groups[0]: group "Power_User" is not defined (did you mean "Power_Users"?)',
                    "  hint: define it under iam-users:groups (with external: true if it exists already)",
                ].join("\n"),
            );
        });

        it("refuses an unknown AWS-managed policy name before registering anything", async () => {
            stackFile("  iam-users:users:", "    emily:", "      managedPolicies: [AdministratorAcess]");
            const { regs, error } = await run();
            assert.deepStrictEqual(regs, []);
            assert.ok(pulumi.RunError.isInstance(error));
            assert.strictEqual(
                error!.message,
                "the stack configuration has 1 error; nothing was deployed:\n" +
                    'Pulumi.test.yaml:4:25: iam-users:users.emily.managedPolicies[0]: unknown AWS-managed policy "AdministratorAcess" (did you mean "AdministratorAccess"?)',
            );
        });

        it("builds from the stack file, whatever the runtime config says", async () => {
            stackFile(
                "  aws:region: us-east-1",
                "  iam-users:namePrefix: rt-",
                "  iam-users:users:",
                "    ci: {accessKeys: {main: {}}}",
            );
            pulumi.runtime.setAllConfig({ "iam-users:namePrefix": "other-" });
            const { regs, error, outputs } = await run();
            assert.strictEqual(error, undefined);
            assert.deepStrictEqual(countByType(regs), {
                "iam-users:index:IamUser": 1,
                "aws:iam/user:User": 1,
                "aws:iam/accessKey:AccessKey": 1,
            });
            assert.strictEqual(inputsOf(regs, "aws:iam/user:User", "ci").name, "rt-ci");
            assert.strictEqual(await isSecret(outputs!.accessKeySecrets), true);
            assert.strictEqual(outputs!.encryptedPasswords, undefined);
        });

        it("reads the file named by configFile", async () => {
            const other = path.join(dir, "elsewhere.yaml");
            fs.writeFileSync(other, "config:\n  iam-users:users:\n    ci: {}\n");
            const { regs, error } = await run(other);
            assert.strictEqual(error, undefined);
            assert.strictEqual(inputsOf(regs, "aws:iam/user:User", "ci").name, "ci");
        });

        it("keeps a scalar that reads as a number a string, as check does", async () => {
            stackFile('  iam-users:namePrefix: "2024"', "  iam-users:users:", "    ci: {}");
            const { regs } = await run();
            assert.strictEqual(inputsOf(regs, "aws:iam/user:User", "ci").name, "2024ci");
        });

        it("encrypts with a plain pgpKey of the stack file", async () => {
            stackFile("  iam-users:pgpKey: keybase:example", "  iam-users:users:", "    ci: {accessKeys: {main: {}}}");
            const { regs, outputs } = await run();
            assert.strictEqual(inputsOf(regs, "aws:iam/accessKey:AccessKey", "ci-key-main").pgpKey, "keybase:example");
            assert.deepStrictEqual(await valueOf(outputs!.encryptedAccessKeySecrets!), {
                ci: { main: "FAKE-PGP-MESSAGE-secret-ci-key-main" },
            });
        });

        it("takes an encrypted pgpKey from the engine, as a secret", async () => {
            stackFile(
                "  iam-users:pgpKey:",
                "    secure: v1:FAKE-CIPHERTEXT",
                "  iam-users:users:",
                "    ci: {accessKeys: {main: {}}}",
            );
            pulumi.runtime.setAllConfig({ "iam-users:pgpKey": "keybase:from-engine" }, ["iam-users:pgpKey"]);
            const { regs, outputs } = await run();
            // The engine's decrypted value, still marked secret on its way to the provider.
            assert.deepStrictEqual(inputsOf(regs, "aws:iam/accessKey:AccessKey", "ci-key-main").pgpKey, {
                [specialSigKey]: specialSecretSig,
                value: "keybase:from-engine",
            });
            assert.deepStrictEqual(Object.keys(await valueOf(outputs!.encryptedAccessKeySecrets!)), ["ci"]);
        });
    });
});

describe("the program: machine users (issue 12)", () => {
    let program: typeof Program;
    let dir: string;
    const realNow = Date.now;
    before(async () => {
        await ready;
        program = await import("../stacks/program");
        dir = tempDir("program-machine");
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: iam-users\n");
    });
    after(() => {
        Date.now = realNow;
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("wires overlap rotation, stores, smtp and SSH keys to the outputs, credentials as secrets", async () => {
        const { publicKey } = sshKeyPair("rsa", 2048);
        const file = path.join(dir, "Pulumi.test.yaml");
        fs.writeFileSync(
            file,
            [
                "config:",
                "  iam-users:users:",
                "    app:",
                "      accessKeys:",
                "        main:",
                "          rotateAfterDays: 90",
                "          overlapDays: 7",
                "          store: {secretsManager: {name: prod/app}}",
                "    mailer:",
                "      accessKeys:",
                "        smtp: {smtp: true, store: {ssmParameter: {name: /prod/mailer}}}",
                "      sshKeys:",
                `        laptop: ${publicKey}`,
                "",
            ].join("\n"),
        );
        const { model, problems } = loadStack(file);
        assert.deepStrictEqual(problems, []);
        // The first day of window 231: the previous key lives through the overlap.
        Date.now = () => Date.parse("2026-12-03T12:00:00Z");
        let outputs!: Program.ProgramOutputs;
        const regs = await record(() => {
            outputs = program.buildStack(model!);
        });
        assert.deepStrictEqual(countByType(regs), {
            "iam-users:index:IamUser": 2,
            "aws:iam/user:User": 2,
            "random:index/randomId:RandomId": 2,
            "aws:iam/accessKey:AccessKey": 3,
            "aws:secretsmanager/secret:Secret": 1,
            "aws:secretsmanager/secretVersion:SecretVersion": 1,
            "aws:ssm/parameter:Parameter": 1,
            "aws:iam/sshKey:SshKey": 1,
        });
        assert.deepStrictEqual(inputsOf(regs, "aws:iam/sshKey:SshKey", "mailer-ssh-laptop"), {
            username: "mailer",
            encoding: "SSH",
            publicKey,
        });
        const stored = JSON.parse(
            String(
                secretInput(
                    inputsOf(regs, "aws:secretsmanager/secretVersion:SecretVersion", "app-key-main-store").secretString,
                ),
            ),
        );
        assert.deepStrictEqual(stored, {
            accessKeyId: "AKIAFAKEAPP-KEY-MAIN-B",
            secretAccessKey: "FAKE-SECRET-app-key-main-b",
        });
        const users = (await valueOf(outputs.users)) as Record<string, any>;
        assert.deepStrictEqual(users.app, {
            userName: "app",
            arn: `arn:aws:iam::${ACCOUNT_ID}:user/app`,
            groups: [],
            accessKeyIds: { main: "AKIAFAKEAPP-KEY-MAIN-B" },
            nextRotation: { main: "2027-03-03" },
            storeArns: { main: `arn:aws:secretsmanager:us-east-1:${ACCOUNT_ID}:secret:prod/app-FAKE01` },
            previousAccessKeyIds: { main: "AKIAFAKEAPP-KEY-MAIN-A" },
            overlapEnds: { main: "2026-12-10" },
        });
        assert.deepStrictEqual(users.mailer.sshKeyIds, { laptop: "APKAFAKEMAILER-SSH-LAPTOP" });
        assert.deepStrictEqual(users.mailer.storeArns, {
            smtp: `arn:aws:ssm:us-east-1:${ACCOUNT_ID}:parameter/prod/mailer`,
        });
        for (const secret of [outputs.accessKeySecrets, outputs.previousAccessKeySecrets!, outputs.smtpPasswords!]) {
            assert.strictEqual(await isSecret(secret), true);
        }
        assert.deepStrictEqual(await valueOf(outputs.previousAccessKeySecrets!), {
            app: { main: "FAKE-SECRET-app-key-main-a" },
        });
        assert.deepStrictEqual(await valueOf(outputs.smtpPasswords!), {
            mailer: { smtp: "FAKE-SMTP-PASSWORD-mailer-key-smtp" },
        });
    });
});
