export { loadStack } from "./load";
export * from "./model";
export * from "./problems";
export { findProjectDir, namespaceValues, readStackFile, stackConfigPath, type StackSource } from "./read";
export { validateStack, type ValidationResult } from "./validate";
