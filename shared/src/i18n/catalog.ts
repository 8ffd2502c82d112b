import { da } from "./da";
import { en } from "./en";

export type MessageKey = keyof typeof da;
export const LOCALES = ["da", "en"] as const;
export type Locale = (typeof LOCALES)[number];

type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

/** The values a message needs, by name: `t("da", "readiness.summary", { done: 2, needed: 4 })`. */
export type MessageParams<K extends MessageKey> = Record<Placeholders<(typeof da)[K]>, string | number>;

const catalogs: Record<Locale, Record<MessageKey, string>> = { da, en };

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(da, key);
}

/** Picks Danish or English from a language tag such as Outlook's displayLanguage ("da-DK", "en-US"); Danish first. */
export function localeOf(languageTag: string | undefined): Locale {
  return languageTag?.toLowerCase().startsWith("en") ? "en" : "da";
}

export function t<K extends MessageKey>(
  locale: Locale,
  key: K,
  ...params: [Placeholders<(typeof da)[K]>] extends [never] ? [] : [MessageParams<K>]
): string {
  const template = catalogs[locale][key];
  const values = (params[0] ?? {}) as Record<string, string | number>;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}

export function catalog(locale: Locale): Readonly<Record<MessageKey, string>> {
  return catalogs[locale];
}
