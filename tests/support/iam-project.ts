/**
 * A small project (a `Pulumi.test.yaml` and two policy files) and a stand-in for its deployment:
 * the same IAM entities the program would create, made through the SDK in a moto server, and the
 * stack outputs the program would return for them; and an account made by hand, for import.
 */
import {
    AddUserToGroupCommand,
    AttachGroupPolicyCommand,
    AttachUserPolicyCommand,
    CreateAccessKeyCommand,
    CreateGroupCommand,
    CreateLoginProfileCommand,
    CreatePolicyCommand,
    CreateUserCommand,
    IAMClient,
    PutUserPolicyCommand,
    UpdateAccessKeyCommand,
    UploadSSHPublicKeyCommand,
} from "@aws-sdk/client-iam";
import * as fs from "fs";
import * as path from "path";
import { StackOutputs } from "../../stacks/outputs";
import { AwsSettings } from "../../verify/aws-settings";

/** The fake caller credentials the tests sign moto requests with. */
export const FAKE_CALLER = {
    accessKeyId: "AKIAIOSFODNN7EXAMPLE",
    secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};

/** SDK settings for a moto server. */
export const motoSettings = (endpoint: string): AwsSettings => ({
    region: "us-east-1",
    endpoints: { iam: endpoint, sts: endpoint, secretsmanager: endpoint, ssm: endpoint },
    credentials: FAKE_CALLER,
});

const POLICY = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::example-invoices/*" }],
});

/**
 * `<prefix>emily`: console, a group, managed, customer and inline policies, an Active and an Inactive key.
 * `<prefix>deployer`: one key. Each test takes its own prefix, so none needs a fresh server.
 */
export const stackYaml = (prefix: string): string => `config:
  aws:region: us-east-1
  iam-users:namePrefix: ${prefix}
  iam-users:groups:
    Developers:
      managedPolicies: [ReadOnlyAccess]
  iam-users:users:
    emily:
      path: /engineering/
      groups: [Developers]
      managedPolicies: [ReadOnlyAccess]
      policyFiles: [policies/invoice.json]
      inlinePolicyFiles: [policies/notes.json]
      console: {}
      accessKeys:
        cli: {}
        ci: {status: Inactive}
    deployer:
      managedPolicies: [PowerUserAccess]
      accessKeys:
        main: {rotateAfterDays: 30}
`;

/** Writes the project into `dir`; returns the stack config path. */
export function writeProject(dir: string, prefix: string): string {
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: iam-users\nruntime: nodejs\nmain: stacks/index.ts\n");
    fs.mkdirSync(path.join(dir, "policies"), { recursive: true });
    fs.writeFileSync(path.join(dir, "policies", "invoice.json"), POLICY);
    fs.writeFileSync(path.join(dir, "policies", "notes.json"), POLICY);
    const config = path.join(dir, "Pulumi.test.yaml");
    fs.writeFileSync(config, stackYaml(prefix));
    return config;
}

/** Creates what the program would for {@link stackYaml} and returns the outputs it would print. */
export async function deployByHand(iam: IAMClient, prefix: string): Promise<StackOutputs> {
    await iam.send(new CreateGroupCommand({ GroupName: `${prefix}Developers` }));
    const readOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    await iam.send(new AttachGroupPolicyCommand({ GroupName: `${prefix}Developers`, PolicyArn: readOnly }));

    const emily = (await iam.send(new CreateUserCommand({ UserName: `${prefix}emily`, Path: "/engineering/" }))).User!;
    await iam.send(new AddUserToGroupCommand({ UserName: `${prefix}emily`, GroupName: `${prefix}Developers` }));
    await iam.send(new AttachUserPolicyCommand({ UserName: `${prefix}emily`, PolicyArn: readOnly }));
    const invoice = await iam.send(
        new CreatePolicyCommand({ PolicyName: `${prefix}emily-invoice`, PolicyDocument: POLICY }),
    );
    await iam.send(new AttachUserPolicyCommand({ UserName: `${prefix}emily`, PolicyArn: invoice.Policy!.Arn! }));
    await iam.send(
        new PutUserPolicyCommand({ UserName: `${prefix}emily`, PolicyName: "notes", PolicyDocument: POLICY }),
    );
    await iam.send(new CreateLoginProfileCommand({ UserName: `${prefix}emily`, Password: "EXAMPLE-Passw0rd!" }));
    const cli = (await iam.send(new CreateAccessKeyCommand({ UserName: `${prefix}emily` }))).AccessKey!;
    const ci = (await iam.send(new CreateAccessKeyCommand({ UserName: `${prefix}emily` }))).AccessKey!;
    await iam.send(
        new UpdateAccessKeyCommand({ UserName: `${prefix}emily`, AccessKeyId: ci.AccessKeyId, Status: "Inactive" }),
    );

    const deployer = (await iam.send(new CreateUserCommand({ UserName: `${prefix}deployer` }))).User!;
    await iam.send(
        new AttachUserPolicyCommand({
            UserName: `${prefix}deployer`,
            PolicyArn: "arn:aws:iam::aws:policy/PowerUserAccess",
        }),
    );
    const main = (await iam.send(new CreateAccessKeyCommand({ UserName: `${prefix}deployer` }))).AccessKey!;

    const signIn = "https://123456789012.signin.aws.amazon.com/console";
    return {
        users: {
            emily: {
                userName: `${prefix}emily`,
                arn: emily.Arn!,
                groups: [`${prefix}Developers`],
                accessKeyIds: { cli: cli.AccessKeyId!, ci: ci.AccessKeyId! },
                consoleSignInUrl: signIn,
            },
            deployer: {
                userName: `${prefix}deployer`,
                arn: deployer.Arn!,
                groups: [],
                accessKeyIds: { main: main.AccessKeyId! },
            },
        },
        passwords: { emily: "EXAMPLE-Passw0rd!" },
        accessKeySecrets: {
            emily: { cli: cli.SecretAccessKey!, ci: ci.SecretAccessKey! },
            deployer: { main: main.SecretAccessKey! },
        },
        consoleSignInUrl: signIn,
    };
}

/** An obviously fake SSH public key: moto stores the body as given and checks nothing. */
export const FAKE_SSH_PUBLIC_KEY =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEXAMPLEFAKEKEYEXAMPLEFAKEKEYEXAMPLEFAKEKEY test@example.invalid";

/** What {@link seedRunbookAccount} made that a test needs to name. */
export interface RunbookAccount {
    /** `terraform`'s keys, oldest first: Active, then Inactive. */
    readonly terraformKeys: readonly string[];
    readonly sshKeyId: string;
    readonly invoicePolicyArn: string;
}

/**
 * An account made by hand, the way the console runbooks did it: a `Power_Users` group with an
 * AWS-managed policy; `emily`, a console user in it with a path and tags; `terraform`, an
 * automation user with AdministratorAccess and two keys, one Inactive; `invoice-scanner` with a
 * customer-managed policy named as the program would name it; `workshop-cli` with an inline
 * policy and an SSH key.
 */
export async function seedRunbookAccount(iam: IAMClient): Promise<RunbookAccount> {
    await iam.send(new CreateGroupCommand({ GroupName: "Power_Users" }));
    await iam.send(
        new AttachGroupPolicyCommand({
            GroupName: "Power_Users",
            PolicyArn: "arn:aws:iam::aws:policy/PowerUserAccess",
        }),
    );
    await iam.send(
        new CreateUserCommand({
            UserName: "emily",
            Path: "/engineering/",
            Tags: [
                { Key: "team", Value: "platform" },
                { Key: "cost-center", Value: "1234" },
            ],
        }),
    );
    await iam.send(new AddUserToGroupCommand({ UserName: "emily", GroupName: "Power_Users" }));
    await iam.send(new CreateLoginProfileCommand({ UserName: "emily", Password: "EXAMPLE-Passw0rd!" }));

    await iam.send(new CreateUserCommand({ UserName: "terraform" }));
    await iam.send(
        new AttachUserPolicyCommand({
            UserName: "terraform",
            PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
        }),
    );
    const first = (await iam.send(new CreateAccessKeyCommand({ UserName: "terraform" }))).AccessKey!;
    const second = (await iam.send(new CreateAccessKeyCommand({ UserName: "terraform" }))).AccessKey!;
    await iam.send(
        new UpdateAccessKeyCommand({ UserName: "terraform", AccessKeyId: second.AccessKeyId, Status: "Inactive" }),
    );

    await iam.send(new CreateUserCommand({ UserName: "invoice-scanner" }));
    const invoice = await iam.send(
        new CreatePolicyCommand({ PolicyName: "invoice-scanner-s3", PolicyDocument: POLICY }),
    );
    await iam.send(new AttachUserPolicyCommand({ UserName: "invoice-scanner", PolicyArn: invoice.Policy!.Arn! }));

    await iam.send(new CreateUserCommand({ UserName: "workshop-cli" }));
    await iam.send(new PutUserPolicyCommand({ UserName: "workshop-cli", PolicyName: "notes", PolicyDocument: POLICY }));
    const ssh = await iam.send(
        new UploadSSHPublicKeyCommand({ UserName: "workshop-cli", SSHPublicKeyBody: FAKE_SSH_PUBLIC_KEY }),
    );
    return {
        terraformKeys: [first.AccessKeyId!, second.AccessKeyId!],
        sshKeyId: ssh.SSHPublicKey!.SSHPublicKeyId!,
        invoicePolicyArn: invoice.Policy!.Arn!,
    };
}
