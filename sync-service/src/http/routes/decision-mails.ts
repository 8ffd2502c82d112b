import type { MeetingView } from "@modeklar/shared";
import { DateTime } from "luxon";
import type { OutgoingMessage } from "../../graph";
import { instantOf, locationOf, personOf, type EventData } from "./event-fields";

const ZONE = "Europe/Copenhagen";
const text = (value: unknown): string => (typeof value === "string" ? value : "");

/**
 * "You attend for the mayor": what the weekly meeting decided, told to the chief of staff with
 * what the privacy policy lets the chief of staff see of the meeting now.
 */
export function chiefOfStaffMail(
  to: string,
  meeting: EventData,
  view: MeetingView,
  comment: string | undefined,
): OutgoingMessage {
  const subject = view.subject(text(meeting["subject"]), "da");
  const start = instantOf(meeting["start"]);
  const when = start
    ? DateTime.fromISO(start, { zone: ZONE })
        .setLocale("da")
        .toLocaleString(DateTime.DATETIME_MED_WITH_WEEKDAY)
    : "";
  return {
    subject: `Du deltager for borgmesteren: ${subject}`,
    body: {
      contentType: "text",
      content: [
        `Ugens kalendermøde har besluttet, at du deltager i stedet for borgmesteren.`,
        ``,
        `Møde: ${subject}`,
        `Tid: ${when}`,
        ...(view.sees("place") ? [`Sted: ${locationOf(meeting)}`] : []),
        ...(view.sees("organizer") ? [`Indkalder: ${personOf(meeting["organizer"])?.name ?? ""}`] : []),
        ...(comment && view.sees("minutes") ? [``, comment] : []),
      ].join("\n"),
    },
    toRecipients: [to],
  };
}
