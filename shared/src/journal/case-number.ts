import { z } from "zod";
import { DEFAULT_CASE_NUMBER_PATTERN, isRegExpSource, isValidCaseNumber } from "../plan/journal";

/**
 * The municipality's case number format (journalnummer): the pattern a number must match
 * and one number of that form, shown to whoever typed a number that does not match.
 */
export interface CaseNumberFormat {
  pattern: string;
  example: string;
}

/** KL's journal plan: KLE subject code, handling facet, serial number and year. */
export const KL_CASE_NUMBER_FORMAT: CaseNumberFormat = {
  pattern: DEFAULT_CASE_NUMBER_PATTERN,
  example: "00.01.00-A00-1-24",
};

/** A format whose example does not match its own pattern would teach the wrong form: refused. */
export const CaseNumberFormatSchema = z
  .object({ pattern: z.string().min(1).max(200), example: z.string().trim().min(1).max(40) })
  .refine((format) => isRegExpSource(format.pattern), {
    message: "validation.casePattern",
    path: ["pattern"],
  })
  .refine((format) => !isRegExpSource(format.pattern) || isValidCaseNumber(format.example, format.pattern), {
    message: "validation.caseExample",
    path: ["example"],
  });

/** A case number as typed (trimmed), when it has the municipality's form; null otherwise. */
export function caseNumberIn(value: string, format: CaseNumberFormat): string | null {
  const trimmed = value.trim();
  return trimmed.length <= 40 && isValidCaseNumber(trimmed, format.pattern) ? trimmed : null;
}
