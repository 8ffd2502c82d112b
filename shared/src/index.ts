export * from "./calendar";
export * from "./plan";
