import { z } from "zod";

/**
 * A municipal case number (journalnummer) in the KL style used by most ESDH systems:
 * KLE subject code, handling facet (letter + two digits), serial number and year,
 * e.g. "00.01.00-A00-1-24". Municipalities with another format set their own pattern.
 */
export const DEFAULT_CASE_NUMBER_PATTERN = "^\\d{2}\\.\\d{2}\\.\\d{2}-[A-ZÆØÅ]\\d{2}-\\d{1,6}-\\d{2}$";

/** KLE subject code (emnenummer): main group, group and subject, "00.01.00". */
export const KLE_PATTERN = /^\d{2}\.\d{2}\.\d{2}$/;

export const KleCodeSchema = z.string().regex(KLE_PATTERN, { message: "validation.kle" });

export const JournalSettingsSchema = z.object({
  caseNumberPattern: z
    .string()
    .max(200)
    .refine(isRegExpSource, { message: "validation.casePattern" })
    .default(DEFAULT_CASE_NUMBER_PATTERN),
});
export type JournalSettings = z.infer<typeof JournalSettingsSchema>;

/** A case number pattern as the municipality typed it: a regular expression (Unicode mode) or not. */
export function isRegExpSource(source: string): boolean {
  try {
    new RegExp(source, "u");
    return true;
  } catch {
    return false;
  }
}

export function isValidCaseNumber(caseNumber: string, pattern = DEFAULT_CASE_NUMBER_PATTERN): boolean {
  return new RegExp(pattern, "u").test(caseNumber.trim());
}

/** The KLE code a KL-style case number starts with, to prefill the subject code. */
export function kleOfCaseNumber(caseNumber: string): string | undefined {
  const head = caseNumber.trim().slice(0, 8);
  return KLE_PATTERN.test(head) ? head : undefined;
}
