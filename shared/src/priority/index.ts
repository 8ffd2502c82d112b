export * from "./rules";
export * from "./classify";
export * from "./reclassify";
export * from "./default-rules";
export { matchesKeyword } from "./danish-text";
