import * as iam from "@pulumi/aws/iam";
import * as pulumi from "@pulumi/pulumi";
import { accountFacts } from "./account";
import { adoptWith, IamGroupAdoption } from "./adoption";
import { mfaPolicyDocument } from "./mfa-policy";
import { mfaPolicyName, policyName } from "../rules/names";

/** The arguments of an `IamGroup`. */
export interface IamGroupArgs {
    /** The IAM group name. Defaults to the component name. */
    readonly groupName?: pulumi.Input<string>;
    /** The IAM path of the group. Defaults to `/`. */
    readonly path?: pulumi.Input<string>;
    /**
     * AWS-managed policy names (`PowerUserAccess`) or policy ARNs, by a key that names the
     * attachment. Defaults to none.
     */
    readonly managedPolicies?: { [key: string]: pulumi.Input<string> };
    /** Customer-managed policy documents (JSON), by key; each is created and attached. Defaults to none. */
    readonly policies?: { [key: string]: pulumi.Input<string> };
    /**
     * Attach AWS's documented policy that lets members manage their own password, access keys and
     * MFA device, and denies everything else until they sign in with MFA. Defaults to false.
     */
    readonly requireMfa?: boolean;
    /**
     * Import ids of children the account holds already: they are adopted with Pulumi's `import`
     * option instead of created. Defaults to creating every child.
     */
    readonly adopt?: IamGroupAdoption;
}

/** An IAM group with its policies. */
export class IamGroup extends pulumi.ComponentResource {
    /** The IAM group name. */
    public readonly groupName: pulumi.Output<string>;
    /** The group's ARN. */
    public readonly arn: pulumi.Output<string>;

    constructor(name: string, args: IamGroupArgs, opts?: pulumi.ComponentResourceOptions) {
        super("iam-users:index:IamGroup", name, {}, opts);
        const facts = accountFacts(this.getProvider("aws::"));
        const parent = { parent: this };
        const groupName = pulumi.output(args.groupName ?? name);
        const adopt = args.adopt ?? {};

        // ---- Group ----
        const group = new iam.Group(
            name,
            { name: groupName, path: args.path ?? "/" },
            pulumi.mergeOptions(parent, adoptWith(adopt.group)),
        );

        // ---- Policies ----
        for (const [key, nameOrArn] of Object.entries(args.managedPolicies ?? {})) {
            new iam.GroupPolicyAttachment(
                `${name}-managed-${key}`,
                { group: group.name, policyArn: facts.policyArn(nameOrArn) },
                pulumi.mergeOptions(parent, adoptWith(adopt.managedPolicies?.[key])),
            );
        }
        const custom = Object.entries(args.policies ?? {}).map(([key, document]) => ({
            childName: `${name}-policy-${key}`,
            policyName: groupName.apply((g) => policyName(g, key)),
            document,
            policyId: adopt.policies?.[key],
            attachmentId: adopt.policyAttachments?.[key],
        }));
        if (args.requireMfa) {
            custom.push({
                childName: `${name}-mfa`,
                policyName: groupName.apply(mfaPolicyName),
                document: facts.partition.apply(mfaPolicyDocument),
                policyId: undefined,
                attachmentId: undefined,
            });
        }
        for (const { childName, policyName: policyNameValue, document, policyId, attachmentId } of custom) {
            const policy = new iam.Policy(
                childName,
                { name: policyNameValue, policy: document },
                pulumi.mergeOptions(parent, adoptWith(policyId)),
            );
            new iam.GroupPolicyAttachment(
                childName,
                { group: group.name, policyArn: policy.arn },
                pulumi.mergeOptions(parent, adoptWith(attachmentId)),
            );
        }

        this.groupName = group.name;
        this.arn = group.arn;
        this.registerOutputs({ groupName: this.groupName, arn: this.arn });
    }
}
