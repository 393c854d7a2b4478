import * as assert from "assert";
import {
    actionNameProblem,
    checkActionNames,
    checkManagedPolicyNames,
    managedPolicyProblem,
} from "../least-privilege/names";
import { formatProblem } from "../stacks/config/problems";
import { group, policyFile, stack, user } from "./support/stack-model";

const ACTION_HINT = "if AWS added it after the catalog was built, list it under iam-users:allowUnknown.actions";
const POLICY_HINT =
    "if AWS added it after the snapshot was built, list it under iam-users:allowUnknown.managedPolicies";

describe("least-privilege names: actions", () => {
    const valid = ["s3:GetObject", "S3:getobject", "s3:Get*", "s3:Get?bject", "*", "s3:*", "ec2:Describe*s"];
    for (const action of valid) {
        it(`accepts ${action}`, () => assert.strictEqual(actionNameProblem(action), undefined));
    }

    const invalid: [string, string, string | undefined][] = [
        ["s4:GetObject", 'unknown service "s4" in "s4:GetObject" (did you mean "s3"?)', ACTION_HINT],
        ["zzzq:Foo", 'unknown service "zzzq" in "zzzq:Foo"', ACTION_HINT],
        ["s3:GetObjekt", 'unknown action "s3:GetObjekt" (did you mean "s3:GetObject"?)', undefined],
        ["iam:PasRole", 'unknown action "iam:PasRole" (did you mean "iam:PassRole"?)', undefined],
        ["s3:Frobnicate", 'unknown action "s3:Frobnicate"', ACTION_HINT],
        ["s3:GetObjekt*", '"s3:GetObjekt*" matches no action (did you mean "s3:GetObject*"?)', undefined],
        ["*:GetObjekt", '"*:GetObjekt" matches no action', ACTION_HINT],
    ];
    for (const [action, message, hint] of invalid) {
        it(`rejects ${action}`, () => assert.deepStrictEqual(actionNameProblem(action), { message, hint }));
    }

    it("reports every bad name in a policy file once, with file, statement and element", () => {
        const file = policyFile(
            "typos",
            { Sid: "Read", Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjekt"], Resource: ["*"] },
            { Effect: "Deny", NotAction: ["iam:PasRole"], Resource: ["*"] },
        );
        const model = stack({
            groups: [group("Ops", { policies: [file], requireMfa: true })],
            users: [user("emily", { policies: [file], groups: ["Ops"] })],
        });
        assert.deepStrictEqual(checkActionNames(model).map(formatProblem), [
            'policies/typos.json: Statement[0] (Sid "Read").Action[1]: unknown action "s3:GetObjekt" (did you mean "s3:GetObject"?)',
            'policies/typos.json: Statement[1].NotAction[0]: unknown action "iam:PasRole" (did you mean "iam:PassRole"?)',
        ]);
    });

    it("accepts names listed in iam-users:allowUnknown.actions, in any case", () => {
        const file = policyFile("new", { Effect: "Allow", Action: ["s3:BrandNewThing"], Resource: ["*"] });
        const model = stack({
            users: [user("emily", { policies: [file] })],
            allowUnknown: { actions: ["S3:brandnewthing"], managedPolicies: [] },
        });
        assert.deepStrictEqual(checkActionNames(model), []);
    });
});

describe("least-privilege names: managed policies", () => {
    const valid = [
        "ReadOnlyAccess",
        "arn:aws:iam::aws:policy/ReadOnlyAccess",
        "service-role/AWSLambdaBasicExecutionRole",
        "arn:aws-us-gov:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
        "arn:aws:iam::111122223333:policy/customer-managed",
    ];
    for (const name of valid) {
        it(`accepts ${name}`, () => assert.strictEqual(managedPolicyProblem(name), undefined));
    }

    const invalid: [string, string, string | undefined][] = [
        [
            "AdministratorAcess",
            'unknown AWS-managed policy "AdministratorAcess" (did you mean "AdministratorAccess"?)',
            undefined,
        ],
        ["readonlyaccess", 'unknown AWS-managed policy "readonlyaccess" (did you mean "ReadOnlyAccess"?)', undefined],
        ["Totallymadeup", 'unknown AWS-managed policy "Totallymadeup"', POLICY_HINT],
        [
            "AWSLambdaBasicExecutionRole",
            'AWS-managed policy "AWSLambdaBasicExecutionRole" is at path "/service-role/", not "/"',
            'write "service-role/AWSLambdaBasicExecutionRole"',
        ],
        [
            "arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole",
            'AWS-managed policy "AWSLambdaBasicExecutionRole" is at path "/service-role/", not "/"',
            'write "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"',
        ],
    ];
    for (const [name, message, hint] of invalid) {
        it(`rejects ${name}`, () => assert.deepStrictEqual(managedPolicyProblem(name), { message, hint }));
    }

    it("checks users, groups and permissions boundaries at their config keys", () => {
        const model = stack({
            groups: [group("Ops", { managedPolicies: ["ReadOnlyAccess", "PowerUserAcces"] })],
            users: [
                user("emily", {
                    managedPolicies: ["AdministratorAcess"],
                    permissionsBoundary: "arn:aws:iam::aws:policy/PowerUserAcess",
                }),
            ],
        });
        assert.deepStrictEqual(checkManagedPolicyNames(model).map(formatProblem), [
            'Pulumi.test.yaml: iam-users:groups.Ops.managedPolicies[1]: unknown AWS-managed policy "PowerUserAcces" (did you mean "PowerUserAccess"?)',
            'Pulumi.test.yaml: iam-users:users.emily.managedPolicies[0]: unknown AWS-managed policy "AdministratorAcess" (did you mean "AdministratorAccess"?)',
            'Pulumi.test.yaml: iam-users:users.emily.permissionsBoundary: unknown AWS-managed policy "arn:aws:iam::aws:policy/PowerUserAcess" (did you mean "PowerUserAccess"?)',
        ]);
    });

    it("accepts names listed in iam-users:allowUnknown.managedPolicies", () => {
        const model = stack({
            users: [user("emily", { managedPolicies: ["BrandNewAccess"] })],
            allowUnknown: { actions: [], managedPolicies: ["BrandNewAccess"] },
        });
        assert.deepStrictEqual(checkManagedPolicyNames(model), []);
    });
});
