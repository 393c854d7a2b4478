import * as assert from "assert";
import type { IamGroup as IamGroupClass } from "../components";
import { ACCOUNT_ID, countByType, ready, record, urnOf, valueOf } from "./mocks";

describe("IamGroup", () => {
    let IamGroup: typeof IamGroupClass;
    before(async () => {
        await ready;
        ({ IamGroup } = await import("../components"));
    });

    it("creates only the group when nothing else is asked for", async () => {
        let group!: IamGroupClass;
        const regs = await record(() => {
            group = new IamGroup("plain", {});
        });
        assert.deepStrictEqual(countByType(regs), { "iam-users:index:IamGroup": 1, "aws:iam/group:Group": 1 });
        assert.deepStrictEqual(regs[1].inputs, { name: "plain", path: "/" });
        assert.strictEqual(await valueOf(group.groupName), "plain");
        assert.strictEqual(await valueOf(group.arn), `arn:aws:iam::${ACCOUNT_ID}:group/plain`);
    });

    it("attaches managed and custom policies and the MFA policy, as children", async () => {
        const regs = await record(() => {
            new IamGroup("power", {
                groupName: "Power_Users",
                path: "/people/",
                managedPolicies: { PowerUserAccess: "PowerUserAccess" },
                policies: { deny: '{"Version":"2012-10-17","Statement":[]}' },
                requireMfa: true,
            });
        });
        assert.deepStrictEqual(countByType(regs), {
            "iam-users:index:IamGroup": 1,
            "aws:iam/group:Group": 1,
            "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": 3,
            "aws:iam/policy:Policy": 2,
        });
        const attachments = regs
            .filter((r) => r.type === "aws:iam/groupPolicyAttachment:GroupPolicyAttachment")
            .map((r) => [r.name, r.inputs.group, r.inputs.policyArn]);
        assert.deepStrictEqual(attachments, [
            ["power-managed-PowerUserAccess", "Power_Users", "arn:aws:iam::aws:policy/PowerUserAccess"],
            ["power-policy-deny", "Power_Users", `arn:aws:iam::${ACCOUNT_ID}:policy/Power_Users-deny`],
            ["power-mfa", "Power_Users", `arn:aws:iam::${ACCOUNT_ID}:policy/Power_Users-require-mfa`],
        ]);
        const mfa = JSON.parse(
            regs.find((r) => r.name === "power-mfa" && r.type === "aws:iam/policy:Policy")!.inputs.policy,
        );
        assert.deepStrictEqual(mfa.Statement.at(-1), {
            Sid: "DenyAllExceptListedIfNoMFA",
            Effect: "Deny",
            NotAction: [
                "iam:CreateVirtualMFADevice",
                "iam:EnableMFADevice",
                "iam:GetUser",
                "iam:ChangePassword",
                "iam:ListMFADevices",
                "iam:ListVirtualMFADevices",
                "iam:ResyncMFADevice",
                "iam:GetAccountPasswordPolicy",
                "sts:GetSessionToken",
            ],
            Resource: "*",
            Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
        });
        // Users with a path (user/engineering/emily) manage their own credentials too.
        assert.deepStrictEqual(mfa.Statement[1].Resource, [
            "arn:aws:iam::*:user/${aws:username}",
            "arn:aws:iam::*:user/*/${aws:username}",
        ]);
        for (const r of regs.slice(1)) {
            assert.ok(
                urnOf(r.type, r.name).includes(`iam-users:index:IamGroup$${r.type}::`),
                `${r.name} is not a child`,
            );
        }
    });
});
