import type { StackModel } from "./model";
import { isError, type Problem } from "./problems";
import { readStackFile, withPositions, type ReadOptions } from "./read";
import { validateStack } from "./validate";
import type { Position } from "./yaml-data";

/**
 * Reads and validates a stack config file (of any name, see `ReadOptions`). The model comes back
 * only when there is no error; the draft (see `ValidationResult`) whenever the file could be read.
 * Every problem in the stack file carries the line and column of its key (or of the nearest key
 * above it that was written); problems in policy files come as their checks give them. Later
 * checks of the model place their own problems with `withPositions(problems, file, positions)`.
 */
export function loadStack(
    configPath: string,
    options: ReadOptions = {},
): { model?: StackModel; draft?: StackModel; problems: Problem[]; positions?: ReadonlyMap<string, Position> } {
    const { source, problems } = readStackFile(configPath, options);
    if (!source) {
        return { problems };
    }
    const result = validateStack(source);
    return {
        model: problems.some(isError) ? undefined : result.model,
        draft: result.draft,
        problems: [...problems, ...withPositions(result.problems, source.file, source.positions)],
        positions: source.positions,
    };
}
