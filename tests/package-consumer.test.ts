/**
 * The npm package as another Pulumi project gets it: `npm pack`, then a fresh project outside the
 * repository installs the tarball with its own Pulumi SDK, type-checks a program that builds an
 * IamGroup and two IamUsers, and runs it under the mocked runtime; and runs the README's mocks
 * module, so the mocks it tells consumers to write keep working.
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { README, example } from "../scripts/package-docs";
import { ROOT } from "../scripts/package-schema";

/** A command's outcome; `timeout` bounds every command so that a stuck npm cannot hang the suite. */
interface Run {
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

/** Runs `command` in `cwd`, killed (with its children) after `seconds`. */
function run(cwd: string, seconds: number, command: string, ...args: string[]): Run {
    // The parent `npm test` exports its own config (npm_config_*, npm_package_*) to children, which
    // would make the inner npm act on this repository; only the cache location is worth keeping.
    const env = Object.fromEntries(
        Object.entries(process.env).filter(([k]) => !k.startsWith("npm_") || k === "npm_config_cache"),
    );
    const r = spawnSync("timeout", ["--kill-after=10", String(seconds), command, ...args], {
        cwd,
        env,
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
    });
    if (r.status === 124) {
        throw new Error(`${command} ${args.join(" ")} timed out after ${seconds} s`);
    }
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `run`, failing with the command's output unless it exits 0. */
function mustRun(cwd: string, seconds: number, command: string, ...args: string[]): Run {
    const r = run(cwd, seconds, command, ...args);
    if (r.status !== 0) {
        throw new Error(`${command} ${args.join(" ")} exited ${r.status}:\n${r.stdout}\n${r.stderr}`.slice(-4000));
    }
    return r;
}

/**
 * Whether dist/ is newer than everything the build reads (an earlier `npm pack` or `npm run build`
 * made it), so packing need not spend another TypeScript build; any edit since rebuilds.
 */
function builtIsCurrent(): boolean {
    const built = path.join(ROOT, "dist", "index.js");
    if (!fs.existsSync(built)) {
        return false;
    }
    const inputs = [
        "package.json",
        "tsconfig.json",
        "tsconfig.build.json",
        "index.ts",
        ...["components", "rules"].flatMap((dir) => fs.readdirSync(path.join(ROOT, dir)).map((f) => path.join(dir, f))),
    ];
    const builtAt = fs.statSync(built).mtimeMs;
    return inputs.every((f) => fs.statSync(path.join(ROOT, f)).mtimeMs < builtAt);
}

/** The version installed here, so the consumer's install is served from the npm cache. */
function installed(pkg: string): string {
    return (
        JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", pkg, "package.json"), "utf8")) as { version: string }
    ).version;
}

/** Every installed copy of `pkg` below `dir`, as paths relative to it. */
function copies(dir: string, pkg: string, at = "node_modules"): string[] {
    const here = fs.existsSync(path.join(dir, at, pkg, "package.json")) ? [`${at}/${pkg}`] : [];
    const nested = fs
        .readdirSync(path.join(dir, at), { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .flatMap((e) =>
            e.name.startsWith("@") ? fs.readdirSync(path.join(dir, at, e.name)).map((n) => `${e.name}/${n}`) : [e.name],
        )
        .map((name) => `${at}/${name}/node_modules`)
        .filter((sub) => fs.existsSync(path.join(dir, sub)));
    return [...here, ...nested.flatMap((sub) => copies(dir, pkg, sub))];
}

const TSCONFIG = {
    compilerOptions: {
        target: "ES2022",
        module: "commonjs",
        strict: true,
        types: ["node"],
        skipLibCheck: true,
        outDir: "out",
    },
    files: ["program.ts", "misuse.ts", "readme.ts", "mocks.ts", "mocked.ts"],
};

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { IamGroup, IamUser } from "iam-users";

interface Registration {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
}
const registrations: Registration[] = [];

const computed: Record<string, (name: string, inputs: Record<string, unknown>) => Record<string, unknown>> = {
    "aws:iam/user:User": (name, inputs) => ({ arn: \`arn:aws:iam::123456789012:user/\${inputs.name}\`, uniqueId: \`AIDA-\${name}\` }),
    "aws:iam/group:Group": (name, inputs) => ({ arn: \`arn:aws:iam::123456789012:group/\${inputs.name}\` }),
    "aws:iam/userLoginProfile:UserLoginProfile": (name) => ({ password: \`pw-\${name}\` }),
    "aws:iam/accessKey:AccessKey": (name) => ({ secret: \`secret-\${name}\` }),
};

pulumi.runtime.setMocks(
    {
        newResource(args: pulumi.runtime.MockResourceArgs) {
            registrations.push({ type: args.type, name: args.name, inputs: args.inputs });
            return { id: \`\${args.name}-id\`, state: { ...args.inputs, ...computed[args.type]?.(args.name, args.inputs) } };
        },
        call(args: pulumi.runtime.MockCallArgs) {
            return args.token === "aws:index/getPartition:getPartition" ? { partition: "aws" } : { accountId: "123456789012" };
        },
    },
    "consumer",
    "test",
    false,
);

function value<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((v) => resolve(v)));
}

async function main() {
    const devs = new IamGroup("devs", { managedPolicies: { readOnly: "ReadOnlyAccess" } });
    const alice = new IamUser("alice", {
        groups: [devs.groupName],
        console: { passwordResetRequired: true },
        accessKeys: { cli: { description: "laptop" } },
    });
    const bob = new IamUser("bob", { path: "/ci/", accessKeys: { ci: {} } });
    if (!alice.password) {
        throw new Error("a console user has no password output");
    }
    return {
        urns: await value(pulumi.all([devs.urn, alice.urn, bob.urn])),
        secret: {
            alicePassword: await pulumi.isSecret(alice.password),
            aliceAccessKeySecrets: await pulumi.isSecret(alice.accessKeySecrets),
            bobAccessKeySecrets: await pulumi.isSecret(bob.accessKeySecrets),
            aliceAccessKeyIds: await pulumi.isSecret(alice.accessKeyIds),
        },
        values: {
            alicePassword: await value(alice.password),
            aliceAccessKeyIds: await value(alice.accessKeyIds),
            bobAccessKeySecrets: await value(bob.accessKeySecrets),
        },
    };
}

// Every registration has reached the mocks once the event loop has nothing left to do.
main().then(
    (report) => process.once("beforeExit", () => process.stdout.write(JSON.stringify({ ...report, registrations }))),
    (err) => {
        console.error(err);
        process.exitCode = 1;
    },
);
`;

// Mistakes the published types must catch: a misspelt arg, and an optional output used as a string.
const MISUSE = `import { IamUser } from "iam-users";

new IamUser("typo", { consol: {} });
export const password: string = new IamUser("plain", {}).password;
`;

// A test of the consumer's own, on the README's mocks module: the sign-in URL and the managed policy
// ARN come from the two invokes the mocks answer.
const MOCKED = `import * as pulumi from "@pulumi/pulumi";
import { IamGroup, IamUser } from "iam-users";
import { resources } from "./mocks";

const ops = new IamGroup("ops", { managedPolicies: { readOnly: "ReadOnlyAccess" } });
const emily = new IamUser("emily", { groups: [ops.groupName], console: {} });
emily.consoleSignInUrl.apply((signInUrl) =>
    process.once("beforeExit", () => {
        const attachments = resources.filter((r) => r.type === "aws:iam/groupPolicyAttachment:GroupPolicyAttachment");
        process.stdout.write(JSON.stringify({ signInUrl, policyArns: attachments.map((r) => r.inputs.policyArn) }));
    }),
);
`;

interface Report {
    urns: string[];
    secret: Record<string, boolean>;
    values: Record<string, unknown>;
    registrations: { type: string; name: string; inputs: Record<string, unknown> }[];
}

describe("npm package, installed by another project", function () {
    // Pack (building only a stale dist/), one install from the npm cache, a type-check, a run.
    this.timeout(420_000);
    let dir: string;
    let packed: string[];
    let tscErrors: string[];
    let report: Report;
    let mocked: unknown;

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "iam-users-consumer-"));
        assert.ok(path.relative(ROOT, dir).startsWith(".."), `${dir} must be outside the repository`);
        const packArgs = ["pack", "--json", "--pack-destination", dir, "--loglevel=error"];
        const [pack] = JSON.parse(
            mustRun(ROOT, 180, "npm", ...packArgs, ...(builtIsCurrent() ? ["--ignore-scripts"] : [])).stdout,
        ) as { filename: string; files: { path: string }[] }[];
        packed = pack.files.map((f) => f.path).sort();

        const typescript = installed("typescript");
        assert.match(typescript, /^5\.9\./, "the consumer's TypeScript must stay ~5.9 (7 breaks ts-node)");
        const manifest = {
            name: "iam-users-consumer",
            version: "0.0.0",
            private: true,
            dependencies: {
                "iam-users": `file:${pack.filename}`,
                "@pulumi/pulumi": installed("@pulumi/pulumi"),
                "@pulumi/aws": installed("@pulumi/aws"),
                "@pulumi/random": installed("@pulumi/random"),
            },
            devDependencies: { typescript, "@types/node": installed("@types/node") },
        };
        fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(manifest, null, 2));
        mustRun(dir, 240, "npm", "install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error");

        fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
        fs.writeFileSync(path.join(dir, "program.ts"), PROGRAM);
        fs.writeFileSync(path.join(dir, "misuse.ts"), MISUSE);
        const readme = fs.readFileSync(README, "utf8");
        fs.writeFileSync(path.join(dir, "readme.ts"), example(readme, "ts"));
        fs.writeFileSync(path.join(dir, "mocks.ts"), example(readme, "ts", "### Testing your program with mocks"));
        fs.writeFileSync(path.join(dir, "mocked.ts"), MOCKED);
        // tsc exits non-zero for misuse.ts by design and still emits program.js.
        const tsc = run(dir, 120, path.join(dir, "node_modules", ".bin", "tsc"), "-p", ".");
        tscErrors = tsc.stdout.split("\n").filter((line) => / error TS\d+/.test(line));

        report = JSON.parse(mustRun(dir, 60, "node", path.join("out", "program.js")).stdout) as Report;
        mocked = JSON.parse(mustRun(dir, 60, "node", path.join("out", "mocked.js")).stdout);
    });

    after(() => {
        if (dir) {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("ships only the built components with declarations, README.md and LICENSE", () => {
        const modules = [
            "index",
            ...["components", "rules"].flatMap((dir) =>
                fs
                    .readdirSync(path.join(ROOT, dir))
                    .filter((f) => f.endsWith(".ts"))
                    .map((f) => `${dir}/${f.slice(0, -3)}`),
            ),
        ];
        const expected = [
            "LICENSE",
            "README.md",
            "package.json",
            ...modules.flatMap((m) => [`dist/${m}.d.ts`, `dist/${m}.js`]),
        ].sort();
        assert.deepStrictEqual(packed, expected);
    });

    it("exports the components and package.json, and no example policies", () => {
        const manifest = JSON.parse(
            fs.readFileSync(path.join(dir, "node_modules", "iam-users", "package.json"), "utf8"),
        ) as { exports: Record<string, unknown>; engines: Record<string, string> };
        assert.deepStrictEqual(Object.keys(manifest.exports), [".", "./package.json"]);
        assert.deepStrictEqual(manifest.engines, { node: ">=22" });
        const policies = run(dir, 30, "node", "-e", 'require.resolve("iam-users/policies/workshop-minimal.json")');
        assert.match(policies.stderr, /ERR_PACKAGE_PATH_NOT_EXPORTED/);
    });

    it("answers the invokes with the README's mocks: real ARNs and sign-in URL", () => {
        assert.deepStrictEqual(mocked, {
            signInUrl: "https://123456789012.signin.aws.amazon.com/console",
            policyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
        });
    });

    it("installs with the project's own Pulumi SDK and no second copy", () => {
        assert.deepStrictEqual(copies(dir, "@pulumi/pulumi"), ["node_modules/@pulumi/pulumi"]);
        assert.strictEqual(fs.existsSync(path.join(dir, "node_modules", "iam-users", "node_modules")), false);
        const manifest = JSON.parse(
            fs.readFileSync(path.join(dir, "node_modules", "iam-users", "package.json"), "utf8"),
        ) as { peerDependencies: Record<string, string>; dependencies?: Record<string, string> };
        assert.deepStrictEqual(Object.keys(manifest.peerDependencies).sort(), [
            "@pulumi/aws",
            "@pulumi/pulumi",
            "@pulumi/random",
        ]);
        assert.strictEqual(manifest.dependencies, undefined);
    });

    it("type-checks the program and the README example, and rejects a misspelt arg and an optional output", () => {
        assert.deepStrictEqual(
            tscErrors.map((line) => line.replace(/^(\S+\(\d+),\d+\): error (TS\d+):.*$/, "$1 $2")),
            ["misuse.ts(3 TS2561", "misuse.ts(4 TS2322"],
        );
    });

    it("builds the group and both users with their children", () => {
        const counts: Record<string, number> = {};
        for (const r of report.registrations) {
            counts[r.type] = (counts[r.type] ?? 0) + 1;
        }
        assert.deepStrictEqual(counts, {
            "iam-users:index:IamGroup": 1,
            "aws:iam/group:Group": 1,
            "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": 1,
            "iam-users:index:IamUser": 2,
            "aws:iam/user:User": 2,
            "aws:iam/userGroupMembership:UserGroupMembership": 1,
            "aws:iam/userLoginProfile:UserLoginProfile": 1,
            "aws:iam/accessKey:AccessKey": 2,
        });
        assert.deepStrictEqual(report.urns, [
            "urn:pulumi:test::consumer::iam-users:index:IamGroup::devs",
            "urn:pulumi:test::consumer::iam-users:index:IamUser::alice",
            "urn:pulumi:test::consumer::iam-users:index:IamUser::bob",
        ]);
        const inputs = (type: string) => report.registrations.filter((r) => r.type === type).map((r) => r.inputs);
        assert.deepStrictEqual(
            inputs("aws:iam/groupPolicyAttachment:GroupPolicyAttachment").map((i) => i.policyArn),
            ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
        );
        assert.deepStrictEqual(
            inputs("aws:iam/userGroupMembership:UserGroupMembership").map((i) => [i.user, i.groups]),
            [["alice", ["devs"]]],
        );
        assert.deepStrictEqual(
            inputs("aws:iam/user:User")
                .map((i) => [i.name, i.path])
                .sort(),
            [
                ["alice", "/"],
                ["bob", "/ci/"],
            ],
        );
        assert.deepStrictEqual(
            inputs("aws:iam/userLoginProfile:UserLoginProfile").map((i) => i.passwordResetRequired),
            [true],
        );
    });

    it("keeps the credentials secret and the key IDs readable", () => {
        assert.deepStrictEqual(report.secret, {
            alicePassword: true,
            aliceAccessKeySecrets: true,
            bobAccessKeySecrets: true,
            aliceAccessKeyIds: false,
        });
        assert.deepStrictEqual(report.values, {
            alicePassword: "pw-alice-console",
            aliceAccessKeyIds: { cli: "alice-key-cli-id" },
            bobAccessKeySecrets: { ci: "secret-bob-key-ci" },
        });
    });
});
