import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import * as pulumi from "@pulumi/pulumi";
import { managedPolicyArn } from "../rules/managed-policy";
import { consoleSignInUrl } from "../rules/names";

/** Facts about the account an AWS provider deploys to, looked up once per provider. */
export interface AccountFacts {
    /** `aws`, `aws-cn` or `aws-us-gov`. */
    readonly partition: pulumi.Output<string>;
    /** The 12-digit account ID the provider's credentials belong to. */
    readonly accountId: pulumi.Output<string>;
    /** `https://<account id>.signin.aws.amazon.com/console`. */
    readonly consoleSignInUrl: pulumi.Output<string>;
    /** The ARN of a managed policy name (or the ARN itself), shared by every user that names it. */
    policyArn(nameOrArn: pulumi.Input<string>): pulumi.Input<string>;
}

// Keyed by provider so that a program with several accounts gets each account's facts, and a
// program with hundreds of users makes two invokes, not hundreds.
const cache = new Map<pulumi.ProviderResource | undefined, AccountFacts>();

/** The facts for an AWS provider (undefined: the default provider). */
export function accountFacts(provider: pulumi.ProviderResource | undefined): AccountFacts {
    let facts = cache.get(provider);
    if (!facts) {
        facts = lookUp(provider);
        cache.set(provider, facts);
    }
    return facts;
}

function lookUp(provider: pulumi.ProviderResource | undefined): AccountFacts {
    const partition = getPartitionOutput({}, { provider }).partition;
    const accountId = getCallerIdentityOutput({}, { provider }).accountId;
    const arns = new Map<string, pulumi.Output<string>>();
    return {
        partition,
        accountId,
        consoleSignInUrl: accountId.apply(consoleSignInUrl),
        policyArn(nameOrArn) {
            if (typeof nameOrArn !== "string") {
                return pulumi.all([nameOrArn, partition]).apply(([name, p]) => managedPolicyArn(name, p));
            }
            if (nameOrArn.startsWith("arn:")) {
                return nameOrArn;
            }
            let arn = arns.get(nameOrArn);
            if (!arn) {
                arn = partition.apply((p) => managedPolicyArn(nameOrArn, p));
                arns.set(nameOrArn, arn);
            }
            return arn;
        },
    };
}
