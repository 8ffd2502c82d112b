import {
  catalog,
  type CateringOrder,
  type Guest,
  type MaterialOrder,
  type ReceptionList,
} from "@modeklar/shared";
import { DateTime } from "luxon";
import type { OutgoingMessage } from "../../graph";

/** The meeting an order is for, as the mail names it. */
export interface OrderedFor {
  subject: string;
  start: string;
  location: string;
  orderedBy: string;
}

const ZONE = "Europe/Copenhagen";
const da = catalog("da");
const when = (instant: string) =>
  DateTime.fromISO(instant, { zone: ZONE }).setLocale("da").toFormat("cccc d. LLLL yyyy 'kl.' HH.mm");

const header = (meeting: OrderedFor) => [
  `Møde: ${meeting.subject}`,
  `Tidspunkt: ${when(meeting.start)}`,
  `Sted: ${meeting.location || "–"}`,
  "",
];
const footer = (meeting: OrderedFor) => ["", `Bestilt af ${meeting.orderedBy} via Mødeklar.`];
const text = (lines: string[]) => ({ contentType: "text" as const, content: lines.join("\n") });

/** The kitchens and the reception read Danish: the orders are written in Danish. */
export function cateringMail(kitchen: string, meeting: OrderedFor, order: CateringOrder): OutgoingMessage {
  const cost = order.costCentre
    ? order.costCentre.kind === "ean"
      ? `EAN ${order.costCentre.ean}`
      : `Konto ${order.costCentre.account}`
    : "–";
  const diets = Object.entries(order.dietary).map(
    ([need, count]) => `${da[`dietary.${need}` as keyof typeof da]}: ${count}`,
  );
  return {
    subject: `Bestilling af forplejning: ${meeting.subject}`,
    toRecipients: [kitchen],
    body: text([
      ...header(meeting),
      `Antal: ${order.count ?? "–"}`,
      `Serveres kl.: ${order.serveAt ?? "ved mødets start"}`,
      `Bestilling: ${order.items.map((item) => da[`catering.${item}`]).join(", ") || "–"}`,
      ...(order.otherItems ? [`Andet: ${order.otherItems}`] : []),
      ...(diets.length ? [`Særlige hensyn: ${diets.join(", ")}`] : []),
      ...(order.dietaryNote ? [`Bemærkning: ${order.dietaryNote}`] : []),
      `Betales af: ${cost}`,
      ...footer(meeting),
    ]),
  };
}

const guestLine = (guest: Guest) =>
  `- ${guest.name}${guest.organisation ? `, ${guest.organisation}` : ""}${guest.email ? ` <${guest.email}>` : ""}`;

export function receptionMail(
  reception: string,
  meeting: OrderedFor,
  list: ReceptionList,
  guests: Guest[],
): OutgoingMessage {
  return {
    subject: `Gæster til ${meeting.subject}`,
    toRecipients: [reception],
    body: text([
      ...header(meeting),
      `Ankomst: ${list.arrivalAt ?? "ved mødets start"}`,
      `Modtages af: ${list.host ?? meeting.orderedBy}`,
      `Parkering: ${list.parking ? "ja" : "nej"}`,
      `Gæstekort: ${list.badge ? "ja" : "nej"}`,
      "",
      `Gæster (${guests.length}):`,
      ...guests.map(guestLine),
      ...footer(meeting),
    ]),
  };
}

export function materialMail(
  department: string,
  meeting: OrderedFor,
  material: MaterialOrder,
  due: string,
): OutgoingMessage {
  return {
    subject: `Mødemateriale til ${meeting.subject}`,
    toRecipients: [department],
    body: text([
      ...header(meeting),
      `Vi beder om: ${material.what ?? "–"}`,
      `Frist: ${when(due)}`,
      ...footer(meeting),
    ]),
  };
}
