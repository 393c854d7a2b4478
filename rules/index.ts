export * from "./access-keys";
export * from "./limits";
export * from "./managed-policy";
export * from "./names";
export * from "./passwords";
export * from "./rotation";
