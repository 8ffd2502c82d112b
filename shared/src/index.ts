export * from "./calendar";
export * from "./plan";
export * from "./priority";
export * from "./i18n";
export * from "./deadlines";
export * from "./api";
export * from "./conflicts";
export * from "./privacy";
