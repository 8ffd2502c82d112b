import { danishDateTime, type MeetingView } from "@modeklar/shared";
import type { OutgoingMessage } from "../graph";
import { type EventData, instantOf, locationOf, personOf, text } from "../mirror/events";

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
  const when = start ? danishDateTime(start) : "ikke angivet";
  return {
    subject: `Du deltager for borgmesteren: ${subject}`,
    body: {
      contentType: "text",
      content: [
        `På kalendermødet er det besluttet, at du deltager i mødet i stedet for borgmesteren.`,
        ``,
        `Møde: ${subject}`,
        `Tidspunkt: ${when}`,
        ...(view.sees("place") ? [`Sted: ${locationOf(meeting)}`] : []),
        ...(view.sees("organizer") ? [`Indkaldt af: ${personOf(meeting["organizer"])?.name ?? ""}`] : []),
        ...(comment && view.sees("minutes") ? [``, `Bemærkning: ${comment}`] : []),
      ].join("\n"),
    },
    toRecipients: [to],
  };
}
