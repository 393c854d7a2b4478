/**
 * The Pulumi package schema of this repository, made the way `pulumi package add` makes it, without
 * the Pulumi CLI: Pulumi's nodejs plugin runner (`@pulumi/pulumi/cmd/run-plugin`) loads the entry
 * file, keeps the `ComponentResource` classes it exports, and asks a `ComponentProvider` for the
 * schema, which runs the TypeScript analyzer over the sources listed by `tsconfig.json`.
 */
import * as fs from "fs";
import * as path from "path";
import {
    ComponentProvider,
    ComponentResourceConstructor,
    getPulumiComponents,
} from "@pulumi/pulumi/provider/experimental";

/** The repository root, which is the plugin directory (it holds `PulumiPlugin.yaml`). */
export const ROOT = path.resolve(__dirname, "..");

/** The plugin's entry file; see the comment in it for why it is `index.ts` at the root. */
export const ENTRY = path.join(ROOT, "index.ts");

/** One property of a component or an object type, as the analyzer writes it. */
export interface SchemaProperty {
    readonly type?: string;
    readonly $ref?: string;
    readonly description?: string;
    readonly optional?: boolean;
    readonly plain?: boolean;
    readonly items?: SchemaProperty;
    readonly additionalProperties?: SchemaProperty;
}

/** A component resource in the schema. */
export interface SchemaResource {
    readonly isComponent: boolean;
    readonly description?: string;
    readonly inputProperties: Readonly<Record<string, SchemaProperty>>;
    readonly requiredInputs: readonly string[];
    readonly properties: Readonly<Record<string, SchemaProperty>>;
    readonly required: readonly string[];
}

/** An object (or enum) type in the schema, such as the console settings of a user. */
export interface SchemaType {
    readonly type: string;
    readonly properties?: Readonly<Record<string, SchemaProperty>>;
    readonly required?: readonly string[];
    readonly enum?: readonly unknown[];
}

/** The parts of a Pulumi package schema that the tests and the README use. */
export interface PackageSchema {
    readonly name: string;
    readonly version: string;
    readonly resources: Readonly<Record<string, SchemaResource>>;
    readonly types: Readonly<Record<string, SchemaType>>;
}

/** The plugin as Pulumi runs it: the exported components, their provider and the schema it serves. */
export interface PackagePlugin {
    readonly components: readonly ComponentResourceConstructor[];
    readonly provider: ComponentProvider;
    readonly schema: PackageSchema;
}

let cached: Promise<PackagePlugin> | undefined;

/**
 * Loads the plugin once per process: the analyzer builds a TypeScript program of the whole project,
 * which takes several seconds.
 */
export function packagePlugin(): Promise<PackagePlugin> {
    cached ??= load();
    return cached;
}

/** The package schema, as `pulumi package add` would generate it. */
export async function packageSchema(): Promise<PackageSchema> {
    return (await packagePlugin()).schema;
}

async function load(): Promise<PackagePlugin> {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { name: string };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const components = getPulumiComponents(require(ENTRY));
    // run-plugin derives the provider name from package.json `name` the same way for an unscoped name.
    const provider = new ComponentProvider({ name: manifest.name, dirname: ROOT, components });
    return { components, provider, schema: JSON.parse(await provider.getSchema()) as PackageSchema };
}

/** The short name of a `$ref` to a type of this package, e.g. `IamUserConsoleArgs`. */
export function refName(ref: string): string {
    return ref.slice(ref.lastIndexOf(":") + 1);
}
