import type { GraphItem } from "./gateway";

/**
 * What Mødeklar reads of the mayor's events and mail, each field with the features that need
 * it: nothing else is asked of Graph (`$select`) or kept in the mirror. The README's table of
 * fields is drawn from these lists and checked against them.
 */
export type FieldUses = Readonly<Record<string, string>>;

/** Every event field the service reads. Graph's calendarView delta takes no `$select`: its items are cut to these on arrival. */
export const EVENT_FIELDS = {
  changeKey: "noticing a change; write-back with If-Match",
  subject: "the pages, priority rules, conflicts, orders and notices (as the privacy policy allows)",
  bodyPreview:
    "priority rules' words in the text, and the planners' view (Graph's first 255 characters; the body itself is never read)",
  start: "every page, deadline, conflict, order and notice",
  end: "every page, conflict and notice",
  isAllDay: "the pages, conflicts and the calendar file",
  location: "the pages, travel time, orders and notices",
  organizer: "priority rules, the pages' host",
  attendees: "priority rules (who takes part), the planners' view",
  sensitivity: "the privacy policy: is it private now",
  isCancelled: "follow-up notices, pages and deadlines leave it out",
  showAs: "conflicts (free time is no conflict)",
  categories: "priority write-back (the class's category) and rules",
  importance: "priority write-back",
  seriesMasterId: "priority of a series and its pins",
  type: "priority of a series (occurrence or master)",
  iCalUId: "the calendar file's UID and series rules",
  responseStatus: "the mayor's answer (pending, accepted, declined)",
  isOrganizer: "the mayor's own meetings need no answer",
  responseRequested: "invitations awaiting an answer",
  createdDateTime: "when an answer is due",
  lastModifiedDateTime: "the phone: answered since the meeting last changed",
} as const satisfies FieldUses;

/** Expanded (never selected) when one meeting is read with its plan. */
export const EXPANDED_EVENT_FIELDS = {
  singleValueExtendedProperties:
    "the meeting's plan, kept there by the task pane (only the add-in's own property)",
} as const satisfies FieldUses;

/**
 * Read of one meeting only when the secretary journalises it: the invitation's text is its
 * agenda, filed in the case with the meeting (never kept in the mirror).
 */
export const JOURNAL_EVENT_FIELDS = {
  body: "journalising a meeting: the agenda in the invitation, sent to the journal mailbox (never kept)",
} as const satisfies FieldUses;

/**
 * Every inbox field the service reads. The body is never asked for: rules and inquiries read
 * Graph's bounded preview. Meeting requests are told by their `@odata.type`, which Graph always sends.
 */
export const INBOX_FIELDS = {
  changeKey: "noticing a change; write-back with If-Match",
  subject: "inquiries, priority of meeting requests, the deadline list",
  bodyPreview: "routing an inquiry and priority rules' words (Graph's first 255 characters)",
  from: "inquiries (who asks), priority rules, inside or outside the organisation",
  sender: "the same, when a delegate sent it",
  toRecipients: "priority rules (who else is asked)",
  ccRecipients: "priority rules (who else is asked)",
  receivedDateTime: "an inquiry's reply deadline",
  conversationId: "which inquiry a reply answers",
  internetMessageId: "the inquiry's mail, for the journal",
  categories: "priority write-back",
  importance: "priority write-back",
  flag: "reminders and the deadline list",
} as const satisfies FieldUses;

/**
 * What Sent Items are read for, and nothing more (no subject, no body). Graph returns
 * internetMessageHeaders only when `$select`ed; the mirror keeps In-Reply-To and References of them.
 */
export const SENT_ITEM_FIELDS = {
  changeKey: "noticing a change",
  conversationId: "which inquiry a reply answers",
  internetMessageHeaders: "In-Reply-To and References: which inquiry a reply answers",
  internetMessageId: "the answer's own id, kept for the journal",
  sentDateTime: "when an inquiry was answered",
  sender: "who answered (a delegate sends as sender on the mayor's behalf)",
  from: "who answered",
  toRecipients: "to the citizen: an answer; to a department: forwarded",
  ccRecipients: "to the citizen: an answer; to a department: forwarded",
} as const satisfies FieldUses;

/** Graph's annotations a kept item carries besides its fields: its id, version and type. */
const ANNOTATIONS = ["id", "@odata.etag", "@odata.type"];

/** An item cut to `fields`: what Graph sent beyond them never reaches the mirror. */
export function onlyFields(fields: FieldUses): (item: GraphItem) => GraphItem {
  const kept = new Set([...ANNOTATIONS, ...Object.keys(fields)]);
  return (item) => Object.fromEntries(Object.entries(item).filter(([key]) => kept.has(key))) as GraphItem;
}

/** `$select=` for a list of fields. */
export const selectOf = (fields: FieldUses): string => `$select=${Object.keys(fields).join(",")}`;

/** Which feature reads which field, as the README shows it (fields.test.ts keeps them equal). */
export function fieldsMarkdown(): string {
  const lists: [string, FieldUses][] = [
    ["event", { ...EVENT_FIELDS, ...EXPANDED_EVENT_FIELDS, ...JOURNAL_EVENT_FIELDS }],
    ["inbox mail", INBOX_FIELDS],
    ["sent mail", SENT_ITEM_FIELDS],
  ];
  const rows = lists.flatMap(([item, fields]) =>
    Object.entries(fields).map(([field, use]) => `| ${item} | \`${field}\` | ${use} |`),
  );
  return ["| item | field | read for |", "| --- | --- | --- |", ...rows].join("\n");
}
