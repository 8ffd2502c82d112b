import { z } from "zod";

/** Where the case number goes in the journal mailbox's subject tag, e.g. `[Sag {journalnummer}]`. */
export const CASE_NUMBER_PLACEHOLDER = "{journalnummer}";

/**
 * The tag the case system reads the case number from in a mail's subject (F2 and other ESDH
 * systems file a journal mailbox's mail by a tag like `[Sag 00.01.00-A00-1-24]`).
 */
export const SubjectTagSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((tag) => tag.split(CASE_NUMBER_PLACEHOLDER).length === 2, {
    message: "validation.subjectTag",
  });

export const DEFAULT_SUBJECT_TAG = "[Sag {journalnummer}]";

/** The tag with the case number filled in. */
export function subjectTag(template: string, caseNumber: string): string {
  return template.replace(CASE_NUMBER_PLACEHOLDER, caseNumber);
}

/**
 * The subject a journalised item carries: the tag, then the item's own subject. A subject that
 * already carries the tag (an answer quoting the tagged inquiry) gets it once.
 */
export function taggedSubject(template: string, caseNumber: string, subject: string): string {
  const tag = subjectTag(template, caseNumber);
  const own = subject.trim();
  if (own.includes(tag)) return own;
  return own ? `${tag} ${own}` : tag;
}
