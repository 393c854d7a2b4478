import { runProgram } from "./program";

// The exported values become the stack outputs.
export = runProgram();
