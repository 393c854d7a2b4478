/**
 * The policy AWS documents as "Allows MFA-authenticated IAM users to manage their own credentials":
 * users may change their password and manage their own access keys and MFA device, and everything
 * else is denied until they sign in with MFA.
 *
 * AWS's version names only `user/${aws:username}`, which misses users created with a path
 * (`user/engineering/emily`); `user/*\/${aws:username}` covers any path depth.
 */
export function mfaPolicyDocument(partition: string): string {
    const self = [`arn:${partition}:iam::*:user/\${aws:username}`, `arn:${partition}:iam::*:user/*/\${aws:username}`];
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "AllowViewAccountInfo",
                Effect: "Allow",
                Action: ["iam:GetAccountPasswordPolicy", "iam:ListVirtualMFADevices"],
                Resource: "*",
            },
            {
                Sid: "AllowManageOwnPasswords",
                Effect: "Allow",
                Action: ["iam:ChangePassword", "iam:GetUser"],
                Resource: self,
            },
            {
                Sid: "AllowManageOwnAccessKeys",
                Effect: "Allow",
                Action: [
                    "iam:CreateAccessKey",
                    "iam:DeleteAccessKey",
                    "iam:ListAccessKeys",
                    "iam:UpdateAccessKey",
                    "iam:GetAccessKeyLastUsed",
                ],
                Resource: self,
            },
            {
                Sid: "AllowManageOwnVirtualMFADevice",
                Effect: "Allow",
                Action: ["iam:CreateVirtualMFADevice"],
                Resource: `arn:${partition}:iam::*:mfa/*`,
            },
            {
                Sid: "AllowManageOwnUserMFA",
                Effect: "Allow",
                Action: ["iam:DeactivateMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice"],
                Resource: self,
            },
            {
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
                // IfExists: long-term access keys carry no MFA key at all, and must be denied too.
                Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
            },
        ],
    });
}
