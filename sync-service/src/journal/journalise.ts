import { journalMail } from "../outbox/causes";
import type { Outbox } from "../outbox/outbox";
import type { JournalSubjectKind } from "../store/journal";
import type { DocumentDue } from "./overview";

export interface JournaliseRequest {
  mailbox: string;
  subjectKind: JournalSubjectKind;
  subjectId: string;
  documents: readonly DocumentDue[];
  caseNumber: string;
  /** Who journalises (shown in the journal and on the list). */
  requestedBy: string;
  /** A private meeting is filed only by the secretary's explicit choice. */
  includePrivate?: boolean;
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
      const existing = await tx.journal.filing(document.key);
      if (existing && existing.state !== "failed") continue;
      const { mail } = await owe(
        journalMail(
          request.mailbox,
          {
            documentKey: document.key,
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
          documentKey: document.key,
          mailbox: request.mailbox,
          subjectKind: request.subjectKind,
          subjectId: request.subjectId,
          kind: document.kind,
          caseNumber: request.caseNumber,
          requestedBy: request.requestedBy,
          outboxId: mail.id,
        })
      )
        filed.push(document.key);
    }
    await also?.(tx);
    return filed;
  });
}
