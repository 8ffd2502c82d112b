import type { JournalDocumentKind } from "@modeklar/shared";
import { journalMail } from "../outbox/causes";
import type { Outbox } from "../outbox/outbox";
import type { JournalSubjectKind } from "../store/journal";

/** One document to file: its stable key and kind (and, for material received, the mail). */
export interface JournalDocumentRef {
  documentKey: string;
  kind: JournalDocumentKind;
  messageId?: string;
}

export interface JournaliseRequest {
  mailbox: string;
  subjectKind: JournalSubjectKind;
  subjectId: string;
  documents: readonly JournalDocumentRef[];
  caseNumber: string;
  /** Who journalises (shown in the journal and on the list). */
  requestedBy: string;
  /** A private meeting is filed only by the secretary's explicit choice. */
  includePrivate?: boolean;
}

export const inquiryDocuments = (inquiry: {
  id: string;
  answerMessageId: string | null;
}): JournalDocumentRef[] => [
  { documentKey: `inquiry:${inquiry.id}:inquiry`, kind: "inquiry" },
  ...(inquiry.answerMessageId
    ? [{ documentKey: `inquiry:${inquiry.id}:answer`, kind: "answer" as const }]
    : []),
];

/**
 * A meeting's documents: its invitation, each mail of material received, and the weekly
 * meeting's decisions as they stand (a later decision makes minutes not yet journalised).
 */
export function meetingDocuments(
  eventId: string,
  materialMessageIds: readonly string[],
  lastMinuteId: string | null,
): JournalDocumentRef[] {
  return [
    { documentKey: `meeting:${eventId}:invitation`, kind: "invitation" },
    ...materialMessageIds.map((messageId) => ({
      documentKey: `meeting:${eventId}:material:${messageId}`,
      kind: "material" as const,
      messageId,
    })),
    ...(lastMinuteId
      ? [{ documentKey: `meeting:${eventId}:minutes:${lastMinuteId}`, kind: "minutes" as const }]
      : []),
  ];
}

/**
 * Files the documents in the case: in one transaction each document not yet journalised (nor
 * on its way) gets its filing and the outbox mail that carries it, then the outbox sends them,
 * each exactly once. `also` runs in the same transaction (the inquiry keeps its case number).
 * Returns the keys of the documents newly asked for.
 */
export function journalise(
  outbox: Outbox,
  request: JournaliseRequest,
  also?: (tx: Parameters<Parameters<Outbox["decide"]>[0]>[0]) => Promise<void>,
): Promise<string[]> {
  return outbox.decide(async (tx, owe) => {
    const filed: string[] = [];
    for (const document of request.documents) {
      const existing = await tx.journal.filing(document.documentKey);
      if (existing && existing.state !== "failed") continue;
      const { mail } = await owe(
        journalMail(
          request.mailbox,
          {
            documentKey: document.documentKey,
            subjectKind: request.subjectKind,
            subjectId: request.subjectId,
            kind: document.kind,
            caseNumber: request.caseNumber,
            requestedBy: request.requestedBy,
            ...(document.messageId ? { messageId: document.messageId } : {}),
            includePrivate: request.includePrivate ?? false,
          },
          existing?.outboxId,
        ),
      );
      if (
        await tx.journal.record({
          documentKey: document.documentKey,
          mailbox: request.mailbox,
          subjectKind: request.subjectKind,
          subjectId: request.subjectId,
          kind: document.kind,
          caseNumber: request.caseNumber,
          requestedBy: request.requestedBy,
          outboxId: mail.id,
        })
      )
        filed.push(document.documentKey);
    }
    await also?.(tx);
    return filed;
  });
}
