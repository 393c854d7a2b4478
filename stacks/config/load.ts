import type { StackModel } from "./model";
import type { Problem } from "./problems";
import { readStackFile } from "./read";
import { validateStack } from "./validate";

/**
 * Reads and validates a `Pulumi.<stack>.yaml`, or a file of any name given `options.stack`. The model comes back only when there is no error;
 * the draft (see `ValidationResult`) whenever the file could be read.
 */
export function loadStack(
    configPath: string,
    options: { readonly stack?: string } = {},
): { model?: StackModel; draft?: StackModel; problems: Problem[] } {
    const { source, problems } = readStackFile(configPath, options.stack);
    if (!source) {
        return { problems };
    }
    const result = validateStack(source);
    return {
        model: problems.length > 0 ? undefined : result.model,
        draft: result.draft,
        problems: [...problems, ...result.problems],
    };
}
