export * from "./case-number";
export * from "./subject-tag";
export * from "./suggestions";
export * from "./status";
export * from "./meeting";
