export * from "./config";
export { publicHolidayOn, easterSunday } from "./holidays";
export * from "./working-days";
export * from "./iso-week";
export * from "./danish-time";
