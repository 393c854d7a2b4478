/** `effectivePolicies`: what check evaluates for one user, and what it names as not evaluated. */
import * as assert from "assert";
import { mfaPolicyName } from "../rules/names";
import { effectivePolicies, statementRef } from "../least-privilege/effective-policies";
import { managedPolicy } from "../least-privilege/managed-policy-catalog";
import { mfaDocument } from "../least-privilege/policy-sources";
import { normalizeDocument } from "../stacks/config/policy-document";
import { group, policyFile, stack, user } from "./support/stack-model";

const own = policyFile("own", { Sid: "Read", Effect: "Allow", Action: ["s3:GetObject"], Resource: ["*"] });
const inline = policyFile("inline", { Effect: "Deny", Action: ["s3:DeleteBucket"], Resource: ["*"] });
const ops = policyFile("ops", { Effect: "Allow", Action: ["ec2:Describe*"], Resource: ["*"] });
const snapshot = (name: string) => normalizeDocument(managedPolicy(name)!.document);

describe("effectivePolicies", () => {
    it("is empty for a user with nothing attached", () => {
        const alone = user("alone");
        assert.deepStrictEqual(effectivePolicies(stack({ users: [alone] }), alone), {
            identity: [],
            boundary: undefined,
            unresolved: [],
        });
    });

    it("takes the user's managed policies from the snapshot, then its policy files and inline files", () => {
        const emily = user("emily", {
            managedPolicies: ["PowerUserAccess"],
            policies: [own],
            inlinePolicies: [inline],
        });
        const { identity, unresolved } = effectivePolicies(stack({ users: [emily] }), emily);
        assert.deepStrictEqual(identity, [
            { id: "PowerUserAccess", document: snapshot("PowerUserAccess") },
            { id: "policies/own.json", document: own.document },
            { id: "policies/inline.json", document: inline.document },
        ]);
        assert.deepStrictEqual(identity[0].document.Statement[0].NotAction, ["iam:*", "organizations:*", "account:*"]);
        assert.deepStrictEqual(unresolved, []);
    });

    it("adds each group's policies and its MFA policy, named after the group", () => {
        const opsGroup = group("Ops", {
            name: "dev-Ops",
            managedPolicies: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
            policies: [ops],
            requireMfa: true,
        });
        const emily = user("emily", { groups: ["Ops"] });
        const { identity } = effectivePolicies(stack({ groups: [opsGroup], users: [emily] }), emily);
        assert.deepStrictEqual(
            identity.map((p) => p.id),
            [
                "arn:aws:iam::aws:policy/ReadOnlyAccess (group Ops)",
                "policies/ops.json (group Ops)",
                `${mfaPolicyName("dev-Ops")} (group Ops)`,
            ],
        );
        assert.deepStrictEqual(identity[0].document, snapshot("ReadOnlyAccess"));
        assert.deepStrictEqual(identity[2].document, mfaDocument());
    });

    it("normalizes a managed policy once and shares it between users", () => {
        const a = user("a", { managedPolicies: ["ReadOnlyAccess"] });
        const b = user("b", { managedPolicies: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] });
        const model = stack({ users: [a, b] });
        assert.strictEqual(
            effectivePolicies(model, a).identity[0].document,
            effectivePolicies(model, b).identity[0].document,
        );
    });

    const unresolvedRows: [string, Parameters<typeof user>[1], string[]][] = [
        [
            "a customer-managed policy ARN",
            { managedPolicies: ["arn:aws:iam::123456789012:policy/custom"] },
            ["managed policy arn:aws:iam::123456789012:policy/custom"],
        ],
        [
            "an AWS-managed policy without its path",
            { managedPolicies: ["AWSLambdaBasicExecutionRole"] },
            ["managed policy AWSLambdaBasicExecutionRole"],
        ],
        ["an external group", { groups: ["Legacy"] }, ["external group dev-Legacy"]],
        [
            "a customer-managed permissions boundary",
            { permissionsBoundary: "arn:aws:iam::123456789012:policy/boundary" },
            ["permissions boundary arn:aws:iam::123456789012:policy/boundary"],
        ],
    ];
    for (const [what, over, unresolved] of unresolvedRows) {
        it(`names ${what} as not evaluated, and evaluates nothing for it`, () => {
            const legacy = group("Legacy", { name: "dev-Legacy", external: true, policies: [ops] });
            const u = user("u", over);
            const result = effectivePolicies(stack({ groups: [legacy], users: [u] }), u);
            assert.deepStrictEqual(result, { identity: [], boundary: undefined, unresolved });
        });
    }

    it("resolves an AWS-managed permissions boundary apart from the identity policies", () => {
        const boundary = "arn:aws:iam::aws:policy/PowerUserAccess";
        const admin = user("admin", { managedPolicies: ["AdministratorAccess"], permissionsBoundary: boundary });
        const result = effectivePolicies(stack({ users: [admin] }), admin);
        assert.deepStrictEqual(
            result.identity.map((p) => p.id),
            ["AdministratorAccess"],
        );
        assert.deepStrictEqual(result.boundary, {
            id: `permissions boundary ${boundary}`,
            document: snapshot("PowerUserAccess"),
        });
        assert.deepStrictEqual(result.unresolved, []);
    });
});

describe("statementRef", () => {
    const two = policyFile("two", own.document.Statement[0], inline.document.Statement[0]);
    const policy = { id: "policies/two.json (group Ops)", document: two.document };
    const rows: [number, string][] = [
        [0, 'policies/two.json (group Ops) Statement[0] (Sid "Read")'],
        [1, "policies/two.json (group Ops) Statement[1]"],
    ];
    for (const [index, ref] of rows) {
        it(`names statement ${index} as ${ref}`, () => {
            assert.strictEqual(statementRef(policy, index), ref);
        });
    }
});
