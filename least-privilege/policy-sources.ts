/**
 * The policy documents a stack deploys, each with where messages should point: the files under
 * `policies/` (once each, however many users attach them) and the MFA policy of each group with
 * `requireMfa`, which has no file of its own and is reported at the group's config key.
 */
import { mfaPolicyDocument } from "../components/mfa-policy";
import { PolicyDocument, StackModel, configKey } from "../stacks/config/model";
import { normalizeDocument } from "../stacks/config/policy-document";

/** Partition of the fixed example account that check evaluates against. */
export const CHECK_PARTITION = "aws";

/** One deployed policy document and how to name a place in it. */
export interface PolicySource {
    /** The file problems are reported in. */
    readonly file: string;
    readonly document: PolicyDocument;
    /** The key path of a statement, or of an element of it (`Action[2]`). */
    keyPath(statement: number, element?: string): string;
    /** Lint rules a human accepted for this document. */
    readonly allowWarnings: readonly string[];
}

/** `Statement[1] (Sid "AllowAll")`: the index says where, the Sid says which. */
export function statementLabel(document: PolicyDocument, index: number): string {
    const sid = document.Statement[index]?.Sid;
    return sid ? `Statement[${index}] (Sid "${sid}")` : `Statement[${index}]`;
}

let mfa: PolicyDocument | undefined;

/** The MFA policy that `requireMfa` groups attach, as `check` evaluates it. */
export function mfaDocument(): PolicyDocument {
    mfa ??= normalizeDocument(JSON.parse(mfaPolicyDocument(CHECK_PARTITION)));
    return mfa;
}

/** Every policy document of the stack, files first in config order, then the MFA policies. */
export function policySources(model: StackModel): PolicySource[] {
    const files = new Map<string, PolicySource>();
    const allFiles = [
        ...model.users.flatMap((u) => [...u.policies, ...u.inlinePolicies]),
        ...model.groups.flatMap((g) => g.policies),
    ];
    for (const f of allFiles) {
        if (files.has(f.path)) continue;
        files.set(f.path, {
            file: f.path,
            document: f.document,
            keyPath: (i, element) => statementLabel(f.document, i) + (element ? `.${element}` : ""),
            allowWarnings: model.allowWarnings[f.path] ?? [],
        });
    }
    const mfaSources = model.groups
        .filter((g) => g.requireMfa)
        .map((g): PolicySource => ({
            file: model.file,
            document: mfaDocument(),
            keyPath: (i, element) =>
                `${configKey("groups", g.key, "requireMfa")} -> ${statementLabel(mfaDocument(), i)}` +
                (element ? `.${element}` : ""),
            allowWarnings: g.allowWarnings,
        }));
    return [...files.values(), ...mfaSources];
}
