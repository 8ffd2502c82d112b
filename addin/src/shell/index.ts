export { mount } from "./mount";
export { PageShell } from "./PageShell";
export { useColorScheme } from "./useColorScheme";
