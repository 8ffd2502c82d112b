import { z } from "zod";
import { OUTLOOK_HOST_SCOPES } from "../directory";
import { addinManifest } from "./manifest";

/** What the server tells the host page: where to sign in, and the add-in from manifest.xml. */
export const hostPageConfig = z.object({
  authority: z.string(),
  tenantId: z.string(),
  clientId: z.string(),
  redirectUri: z.string(),
  scope: z.string(),
  tenantDomain: z.string(),
  addin: addinManifest.nullable(),
  /** Why the add-in is missing (no manifest, or one that does not parse). */
  addinProblem: z.string().nullable(),
  /** Claim NestedAppAuth 1.1 and broker the task pane's tokens, as Outlook does; else the pane signs in by popup. */
  nestedAppAuth: z.boolean(),
});
export type HostPageConfig = z.infer<typeof hostPageConfig>;

/** A calendar the signed-in person can open: their own, or one shared with them as a delegate. */
export const openableCalendar = z.object({
  id: z.string(),
  displayName: z.string(),
  mail: z.string(),
  own: z.boolean(),
});
export const calendarsAnswer = z.object({
  calendars: z.array(openableCalendar),
  /** The simulator's clock: the week shown first. */
  now: z.string(),
  /** The signed-in person's Windows time zone name, as Office's userProfile gives it. */
  timeZone: z.string(),
});
export type OpenableCalendar = z.infer<typeof openableCalendar>;

/** Delegated Graph scopes the host asks for: the person's own and shared calendars and mailboxes. */
export const HOST_SCOPES = OUTLOOK_HOST_SCOPES.join(" ");
