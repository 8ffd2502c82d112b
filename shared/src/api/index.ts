export * from "./common";
export * from "./meetings";
export * from "./invitations";
export * from "./sync-status";
export * from "./orders";
export * from "./admin";
export * from "./taskpane";
export * from "./pages";
