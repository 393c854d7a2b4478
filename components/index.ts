export * from "./iam-group";
export * from "./iam-user";
