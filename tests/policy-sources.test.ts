/**
 * The policy documents a stack deploys, as the least-privilege checks see them
 * (least-privilege/policy-sources.ts): each file once, the MFA policy per requireMfa group, and
 * where messages point inside each.
 */
import * as assert from "assert";
import { mfaPolicyDocument } from "../components/mfa-policy";
import { CHECK_PARTITION, mfaDocument, policySources, statementLabel } from "../least-privilege/policy-sources";
import { normalizeDocument } from "../stacks/config/policy-document";
import { group, policyFile, stack, user } from "./support/stack-model";

const READ = policyFile("read", { Sid: "Read", Effect: "Allow", Action: ["s3:GetObject"], Resource: ["*"] });
const WRITE = policyFile("write", { Effect: "Allow", Action: ["s3:PutObject"], Resource: ["*"] });

describe("least-privilege/policy-sources", () => {
    it("lists each file once, in config order, then the MFA policy of each requireMfa group", () => {
        const model = stack({
            groups: [group("ops", { policies: [READ], requireMfa: true }), group("plain", { policies: [WRITE] })],
            users: [user("emily", { policies: [WRITE], inlinePolicies: [READ] }), user("bob", { policies: [READ] })],
            allowWarnings: { "policies/write.json": ["write-any-resource"] },
        });
        const sources = policySources(model);
        assert.deepStrictEqual(
            sources.map((s) => [s.file, s.keyPath(0, "Action[0]"), s.allowWarnings]),
            [
                ["policies/write.json", "Statement[0].Action[0]", ["write-any-resource"]],
                ["policies/read.json", 'Statement[0] (Sid "Read").Action[0]', []],
                [
                    "Pulumi.test.yaml",
                    'iam-users:groups.ops.requireMfa -> Statement[0] (Sid "AllowViewAccountInfo").Action[0]',
                    [],
                ],
            ],
        );
        assert.strictEqual(sources[2].document, mfaDocument());
    });

    it("names a statement by index, and by Sid when it has one", () => {
        assert.strictEqual(statementLabel(READ.document, 0), 'Statement[0] (Sid "Read")');
        assert.strictEqual(statementLabel(WRITE.document, 0), "Statement[0]");
    });

    it("evaluates the MFA policy of the check partition through the one normaliser", () => {
        assert.strictEqual(CHECK_PARTITION, "aws");
        const document = mfaDocument();
        assert.deepStrictEqual(document, normalizeDocument(JSON.parse(mfaPolicyDocument("aws"))));
        assert.deepStrictEqual(document.Statement[0], {
            Sid: "AllowViewAccountInfo",
            Effect: "Allow",
            Action: ["iam:GetAccountPasswordPolicy", "iam:ListVirtualMFADevices"],
            Resource: ["*"],
        });
    });
});
