/**
 * The stack validation tables (stacks/config/validate): a minimal config, and the exact list of
 * problems it must produce, formatted as `check` prints them. Shared by the tests/validate*.test.ts
 * files, one per validation module.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { formatProblem, NAMESPACE, validateStack, type StackSource } from "../../stacks/config";
import { tempDir } from "./cli";

export const FILE = "Pulumi.test.yaml";

/** The line `check` prints for a problem in the stack config: `iam-users:` is added to `keyPath`. */
export const line = (keyPath: string, message: string, hint?: string): string =>
    `${FILE}: iam-users:${keyPath}: ${message}${hint === undefined ? "" : `\n  hint: ${hint}`}`;
/** The line `check` prints for a problem inside a policy file. */
export const inFile = (file: string, keyPath: string, message: string, hint?: string): string =>
    `${file}: ${keyPath}: ${message}${hint === undefined ? "" : `\n  hint: ${hint}`}`;

export const TOP_KEYS =
    "allowed keys: namePrefix, passwordPolicy, groups, users, pgpKey, expectations, allowWarnings, allowUnknown, strict, adopt";
export const USER_KEYS =
    "allowed keys: userName, path, tags, groups, managedPolicies, policyFiles, inlinePolicyFiles, " +
    "permissionsBoundary, console, accessKeys, sshKeys, protect, forceDestroy, allowWarnings, waive";
export const GROUP_KEYS =
    "allowed keys: groupName, path, managedPolicies, policyFiles, requireMfa, external, allowWarnings, waive";
export const NAME_CHARS = "of letters, digits and +=,.@_-";
export const PATH_FORM = 'must be "/" or a path like "/engineering/": printable ASCII, 512 characters at most';
export const TAG_CHARS = "of letters, digits, spaces and _.:/=+-@";
export const EXTERNAL = "an external group is not managed by this stack, so it cannot set this";
export const EXTERNAL_HINT = "remove it, or remove external: true to manage the group here";
export const UNDEFINED_GROUP_HINT = "define it under iam-users:groups (with external: true if it exists already)";
export const MANAGED_FORM =
    "must be an AWS-managed policy name (ReadOnlyAccess, service-role/AWSLambdaBasicExecutionRole) or a policy ARN";
export const ACTION_HINT = 'write actions as "service:Action", for example "s3:GetObject" or "s3:Get*"';
export const POLICY_NAME_HINT = "IAM policy names are unique in the account, ignoring case; rename one of the files";
export const ROTATION_SLOTS =
    "rotating this key creates its replacement before deleting it, which needs a third key; IAM allows 2";
export const ROTATION_HINT =
    "keep one slot while rotating, or set rotationMode: delete-first to accept a moment without the old key";

/** A valid statement; rows spread it and change one thing. */
export const ALLOW = { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::fake-bucket/*" };
export const policy = (...statements: unknown[]): string =>
    JSON.stringify({ Version: "2012-10-17", Statement: statements }, null, 4);

/** A valid policy document of exactly `size` characters once white space is removed. */
export function sizedPolicy(size: number): string {
    const head =
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::';
    const tail = '"}]}';
    return head + "x".repeat(size - head.length - tail.length) + tail;
}

/** The problem of a stack without users and groups. */
export const NO_USERS = line(
    "users",
    "the stack defines no users and no groups",
    "to deploy a stack without users (and so delete every user it manages), write iam-users:users: {}",
);

/** Stack values with one user `bob` configured as given. */
export const bob = (config: Record<string, unknown>) => ({ users: { bob: config } });
/** Stack values with one user `bob` naming one policy file. */
export const bobWithPolicy = (file: string) => bob({ policyFiles: [file] });
/** `count` distinct, well-formed managed policy names. */
export const managed = (count: number): string[] =>
    Array.from({ length: count }, (_, i) => `FakePolicy${String(i + 1).padStart(2, "0")}`);
/** `count` tags `t01: v` ... */
export const tags = (count: number): Record<string, string> =>
    Object.fromEntries(Array.from({ length: count }, (_, i) => [`t${String(i + 1).padStart(2, "0")}`, "v"]));
/** Base64 of bytes: a PGP key is only judged by its first packet header. */
export const base64 = (...bytes: number[]): string => Buffer.from(bytes).toString("base64");

export interface Row {
    readonly name: string;
    /** Files written into the temporary project before the tests, relative to it. */
    readonly files?: Readonly<Record<string, string>>;
    /** `iam-users:` keys without the namespace. */
    readonly values: Record<string, unknown>;
    /** The exact problems, formatted, in order; `<project>` stands for the project folder. */
    readonly problems: readonly string[];
}

export const VALID_POLICIES: Record<string, string> = {
    "policies/s3-read.json": policy(ALLOW),
    "policies/ec2-read.json": policy({ ...ALLOW, Action: "ec2:Describe*", Resource: "*" }),
    "policies/sub/s3-read.json": policy(ALLOW),
};

/** The source of the stack `Pulumi.test.yaml` of `projectDir` whose `iam-users:` keys are `values`. */
export const testSource = (projectDir: string, values: Record<string, unknown>): StackSource => ({
    file: FILE,
    stack: "test",
    projectDir,
    config: Object.fromEntries(Object.entries(values).map(([key, value]) => [`${NAMESPACE}:${key}`, value])),
    values,
});

/** Validates `values` as the stack `Pulumi.test.yaml` of the project folder `projectDir`. */
export const validateIn = (projectDir: string, values: Record<string, unknown>) =>
    validateStack(testSource(projectDir, values));

/**
 * A temporary project holding `Pulumi.yaml`, the valid policies and `files`, for the duration of
 * the enclosing `describe`; returns a getter of its folder.
 */
export function useProject(files: Readonly<Record<string, string>> = {}): () => string {
    let projectDir = "";
    before(() => {
        projectDir = tempDir("validate");
        const all: Record<string, string> = { "Pulumi.yaml": "name: fake-project\n", ...VALID_POLICIES, ...files };
        for (const [file, text] of Object.entries(all)) {
            fs.mkdirSync(path.dirname(path.join(projectDir, file)), { recursive: true });
            fs.writeFileSync(path.join(projectDir, file), text);
        }
    });
    after(() => fs.rmSync(projectDir, { recursive: true, force: true }));
    return () => projectDir;
}

/** One `it` per row: the exact problems, and a model exactly when no problem is an error. */
export function validationTable(title: string, rows: readonly Row[]): void {
    describe(title, () => {
        const projectDir = useProject(Object.assign({}, ...rows.map((r) => r.files ?? {})));
        for (const row of rows) {
            it(row.name, () => {
                const result = validateIn(projectDir(), row.values);
                const expected = row.problems.map((p) => p.replaceAll("<project>", projectDir()));
                assert.deepStrictEqual(result.problems.map(formatProblem), expected);
                // A model comes back exactly when there is no error; warnings alone keep it.
                assert.strictEqual(
                    result.model !== undefined,
                    !row.problems.some((p) => !/: warning(\[[\w-]+\])?: /.test(p)),
                );
            });
        }
    });
}
