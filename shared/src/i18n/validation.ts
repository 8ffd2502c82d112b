import type { ZodError } from "zod";
import { isMessageKey, t, type Locale } from "./catalog";

export interface FieldError {
  /** The bad field as a path, e.g. "rules[2].match.organizer[0]". */
  field: string;
  message: string;
}

export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${String(part)}`))
    .join("");
}

/** Zod issues as readable errors that name the bad field, messages from the catalog where the domain set one. */
export function fieldErrors(error: ZodError, locale: Locale = "da"): FieldError[] {
  return error.issues.map((issue) => ({
    field: fieldPath(issue.path),
    message: isMessageKey(issue.message) ? t(locale, issue.message as never) : issue.message,
  }));
}

/** One sentence listing every bad field, for an error message or a problem+json detail. */
export function describeErrors(error: ZodError, locale: Locale = "da"): string {
  return fieldErrors(error, locale)
    .map(({ field, message }) => (field ? t(locale, "validation.field", { field, message }) : message))
    .join("; ");
}
