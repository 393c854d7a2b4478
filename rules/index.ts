export * from "./access-keys";
export * from "./actions";
export * from "./arn";
export * from "./limits";
export * from "./managed-policy";
export * from "./names";
export * from "./passwords";
export * from "./rotation";
