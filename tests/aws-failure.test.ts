import * as assert from "assert";
import { awsFailure } from "../cli/aws-failure";

describe("awsFailure: what verify and import print when the account cannot be read", () => {
    const error = (name: string, message: string): Error => Object.assign(new Error(message), { name });

    it("names the credential variables when the SDK found no credentials", () => {
        assert.strictEqual(
            awsFailure(
                "verify",
                error("CredentialsProviderError", "Could not load credentials from any providers"),
                "the stack's account",
            ),
            "verify: Could not load credentials from any providers\n" +
                "  hint: set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, for the stack's account",
        );
    });

    it("passes any other failure on as the SDK said it, without a hint", () => {
        assert.strictEqual(
            awsFailure(
                "import",
                error("AccessDenied", "User is not authorized to perform iam:GetAccountAuthorizationDetails"),
                "the account to import",
            ),
            "import: User is not authorized to perform iam:GetAccountAuthorizationDetails",
        );
    });
});
