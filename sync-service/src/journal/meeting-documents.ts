import type { MeetingPlan } from "@modeklar/shared";
import { instantOf, text } from "../mirror/events";
import type { MinuteEntry, PagesStore } from "../store/pages";
import type { PlanStore } from "../store/plans";
import type { MirrorItem, MirrorStore } from "../store/types";
import type { MaterialMail } from "./overview";

/** Where a meeting's documents besides its invitation are read from. */
export interface MeetingDocumentSources {
  plans: Pick<PlanStore, "ordersBetween">;
  mirror: Pick<MirrorStore, "scanItems">;
  pages: Pick<PagesStore, "minutesOfMeetings">;
}

/** What a meeting received and had decided: what the journal asks of it beside its invitation. */
export interface MeetingDocuments {
  material: MaterialMail[];
  minutes: MinuteEntry[];
}

/** A material order found by its meeting's start at the time it was sent: a meeting moved since is still found. */
const ORDER_MARGIN_MS = 90 * 86_400_000;
const SCAN_BATCH = 500;

const addressOf = (value: unknown) =>
  text((value as { emailAddress?: { address?: unknown } } | undefined)?.emailAddress?.address).toLowerCase();

/**
 * For each meeting: the material received (the mails in the mailbox from a department the
 * meeting's material was ordered from, since that order went) and the weekly meeting's decisions
 * about it. One read of the orders and at most one scan of the mirror for all the meetings.
 */
export async function meetingDocuments(
  sources: MeetingDocumentSources,
  mailbox: string,
  meetings: readonly { id: string; start: string }[],
): Promise<Map<string, MeetingDocuments>> {
  const documents = new Map<string, MeetingDocuments>(
    meetings.map((m) => [m.id, { material: [], minutes: [] }]),
  );
  if (meetings.length === 0) return documents;
  const [senders, minutes] = await Promise.all([
    materialSenders(sources, mailbox, meetings),
    sources.pages.minutesOfMeetings(
      mailbox,
      meetings.map((m) => m.id),
    ),
  ]);
  for (const entry of minutes) documents.get(entry.eventId)?.minutes.push(entry);
  if (senders.size === 0) return documents;
  for await (const message of sources.mirror.scanItems(mailbox, "messages", { batchSize: SCAN_BATCH })) {
    const receivedAt = text(message.data["receivedDateTime"]);
    const awaited = senders.get(addressOf(message.data["from"]));
    if (!receivedAt || !awaited) continue;
    for (const [eventId, since] of awaited) {
      if (Date.parse(receivedAt) < Date.parse(since)) continue;
      documents
        .get(eventId)
        ?.material.push({ messageId: message.id, subject: text(message.data["subject"]), receivedAt });
    }
  }
  for (const { material } of documents.values())
    material.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  return documents;
}

/** Department address → meeting → when its material was first ordered from that department. */
async function materialSenders(
  sources: MeetingDocumentSources,
  mailbox: string,
  meetings: readonly { id: string; start: string }[],
): Promise<Map<string, Map<string, string>>> {
  const starts = meetings.map((m) => Date.parse(m.start)).filter(Number.isFinite);
  if (starts.length === 0) return new Map();
  const wanted = new Set(meetings.map((m) => m.id));
  const orders = await sources.plans.ordersBetween(
    mailbox,
    "material",
    new Date(Math.min(...starts) - ORDER_MARGIN_MS).toISOString(),
    new Date(Math.max(...starts) + ORDER_MARGIN_MS).toISOString(),
  );
  const senders = new Map<string, Map<string, string>>();
  for (const order of orders) {
    const department = text(order.body["department"]).toLowerCase();
    if (!department || !wanted.has(order.eventId)) continue;
    const byMeeting = senders.get(department) ?? new Map<string, string>();
    const earliest = byMeeting.get(order.eventId);
    if (!earliest || order.sentAt < earliest) byMeeting.set(order.eventId, order.sentAt);
    senders.set(department, byMeeting);
  }
  return senders;
}

/** The documents of the meetings held that have a plan (only a meeting with a plan can have a case). */
export function heldDocuments(
  sources: MeetingDocumentSources,
  mailbox: string,
  held: readonly MirrorItem[],
  plans: ReadonlyMap<string, MeetingPlan>,
): Promise<Map<string, MeetingDocuments>> {
  const meetings = held.flatMap((event) => {
    const start = instantOf(event.data["start"]);
    return plans.has(event.id) && start ? [{ id: event.id, start }] : [];
  });
  return meetingDocuments(sources, mailbox, meetings);
}
