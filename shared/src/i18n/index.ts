export * from "./catalog";
export * from "./validation";
export * from "./untranslated";
export { deadlineKindsDa } from "./deadline-kinds-da";
export { deadlineKindsEn } from "./deadline-kinds-en";
