export * from "./plan";
export * from "./ean";
export * from "./journal";
export * from "./readiness";
export * from "./compact";
export * from "./addin-id";
export { EmailSchema } from "./text";
export * from "./readiness-text";
export * from "./meeting-people";
