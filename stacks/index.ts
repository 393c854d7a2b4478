import { runProgram } from "./program";
import { STACK_FILE_ENV } from "./stack-file-env";

// The exported values become the stack outputs. `pulumi up` runs the program in the project folder.
export = runProgram(process.cwd(), process.env[STACK_FILE_ENV] || undefined);
