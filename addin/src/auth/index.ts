// Sign-in to Mødeklar's service: MSAL in the browser, Outlook's broker where it has one.
export {
  loadTaskPaneConfig,
  msalConfiguration,
  ServiceUnreachable,
  signIn,
  type ServiceSession,
} from "./service-auth";
