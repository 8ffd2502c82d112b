import type { DateTime } from "luxon";
import type { SimState } from "../state";
import { occurrenceICalUId, occurrenceId, parseOccurrenceId } from "./ids";
import type { CalendarEvent } from "./model";
import { occurrenceSlots, type OccurrenceSlot } from "./recurrence";
import { formatGraphDateTime } from "./time";

/**
 * calendarView: single instances, occurrences and exceptions overlapping a window.
 * Stored start/end are UTC in Graph's fixed-width format, so plain string comparison
 * orders them; that keeps a 25,000-event calendar fast.
 */

export function eventsOf(state: SimState, mailboxId: string): Map<string, CalendarEvent> {
  return state.mailbox(mailboxId).events as Map<string, CalendarEvent>;
}

function overlaps(event: CalendarEvent, from: string, to: string): boolean {
  const start = event.start?.dateTime ?? "";
  const end = event.end?.dateTime ?? "";
  return start < to && (end > from || (start === end && start >= from));
}

/** The occurrence an unchanged slot of a series shows as. */
export function occurrenceOf(master: CalendarEvent, slot: OccurrenceSlot): CalendarEvent {
  const { recurrence: _recurrence, _deletedOccurrences: _deleted, ...shared } = master;
  return {
    ...shared,
    id: occurrenceId(master.id, slot.start),
    iCalUId: occurrenceICalUId(master.iCalUId ?? "", slot.start),
    type: "occurrence",
    seriesMasterId: master.id,
    originalStart: slot.start.toISO({ suppressMilliseconds: true }) ?? undefined,
    start: { dateTime: formatGraphDateTime(slot.start), timeZone: "UTC" },
    end: { dateTime: formatGraphDateTime(slot.end), timeZone: "UTC" },
    recurrence: null,
  };
}

function isDeleted(master: CalendarEvent, slot: OccurrenceSlot): boolean {
  const iso = slot.start.toISO();
  return (master._deletedOccurrences ?? []).some((d) => d === iso);
}

/** Occurrences (unchanged slots) and exceptions of one series within the window. */
export function seriesInstances(
  state: SimState,
  mailboxId: string,
  master: CalendarEvent,
  from: DateTime,
  to: DateTime,
): CalendarEvent[] {
  const events = eventsOf(state, mailboxId);
  const out: CalendarEvent[] = [];
  for (const slot of occurrenceSlots(master, from, to)) {
    if (isDeleted(master, slot) || events.has(occurrenceId(master.id, slot.start))) continue;
    out.push(occurrenceOf(master, slot));
  }
  const fromText = formatGraphDateTime(from);
  const toText = formatGraphDateTime(to);
  for (const event of events.values()) {
    if (
      event.type === "exception" &&
      event.seriesMasterId === master.id &&
      overlaps(event, fromText, toText)
    ) {
      out.push(event);
    }
  }
  return sortByStart(out);
}

/** The mailbox's calendarView for [from, to): what Outlook shows for those days. */
export function expandCalendarView(
  state: SimState,
  mailboxId: string,
  from: DateTime,
  to: DateTime,
): CalendarEvent[] {
  const window = viewWindow(state, mailboxId, from, to);
  const out: CalendarEvent[] = [];
  for (const event of window.events.values()) out.push(...shownIn(window, event));
  return sortByStart(out);
}

/** A calendarView window over one mailbox, for reading it event by event. */
export interface ViewWindow {
  events: Map<string, CalendarEvent>;
  from: DateTime;
  to: DateTime;
  fromText: string;
  toText: string;
}

export function viewWindow(state: SimState, mailboxId: string, from: DateTime, to: DateTime): ViewWindow {
  return {
    events: eventsOf(state, mailboxId),
    from,
    to,
    fromText: formatGraphDateTime(from),
    toText: formatGraphDateTime(to),
  };
}

/** What one stored event shows in the window: a series its unchanged occurrences, anything else itself. */
export function shownIn(window: ViewWindow, event: CalendarEvent): CalendarEvent[] {
  if (event.type !== "seriesMaster") return overlaps(event, window.fromText, window.toText) ? [event] : [];
  const out: CalendarEvent[] = [];
  for (const slot of occurrenceSlots(event, window.from, window.to)) {
    if (isDeleted(event, slot) || window.events.has(occurrenceId(event.id, slot.start))) continue;
    out.push(occurrenceOf(event, slot));
  }
  return out;
}

/** Whether the window's calendarView holds an instance with this id (as expandCalendarView would list it). */
export function isShownIn(window: ViewWindow, id: string): boolean {
  const stored = window.events.get(id);
  if (stored) return stored.type !== "seriesMaster" && overlaps(stored, window.fromText, window.toText);
  const parsed = parseOccurrenceId(id);
  const master = parsed ? window.events.get(parsed.masterId) : undefined;
  if (master?.type !== "seriesMaster") return false;
  return occurrenceSlots(master, window.from, window.to).some(
    (slot) => !isDeleted(master, slot) && occurrenceId(master.id, slot.start) === id,
  );
}

export function sortByStart(events: CalendarEvent[]): CalendarEvent[] {
  return events.sort((a, b) => {
    const sa = a.start?.dateTime ?? "";
    const sb = b.start?.dateTime ?? "";
    return sa < sb ? -1 : sa > sb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

/** Any event by id: stored ones, and unchanged occurrences of a series (synthesised on read). */
export function findInstance(state: SimState, mailboxId: string, id: string): CalendarEvent | undefined {
  const events = eventsOf(state, mailboxId);
  const stored = events.get(id);
  if (stored) return stored;
  const parsed = parseOccurrenceId(id);
  const master = parsed ? events.get(parsed.masterId) : undefined;
  if (!parsed || master?.type !== "seriesMaster") return undefined;
  const slot = occurrenceSlots(
    master,
    parsed.originalStart,
    parsed.originalStart.plus({ milliseconds: 1 }),
  ).find((s) => s.start.toMillis() === parsed.originalStart.toMillis());
  if (!slot || isDeleted(master, slot)) return undefined;
  return occurrenceOf(master, slot);
}
