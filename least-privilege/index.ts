export { analyzeStack } from "./analyze";
export { explainUser } from "./explain";
export { RULES } from "./rules";
