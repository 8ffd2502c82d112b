export * from "./audiences";
export * from "./fields";
export * from "./settings";
export * from "./policy";
