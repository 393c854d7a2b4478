export { analyzeStack, checkNames } from "./analyze";
export { explainUser } from "./explain";
export { RULES } from "./rules";
