export { CONTROLS, controlById, controlLabel, type Control, type ControlWhere } from "./catalog";
export * from "./detect";
export { checkControls } from "./stack";
