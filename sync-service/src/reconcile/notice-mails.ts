import { meetingView, type PrivacySettings } from "@modeklar/shared";
import { DateTime } from "luxon";
import type { OutgoingMessage } from "../graph";

/** A meeting as a notice tells of it: as it was when the order went, and as it is now. */
export interface NoticedMeeting {
  subject: string;
  /** Graph's sensitivity when last seen. */
  sensitivity?: string;
  start: string | null;
  location: string;
  cancelled: boolean;
}

export interface Notice {
  to: string;
  audience: "catering" | "reception";
  before: NoticedMeeting;
  /** The meeting now; null when it is gone from the calendar. */
  after: NoticedMeeting | null;
  privacy: PrivacySettings;
}

const WHAT = { catering: "forplejning", reception: "modtagelse af gæster" } as const;
const local = (iso: string | null) =>
  iso
    ? DateTime.fromISO(iso).setZone("Europe/Copenhagen").toFormat("dd-MM-yyyy 'kl.' HH:mm")
    : "ukendt tidspunkt";

/**
 * A move or a cancellation told to the kitchen or the reception, naming the meeting as the
 * privacy policy lets them read it now: a meeting made private after the order is "Privat
 * aftale" here, and one gone from the calendar goes by how it was last seen (private when
 * that is not known).
 */
export function noticeMail({ to, audience, before, after, privacy }: Notice): OutgoingMessage {
  const sensitivity = after?.sensitivity ?? before.sensitivity;
  const view = meetingView(audience, sensitivity === undefined ? null : { sensitivity }, privacy);
  const subject = view.subject(after?.subject ?? before.subject, "da");
  const place = (meeting: NoticedMeeting | null) =>
    view.sees("place") ? ` (${meeting?.location || "intet lokale"})` : "";
  const what = WHAT[audience];
  const cancelled = !after || after.cancelled;
  return {
    subject: cancelled ? `Aflyst: ${subject}` : `Ændret: ${subject}`,
    body: {
      contentType: "text",
      content: cancelled
        ? `Mødet "${subject}" ${local(before.start)} er aflyst. Bestillingen af ${what} bortfalder.`
        : `Mødet "${subject}" er flyttet fra ${local(before.start)}${place(before)} ` +
          `til ${local(after.start)}${place(after)}. Bestillingen af ${what} følger med.`,
    },
    toRecipients: [to],
  };
}
