/**
 * Writing credential files so that they cannot leak by accident: owner-only mode, no silent
 * overwrite, never where git would pick them up, and nothing written unless everything can be.
 */
import { spawnSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { CredentialsInputError } from "./stack-outputs";

/** One file to write. */
export interface PlannedFile {
    readonly path: string;
    readonly content: string;
    /**
     * The content was made from the file that is there (a shared credentials file we append to),
     * so replacing it is no overwrite. Defaults to false.
     */
    readonly updatesExisting?: boolean;
}

/** Options of {@link writeFilesSafely}. */
export interface WriteOptions {
    /** Replace files that exist. Defaults to false. */
    readonly force?: boolean;
}

function nearestExistingDir(file: string): string {
    let dir = path.dirname(file);
    while (!fs.existsSync(dir)) {
        dir = path.dirname(dir);
    }
    return dir;
}

/**
 * Why git would pick the file up, or undefined when it would not: outside any work tree, or
 * ignored. A tracked file counts as not ignored, whatever `.gitignore` says.
 */
export function gitExposure(file: string): string | undefined {
    const from = nearestExistingDir(path.resolve(file));
    const top = spawnSync("git", ["-C", from, "rev-parse", "--show-toplevel"], { encoding: "utf8" });
    if (top.error || top.status !== 0) {
        // No git, or not in a work tree: nothing can commit the file.
        return undefined;
    }
    const root = top.stdout.trim();
    const relative = path.relative(
        fs.realpathSync(root),
        path.join(fs.realpathSync(from), path.relative(from, path.resolve(file))),
    );
    const ignored = spawnSync("git", ["-C", root, "check-ignore", "-q", "--", relative], { encoding: "utf8" });
    if (ignored.status === 0) {
        return undefined;
    }
    if (ignored.status === 1) {
        return `it is inside the git work tree ${root} and git does not ignore it`;
    }
    return `git check-ignore failed: ${(ignored.stderr ?? "").trim()}`;
}

/** Every reason the planned files cannot be written, all at once. */
export function writeProblems(files: readonly PlannedFile[], options: WriteOptions = {}): string[] {
    const problems: string[] = [];
    for (const file of files) {
        if (fs.existsSync(file.path) && !file.updatesExisting && !options.force) {
            problems.push(`${file.path} exists: pass --force to replace it`);
        }
        const exposure = gitExposure(file.path);
        if (exposure !== undefined) {
            problems.push(`refusing to write ${file.path}: ${exposure}; choose --out-dir outside it or an ignored one`);
        }
    }
    return problems;
}

/**
 * Writes every file with mode 0600 (folders it creates get 0700), or none: all checks run first,
 * each file is written next to its target under a temporary name, and only then renamed into place.
 * Throws a {@link CredentialsInputError} listing every problem.
 */
export function writeFilesSafely(files: readonly PlannedFile[], options: WriteOptions = {}): void {
    const problems = writeProblems(files, options);
    if (problems.length) {
        throw new CredentialsInputError(`nothing was written:\n  ${problems.join("\n  ")}`);
    }
    const staged: { temp: string; target: string }[] = [];
    try {
        for (const file of files) {
            const dir = path.dirname(path.resolve(file.path));
            fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
            const temp = path.join(dir, `.${path.basename(file.path)}.${crypto.randomBytes(6).toString("hex")}.tmp`);
            // "wx" with mode 0600: the secret is never readable by others, not even for a moment.
            fs.writeFileSync(temp, file.content, { mode: 0o600, flag: "wx" });
            staged.push({ temp, target: path.resolve(file.path) });
        }
    } catch (e) {
        staged.forEach((s) => fs.rmSync(s.temp, { force: true }));
        throw new CredentialsInputError(`nothing was written: ${(e as Error).message}`);
    }
    for (const s of staged) {
        fs.renameSync(s.temp, s.target);
    }
}
