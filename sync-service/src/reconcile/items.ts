import {
  classify,
  type Attendance,
  type Classification,
  type ConflictMeeting,
  type MeetingPlan,
  type PriorityClass,
  type PriorityItem,
  type RuleSet,
} from "@modeklar/shared";
import {
  attendanceOf,
  attendeesOf,
  instantOf,
  isCancelled,
  locationOf,
  personOf,
  planOf,
  text,
} from "../mirror/events";
import type { MirrorItem } from "../store/types";

/** Reading mirrored Graph items as reconcile sees them. */

type Data = Record<string, unknown>;

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

export const categoriesOf = (data: Data): string[] => strings(data["categories"]);
export const importanceOf = (data: Data): string => text(data["importance"]) || "normal";
export const etagOf = (item: MirrorItem): string | null =>
  text(item.data["@odata.etag"]) || (item.changeKey ? `W/"${item.changeKey}"` : null);

/**
 * Meeting requests, cancellations and answers. Graph sends their type (eventMessage or its
 * derived eventMessageRequest and eventMessageResponse) even when `$select` names only message
 * properties, which is all the mirror asks for.
 */
export const isEventMessage = (data: Data) =>
  text(data["@odata.type"]).startsWith("#microsoft.graph.eventMessage");
export const isMeetingRequest = (data: Data) =>
  data["@odata.type"] === "#microsoft.graph.eventMessageRequest" ||
  (isEventMessage(data) && text(data["meetingMessageType"]) === "meetingRequest");

/** An event of the mayor's calendar as a thing to classify. */
export function eventAsPriorityItem(id: string, data: Data): PriorityItem {
  const organizer = personOf(data["organizer"]);
  const seriesMasterId = text(data["seriesMasterId"]);
  const iCalUId = text(data["iCalUId"]);
  return {
    id,
    subject: text(data["subject"]),
    body: text((data["body"] as Data | undefined)?.["content"]) || text(data["bodyPreview"]),
    ...(organizer ? { organizer: { address: organizer.address, name: organizer.name } } : {}),
    attendees: attendeesOf(data).map((a) => ({ address: a.address, name: a.name })),
    location: locationOf(data),
    categories: categoriesOf(data),
    ...(seriesMasterId ? { seriesMasterId } : {}),
    ...(iCalUId ? { iCalUId } : {}),
  };
}

/**
 * A meeting's class by the rules, as reconcile writes it and the pages show it: the
 * secretary's pin on the meeting, or on its series, over every rule.
 */
export function classifyMeeting(
  id: string,
  data: Data,
  ruleSet: RuleSet,
  pinOf: (itemId: string) => PriorityClass | undefined,
): Classification {
  const master = data["type"] === "occurrence" ? text(data["seriesMasterId"]) : "";
  const pin = pinOf(id) ?? (master ? pinOf(master) : undefined);
  return classify({ ...eventAsPriorityItem(id, data), ...(pin ? { pin: { class: pin } } : {}) }, ruleSet);
}

const recipients = (value: unknown) =>
  (Array.isArray(value) ? value : []).flatMap((entry) => {
    const person = personOf(entry);
    return person ? [{ address: person.address, name: person.name }] : [];
  });

/** A message (a meeting request without its event, or an inquiry) as a thing to classify or route. */
export function messageAsPriorityItem(id: string, data: Data): PriorityItem {
  const from = personOf(data["from"]) ?? personOf(data["sender"]);
  return {
    id,
    subject: text(data["subject"]),
    body: text((data["body"] as Data | undefined)?.["content"]) || text(data["bodyPreview"]),
    ...(from ? { organizer: { address: from.address, name: from.name } } : {}),
    attendees: [...recipients(data["toRecipients"]), ...recipients(data["ccRecipients"])],
    categories: categoriesOf(data),
  };
}

export interface MeetingFacts {
  id: string;
  subject: string;
  start: string | null;
  end: string | null;
  location: string;
  isCancelled: boolean;
  isAllDay: boolean;
  showAs: string;
  attendance: Attendance;
  /** Graph's response time for an answered invitation; the creation time otherwise. */
  received: string | null;
}

export function meetingFacts(id: string, data: Data): MeetingFacts {
  return {
    id,
    subject: text(data["subject"]),
    start: instantOf(data["start"]),
    end: instantOf(data["end"]),
    location: locationOf(data),
    isCancelled: isCancelled(data),
    isAllDay: data["isAllDay"] === true,
    showAs: text(data["showAs"]) || "busy",
    attendance: attendanceOf(data),
    received: text(data["createdDateTime"]) || null,
  };
}

export function asConflictMeeting(facts: MeetingFacts, priorityClass?: 1 | 2 | 3): ConflictMeeting | null {
  if (!facts.start || !facts.end || facts.isCancelled) return null;
  return {
    id: facts.id,
    subject: facts.subject,
    start: facts.start,
    end: facts.end,
    attendance: facts.attendance,
    location: facts.location,
    isAllDay: facts.isAllDay,
    showAs: facts.showAs as NonNullable<ConflictMeeting["showAs"]>,
    ...(priorityClass ? { priorityClass } : {}),
  };
}

export { planOf };
export type { MeetingPlan };
