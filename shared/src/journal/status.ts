import { z } from "zod";

/**
 * What is journalised (filed in the case system): an inquiry and the answer sent to it; a
 * meeting's invitation (with its agenda text), the material received for it and the minutes
 * of the weekly meeting's decisions about it.
 */
export const JOURNAL_DOCUMENTS = ["inquiry", "answer", "invitation", "material", "minutes"] as const;
export const JournalDocumentKindSchema = z.enum(JOURNAL_DOCUMENTS);
export type JournalDocumentKind = z.infer<typeof JournalDocumentKindSchema>;

/**
 * ikke journaliseret; sendes til journal (queued, not yet confirmed sent); journaliseret; or
 * given up (the journal mailbox refused it for good).
 */
export const JOURNAL_STATES = ["notJournalised", "sending", "journalised", "failed"] as const;
export const JournalStateSchema = z.enum(JOURNAL_STATES);
export type JournalState = z.infer<typeof JournalStateSchema>;

const Instant = z.iso.datetime({ offset: true });

/** One document's journal state: when, by whom and to which case, once it was asked for. */
export const JournalRecordSchema = z.object({
  state: JournalStateSchema,
  caseNumber: z.string().nullable(),
  /** When the secretary journalised it (asked for it), and when it reached the journal mailbox. */
  requestedAt: Instant.nullable(),
  journalisedAt: Instant.nullable(),
  journalisedBy: z.string().nullable(),
});
export type JournalRecord = z.infer<typeof JournalRecordSchema>;

export const NOT_JOURNALISED: JournalRecord = {
  state: "notJournalised",
  caseNumber: null,
  requestedAt: null,
  journalisedAt: null,
  journalisedBy: null,
};

/**
 * The state of several documents seen as one (an inquiry with its answer, a meeting with its
 * material and minutes): journalised only when every one is; sending while any is on its way.
 */
export function overallState(states: readonly JournalState[]): JournalState {
  if (states.length === 0) return "notJournalised";
  if (states.includes("failed")) return "failed";
  if (states.every((s) => s === "journalised")) return "journalised";
  if (states.includes("sending")) return "sending";
  return "notJournalised";
}
