/**
 * Small stack models for the least-privilege tests, built in code so that each test shows exactly
 * the users, groups and policies it is about. Defaults are the secure ones of the config.
 */
import { GroupModel, PolicyFile, PolicyStatement, StackModel, UserModel } from "../../stacks/config/model";

/** A policy file `policies/<key>.json` holding these statements. */
export function policyFile(key: string, ...statements: PolicyStatement[]): PolicyFile {
    const document = { Version: "2012-10-17", Statement: statements };
    return { path: `policies/${key}.json`, key, text: JSON.stringify(document), document };
}

/** A user with nothing but what `over` adds. */
export function user(key: string, over: Partial<UserModel> = {}): UserModel {
    return {
        key,
        name: key,
        path: "/",
        tags: {},
        groups: [],
        managedPolicies: [],
        policies: [],
        inlinePolicies: [],
        accessKeys: [],
        sshKeys: [],
        protect: false,
        forceDestroy: false,
        allowWarnings: [],
        waive: new Map(),
        ...over,
    };
}

/** A managed group with nothing but what `over` adds. */
export function group(key: string, over: Partial<GroupModel> = {}): GroupModel {
    return {
        key,
        name: key,
        path: "/",
        external: false,
        managedPolicies: [],
        policies: [],
        requireMfa: false,
        allowWarnings: [],
        waive: new Map(),
        ...over,
    };
}

/** A stack `Pulumi.test.yaml` with a password policy and nothing else but what `over` adds. */
export function stack(over: Partial<StackModel> = {}): StackModel {
    return {
        file: "Pulumi.test.yaml",
        stack: "test",
        projectDir: "/nonexistent",
        namePrefix: "",
        passwordPolicy: { minimumLength: 14 },
        groups: [],
        users: [],
        expectations: {},
        allowWarnings: {},
        allowUnknown: { actions: [], managedPolicies: [] },
        strict: false,
        ...over,
    };
}

/** A console access block with the config's defaults. */
export const consoleAccess = { passwordResetRequired: true, passwordLength: 20 };

/** One active access key in slot `cli`. */
export const oneKey = [{ slot: "cli", status: "Active" as const, rotationMode: "create-first" as const }];
