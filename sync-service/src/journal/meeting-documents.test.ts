import { describe, expect, it } from "vitest";
import type { MinuteEntry } from "../store/pages";
import type { SentOrder } from "../store/plans";
import type { MirrorItem } from "../store/types";
import { meetingDocuments, type MeetingDocumentSources } from "./meeting-documents";

const MAYOR = "borgmester@fjordby.dk";
const TEKNIK = "teknik-miljoe@fjordby.dk";

const order = (eventId: string, meetingStart: string, sentAt: string): SentOrder => ({
  id: `order-${eventId}`,
  mailbox: MAYOR,
  eventId,
  kind: "material",
  meetingStart,
  body: { department: TEKNIK, what: "Trafiktælling" },
  sentBy: "Camilla Nørgaard",
  sentAt,
});
const mail = (id: string, from: string, receivedDateTime: string): MirrorItem => ({
  id,
  data: { subject: `Mail ${id}`, from: { emailAddress: { address: from } }, receivedDateTime },
});
const decision = (eventId: string, decidedAt: string): MinuteEntry => ({
  id: `minute-${eventId}`,
  mailbox: MAYOR,
  weekStart: "2026-11-30",
  eventId,
  decision: "accept",
  detail: {},
  outcome: "applied",
  decidedBy: "Birgitte Holm Sørensen",
  decidedAt,
});

/** The stores as narrow fakes: orders, the mirrored mail and the weekly meeting's minutes. */
function sources(
  orders: SentOrder[],
  messages: MirrorItem[],
  minutes: MinuteEntry[],
): MeetingDocumentSources {
  return {
    plans: {
      ordersBetween: (_mailbox, kind, from, to) =>
        Promise.resolve(
          orders.filter((o) => o.kind === kind && o.meetingStart >= from && o.meetingStart < to),
        ),
    },
    mirror: {
      async *scanItems() {
        yield* messages;
      },
    },
    pages: {
      minutesOfMeetings: (_mailbox, ids) => Promise.resolve(minutes.filter((m) => ids.includes(m.eventId))),
    },
  };
}

describe("a held meeting's documents for the journal", () => {
  it("are the mails from the department its material was ordered from since the order, and the weekly meeting's decisions", async () => {
    const documents = await meetingDocuments(
      sources(
        // Ordered while the meeting was still on 20 November; it was moved to 1 December since.
        [order("m1", "2026-11-20T09:00:00.000Z", "2026-11-18T08:00:00Z")],
        [
          mail("before-the-order", TEKNIK, "2026-11-17T08:00:00Z"),
          mail("material-2", TEKNIK, "2026-11-27T08:00:00Z"),
          mail("material-1", TEKNIK.toUpperCase(), "2026-11-25T08:00:00Z"),
          mail("from-someone-else", "ole.bak@gmail.com", "2026-11-26T08:00:00Z"),
        ],
        [decision("m2", "2026-12-02T10:00:00Z")],
      ),
      MAYOR,
      [
        { id: "m1", start: "2026-12-01T09:00:00Z" },
        { id: "m2", start: "2026-12-01T13:00:00Z" },
      ],
    );
    expect(documents.get("m1")?.material.map((m) => m.messageId)).toEqual(["material-1", "material-2"]);
    expect(documents.get("m1")?.minutes).toEqual([]);
    expect(documents.get("m2")).toEqual({ material: [], minutes: [decision("m2", "2026-12-02T10:00:00Z")] });
  });

  it("are none for a meeting without orders or decisions, and nothing is read for no meetings", async () => {
    const empty = sources([], [mail("x", TEKNIK, "2026-11-27T08:00:00Z")], []);
    expect(await meetingDocuments(empty, MAYOR, [{ id: "m3", start: "2026-12-01T09:00:00Z" }])).toEqual(
      new Map([["m3", { material: [], minutes: [] }]]),
    );
    expect(await meetingDocuments(empty, MAYOR, [])).toEqual(new Map());
  });
});
