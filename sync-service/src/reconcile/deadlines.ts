import {
  cateringCutoff,
  danishDateTime,
  guestListDue,
  invitationAnswerDue,
  isPrivateMeeting,
  meetingNeedsJournal,
  materialDue,
  sortDeadlines,
  t,
  withSeverity,
  type Deadline,
  type Locale,
  type MeetingPlan,
  type MeetingViewer,
} from "@modeklar/shared";
import { DateTime } from "luxon";
import type { MailboxGateway } from "../graph";
import type { MeetingDocuments } from "../journal/meeting-documents";
import { inquiryDocumentsDue, journalOverview, meetingDocumentsDue } from "../journal/overview";
import type { JournalFiling } from "../store/journal";
import type { InquiryRecord, OnceClaims } from "../store/reconcile";
import type { MirrorItem } from "../store/types";
import { etagOf, isMeetingRequest, meetingFacts } from "./items";
import type { ReconcileSettings } from "./settings";

export type DeadlineEntry = Deadline & {
  /** The mail a reminder flag goes on: the meeting request or the inquiry, when there is one. */
  messageId?: string;
};

export interface DeadlineSources {
  mailbox: string;
  events: MirrorItem[];
  messages: MirrorItem[];
  /** The plan of each meeting, as far as reconcile has seen it. */
  plans: Map<string, MeetingPlan>;
  inquiries: InquiryRecord[];
  /** Meeting request → event. */
  links: Map<string, string | null>;
  settings: ReconcileSettings;
  now: Date;
  /**
   * When a journal is configured: the filings of the inquiries and of the meetings held (`held`,
   * their plans in `plans`). An inquiry or its answer, or a held meeting with a case, not
   * journalised N working days after is "mangler journalisering". A meeting's material received and
   * the weekly meeting's decisions about it (`documents`, by meeting) count with its invitation.
   */
  journal?: {
    filings: readonly JournalFiling[];
    dueWorkingDays: number;
    held?: readonly MirrorItem[];
    documents?: ReadonlyMap<string, MeetingDocuments>;
  };
  /**
   * Who the list is for, when it leaves the mayor's mailbox: each meeting's title is then the
   * subject the privacy policy shows them, and a meeting's plan deadlines only if they see its plan.
   */
  shownTo?: { viewer: MeetingViewer; language: Locale };
}

const open = (state: string) => state === "todo";

/** Where each kind of deadline is added: titled as the reader may see it, with its severity now. */
interface Listing {
  add(entry: Omit<DeadlineEntry, "severity">): void;
  /** The subject as the list's reader may see it (the mailbox's own list: as it is). */
  shown(data: Record<string, unknown>, subject: string): string;
}

type JournalSources = NonNullable<DeadlineSources["journal"]>;

/**
 * The one list of what is due: invitations to answer, catering cut-offs per kitchen,
 * material and guest lists for the coming meetings, flagged mail and inquiries, in
 * Danish working days; past meetings and done steps drop out.
 */
export function deadlineList(sources: DeadlineSources): DeadlineEntry[] {
  const nowIso = sources.now.toISOString();
  const entries: DeadlineEntry[] = [];
  const { shownTo } = sources;
  const listing: Listing = {
    add: (entry) =>
      entries.push({
        ...withSeverity(entry, nowIso, sources.settings.calendar),
        ...(entry.messageId ? { messageId: entry.messageId } : {}),
      }),
    shown: (data, subject) => (shownTo ? shownTo.viewer(data).subject(subject, shownTo.language) : subject),
  };
  meetingDeadlines(sources, listing);
  flaggedMailDeadlines(sources, listing);
  inquiryReplyDeadlines(sources, listing);
  if (sources.journal) {
    inquiryJournalDeadlines(sources, sources.journal, listing);
    meetingJournalDeadlines(sources, sources.journal, listing);
  }
  return sortDeadlines(entries);
}

/** The meetings ahead: the invitation to answer, and the plan's open steps where the reader sees the plan. */
function meetingDeadlines(sources: DeadlineSources, listing: Listing): void {
  const { mailbox, settings } = sources;
  const calendar = settings.calendar;
  const nowIso = sources.now.toISOString();
  const requestOf = new Map<string, string>();
  for (const [messageId, eventId] of sources.links) if (eventId) requestOf.set(eventId, messageId);
  for (const event of sources.events) {
    const facts = meetingFacts(event.id, event.data);
    if (!facts.start || facts.isCancelled || Date.parse(facts.start) <= sources.now.getTime()) continue;
    const view = sources.shownTo?.viewer(event.data);
    const base = { title: listing.shown(event.data, facts.subject), itemId: event.id, mailbox };
    if (facts.attendance === "pending") {
      const messageId = requestOf.get(event.id);
      listing.add({
        ...base,
        kind: "invitationAnswer",
        due: invitationAnswerDue(facts.start, facts.received ?? nowIso, undefined, calendar),
        ...(messageId ? { messageId } : {}),
      });
    }
    const plan = sources.plans.get(event.id);
    if (!plan || (view && !view.sees("plan"))) continue;
    planDeadlines(plan, facts.start, base, settings, listing);
  }
}

/** A coming meeting's open steps: catering cut-off, material, guest list. */
function planDeadlines(
  plan: MeetingPlan,
  start: string,
  base: Pick<DeadlineEntry, "title" | "itemId" | "mailbox">,
  settings: ReconcileSettings,
  listing: Listing,
): void {
  const calendar = settings.calendar;
  if (open(plan.catering.state)) {
    const kitchen = settings.kitchens.find((k) => k.id === plan.catering.kitchenId) ?? settings.kitchens[0];
    if (kitchen)
      listing.add({ ...base, kind: "cateringCutoff", due: cateringCutoff(start, kitchen, calendar) });
  }
  if (open(plan.material.state) || plan.material.state === "ordered") {
    listing.add({
      ...base,
      kind: "materialDue",
      due: materialDue(start, plan.material.workingDaysBefore, "12:00", calendar),
    });
  }
  if (open(plan.reception.state)) {
    listing.add({ ...base, kind: "guestListDue", due: guestListDue(start, settings.guestList, calendar) });
  }
}

/** Mail flagged with a due date, other than meeting requests and inquiries (which have their own). */
function flaggedMailDeadlines(sources: DeadlineSources, listing: Listing): void {
  for (const message of sources.messages) {
    const flag = message.data["flag"] as
      { flagStatus?: string; dueDateTime?: { dateTime?: string; timeZone?: string } } | undefined;
    if (flag?.flagStatus !== "flagged" || !flag.dueDateTime?.dateTime || isMeetingRequest(message.data))
      continue;
    if (sources.inquiries.some((i) => i.messageId === message.id)) continue;
    const due = DateTime.fromISO(flag.dueDateTime.dateTime, { zone: flag.dueDateTime.timeZone ?? "UTC" });
    if (!due.isValid) continue;
    listing.add({
      kind: "flaggedMail",
      due: due.toUTC().toISO() as string,
      title: listing.shown(
        message.data,
        typeof message.data["subject"] === "string" ? message.data["subject"] : "",
      ),
      itemId: message.id,
      mailbox: sources.mailbox,
      messageId: message.id,
    });
  }
}

/** Open inquiries: the reply owed. */
function inquiryReplyDeadlines(sources: DeadlineSources, listing: Listing): void {
  for (const inquiry of sources.inquiries) {
    if (inquiry.status !== "received" && inquiry.status !== "forwarded") continue;
    listing.add({
      kind: "inquiryReply",
      due: inquiry.dueAt,
      title: inquiry.subject,
      itemId: inquiry.messageId,
      mailbox: inquiry.mailbox,
      messageId: inquiry.messageId,
    });
  }
}

/** "Mangler journalisering" for what these documents are about, when some are missing past their working days. */
function addIfJournalMissing(
  listing: Listing,
  about: Pick<DeadlineEntry, "title" | "itemId" | "mailbox">,
  documents: Parameters<typeof journalOverview>[0],
  filings: readonly JournalFiling[],
  { journal, sources }: { journal: JournalSources; sources: DeadlineSources },
): void {
  const overview = journalOverview(
    documents,
    filings,
    journal.dueWorkingDays,
    sources.now,
    sources.settings.calendar,
  );
  if (overview.missing && overview.due) listing.add({ kind: "journalMissing", due: overview.due, ...about });
}

/** An inquiry or its answer not journalised in time. */
function inquiryJournalDeadlines(sources: DeadlineSources, journal: JournalSources, listing: Listing): void {
  for (const inquiry of sources.inquiries) {
    addIfJournalMissing(
      listing,
      { title: inquiry.subject, itemId: inquiry.messageId, mailbox: inquiry.mailbox },
      inquiryDocumentsDue(inquiry),
      journal.filings.filter((f) => f.subjectKind === "inquiry" && f.subjectId === inquiry.id),
      { journal, sources },
    );
  }
}

/** A meeting held with a case whose documents (invitation, material, decisions) are not journalised in time. */
function meetingJournalDeadlines(sources: DeadlineSources, journal: JournalSources, listing: Listing): void {
  for (const event of journal.held ?? []) {
    const plan = sources.plans.get(event.id);
    const view = sources.shownTo?.viewer(event.data);
    if (!plan || (view && !view.sees("plan"))) continue;
    const facts = meetingFacts(event.id, event.data);
    const own = journal.filings.filter((f) => f.subjectKind === "meeting" && f.subjectId === event.id);
    const needs = meetingNeedsJournal(
      {
        end: facts.end,
        isCancelled: facts.isCancelled,
        isPrivate: isPrivateMeeting(event.data),
        journal: plan.journal,
        filedBefore: own.length > 0,
      },
      sources.now,
    );
    if (!needs || !facts.end) continue;
    const title = listing.shown(event.data, facts.subject);
    const { material, minutes } = journal.documents?.get(event.id) ?? { material: [], minutes: [] };
    addIfJournalMissing(
      listing,
      { title, itemId: event.id, mailbox: sources.mailbox },
      meetingDocumentsDue({ id: event.id, title, end: facts.end }, material, minutes),
      own,
      { journal, sources },
    );
  }
}

/** Graph's flag with a due date, in the municipality's zone as Outlook shows it. */
export function flagFor(due: string, now: Date, timeZone: string) {
  const dateTime = (iso: string) => DateTime.fromISO(iso).setZone(timeZone).toFormat("yyyy-LL-dd'T'HH:mm:ss");
  const start = Date.parse(due) < now.getTime() ? due : now.toISOString();
  return {
    flagStatus: "flagged",
    startDateTime: { dateTime: dateTime(start), timeZone },
    dueDateTime: { dateTime: dateTime(due), timeZone },
  };
}

/**
 * Reminders: the related mail in the mayor's mailbox gets a flag due at the deadline,
 * once per mail and due time (claimed in the store), with If-Match.
 */
export async function setReminderFlags(
  deadlines: DeadlineEntry[],
  messages: Map<string, MirrorItem>,
  store: OnceClaims,
  gateway: MailboxGateway,
  now: Date,
  timeZone: string,
): Promise<number> {
  const patches = [];
  const keys: string[] = [];
  for (const deadline of deadlines) {
    const message = deadline.messageId ? messages.get(deadline.messageId) : undefined;
    if (!message || deadline.kind === "flaggedMail") continue;
    const etag = etagOf(message);
    if (!etag) continue;
    const key = `flag:${deadline.mailbox}:${message.id}:${deadline.due}`;
    if (!(await store.claimOnce(key, { kind: deadline.kind }))) continue;
    keys.push(key);
    patches.push({
      mailbox: deadline.mailbox,
      kind: "messages" as const,
      id: message.id,
      etag,
      patch: { flag: flagFor(deadline.due, now, timeZone) },
    });
  }
  if (patches.length === 0) return 0;
  const results = await gateway.patchItems(patches);
  let written = 0;
  for (const [i, result] of results.entries()) {
    if (result.outcome === "applied") written += 1;
    // A 412 or failure: the flag is set again on a later round from the fresh item.
    else if (result.outcome !== "gone") await store.releaseOnce(keys[i] as string);
  }
  return written;
}

/** The morning digest: every deadline, overdue first, as plain text. */
export function digestText(deadlines: DeadlineEntry[], timeZone: string): string {
  if (deadlines.length === 0) return "Borgmesteren har ingen frister i dag.";
  const lines = deadlines.map((d) => {
    const due = danishDateTime(d.due, { year: false, zone: timeZone });
    return `${t("da", `severity.${d.severity}`)}: ${t("da", `deadline.${d.kind}`)} – ${d.title} (frist ${due})`;
  });
  return ["Borgmesterens frister:", "", ...lines].join("\n");
}
