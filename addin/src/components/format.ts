import type { Locale } from "../i18n";

const ZONE = "Europe/Copenhagen";
const tag = (locale: Locale) => (locale === "da" ? "da-DK" : "en-GB");

// Building an Intl.DateTimeFormat with a time zone is slow, and a week board formats hundreds of times.
const formats = new Map<string, Intl.DateTimeFormat>();
function format(locale: Locale, name: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}:${name}`;
  let found = formats.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(tag(locale), { timeZone: ZONE, ...options });
    formats.set(key, found);
  }
  return found;
}

/** Times are shown in Copenhagen, wherever the phone happens to be. */
export function timeOf(instant: string, locale: Locale): string {
  return format(locale, "time", { hour: "2-digit", minute: "2-digit" }).format(new Date(instant));
}

export function dayOf(instant: string, locale: Locale): string {
  return format(locale, "day", { weekday: "long", day: "numeric", month: "long" }).format(new Date(instant));
}

export function shortDateOf(instant: string, locale: Locale): string {
  return format(locale, "shortDate", { day: "numeric", month: "short" }).format(new Date(instant));
}

export function dateTimeOf(instant: string, locale: Locale): string {
  return `${shortDateOf(instant, locale)} ${timeOf(instant, locale)}`;
}

/** An ISO date (yyyy-mm-dd) as local noon, so its weekday is the same everywhere. */
export const noonOf = (date: string) => `${date}T12:00:00Z`;
