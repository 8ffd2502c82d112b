export * from "./deadline";
export * from "./compute";
export * from "./lists";
