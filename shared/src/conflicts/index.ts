export * from "./travel";
export * from "./find-conflicts";
