export { startSim, type RunningSim, type SimOptions } from "./server";
export { mulberry32 } from "./dice";
export { ensureDevCertificates, defaultCertDir, type DevCertificates } from "./certs";
export * from "./directory";
export type { SeedOptions } from "./seed";
export { registerRedirectUri, registerCertificate } from "./identity/store";
export {
  registeredAppCertificate,
  signInAs,
  type SignInOptions,
  type SignInTarget,
} from "./identity/testing";
export { configureHost, hostUrlOf, parseManifest, type AddinManifest } from "./host";
export { readJournalMailbox, type JournalMail } from "./testing/journal-mailbox";
export { WebhookReceiver, type ReceivedNotification, type WebhookAnswer } from "./testing/webhook-receiver";
export { ADDRESSES, CASE_SYSTEM_CLIENT } from "./seed/directory";
