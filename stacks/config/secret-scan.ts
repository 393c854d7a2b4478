import * as fs from "fs";
import * as path from "path";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { formatKeyPath, keyName, segmentsAt, type KeyPathStyle, type KeySegment } from "./key-path-at";
import { NAMESPACE, policyTexts, type StackModel } from "./model";
import type { Problem } from "./problems";

/** One file to scan: a stack file or one of its policy files, with the name messages give it. */
export interface ScanFile {
    /** Relative to the project folder, as in every other message (`Pulumi.dev.yaml`, `policies/x.json`). */
    readonly file: string;
    readonly text: string;
    readonly kind: KeyPathStyle;
}

/** A plain value under a config key whose name says it holds a password or a secret. */
const PLAIN_SECRET_RULE = "iam-users/plain-secret-config";
/** A bare 40-character AWS secret access key, which secretlint flags only after an `aws_secret_access_key =`. */
const AWS_SECRET_SHAPE_RULE = "iam-users/aws-secret-access-key";

const PRESET_ID = "@secretlint/secretlint-rule-preset-recommend";
// The AWS rule finds key ids (AKIA..., ASIA...) only with enableIDScanRule, which also reports
// account ids; those are not credentials (AWS: "account IDs are not considered secret").
const AWS_RULE = {
    id: "@secretlint/secretlint-rule-aws",
    options: { enableIDScanRule: true },
    allowMessageIds: ["AWSAccountID"],
};
/** AWS's documented example secret key: secretlint allows it (and the example key id), so this does too. */
const AWS_EXAMPLE_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
/** Config keys named for a credential. `aws:accessKey` is no secret alone; a key pasted there is flagged as a key. */
const SECRET_NAMED = /passw(?:or)?d|passphrase|secret|^aws:token$/i;

/**
 * Shows at most the first and last 4 characters of a secret and never more than a third of it, then
 * at most 16 stars, so neither the secret nor a long block's length reaches the output.
 */
export function maskSecret(value: string): string {
    const shown = Math.min(4, Math.floor(value.length / 6));
    const stars = "*".repeat(Math.min(16, value.length - 2 * shown));
    return `${value.slice(0, shown)}${stars}${value.slice(value.length - shown)}`.replace(/\s/g, "*");
}

/** A secret access key is 40 characters of base64; mixed case and a digit keep out words and git hashes. */
function looksLikeAwsSecret(word: string): boolean {
    return (
        /^[A-Za-z0-9/+]{40}$/.test(word) &&
        /[A-Z]/.test(word) &&
        /[a-z]/.test(word) &&
        /[0-9/+]/.test(word) &&
        word !== AWS_EXAMPLE_SECRET
    );
}

type Lint = (content: string, filePath: string) => Promise<{ messages: SecretlintMessage[] }>;
interface SecretlintMessage {
    readonly ruleId: string;
    /** The rule's id for the kind of finding (`AWSAccessKeyID`). */
    readonly messageId: string;
    readonly message: string;
    readonly range: readonly [number, number];
    readonly data?: object;
}

let linter: Promise<Lint> | undefined;

/** secretlint's core and preset, loaded on the first scan: the program and `credentials` never need them. */
function secretlint(): Promise<Lint> {
    linter ??= Promise.all([import("@secretlint/core"), import("@secretlint/secretlint-rule-preset-recommend")]).then(
        ([{ lintSource }, { creator }]) =>
            (content, filePath) =>
                lintSource({
                    source: { content, filePath, contentType: "text" },
                    options: { config: { rules: [{ id: PRESET_ID, rule: creator, rules: [AWS_RULE] }] } },
                }),
    );
    return linter;
}

/**
 * secretlint's message with the secret masked, and every value it quotes that is part of the secret
 * or looks like a token (no spaces); descriptions such as "GitHub personal access tokens" stay.
 * A message that would still show the secret says only that there is one.
 */
function maskedMessage(m: SecretlintMessage, secret: string): string {
    let text = m.message;
    const quoted = Object.values(m.data ?? {}).filter((v): v is string => typeof v === "string" && v !== "");
    for (const part of [secret, ...quoted.filter((q) => secret.includes(q) || !/\s/.test(q))]) {
        text = text.split(part).join(maskSecret(part));
    }
    return text.includes(secret) ? "found a secret" : text;
}

interface Finding {
    readonly offset: number;
    readonly segments: readonly KeySegment[];
    readonly rule: string;
    readonly message: string;
}

/** Every non-empty string scalar under a node, with its path; a loop, so depth never reaches the call stack. */
function* stringScalars(root: unknown): Generator<{ node: Node; value: string; segments: KeySegment[] }> {
    const pending: { node: unknown; segments: KeySegment[] }[] = [{ node: root, segments: [] }];
    while (pending.length > 0) {
        const { node, segments } = pending.pop()!;
        if (isScalar(node) && typeof node.value === "string" && node.value !== "") {
            yield { node, value: node.value, segments };
        } else if (isMap(node)) {
            for (const pair of node.items) {
                // `secure:` wraps the ciphertext Pulumi stores for `config set --secret`: safe by design.
                if (!(segments.length > 0 && keyName(pair.key) === "secure")) {
                    pending.push({ node: pair.value, segments: [...segments, keyName(pair.key)] });
                }
            }
        } else if (isSeq(node)) {
            node.items.forEach((item, i) => pending.push({ node: item, segments: [...segments, i] }));
        }
    }
}

/**
 * Whether the stack sends every AWS call to this machine (`aws:endpoints`, all on loopback): then
 * its provider keys are a local emulator's, which accepts any (the sandbox's `aws:secretKey: test`).
 */
function localEmulatorOnly(doc: Document): boolean {
    const urls = [...stringScalars(doc.getIn(["config", "aws:endpoints"], true))].map((s) => s.value);
    const local = (url: string) => {
        try {
            return ["127.0.0.1", "localhost", "[::1]"].includes(new URL(url).hostname);
        } catch {
            return false;
        }
    };
    return urls.length > 0 && urls.every(local);
}

/** What secretlint cannot know about a stack file: which keys hold credentials, and bare AWS secrets. */
function structuralFindings(doc: Document): Finding[] {
    const findings: Finding[] = [];
    const emulator = localEmulatorOnly(doc);
    for (const { node, value, segments } of stringScalars(doc.contents)) {
        const inConfig = segments[0] === "config" && segments.length > 1;
        const offset = node.range![0];
        const names = segments.filter((s): s is string => typeof s === "string");
        const emulatorKey = emulator && segments.length === 2 && String(segments[1]).startsWith("aws:");
        // Under `aws:endpoints` a key names a service (`secretsmanager`) and its value is a URL; a
        // password inside the URL is secretlint's to find.
        const endpoint = segments[1] === "aws:endpoints";
        if (inConfig && !emulatorKey && !endpoint && SECRET_NAMED.test(names[names.length - 1])) {
            findings.push({
                offset,
                segments,
                rule: PLAIN_SECRET_RULE,
                message: `found a plain-text secret: ${maskSecret(value)}`,
            });
        }
        const word = value.split(/\s+/).find(looksLikeAwsSecret);
        if (inConfig && word) {
            findings.push({
                offset,
                segments,
                rule: AWS_SECRET_SHAPE_RULE,
                message: `found what looks like an AWS Secret Access Key: ${maskSecret(word)}`,
            });
        }
    }
    return findings;
}

/**
 * How to fix a secret at `segments`: a provider's top-level credential (`aws:secretKey`) belongs in
 * Pulumi's encrypted config; iam-users itself reads no credential from config, so elsewhere it goes.
 */
function hintFor(kind: KeyPathStyle, segments: readonly KeySegment[]): string {
    const rotate = "rotate it if this file was ever committed: git keeps the old value";
    const top = segments[1];
    if (kind === "stack" && segments.length === 2 && typeof top === "string" && !top.startsWith("iam-users:")) {
        return `store it encrypted with \`pulumi config set --secret ${top}\`, and ${rotate}`;
    }
    return `remove it, and ${rotate}`;
}

/**
 * Finds secrets pasted in plain text into a stack file or a policy file: everything secretlint's
 * recommended rules detect (AWS key ids and keys, private keys, GitHub, Slack and other tokens,
 * passwords in URLs), and in a stack file also plain values under credential keys (`aws:secretKey`,
 * `aws:token`, any key named for a password or a secret; not the provider keys of a stack whose AWS
 * endpoints are all on loopback) and bare AWS secret keys. Each finding is an error at its key
 * path, line and column, naming its rule, with the value masked; one entry is reported once.
 */
export async function scanSecrets(files: readonly ScanFile[]): Promise<Problem[]> {
    const lint = await secretlint();
    const problems: Problem[] = [];
    for (const { file, text, kind } of files) {
        const { messages } = await lint(text, file);
        const found: Finding[] = messages
            .filter((m) => !(kind === "stack" && isAdoptedKeyId(m, segmentsAt(text, m.range[0]))))
            .map((m) => ({
                offset: m.range[0],
                segments: segmentsAt(text, m.range[0]),
                rule: m.ruleId,
                message: maskedMessage(m, text.slice(m.range[0], m.range[1])),
            }));
        const lines = new LineCounter();
        const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
        const flagged = new Set(found.map((f) => formatKeyPath(f.segments, kind)));
        for (const f of kind === "stack" ? structuralFindings(doc) : []) {
            // Preset findings first: they name the kind of secret, this only that one is there.
            const keyPath = formatKeyPath(f.segments, kind);
            if (!flagged.has(keyPath)) {
                flagged.add(keyPath);
                found.push(f);
            }
        }
        for (const f of found.sort((a, b) => a.offset - b.offset)) {
            const { line, col } = lines.linePos(f.offset);
            problems.push({
                file,
                keyPath: formatKeyPath(f.segments, kind),
                message: `${f.message} (rule ${f.rule})`,
                hint: hintFor(kind, f.segments),
                rule: f.rule,
                line,
                column: col,
            });
        }
    }
    return problems;
}

/**
 * An access key ID under `iam-users:adopt.users.<user>.accessKeys.<slot>` is the import id of a key
 * the account holds (`npm run import` writes it): an identifier the key's owner can see, not its
 * secret, and the one id the provider adopts a key by. Anything else found there is still reported.
 */
function isAdoptedKeyId(m: SecretlintMessage, segments: readonly KeySegment[]): boolean {
    const [top, key, users, , accessKeys, slot, ...rest] = segments;
    return (
        m.messageId === "AWSAccessKeyID" &&
        top === "config" &&
        key === `${NAMESPACE}:adopt` &&
        users === "users" &&
        accessKeys === "accessKeys" &&
        typeof slot === "string" &&
        rest.length === 0
    );
}

/** The files of a stack that `scanSecrets` reads: its stack file and every policy file it lists. */
export function stackScanFiles(model: StackModel): ScanFile[] {
    return [
        { file: model.file, text: fs.readFileSync(path.join(model.projectDir, model.file), "utf8"), kind: "stack" },
        ...[...policyTexts(model)].map(([file, text]) => ({ file, text, kind: "policy" as const })),
    ];
}
