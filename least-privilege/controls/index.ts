export { CONTROLS, controlById, controlLabel, type Control, type ControlWhere } from "./catalog";
export * from "./detect";
export { checkControls } from "./stack";
export { AUDIT_THRESHOLDS, MADE_BY_HAND, auditAccount, type AuditInput, type ManagedUser } from "./audit";
