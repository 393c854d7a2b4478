import { runProgram } from "./program";

// The exported values become the stack outputs. `pulumi up` runs the program in the project
// folder; `npm run deploy --config FILE` names a stack file of another name.
export = runProgram(process.cwd(), process.env.IAM_USERS_STACK_FILE || undefined);
