import { z } from "zod";
import type { Outbox } from "../../../outbox/outbox";
import type { Reconciler } from "../../../reconcile";
import type { PagesStore } from "../../../store/pages";
import type { PlanStore } from "../../../store/plans";
import type { ReadApiDeps } from "../deps";

/** What the phone page, the weekly meeting's view and the day lists need from the service. */
export interface PagesDeps extends ReadApiDeps {
  plans: PlanStore;
  pages: PagesStore;
  /**
   * Reconcile's door: the rules, pins and travel the views classify with, the first pass's
   * progress, and the weekly meeting's pin (written on the meeting in turn with reconcile's rounds).
   */
  reconciler: Pick<Reconciler, "pin" | "calendarRules" | "firstPassProgress">;
  /** The chief of staff's mail is owed with the minute that decides it. */
  outbox: Outbox;
  /** The chief of staff's mailbox: "send the chief of staff" mails the meeting there. */
  chiefOfStaffMailbox: string;
}

/** CHIEF_OF_STAFF_MAILBOX, else `stabschef@` in the mayor's domain (as the kitchen and reception default). */
export function chiefOfStaffFromEnv(env: Record<string, string | undefined>, mayorMailbox: string): string {
  const configured = z
    .email()
    .optional()
    .parse(env["CHIEF_OF_STAFF_MAILBOX"] || undefined);
  return configured ?? `stabschef@${mayorMailbox.split("@")[1] ?? "localhost"}`;
}
