export * from "./catalog";
export * from "./validation";
export * from "./untranslated";
