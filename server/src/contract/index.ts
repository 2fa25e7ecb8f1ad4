export * from "./api";
export * from "./entities";
export * from "./schemas";
