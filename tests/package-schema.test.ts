/**
 * The package schema that `pulumi package add` generates for other languages, made here without the
 * Pulumi CLI by the same component provider and analyzer the CLI runs.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { Analyzer } from "@pulumi/pulumi/provider/experimental/analyzer";
import { generateSchema } from "@pulumi/pulumi/provider/experimental/schema";
import { PackageSchema, ROOT, SchemaProperty, packagePlugin, packageSchema, refName } from "../scripts/package-schema";
import { countByType, isSecret, ready, record, valueOf } from "./mocks";
import { oneComponentSchema } from "./schema-fixture";

const USER = "iam-users:index:IamUser";
const GROUP = "iam-users:index:IamGroup";

/**
 * Every input and output that the core issue names (and issue 4's `nextRotation`), as `shape`
 * writes it: `plain` where other languages must pass a plain value because it decides which
 * children exist, `?` where optional.
 */
const API: Record<string, { inputs: Record<string, string>; outputs: Record<string, string> }> = {
    [GROUP]: {
        inputs: {
            groupName: "string?",
            path: "string?",
            managedPolicies: "plain map<string>?",
            policies: "plain map<string>?",
            requireMfa: "plain boolean?",
            adopt: "plain IamGroupAdoption?",
        },
        outputs: { groupName: "string", arn: "string" },
    },
    [USER]: {
        inputs: {
            userName: "string?",
            path: "string?",
            tags: "map<string>?",
            permissionsBoundary: "string?",
            forceDestroy: "boolean?",
            groups: "plain string[]?",
            managedPolicies: "plain map<string>?",
            policies: "plain map<string>?",
            inlinePolicies: "plain map<string>?",
            console: "plain IamUserConsoleArgs?",
            accessKeys: "plain map<IamUserAccessKeyArgs>?",
            sshKeys: "plain map<string>?",
            pgpKey: "string?",
            adopt: "plain IamUserAdoption?",
        },
        outputs: {
            userName: "string",
            arn: "string",
            uniqueId: "string",
            consoleSignInUrl: "string",
            password: "string?",
            encryptedPassword: "string?",
            accessKeyIds: "map<string>",
            accessKeySecrets: "map<string>",
            encryptedAccessKeySecrets: "map<string>",
            nextRotation: "map<string>",
            previousAccessKeyIds: "map<string>",
            previousAccessKeySecrets: "map<string>",
            encryptedPreviousAccessKeySecrets: "map<string>",
            overlapEnds: "map<string>",
            smtpPasswords: "map<string>",
            storeArns: "map<string>",
            sshKeyIds: "map<string>",
        },
    },
};

/** A property's shape in one word or two: `plain` if so, the type, and `?` when optional. */
function shape(prop: SchemaProperty): string {
    const type = (p: SchemaProperty): string =>
        p.$ref
            ? refName(p.$ref)
            : p.items
              ? `${type(p.items)}[]`
              : p.additionalProperties
                ? `map<${type(p.additionalProperties)}>`
                : String(p.type);
    return `${prop.plain ? "plain " : ""}${type(prop)}${prop.optional ? "?" : ""}`;
}

function shapes(props: Readonly<Record<string, SchemaProperty>>): Record<string, string> {
    return Object.fromEntries(Object.entries(props).map(([name, prop]) => [name, shape(prop)]));
}

/**
 * What a schema must satisfy for other languages and the README: every component, input, output
 * and field documented, every optional input stating its default, and no enum (the one union the analyzer
 * accepts, from a TypeScript `enum` or `as const` object; any other union it rejects outright).
 */
function schemaProblems(schema: PackageSchema): string[] {
    const problems: string[] = [];
    const check = (where: string, prop: SchemaProperty, isInput: boolean): void => {
        if (!prop.description) {
            problems.push(`${where}: no JSDoc description`);
        } else if (prop.description.includes("[object Object]")) {
            problems.push(`${where}: the analyzer turned a JSDoc tag such as {@link} into "[object Object]"`);
        } else if (isInput && prop.optional && !prop.description.includes("Defaults to")) {
            // A required input has no default to state.
            problems.push(`${where}: the description does not state the default ("Defaults to ...")`);
        }
    };
    for (const [token, resource] of Object.entries(schema.resources)) {
        if (!resource.description) {
            problems.push(`${token}: no JSDoc description`);
        }
        for (const [name, prop] of Object.entries(resource.inputProperties)) {
            check(`${token} input ${name}`, prop, true);
        }
        for (const [name, prop] of Object.entries(resource.properties)) {
            check(`${token} output ${name}`, prop, false);
        }
    }
    for (const [token, type] of Object.entries(schema.types)) {
        if (type.enum) {
            problems.push(
                `${token}: an enum, which other languages see as a closed list; use a string and validate it`,
            );
        }
        // Every object type here is an input's (console settings, an access key slot).
        for (const [name, prop] of Object.entries(type.properties ?? {})) {
            check(`${token} field ${name}`, prop, true);
        }
    }
    return problems;
}

describe("package schema (pulumi package add)", function () {
    // The analyzer builds a TypeScript program of the whole project once.
    this.timeout(120_000);
    let schema: PackageSchema;
    before(async () => {
        await ready;
        schema = await packageSchema();
    });

    it("serves exactly IamGroup and IamUser as components, under the iam-users package", () => {
        assert.strictEqual(schema.name, "iam-users");
        assert.deepStrictEqual(Object.keys(schema.resources).sort(), Object.keys(API).sort());
        assert.deepStrictEqual(
            Object.values(schema.resources).map((r) => r.isComponent),
            [true, true],
        );
    });

    for (const [token, api] of Object.entries(API)) {
        it(`gives ${refName(token)} every input of the core issue, plain where it decides which children exist`, () => {
            assert.deepStrictEqual(shapes(schema.resources[token].inputProperties), api.inputs);
            assert.deepStrictEqual(schema.resources[token].requiredInputs, []);
        });

        it(`gives ${refName(token)} every output of the core issue`, () => {
            assert.deepStrictEqual(shapes(schema.resources[token].properties), api.outputs);
        });
    }

    it("has the console settings and access key slot as object types", () => {
        assert.deepStrictEqual(
            Object.fromEntries(Object.entries(schema.types).map(([token, t]) => [token, shapes(t.properties ?? {})])),
            {
                "iam-users:index:IamUserConsoleArgs": { passwordResetRequired: "boolean?", passwordLength: "number?" },
                "iam-users:index:IamUserAccessKeyArgs": {
                    status: "string?",
                    description: "plain string?",
                    rotation: "plain number?",
                    rotateAfterDays: "plain number?",
                    rotationMode: "plain string?",
                    // Issue 12: overlap rotation, SMTP passwords, secret stores.
                    overlapDays: "plain number?",
                    smtp: "plain boolean?",
                    store: "plain IamUserKeyStoreArgs?",
                },
                "iam-users:index:IamUserKeyStoreArgs": {
                    secretsManager: "plain IamUserSecretStoreArgs?",
                    ssmParameter: "plain IamUserSecretStoreArgs?",
                },
                "iam-users:index:IamUserSecretStoreArgs": { name: "string", kmsKeyId: "string?" },
                // Issue 11: import ids of existing resources, per child.
                "iam-users:index:IamUserAdoption": {
                    user: "plain string?",
                    groups: "plain string?",
                    managedPolicies: "plain map<string>?",
                    policies: "plain map<string>?",
                    policyAttachments: "plain map<string>?",
                    inlinePolicies: "plain map<string>?",
                    console: "plain string?",
                    accessKeys: "plain map<string>?",
                },
                "iam-users:index:IamGroupAdoption": {
                    group: "plain string?",
                    managedPolicies: "plain map<string>?",
                    policies: "plain map<string>?",
                    policyAttachments: "plain map<string>?",
                },
            },
        );
    });

    it("carries the JSDoc as descriptions, with every input's default", () => {
        assert.deepStrictEqual(schemaProblems(schema), []);
        assert.strictEqual(
            schema.resources[USER].inputProperties.userName.description,
            "The IAM user name. Defaults to the component name.",
        );
        assert.strictEqual(
            schema.types["iam-users:index:IamUserConsoleArgs"].properties?.passwordLength.description,
            "Length of the generated first password. Defaults to 20.",
        );
    });

    it("says which outputs are secret, as the schema itself cannot", () => {
        // The analyzer writes no `secret: true`; the values still arrive as secrets because the
        // component wraps them, and the description is what other languages' SDK docs show.
        const secret = Object.entries(schema.resources[USER].properties)
            .filter(([, prop]) => prop.description?.startsWith("Secret. "))
            .map(([name]) => name);
        assert.deepStrictEqual(secret, ["password", "accessKeySecrets", "previousAccessKeySecrets", "smtpPasswords"]);
    });

    it("constructs components from engine-style inputs and returns every schema output", async () => {
        const { provider } = await packagePlugin();
        let state!: Record<string, pulumi.Output<unknown>>;
        const regs = await record(async () => {
            // An output inside a plain list is how the engine delivers another resource's output.
            const result = await provider.construct(
                "plugin-emily",
                USER,
                {
                    groups: [pulumi.output("Readers")],
                    console: { passwordResetRequired: true },
                    accessKeys: { cli: { description: "laptop" } },
                },
                {},
            );
            state = result.state as Record<string, pulumi.Output<unknown>>;
        });
        assert.deepStrictEqual(countByType(regs), {
            [USER]: 1,
            "aws:iam/user:User": 1,
            "aws:iam/userGroupMembership:UserGroupMembership": 1,
            "aws:iam/userLoginProfile:UserLoginProfile": 1,
            "aws:iam/accessKey:AccessKey": 1,
        });
        assert.deepStrictEqual(
            regs.find((r) => r.type === "aws:iam/userGroupMembership:UserGroupMembership")?.inputs.groups,
            ["Readers"],
        );
        assert.deepStrictEqual(Object.keys(state).sort(), Object.keys(schema.resources[USER].properties).sort());
        assert.strictEqual(await isSecret(state.password), true);
        assert.strictEqual(await isSecret(state.accessKeySecrets), true);
        assert.strictEqual(await isSecret(state.accessKeyIds), false);
        assert.deepStrictEqual(Object.keys((await valueOf(state.accessKeyIds)) as object), ["cli"]);
    });
});

describe("package schema rules", function () {
    this.timeout(60_000);
    const documented: SchemaProperty = { type: "string", description: "A name. Defaults to none." };
    const base = (inputProperties: Record<string, SchemaProperty>, types: PackageSchema["types"] = {}) =>
        oneComponentSchema(
            "x:index:C",
            { description: "C.", inputProperties, properties: { out: { type: "string", description: "Out." } } },
            types,
        );

    const cases: [string, PackageSchema, string[]][] = [
        ["a documented schema", base({ a: documented }), []],
        ["an undocumented input", base({ a: { type: "string" } }), ["x:index:C input a: no JSDoc description"]],
        [
            "an optional input without its default",
            base({ a: { type: "string", description: "A name.", optional: true } }),
            ['x:index:C input a: the description does not state the default ("Defaults to ...")'],
        ],
        ["a required input, which has no default", base({ a: { type: "string", description: "A name." } }), []],
        [
            "a {@link} in JSDoc",
            base({ a: { type: "string", description: "[object Object],[object Object]" } }),
            ['x:index:C input a: the analyzer turned a JSDoc tag such as {@link} into "[object Object]"'],
        ],
        [
            "an enum type",
            base({ a: documented }, { "x:index:Status": { type: "string", enum: [{ value: "Active" }] } }),
            ["x:index:Status: an enum, which other languages see as a closed list; use a string and validate it"],
        ],
        [
            "an undocumented field of an object type",
            base({ a: documented }, { "x:index:T": { type: "object", properties: { f: { type: "number" } } } }),
            ["x:index:T field f: no JSDoc description"],
        ],
    ];
    for (const [what, schema, problems] of cases) {
        it(`reports ${what}`, () => assert.deepStrictEqual(schemaProblems(schema), problems));
    }

    /** Runs the analyzer on a one-file component package whose args have `field`. */
    function analyzeFixture(field: string): PackageSchema {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iam-users-analyzer-"));
        try {
            fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
            fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true } }));
            fs.writeFileSync(
                path.join(dir, "index.ts"),
                [
                    'import * as pulumi from "@pulumi/pulumi";',
                    'export enum Status { Active = "Active", Inactive = "Inactive" }',
                    "/** Args. */",
                    `export interface FixtureArgs { /** Field. Defaults to none. */ readonly field?: ${field}; }`,
                    "/** Fixture. */",
                    "export class Fixture extends pulumi.ComponentResource {",
                    '    constructor(name: string, args: FixtureArgs) { super("fixture:index:Fixture", name, args); }',
                    "}",
                ].join("\n"),
            );
            const result = new Analyzer(dir, "fixture", {}, new Set(["Fixture"])).analyze();
            return generateSchema(
                "fixture",
                "0.0.0",
                "",
                result.components,
                result.typeDefinitions,
                [],
            ) as PackageSchema;
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    }

    it("relies on an analyzer that rejects a union type outright", () => {
        assert.throws(
            () => analyzeFixture("pulumi.Input<string | string[]>"),
            (err: Error) =>
                err.message ===
                "Union types are not supported for component 'Fixture' input 'FixtureArgs.field': type 'string | string[]'",
        );
    });

    it("reports a TypeScript enum, which the analyzer accepts, dropping the field's JSDoc", () => {
        assert.deepStrictEqual(schemaProblems(analyzeFixture("pulumi.Input<Status>")), [
            "fixture:index:Fixture input field: no JSDoc description",
            "fixture:index:Status: an enum, which other languages see as a closed list; use a string and validate it",
        ]);
    });
});
