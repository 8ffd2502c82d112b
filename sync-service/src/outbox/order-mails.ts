import {
  catalog,
  danishClock,
  danishDateTime,
  meetingView,
  type Audience,
  type CateringOrder,
  type Guest,
  type MaterialOrder,
  type MeetingView,
  type PrivacySettings,
  type ReceptionList,
} from "@modeklar/shared";
import type { OutgoingMessage } from "../graph";
import { type EventData, locationOf, text } from "../mirror/events";

/**
 * The meeting an order is for, as Graph has it when the mail is written: each mail asks the
 * privacy policy then what its recipient may read of it, so a meeting made private before the
 * mail goes is private in it.
 */
export interface OrderedFor {
  meeting: EventData;
  start: string;
  orderedBy: string;
}

const da = catalog("da");

/** The meeting's subject as this recipient may read it, and what else the policy lets it see. */
function seenBy(audience: Audience, orderedFor: OrderedFor, privacy: PrivacySettings) {
  const view = meetingView(audience, orderedFor.meeting, privacy);
  return { view, subject: view.subject(text(orderedFor.meeting["subject"]), "da") };
}

const header = (orderedFor: OrderedFor, view: MeetingView, subject: string) => [
  `Møde: ${subject}`,
  `Tidspunkt: ${danishDateTime(orderedFor.start)}`,
  ...(view.sees("place") ? [`Sted: ${locationOf(orderedFor.meeting) || "ikke angivet"}`] : []),
  "",
];
const footer = (orderedFor: OrderedFor) => ["", `Bestilt af ${orderedFor.orderedBy} i Mødeklar.`];
const body = (lines: string[]) => ({ contentType: "text" as const, content: lines.join("\n") });

/** The kitchens and the reception read Danish: the orders are written in Danish. */
export function cateringMail(
  kitchen: string,
  orderedFor: OrderedFor,
  order: CateringOrder,
  privacy: PrivacySettings,
): OutgoingMessage {
  const { view, subject } = seenBy("catering", orderedFor, privacy);
  const cost = order.costCentre
    ? order.costCentre.kind === "ean"
      ? `${da["costCentre.ean"]} ${order.costCentre.ean}`
      : `${da["costCentre.account"]} ${order.costCentre.account}`
    : "ikke angivet";
  const diets = Object.entries(order.dietary).map(
    ([need, count]) => `${da[`dietary.${need}` as keyof typeof da]}: ${count}`,
  );
  return {
    subject: `Bestilling af forplejning: ${subject}`,
    toRecipients: [kitchen],
    body: body([
      ...header(orderedFor, view, subject),
      `Antal personer: ${order.count ?? "ikke angivet"}`,
      `Serveres: ${order.serveAt ? `kl. ${danishClock(order.serveAt)}` : "når mødet begynder"}`,
      `Bestilling: ${order.items.map((item) => da[`catering.${item}`].toLowerCase()).join(", ") || "ikke angivet"}`,
      ...(order.otherItems ? [`Andet: ${order.otherItems}`] : []),
      ...(diets.length ? [`Særlige hensyn: ${diets.join(", ")}`] : []),
      ...(order.dietaryNote ? [`Bemærkning til køkkenet: ${order.dietaryNote}`] : []),
      `Betales af: ${cost}`,
      ...footer(orderedFor),
    ]),
  };
}

const guestLine = (guest: Guest, view: MeetingView) =>
  `- ${guest.name}${guest.organisation ? `, ${guest.organisation}` : ""}` +
  (guest.email && view.sees("guestContact") ? ` <${guest.email}>` : "");

export function receptionMail(
  reception: string,
  orderedFor: OrderedFor,
  list: ReceptionList,
  guests: Guest[],
  privacy: PrivacySettings,
): OutgoingMessage {
  const { view, subject } = seenBy("reception", orderedFor, privacy);
  return {
    subject: `Gæster til ${subject}`,
    toRecipients: [reception],
    body: body([
      ...header(orderedFor, view, subject),
      `Ankomst: ${list.arrivalAt ? `kl. ${danishClock(list.arrivalAt)}` : "når mødet begynder"}`,
      `Modtages af: ${list.host ?? orderedFor.orderedBy}`,
      `Parkering: ${list.parking ? "ja" : "nej"}`,
      `Gæstekort: ${list.badge ? "ja" : "nej"}`,
      "",
      `Gæster (${guests.length}):`,
      ...guests.map((guest) => guestLine(guest, view)),
      ...footer(orderedFor),
    ]),
  };
}

export function materialMail(
  department: string,
  orderedFor: OrderedFor,
  material: MaterialOrder,
  due: string,
  privacy: PrivacySettings,
): OutgoingMessage {
  const { view, subject } = seenBy("department", orderedFor, privacy);
  return {
    subject: `Mødemateriale til ${subject}`,
    toRecipients: [department],
    body: body([
      ...header(orderedFor, view, subject),
      `Vi beder om: ${material.what ?? "ikke angivet"}`,
      `Frist: ${danishDateTime(due)}`,
      ...footer(orderedFor),
    ]),
  };
}

/** The host's notice that a guest on the reception's list has arrived (in Danish, as the orders). */
export function guestArrivedMail(
  host: string,
  guest: Pick<Guest, "name" | "organisation">,
  meeting: EventData,
): OutgoingMessage {
  const organisation = guest.organisation ? ` (${guest.organisation})` : "";
  return {
    subject: `Din gæst er kommet: ${guest.name}`,
    body: body([
      `${guest.name}${organisation} er kommet og venter i receptionen. Mødested: ${locationOf(meeting)}.`,
    ]),
    toRecipients: [host],
  };
}
