import { danishDateTime, meetingView, type PrivacySettings } from "@modeklar/shared";
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

const WHAT = { catering: "Bestillingen af forplejning", reception: "Gæstelisten" } as const;
const local = (iso: string | null) => (iso ? danishDateTime(iso) : "på et ukendt tidspunkt");

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
    view.sees("place") ? ` (${meeting?.location || "intet sted angivet"})` : "";
  const what = WHAT[audience];
  const cancelled = !after || after.cancelled;
  return {
    subject: cancelled ? `Aflyst: ${subject}` : `Ændret: ${subject}`,
    body: {
      contentType: "text",
      content: cancelled
        ? `Mødet «${subject}» ${local(before.start)} er aflyst. ${what} er derfor annulleret.`
        : `Mødet «${subject}» er flyttet fra ${local(before.start)}${place(before)} ` +
          `til ${local(after.start)}${place(after)}. ${what} gælder det nye tidspunkt.`,
    },
    toRecipients: [to],
  };
}
