import {
  DEFAULT_CALENDAR,
  journalDue,
  NOT_JOURNALISED,
  overallState,
  type CalendarConfig,
  type JournalDocument,
  type JournalDocumentKind,
  type JournalOverview,
} from "@modeklar/shared";
import type { JournalFiling } from "../store/journal";
import type { InquiryRecord } from "../store/reconcile";

/** One document of an inquiry or a meeting, and since when it asks to be journalised. */
export interface DocumentDue {
  key: string;
  kind: JournalDocumentKind;
  title: string;
  /** When it arrived, was sent or was held: its journal deadline counts from here. */
  since: string;
  /** The mail filed, for material received. */
  messageId?: string;
}

/** What journalising asks of an inquiry: the mail itself, and the answer from Sent Items once answered. */
export function inquiryDocumentsDue(inquiry: InquiryRecord): DocumentDue[] {
  return [
    {
      key: `inquiry:${inquiry.id}:inquiry`,
      kind: "inquiry",
      title: inquiry.subject,
      since: inquiry.receivedAt,
    },
    ...(inquiry.answerMessageId
      ? [
          {
            key: `inquiry:${inquiry.id}:answer`,
            kind: "answer" as const,
            title: `SV: ${inquiry.subject}`,
            since: inquiry.answeredAt ?? inquiry.receivedAt,
          },
        ]
      : []),
  ];
}

/** A material mail received for a meeting (from the department it was ordered from). */
export interface MaterialMail {
  messageId: string;
  subject: string;
  receivedAt: string;
}

/**
 * What journalising asks of a meeting once held: its invitation with the agenda, each mail of
 * material received, and the weekly meeting's decisions as they stand (a later decision makes
 * minutes not yet journalised).
 */
export function meetingDocumentsDue(
  meeting: { id: string; title: string; end: string },
  material: readonly MaterialMail[],
  minutes: readonly { id: string; decidedAt: string }[],
): DocumentDue[] {
  const last = minutes.at(-1);
  return [
    { key: `meeting:${meeting.id}:invitation`, kind: "invitation", title: meeting.title, since: meeting.end },
    ...material.map((mail) => ({
      key: `meeting:${meeting.id}:material:${mail.messageId}`,
      kind: "material" as const,
      title: mail.subject,
      since: mail.receivedAt,
      messageId: mail.messageId,
    })),
    ...(last
      ? [
          {
            key: `meeting:${meeting.id}:minutes:${last.id}`,
            kind: "minutes" as const,
            title: meeting.title,
            since: last.decidedAt,
          },
        ]
      : []),
  ];
}

/**
 * Where documents stand with the journal: each one's state (when, by whom, which case), the
 * state they add up to, and by when what is not yet journalised must be: N working days after
 * the latest of them arrived. Past that it is "mangler journalisering". A filing on its way is
 * not missing; one the journal refused for good is.
 */
export function journalOverview(
  documents: readonly DocumentDue[],
  filings: readonly JournalFiling[],
  dueWorkingDays: number,
  now: Date,
  calendar: CalendarConfig = DEFAULT_CALENDAR,
): JournalOverview {
  const byKey = new Map(filings.map((f) => [f.documentKey, f]));
  const shown: JournalDocument[] = documents.map((document) => {
    const filing = byKey.get(document.key);
    return {
      key: document.key,
      kind: document.kind,
      title: document.title,
      ...(filing
        ? {
            state: filing.state,
            caseNumber: filing.caseNumber,
            requestedAt: filing.requestedAt,
            journalisedAt: filing.journalisedAt,
            journalisedBy: filing.requestedBy,
          }
        : NOT_JOURNALISED),
    };
  });
  const waiting = documents.filter((d) => {
    const state = byKey.get(d.key)?.state ?? "notJournalised";
    return state === "notJournalised" || state === "failed";
  });
  const latest = waiting
    .map((d) => d.since)
    .sort((a, b) => Date.parse(a) - Date.parse(b))
    .at(-1);
  const due = latest ? journalDue(latest, dueWorkingDays, calendar) : null;
  return {
    state: overallState(shown.map((d) => d.state)),
    documents: shown,
    due,
    missing: due !== null && Date.parse(due) < now.getTime(),
  };
}
