import {
  suggestCaseNumbers,
  type CalendarConfig,
  type CaseNumberFormat,
  type Inquiry,
} from "@modeklar/shared";
import type { JournalStore } from "../store/journal";
import type { InquiryRecord } from "../store/reconcile";
import { inquiryDocumentsDue, journalOverview } from "./overview";

export interface JournalSettings {
  /** The journal mailbox; null when none is configured (nothing can be journalised then). */
  mailbox: string | null;
  caseNumberFormat: CaseNumberFormat;
  dueWorkingDays: number;
}

/** How inquiries are shown with their journal: each one's state and case numbers worth suggesting. */
export interface InquiryJournal {
  settings: JournalSettings;
  views(records: readonly InquiryRecord[]): Promise<Inquiry[]>;
}

export function inquiryJournal(deps: {
  journal: JournalStore;
  /** Every inquiry (those with a case number are what suggestions are drawn from). */
  allInquiries: () => Promise<InquiryRecord[]>;
  settings: JournalSettings;
  calendar: () => Promise<CalendarConfig>;
  now: () => Date;
}): InquiryJournal {
  return {
    settings: deps.settings,
    async views(records) {
      if (records.length === 0) return [];
      const mailboxes = [...new Set(records.map((r) => r.mailbox))];
      const [filings, all, calendar] = await Promise.all([
        Promise.all(
          mailboxes.map((mailbox) =>
            deps.journal.filingsOf(
              mailbox,
              "inquiry",
              records.filter((r) => r.mailbox === mailbox).map((r) => r.id),
            ),
          ),
        ).then((lists) => lists.flat()),
        deps.allInquiries(),
        deps.calendar(),
      ]);
      const now = deps.now();
      return records.map((record) => {
        const {
          mailbox: _mailbox,
          conversationId: _conversation,
          internetMessageId: _internetMessageId,
          answerMessageId: _answerMessageId,
          answerInternetMessageId: _answerInternetMessageId,
          ...rest
        } = record;
        const earlier = all.flatMap((other) =>
          other.id !== record.id && other.caseNumber
            ? [
                {
                  fromAddress: other.fromAddress,
                  subject: other.subject,
                  caseNumber: other.caseNumber,
                  receivedAt: other.receivedAt,
                },
              ]
            : [],
        );
        return {
          ...rest,
          journal: journalOverview(
            inquiryDocumentsDue(record),
            filings.filter((f) => f.subjectId === record.id),
            deps.settings.dueWorkingDays,
            now,
            calendar,
          ),
          suggestions: record.caseNumber ? [] : suggestCaseNumbers(record, earlier),
        };
      });
    },
  };
}
