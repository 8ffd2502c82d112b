import type { MeetingPlan } from "@modeklar/shared";
import { heldDocuments, type MeetingDocumentSources } from "../journal/meeting-documents";
import type { JournalStore } from "../store/journal";
import type { InquiryRecord, InquiryStore, MeetingRequestLinks, MeetingSnapshots } from "../store/reconcile";
import type { MirrorItem, MirrorStore } from "../store/types";
import type { DeadlineSources } from "./deadlines";
import type { MeetingSnapshot } from "./follow-ups";
import type { ReconcileSettings } from "./settings";

/** Rows the scan for flagged mail reads at a time. */
const SCAN_BATCH = 500;
/** How far ahead the deadline list looks: beyond the mirror's window, so every mirrored meeting ahead. */
const DEADLINE_HORIZON_MS = 400 * 86_400_000;
/** How far back the journal looks for meetings held: beyond the mirror's window, so every mirrored meeting held. */
const HELD_HORIZON_MS = 400 * 86_400_000;

/** Journalising, when a journal is configured: what is not journalised in time is on the deadline list. */
export interface DeadlineJournal {
  store: JournalStore;
  dueWorkingDays: number;
  documents?: MeetingDocumentSources;
}

export interface DeadlineReading {
  mirror: MirrorStore;
  store: InquiryStore & MeetingRequestLinks & MeetingSnapshots;
  mailbox: string;
  now: Date;
  settings: () => Promise<ReconcileSettings>;
  journal?: DeadlineJournal;
}

/**
 * What the deadline list is made from: meetings still ahead (a range of the mirror), flagged
 * mail, the mailbox's inquiries, and with a journal what is not journalised in time (inquiries,
 * meetings held).
 */
export async function readDeadlineSources(
  reading: DeadlineReading,
): Promise<Omit<DeadlineSources, "shownTo">> {
  const { mirror, store, mailbox, now, journal } = reading;
  const ahead = { from: now.toISOString(), to: new Date(now.getTime() + DEADLINE_HORIZON_MS).toISOString() };
  const heldRange = { from: new Date(now.getTime() - HELD_HORIZON_MS).toISOString(), to: now.toISOString() };
  const [events, messages, inquiries, links, settings, held] = await Promise.all([
    mirror.listEventsInRange(mailbox, ahead),
    flaggedMail(mirror, mailbox),
    store.listInquiries(),
    store.meetingRequestLinks(mailbox),
    reading.settings(),
    journal ? mirror.listEventsInRange(mailbox, heldRange) : Promise.resolve([]),
  ]);
  const plans = await plansOf(store, mailbox, [...events, ...held]);
  const own = inquiries.filter((i) => i.mailbox === mailbox);
  return {
    mailbox,
    events,
    messages,
    plans,
    inquiries: own,
    links,
    settings,
    now,
    ...(journal ? { journal: await journalSources(journal, mailbox, own, held, plans) } : {}),
  };
}

async function flaggedMail(mirror: MirrorStore, mailbox: string): Promise<MirrorItem[]> {
  const found: MirrorItem[] = [];
  for await (const message of mirror.scanItems(mailbox, "messages", { batchSize: SCAN_BATCH })) {
    const flag = message.data["flag"] as { flagStatus?: string } | undefined;
    if (flag?.flagStatus === "flagged") found.push(message);
  }
  return found;
}

/** Each meeting's plan as reconcile last saw it (its snapshot). */
async function plansOf(
  store: MeetingSnapshots,
  mailbox: string,
  events: MirrorItem[],
): Promise<Map<string, MeetingPlan>> {
  const snapshots = await store.meetingSnapshotsOf(
    mailbox,
    events.map((e) => e.id),
  );
  const plans = new Map<string, MeetingPlan>();
  for (const [id, snapshot] of snapshots) {
    const plan = (snapshot as MeetingSnapshot).plan;
    if (plan) plans.set(id, plan);
  }
  return plans;
}

/** The filings of the inquiries and of the meetings held, and the held meetings' documents. */
async function journalSources(
  journal: DeadlineJournal,
  mailbox: string,
  inquiries: InquiryRecord[],
  held: MirrorItem[],
  plans: Map<string, MeetingPlan>,
): Promise<NonNullable<DeadlineSources["journal"]>> {
  return {
    filings: [
      ...(await journal.store.filingsOf(
        mailbox,
        "inquiry",
        inquiries.map((i) => i.id),
      )),
      ...(await journal.store.filingsOf(
        mailbox,
        "meeting",
        held.map((e) => e.id),
      )),
    ],
    dueWorkingDays: journal.dueWorkingDays,
    held,
    ...(journal.documents ? { documents: await heldDocuments(journal.documents, mailbox, held, plans) } : {}),
  };
}
