import { z } from "zod";
import { JournalDocumentKindSchema, JournalRecordSchema, JournalStateSchema } from "../journal/status";
import { InstantSchema } from "./common";

/** The municipality's case number form, for the pages to check a number and show the form expected. */
export const CaseNumberFormatViewSchema = z.object({ pattern: z.string(), example: z.string() });

export const CaseNumberSuggestionSchema = z.object({
  caseNumber: z.string(),
  reason: z.enum(["sameSender", "sameWords"]),
  words: z.array(z.string()),
});

/** One document filed (or to be filed) in the case system, with its journal state. */
export const JournalDocumentSchema = JournalRecordSchema.extend({
  key: z.string(),
  kind: JournalDocumentKindSchema,
  /** The document as the reader may see it: the mail's subject, or the meeting's as the policy shows it. */
  title: z.string(),
});
export type JournalDocument = z.infer<typeof JournalDocumentSchema>;

/** Where an inquiry or a meeting stands with the journal: every document, and the state they add up to. */
export const JournalOverviewSchema = z.object({
  state: JournalStateSchema,
  documents: z.array(JournalDocumentSchema),
  /** By when what is not journalised must be (N working days after it arrived, was answered or was held). */
  due: InstantSchema.nullable(),
  /** Past `due` and not journalised: on the deadline list as "mangler journalisering". */
  missing: z.boolean(),
});
export type JournalOverview = z.infer<typeof JournalOverviewSchema>;

export const INQUIRY_STATUSES = ["received", "forwarded", "answered", "closed"] as const;

export const InquirySchema = z.object({
  id: z.string(),
  messageId: z.string(),
  fromAddress: z.string(),
  fromName: z.string(),
  subject: z.string(),
  receivedAt: InstantSchema,
  dueAt: InstantSchema,
  department: z.string().nullable(),
  departmentSource: z.string().nullable(),
  status: z.enum(INQUIRY_STATUSES),
  caseNumber: z.string().nullable(),
  forwardedAt: InstantSchema.nullable(),
  answeredAt: InstantSchema.nullable(),
  /** Who answered: the reply's sender (from Sent Items), or the person who marked it answered. */
  answeredBy: z.string().nullable(),
  updatedBy: z.string(),
  updatedAt: InstantSchema,
  journal: JournalOverviewSchema,
  /** Case numbers from earlier inquiries by the same sender or about the same thing. */
  suggestions: z.array(CaseNumberSuggestionSchema),
});
export type Inquiry = z.infer<typeof InquirySchema>;

export const InquiriesResponseSchema = z.object({
  inquiries: z.array(InquirySchema),
  caseNumberFormat: CaseNumberFormatViewSchema,
});
export type InquiriesResponse = z.infer<typeof InquiriesResponseSchema>;

/** Journalise the inquiry, and its answer when there is one, to this case. */
export const InquiryJournalRequestSchema = z.strictObject({ caseNumber: z.string().max(100) });

/** A meeting's journal: its invitation with the agenda, the material received and the weekly meeting's decisions. */
export const MeetingJournalSchema = z.object({
  meetingId: z.string(),
  subject: z.string(),
  isPrivate: z.boolean(),
  /** The case number in the meeting's plan (the task pane's journal step), if one is set. */
  caseNumber: z.string().nullable(),
  journal: JournalOverviewSchema,
  caseNumberFormat: CaseNumberFormatViewSchema,
});
export type MeetingJournal = z.infer<typeof MeetingJournalSchema>;

/**
 * Journalise the meeting to this case. A private meeting is journalised only with
 * `includePrivate: true`: the secretary's explicit choice, which the audit log records.
 */
export const MeetingJournalRequestSchema = z.strictObject({
  caseNumber: z.string().max(100),
  includePrivate: z.boolean().default(false),
});
export type MeetingJournalRequest = z.input<typeof MeetingJournalRequestSchema>;
