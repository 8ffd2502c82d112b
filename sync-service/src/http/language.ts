import type { Locale } from "@modeklar/shared";

export type Language = Locale;

/** Danish unless the caller asks for English first. */
export function languageOf(acceptLanguage: string | undefined): Language {
  return /^\s*en\b/i.test(acceptLanguage ?? "") ? "en" : "da";
}
