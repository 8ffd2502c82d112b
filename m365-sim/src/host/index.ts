// The Outlook host page: what Outlook on the web is to the add-in, served by the simulator.
export { configureHost, hostRoutes, hostUrlOf, type HostSettings } from "./routes";
export {
  parseManifest,
  textFor,
  type AddinButton,
  type AddinManifest,
  type CommandSurface,
} from "./manifest";
export { customPropertiesId } from "./item";
