import { taggedSubject } from "@modeklar/shared";
import type { FileAttachment, MailboxGateway } from "../graph";

/**
 * One document filed in a case: a mail item as it is (forwarded whole, headers and files
 * intact), or a document the service writes (a meeting's invitation with its calendar file,
 * the weekly meeting's decisions).
 */
export type JournalFiling =
  | { file: "item"; messageId: string; subject: string }
  | { file: "document"; subject: string; body: string; attachments: FileAttachment[] };

/**
 * Where journalising goes: the case system. Today its journal mailbox (ESDH systems such as
 * F2 import a shared mailbox and file each mail by the case number in its subject); a case
 * system's API can take its place behind this interface. `journalId` is the filing's stable
 * id: after a crash, `findFiled` tells whether the filing reached the case before it is sent again.
 */
export interface JournalChannel {
  file(mailbox: string, caseNumber: string, filing: JournalFiling, journalId: string): Promise<void>;
  findFiled(mailbox: string, journalId: string): Promise<string | null>;
}

export interface JournalMailboxSettings {
  /** The case system's journal mailbox. */
  address: string;
  /** The subject tag the case system reads the case number from, e.g. `[Sag {journalnummer}]`. */
  subjectTag: string;
}

/**
 * The journal mailbox as the journal: an item is forwarded there from the mayor's mailbox
 * under the tagged subject (a forward draft, retitled, then sent); a document is mailed there
 * with its files. Both carry the journal id as the outbox's other mails do, so Sent Items
 * answers whether a filing left.
 */
export function journalMailbox(gateway: MailboxGateway, settings: JournalMailboxSettings): JournalChannel {
  return {
    async file(mailbox, caseNumber, filing, journalId) {
      const subject = taggedSubject(settings.subjectTag, caseNumber, filing.subject);
      if (filing.file === "item") {
        await gateway.forwardRetitled(mailbox, filing.messageId, {
          toRecipients: [settings.address],
          subject,
          outboxId: journalId,
        });
        return;
      }
      await gateway.sendMail(mailbox, {
        subject,
        body: { contentType: "text", content: filing.body },
        toRecipients: [settings.address],
        attachments: filing.attachments,
        outboxId: journalId,
      });
    },
    findFiled: (mailbox, journalId) => gateway.findSent(mailbox, journalId),
  };
}
