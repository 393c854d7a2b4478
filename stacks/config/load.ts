import type { StackModel } from "./model";
import type { Problem } from "./problems";
import { readStackFile } from "./read";
import { validateStack } from "./validate";

/** Reads and validates a `Pulumi.<stack>.yaml`; the model comes back only when there is no error. */
export function loadStack(configPath: string): { model?: StackModel; problems: Problem[] } {
    const { source, problems } = readStackFile(configPath);
    if (!source) {
        return { problems };
    }
    const result = validateStack(source);
    return { model: problems.length > 0 ? undefined : result.model, problems: [...problems, ...result.problems] };
}
