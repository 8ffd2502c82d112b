import { da, type Catalog, type MessageKey } from "./da";
import { en } from "./en";

export type Locale = "da" | "en";
export type MessageValues = Record<string, string | number>;
export type Translate = (key: MessageKey, values?: MessageValues) => string;

export const catalogs: Record<Locale, Catalog> = { da, en };

/**
 * Danish for Danish, English for every other language Outlook or the browser names, and
 * Danish when nothing is known (Mødeklar's users are a Danish secretariat).
 */
export function localeOf(language: string | undefined | null): Locale {
  if (!language) return "da";
  return language.toLowerCase().startsWith("da") ? "da" : "en";
}

/** Outlook's display language when the page runs in Outlook, else the browser's. */
export function pageLocale(outlookDisplayLanguage?: string): Locale {
  return localeOf(outlookDisplayLanguage ?? globalThis.navigator?.language);
}

/** A message with its `{name}` placeholders filled in; a placeholder without a value stays as it is. */
export function fill(template: string, values: MessageValues = {}): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    name in values ? String(values[name]) : placeholder,
  );
}

export function translate(locale: Locale, key: MessageKey, values: MessageValues = {}): string {
  return fill(catalogs[locale][key], values);
}

export function translator(locale: Locale): Translate {
  return (key, values) => translate(locale, key, values);
}
