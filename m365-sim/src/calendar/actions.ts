import type {
  Attendee,
  Location,
  OnlineMeetingProviderType,
  PatternedRecurrence,
  ResponseType,
} from "@microsoft/microsoft-graph-types";
import { DateTime } from "luxon";
import { GraphError, notFound } from "../odata";
import { newGraphId, type SimState } from "../state";
import { newICalUId, occurrenceId } from "./ids";
import { deliverMeetingMail } from "./messages";
import { previewOf } from "../item-body";
import type { CalendarEvent, EventInput, EventPatch } from "./model";
import { ownerOf, partyOf, roomByAddress, sameAddress, type Party } from "./parties";
import { occurrenceSlots } from "./recurrence";
import { formatGraphDateTime, instantOf, parseDateTimeTimeZone } from "./time";
import { eventsOf, expandCalendarView, findInstance, seriesInstances } from "./view";

/**
 * What people do with their calendars, as Exchange carries it out: an organizer's meeting
 * is copied to every attendee's calendar in the tenant with a meeting request in their
 * inbox; rooms answer by their booking policy; answers, moves and cancellations travel
 * back and forth. The Graph routes, the control API and the seed all act through here.
 */

const NEVER = "0001-01-01T00:00:00Z";
/** How far around "now" a removed series leaves traces for calendarView delta. */
const TRACE_BEFORE = { days: 400 };
const TRACE_AFTER = { years: 2 };

export type Reply = "accept" | "tentative" | "decline";

const nowOf = (state: SimState) => DateTime.fromJSDate(state.clock.now(), { zone: "UTC" });
const stamp = (state: SimState) => nowOf(state).toISO({ suppressMilliseconds: true }) ?? NEVER;

const EMPTY_LOCATION: Location = {
  displayName: "",
  locationType: "default",
  uniqueIdType: "unknown",
  address: {},
  coordinates: {},
};

function stale(): GraphError {
  return new GraphError(
    412,
    "ErrorIrresolvableConflict",
    "The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.",
  );
}

function checkIfMatch(event: CalendarEvent, ifMatch: string | undefined): void {
  if (!ifMatch || ifMatch === "*") return;
  const etag = (event as unknown as Record<string, unknown>)["@odata.etag"];
  if (ifMatch !== etag && ifMatch !== `W/"${event.changeKey}"` && ifMatch !== event.changeKey) throw stale();
}

function locationOf(state: SimState, input: EventPatch["location"]): Location {
  if (!input) return { ...EMPTY_LOCATION };
  const room =
    roomByAddress(state, input.locationEmailAddress ?? input.uniqueId ?? "") ??
    [...state.rooms.values()].find((r) => r.displayName === input.displayName);
  if (room) {
    return {
      displayName: room.displayName,
      locationType: "conferenceRoom",
      uniqueId: room.emailAddress,
      uniqueIdType: "directory",
      locationEmailAddress: room.emailAddress,
      address: room.address,
    };
  }
  return {
    displayName: input.displayName ?? "",
    locationType: input.locationType ?? "default",
    uniqueId: input.uniqueId ?? input.displayName ?? undefined,
    uniqueIdType: input.uniqueIdType ?? "private",
    ...(input.locationEmailAddress ? { locationEmailAddress: input.locationEmailAddress } : {}),
    ...(input.locationUri ? { locationUri: input.locationUri } : {}),
    address: input.address ?? {},
  };
}

function attendeesOf(
  state: SimState,
  input: NonNullable<EventPatch["attendees"]>,
  previous: Attendee[] = [],
) {
  return input.map((a): Attendee => {
    const address = a.emailAddress.address ?? "";
    const party = partyOf(state, address, a.emailAddress.name);
    const before = previous.find((p) => sameAddress(p.emailAddress?.address, address));
    return {
      type: party.kind === "room" ? "resource" : a.type,
      status: before?.status ?? { response: "none", time: NEVER },
      emailAddress: { name: a.emailAddress.name ?? party.name, address },
    };
  });
}

function blankEvent(state: SimState, organizer: Party): CalendarEvent {
  const id = newGraphId();
  const ical = newICalUId(nowOf(state));
  return {
    "@odata.etag": "",
    id,
    createdDateTime: undefined,
    lastModifiedDateTime: undefined,
    changeKey: "",
    categories: [],
    transactionId: null,
    originalStartTimeZone: "UTC",
    originalEndTimeZone: "UTC",
    iCalUId: ical,
    reminderMinutesBeforeStart: 15,
    isReminderOn: true,
    hasAttachments: false,
    subject: "",
    bodyPreview: "",
    importance: "normal",
    sensitivity: "normal",
    isAllDay: false,
    isCancelled: false,
    isOrganizer: true,
    responseRequested: true,
    seriesMasterId: null,
    showAs: "busy",
    type: "singleInstance",
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`,
    onlineMeetingUrl: null,
    isOnlineMeeting: false,
    onlineMeetingProvider: "unknown",
    allowNewTimeProposals: true,
    isDraft: false,
    hideAttendees: false,
    responseStatus: { response: "organizer", time: NEVER },
    body: { contentType: "html", content: "" },
    start: { dateTime: "", timeZone: "UTC" },
    end: { dateTime: "", timeZone: "UTC" },
    location: { ...EMPTY_LOCATION },
    locations: [],
    recurrence: null,
    attendees: [],
    organizer: { emailAddress: { name: organizer.name, address: organizer.address } },
    onlineMeeting: null,
    _seq: 0,
  } as CalendarEvent;
}

/** Applies the given writable properties to an event, as POST and PATCH do. */
function applyInput(state: SimState, event: CalendarEvent, input: EventPatch): void {
  if (input.subject !== undefined) event.subject = input.subject ?? "";
  if (input.body !== undefined) {
    event.body = input.body ?? { contentType: "text", content: "" };
    event.bodyPreview = previewOf(event.body.content ?? "");
  }
  if (input.start) {
    const start = parseDateTimeTimeZone(input.start, "start");
    event.start = { dateTime: formatGraphDateTime(start), timeZone: "UTC" };
    event.originalStartTimeZone = input.start.timeZone;
  }
  if (input.end) {
    const end = parseDateTimeTimeZone(input.end, "end");
    event.end = { dateTime: formatGraphDateTime(end), timeZone: "UTC" };
    event.originalEndTimeZone = input.end.timeZone;
  }
  if ((event.end?.dateTime ?? "") < (event.start?.dateTime ?? "")) {
    throw new GraphError(
      400,
      "ErrorCalendarEndDateIsEarlierThanStartDate",
      "The end date occurs before the start date.",
    );
  }
  if (input.location !== undefined) {
    event.location = locationOf(state, input.location);
    if (input.locations === undefined) event.locations = event.location.displayName ? [event.location] : [];
  }
  if (input.locations !== undefined) {
    event.locations = (input.locations ?? []).map((l) => locationOf(state, l));
    if (input.location === undefined) event.location = event.locations[0] ?? { ...EMPTY_LOCATION };
  }
  if (input.attendees !== undefined)
    event.attendees = attendeesOf(state, input.attendees ?? [], event.attendees ?? []);
  if (input.categories !== undefined) event.categories = input.categories ?? [];
  if (input.importance) event.importance = input.importance;
  if (input.sensitivity) event.sensitivity = input.sensitivity;
  if (input.showAs) event.showAs = input.showAs;
  if (input.isAllDay != null) event.isAllDay = input.isAllDay;
  if (input.isReminderOn != null) event.isReminderOn = input.isReminderOn;
  if (input.reminderMinutesBeforeStart != null)
    event.reminderMinutesBeforeStart = input.reminderMinutesBeforeStart;
  if (input.responseRequested != null) event.responseRequested = input.responseRequested;
  if (input.allowNewTimeProposals != null) event.allowNewTimeProposals = input.allowNewTimeProposals;
  if (input.hideAttendees != null) event.hideAttendees = input.hideAttendees;
  if (input.isOnlineMeeting != null) event.isOnlineMeeting = input.isOnlineMeeting;
  if (input.onlineMeetingProvider)
    event.onlineMeetingProvider = input.onlineMeetingProvider as OnlineMeetingProviderType;
  if (input.transactionId !== undefined) event.transactionId = input.transactionId;
  if (input.recurrence !== undefined && event.type !== "exception" && event.type !== "occurrence") {
    event.recurrence = input.recurrence
      ? ({
          pattern: { ...input.recurrence.pattern },
          range: {
            ...input.recurrence.range,
            recurrenceTimeZone: input.recurrence.range.recurrenceTimeZone ?? event.originalStartTimeZone,
          },
        } as PatternedRecurrence)
      : null;
    event.type = input.recurrence ? "seriesMaster" : "singleInstance";
  }
  for (const property of input.singleValueExtendedProperties ?? []) {
    const list = (event._extendedProperties ??= []);
    const existing = list.find((p) => p.id.toLowerCase() === property.id.toLowerCase());
    if (existing) existing.value = property.value;
    else list.push({ ...property });
  }
}

const timing = (e: CalendarEvent) => JSON.stringify([e.start, e.end, e.recurrence, e._deletedOccurrences]);
const content = (e: CalendarEvent) => JSON.stringify([e.subject, e.body, e.location, e.isAllDay]);

interface Before {
  event: CalendarEvent;
  attendees: Attendee[];
}

/** Instances an event showed before a change, so delta can tell clients which ones left. */
function traceInstances(state: SimState, mailboxId: string, event: CalendarEvent): CalendarEvent[] {
  if (event.type !== "seriesMaster") return [event];
  const now = nowOf(state);
  return seriesInstances(state, mailboxId, event, now.minus(TRACE_BEFORE), now.plus(TRACE_AFTER)).filter(
    (i) => i.type === "occurrence",
  );
}

/** Remembers where instances were, for calendarView delta (`@removed` when they left the window). */
function leaveSlots(state: SimState, mailboxId: string, instances: CalendarEvent[], emit: boolean): void {
  const box = state.mailbox(mailboxId);
  for (const instance of instances) {
    const seq = state.nextSeq();
    box.tombstones.push({
      id: instance.id,
      seq,
      kind: "event",
      start: instance.start?.dateTime ?? undefined,
      end: instance.end?.dateTime ?? undefined,
    });
    if (emit) state.emit({ mailboxId, kind: "event", id: instance.id, changeType: "deleted", seq });
  }
}

/** Removes an event from a calendar; a series takes its exceptions and occurrences with it. */
function removeEvent(state: SimState, mailboxId: string, event: CalendarEvent): void {
  if (event.type === "seriesMaster") {
    leaveSlots(state, mailboxId, traceInstances(state, mailboxId, event), true);
    for (const other of [...eventsOf(state, mailboxId).values()]) {
      if (other.type === "exception" && other.seriesMasterId === event.id)
        state.deleteEvent(mailboxId, other.id);
    }
  }
  state.deleteEvent(mailboxId, event.id);
}

function findByICalUId(state: SimState, mailboxId: string, iCalUId: string | null | undefined) {
  if (!iCalUId) return undefined;
  for (const event of eventsOf(state, mailboxId).values()) {
    if (event.iCalUId === iCalUId) return event;
  }
  return undefined;
}

const sameMeeting = (a?: string | null, b?: string | null) =>
  !!a && !!b && a.slice(0, 32) + a.slice(40) === b.slice(0, 32) + b.slice(40);

/** The slots an event occupies (a series: its first year), for a room's conflict check. */
function slotsOf(event: CalendarEvent) {
  const start = instantOf(event.start);
  if (event.type !== "seriesMaster") return [{ start, end: instantOf(event.end) }];
  const deleted = new Set(event._deletedOccurrences ?? []);
  return occurrenceSlots(event, start, start.plus({ years: 1 })).filter(
    (s) => !deleted.has(s.start.toISO() ?? ""),
  );
}

/** A room's automatic answer: busy → decline; free → accept, or tentative while a reserved room awaits its delegate. */
export function roomAnswer(state: SimState, roomId: string, event: CalendarEvent): ResponseType {
  const room = state.rooms.get(roomId);
  for (const slot of slotsOf(event)) {
    const clash = expandCalendarView(state, roomId, slot.start, slot.end).some(
      (other) => !other.isCancelled && other.showAs !== "free" && !sameMeeting(other.iCalUId, event.iCalUId),
    );
    if (clash) return "declined";
  }
  return room?.bookingType === "reserved" ? "tentativelyAccepted" : "accepted";
}

const SHARED_FIELDS = [
  "subject",
  "body",
  "bodyPreview",
  "importance",
  "sensitivity",
  "isAllDay",
  "start",
  "end",
  "originalStartTimeZone",
  "originalEndTimeZone",
  "location",
  "locations",
  "attendees",
  "organizer",
  "recurrence",
  "type",
  "iCalUId",
  "allowNewTimeProposals",
  "hideAttendees",
  "isOnlineMeeting",
  "onlineMeetingProvider",
  "responseRequested",
  "originalStart",
  "_originalStart",
  "_deletedOccurrences",
] as const;

/** Writes the attendee's copy of an organizer's event (or exception), keeping the attendee's own fields. */
function upsertCopy(
  state: SimState,
  party: Party,
  source: CalendarEvent,
  organizerMailboxId: string | undefined,
  response: ResponseType,
): CalendarEvent | undefined {
  const mailboxId = party.mailboxId;
  if (!mailboxId) return undefined;
  let copyMasterId: string | undefined;
  if (source.type === "exception") {
    const master = organizerMailboxId
      ? eventsOf(state, organizerMailboxId).get(source.seriesMasterId ?? "")
      : undefined;
    const copyMaster = findByICalUId(state, mailboxId, master?.iCalUId);
    if (!copyMaster) return undefined;
    copyMasterId = copyMaster.id;
  }
  const existing = findByICalUId(state, mailboxId, source.iCalUId);
  const copy: CalendarEvent = existing ?? {
    ...blankEvent(state, party),
    _organizerMailboxId: organizerMailboxId,
  };
  if (existing && timing(existing) !== timing(source)) {
    leaveSlots(state, mailboxId, traceInstances(state, mailboxId, existing), false);
  }
  const target = copy as unknown as Record<string, unknown>;
  for (const field of SHARED_FIELDS) {
    const value = (source as unknown as Record<string, unknown>)[field];
    if (value === undefined) delete target[field];
    else target[field] = structuredClone(value);
  }
  if (copyMasterId && source._originalStart) {
    copy.id = occurrenceId(copyMasterId, DateTime.fromISO(source._originalStart, { zone: "UTC" }));
    copy.seriesMasterId = copyMasterId;
    const occurrence = existing ? undefined : findInstance(state, mailboxId, copy.id);
    if (occurrence) leaveSlots(state, mailboxId, [occurrence], false);
  }
  copy.isOrganizer = false;
  copy.isCancelled = false;
  copy.responseStatus = { response, time: response === "notResponded" ? NEVER : stamp(state) };
  copy.showAs = response === "accepted" ? (source.showAs ?? "busy") : "tentative";
  state.touchEvent(mailboxId, copy, existing ? "updated" : "created");
  return copy;
}

/** Carries an organizer's created or changed meeting to its attendees and rooms. */
function publish(state: SimState, organizerMailboxId: string, event: CalendarEvent, before?: Before): void {
  const organizer = ownerOf(state, organizerMailboxId);
  const moved = !before || timing(before.event) !== timing(event);
  const changed = moved || content(before.event) !== content(event);
  const parties = (event.attendees ?? [])
    .map((a) => ({ attendee: a, party: partyOf(state, a.emailAddress?.address ?? "") }))
    .filter(({ party }) => party.mailboxId && party.mailboxId !== organizerMailboxId);
  const isNew = (p: Party) => !before?.attendees.some((a) => sameAddress(a.emailAddress?.address, p.address));

  for (const { attendee, party } of parties) {
    if (party.kind === "room" && party.mailboxId && (moved || isNew(party))) {
      attendee.status = { response: roomAnswer(state, party.mailboxId, event), time: stamp(state) };
    } else if (party.kind === "person" && moved && !isNew(party)) {
      attendee.status = { response: "none", time: NEVER };
    }
  }
  state.touchEvent(organizerMailboxId, event, before ? "updated" : "created");

  for (const { attendee, party } of parties) {
    const mailboxId = party.mailboxId ?? "";
    if (party.kind === "room") {
      const answer = attendee.status?.response ?? "none";
      const existing = findByICalUId(state, mailboxId, event.iCalUId);
      if (answer === "declined") {
        if (existing) removeEvent(state, mailboxId, existing);
      } else {
        upsertCopy(state, party, event, organizerMailboxId, answer);
      }
      if (moved || isNew(party)) {
        const kind =
          answer === "declined"
            ? "meetingDeclined"
            : answer === "accepted"
              ? "meetingAccepted"
              : "meetingTenativelyAccepted";
        deliverMeetingMail(state, { kind, from: party, to: organizer, event, eventId: event.id });
      }
      continue;
    }
    const existing = findByICalUId(state, mailboxId, event.iCalUId);
    const keep = existing && !moved ? (existing.responseStatus?.response ?? "notResponded") : "notResponded";
    const copy = upsertCopy(state, party, event, organizerMailboxId, keep);
    if (copy && (changed || isNew(party))) {
      deliverMeetingMail(state, {
        kind: "meetingRequest",
        from: organizer,
        to: party,
        event: copy,
        eventId: copy.id,
      });
    }
  }

  for (const gone of before?.attendees ?? []) {
    const address = gone.emailAddress?.address ?? "";
    if ((event.attendees ?? []).some((a) => sameAddress(a.emailAddress?.address, address))) continue;
    withdrawFrom(state, partyOf(state, address), organizer, event);
  }
}

/** An attendee's copy of a meeting that was cancelled or that they were taken off. */
function withdrawFrom(
  state: SimState,
  party: Party,
  organizer: Party,
  event: CalendarEvent,
  comment?: string,
) {
  if (!party.mailboxId || party.mailboxId === organizer.mailboxId) return;
  const copy = findByICalUId(state, party.mailboxId, event.iCalUId);
  if (!copy) return;
  if (party.kind === "room") return removeEvent(state, party.mailboxId, copy);
  copy.isCancelled = true;
  if (!copy.subject?.startsWith("Aflyst: ")) copy.subject = `Aflyst: ${copy.subject ?? ""}`;
  state.touchEvent(party.mailboxId, copy, "updated");
  deliverMeetingMail(state, {
    kind: "meetingCancelled",
    from: organizer,
    to: party,
    event: copy,
    eventId: copy.id,
    comment,
  });
}

function tenantAttendees(state: SimState, event: CalendarEvent): Party[] {
  return (event.attendees ?? []).map((a) =>
    partyOf(state, a.emailAddress?.address ?? "", a.emailAddress?.name),
  );
}

// ——— The public face ———

/** Creates an event in a mailbox (its owner organizes it) and invites the attendees. */
export function createEvent(state: SimState, mailboxId: string, input: EventInput): CalendarEvent {
  // transactionId makes a retried POST return the event the first attempt created.
  if (input.transactionId) {
    for (const existing of eventsOf(state, mailboxId).values()) {
      if (existing.transactionId === input.transactionId) return existing;
    }
  }
  const event = blankEvent(state, ownerOf(state, mailboxId));
  applyInput(state, event, input);
  if (!(event.attendees ?? []).length) {
    state.touchEvent(mailboxId, event, "created");
    return event;
  }
  publish(state, mailboxId, event);
  return event;
}

/**
 * A meeting organized outside the tenant (a ministry, the region, KL): only the invited
 * people's copies exist here, each with a meeting request in the inbox.
 */
export function receiveInvitation(
  state: SimState,
  organizer: { name: string; address: string },
  input: EventInput,
): CalendarEvent[] {
  const template = blankEvent(state, { ...organizer, kind: "external" });
  applyInput(state, template, input);
  const from: Party = { ...organizer, kind: "external" };
  const copies: CalendarEvent[] = [];
  for (const party of tenantAttendees(state, template)) {
    const response =
      party.kind === "room" ? roomAnswer(state, party.mailboxId ?? "", template) : "notResponded";
    const copy = upsertCopy(state, party, template, undefined, response);
    if (!copy) continue;
    copies.push(copy);
    if (party.kind === "person") {
      deliverMeetingMail(state, { kind: "meetingRequest", from, to: party, event: copy, eventId: copy.id });
    }
  }
  return copies;
}

/** The tenant's copies of a meeting organized outside it, found by any copy's id or by iCalUId. */
function copiesOf(state: SimState, organizerAddress: string, key: string) {
  let iCalUId = key;
  for (const box of state.mailboxes.values()) {
    const hit = box.events.get(key);
    if (hit?.iCalUId) iCalUId = hit.iCalUId;
  }
  const copies: { mailboxId: string; event: CalendarEvent }[] = [];
  for (const box of state.mailboxes.values()) {
    for (const event of (box.events as Map<string, CalendarEvent>).values()) {
      if (
        event.iCalUId === iCalUId &&
        sameAddress(event.organizer?.emailAddress?.address, organizerAddress)
      ) {
        copies.push({ mailboxId: box.userId, event });
      }
    }
  }
  if (!copies.length) throw notFound();
  return copies;
}

/** An outside organizer moves or changes their meeting: every copy in the tenant follows, with a new request. */
export function updateInvitation(
  state: SimState,
  organizer: { name: string; address: string },
  key: string,
  patch: EventPatch,
): CalendarEvent[] {
  const copies = copiesOf(state, organizer.address, key);
  const first = copies[0]!.event;
  const template: CalendarEvent = structuredClone(first);
  applyInput(state, template, patch);
  const moved = timing(first) !== timing(template);
  const changed = moved || content(first) !== content(template);
  const from: Party = { ...organizer, kind: "external" };
  const updated: CalendarEvent[] = [];
  for (const party of tenantAttendees(state, template)) {
    if (!party.mailboxId) continue;
    const existing = copies.find((c) => c.mailboxId === party.mailboxId)?.event;
    const response =
      party.kind === "room"
        ? moved || !existing
          ? roomAnswer(state, party.mailboxId, template)
          : (existing.responseStatus?.response ?? "none")
        : existing && !moved
          ? (existing.responseStatus?.response ?? "notResponded")
          : "notResponded";
    const copy = upsertCopy(state, party, template, undefined, response);
    if (!copy) continue;
    updated.push(copy);
    if (party.kind === "person" && (changed || !existing)) {
      deliverMeetingMail(state, { kind: "meetingRequest", from, to: party, event: copy, eventId: copy.id });
    }
  }
  for (const { mailboxId } of copies) {
    if (!updated.some((u) => eventsOf(state, mailboxId).get(u.id) === u)) {
      withdrawFrom(state, ownerOf(state, mailboxId), from, template);
    }
  }
  return updated;
}

/** An outside organizer cancels: every copy in the tenant is marked cancelled, with a cancellation mail. */
export function cancelInvitation(
  state: SimState,
  organizer: { name: string; address: string },
  key: string,
  comment?: string,
): void {
  const from: Party = { ...organizer, kind: "external" };
  for (const { mailboxId, event } of copiesOf(state, organizer.address, key)) {
    withdrawFrom(state, ownerOf(state, mailboxId), from, event, comment);
  }
}

export function getEvent(state: SimState, mailboxId: string, id: string): CalendarEvent {
  const event = findInstance(state, mailboxId, id);
  if (!event) throw notFound();
  return event;
}

/** An occurrence someone changes or answers becomes an exception of its series, under the same id. */
function asException(found: CalendarEvent): CalendarEvent {
  if (found.type !== "occurrence") return found;
  const originalStart = DateTime.fromISO(found.originalStart ?? "", { zone: "UTC" }).toISO() ?? undefined;
  // A deep copy: occurrences share nested objects (attendees, body) with their master.
  return { ...structuredClone(found), type: "exception", _originalStart: originalStart };
}

/** The organizer's instance matching an attendee's occurrence or exception (an exception once answered). */
function organizersInstance(
  state: SimState,
  mailboxId: string,
  organizerMailboxId: string,
  own: CalendarEvent,
) {
  const stored = findByICalUId(state, organizerMailboxId, own.iCalUId);
  if (stored || own.type !== "exception") return stored;
  const ownMaster = eventsOf(state, mailboxId).get(own.seriesMasterId ?? "");
  const master = findByICalUId(state, organizerMailboxId, ownMaster?.iCalUId);
  if (!master || !own._originalStart) return undefined;
  const slot = DateTime.fromISO(own._originalStart, { zone: "UTC" });
  const instance = findInstance(state, organizerMailboxId, occurrenceId(master.id, slot));
  return instance ? asException(instance) : undefined;
}

/** PATCH: updates the event (an occurrence becomes an exception) and tells the attendees when it is the organizer's. */
export function updateEvent(
  state: SimState,
  mailboxId: string,
  id: string,
  patch: EventPatch,
  options: { ifMatch?: string } = {},
): CalendarEvent {
  const found = getEvent(state, mailboxId, id);
  checkIfMatch(found, options.ifMatch);
  const event = asException(found);
  const before: Before = { event: structuredClone(found), attendees: structuredClone(found.attendees ?? []) };
  applyInput(state, event, patch);
  if (timing(before.event) !== timing(event)) {
    leaveSlots(state, mailboxId, traceInstances(state, mailboxId, before.event), false);
  }
  const hasAttendees = (event.attendees ?? []).length > 0 || before.attendees.length > 0;
  if (event.isOrganizer && hasAttendees) publish(state, mailboxId, event, before);
  else state.touchEvent(mailboxId, event, "updated");
  return event;
}

/** accept / tentativelyAccept / decline: the attendee's copy and the organizer's attendee list both change. */
export function respond(
  state: SimState,
  mailboxId: string,
  id: string,
  reply: Reply,
  options: { comment?: string; sendResponse?: boolean } = {},
): void {
  const event = asException(getEvent(state, mailboxId, id));
  if (event.isOrganizer) {
    throw new GraphError(
      400,
      "ErrorInvalidRequest",
      "Your request can't be completed. You can't respond to a meeting you organized.",
    );
  }
  const response: ResponseType =
    reply === "accept" ? "accepted" : reply === "tentative" ? "tentativelyAccepted" : "declined";
  const me = ownerOf(state, mailboxId);
  event.responseStatus = { response, time: stamp(state) };
  event.showAs = reply === "accept" ? "busy" : "tentative";
  // Outlook takes a declined meeting (or the declined occurrence) off the calendar.
  if (reply === "decline" && event.type === "exception")
    dropOccurrence(state, mailboxId, event, [], undefined);
  else if (reply === "decline") removeEvent(state, mailboxId, event);
  else state.touchEvent(mailboxId, event, "updated");

  const organizerMailboxId = event._organizerMailboxId;
  if (!organizerMailboxId) return;
  const original = organizersInstance(state, mailboxId, organizerMailboxId, event);
  if (original) {
    for (const attendee of original.attendees ?? []) {
      if (sameAddress(attendee.emailAddress?.address, me.address))
        attendee.status = { response, time: stamp(state) };
    }
    state.touchEvent(organizerMailboxId, original, "updated");
  }
  if (options.sendResponse !== false) {
    deliverMeetingMail(state, {
      kind:
        reply === "accept"
          ? "meetingAccepted"
          : reply === "tentative"
            ? "meetingTenativelyAccepted"
            : "meetingDeclined",
      from: me,
      to: ownerOf(state, organizerMailboxId),
      event: original ?? event,
      eventId: original?.id,
      comment: options.comment,
    });
  }
}

/** Organizer cancels: attendees' copies are marked cancelled (with a cancellation mail); the organizer's goes. */
export function cancelEvent(state: SimState, mailboxId: string, id: string, comment?: string): void {
  const event = getEvent(state, mailboxId, id);
  if (!event.isOrganizer) {
    throw new GraphError(
      400,
      "ErrorInvalidRequest",
      "Your request can't be completed. You need to be an organizer to cancel a meeting.",
    );
  }
  withdraw(state, mailboxId, event, comment);
}

function withdraw(state: SimState, mailboxId: string, event: CalendarEvent, comment?: string): void {
  const organizer = ownerOf(state, mailboxId);
  if (event.type === "occurrence" || event.type === "exception") {
    return dropOccurrence(state, mailboxId, event, tenantAttendees(state, event), organizer, comment);
  }
  for (const party of tenantAttendees(state, event)) withdrawFrom(state, party, organizer, event, comment);
  removeEvent(state, mailboxId, event);
}

/** One occurrence of a series goes, in the organizer's calendar and in every attendee's copy. */
function dropOccurrence(
  state: SimState,
  mailboxId: string,
  instance: CalendarEvent,
  parties: Party[],
  organizer: Party | undefined,
  comment?: string,
): void {
  const originalStart = DateTime.fromISO(instance._originalStart ?? instance.originalStart ?? "", {
    zone: "UTC",
  });
  const drop = (box: string, master: CalendarEvent) => {
    const id = occurrenceId(master.id, originalStart);
    const current = findInstance(state, box, id);
    if (!current) return undefined;
    (master._deletedOccurrences ??= []).push(originalStart.toISO() ?? "");
    if (eventsOf(state, box).has(id)) state.deleteEvent(box, id);
    else leaveSlots(state, box, [current], true);
    return current;
  };
  const master = eventsOf(state, mailboxId).get(instance.seriesMasterId ?? "");
  if (!master) throw notFound();
  drop(mailboxId, master);
  if (!organizer) return;
  for (const party of parties) {
    if (!party.mailboxId || party.mailboxId === mailboxId) continue;
    const copyMaster = findByICalUId(state, party.mailboxId, master.iCalUId);
    if (!copyMaster) continue;
    const dropped = drop(party.mailboxId, copyMaster);
    if (dropped && party.kind === "person") {
      deliverMeetingMail(state, {
        kind: "meetingCancelled",
        from: organizer,
        to: party,
        event: { ...dropped, subject: dropped.subject },
        comment,
      });
    }
  }
}

/** DELETE: the organizer's delete of a meeting cancels it for everyone; anyone else's removes only their copy. */
export function deleteEvent(
  state: SimState,
  mailboxId: string,
  id: string,
  options: { ifMatch?: string } = {},
): void {
  const event = getEvent(state, mailboxId, id);
  checkIfMatch(event, options.ifMatch);
  if (event.isOrganizer && (event.attendees ?? []).length > 0) return withdraw(state, mailboxId, event);
  if (event.type === "occurrence" || event.type === "exception") {
    return dropOccurrence(state, mailboxId, event, [], undefined);
  }
  removeEvent(state, mailboxId, event);
}
