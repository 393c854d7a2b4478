/**
 * The CrossGuard pack: `pulumi preview --policy-pack guard` from any Pulumi project with aws.iam
 * resources. Every policy is advisory; make one mandatory in the organisation's policy group.
 */
import { PolicyPack } from "@pulumi/policy";
import { POLICIES } from "./policies";

new PolicyPack("iam-users-controls", { policies: POLICIES });
