import { t, type Locale } from "@modeklar/shared";

/**
 * The application permissions on Microsoft Graph the service uses, each for what Mødeklar does
 * with it: the one list the preflight (`npm run doctor`) holds the app's token against and the
 * README and docs/pilot.md show (a test keeps them equal). A new Graph call that needs another
 * permission adds it here, with its reason in the message catalogs (`doctor.why.<name>`).
 */
export const GRAPH_APPLICATION_PERMISSIONS = [
  "Calendars.ReadWrite",
  "Mail.ReadWrite",
  "Mail.Send",
  "MailboxSettings.ReadWrite",
  "Place.Read.All",
  "User.Read.All",
] as const;

export type GraphApplicationPermission = (typeof GRAPH_APPLICATION_PERMISSIONS)[number];

export function whyPermission(locale: Locale, permission: GraphApplicationPermission): string {
  return t(locale, `doctor.why.${permission}`);
}

/** The list as the README and the pilot guide show it: one bullet per permission, with its reason. */
export function permissionsMarkdown(): string {
  return GRAPH_APPLICATION_PERMISSIONS.map(
    (permission) => `- \`${permission}\`: ${whyPermission("en", permission)}`,
  ).join("\n");
}
