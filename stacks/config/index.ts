export { loadStack } from "./load";
export * from "./model";
export * from "./problems";
export {
    findProjectDir,
    MAX_STACK_FILE_BYTES,
    namespaceValues,
    positionOf,
    readStackFile,
    stackConfigPath,
    withPositions,
    type ReadOptions,
    type StackFile,
    type StackSource,
} from "./read";
export { MAX_ALIAS_VALUES, MAX_DEPTH, readYaml, type Position, type YamlData, type YamlProblem } from "./yaml-data";
export { validateStack, type ValidationResult } from "./validate";
