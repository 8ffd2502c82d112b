/**
 * Danish public holidays (helligdage), from the rules that define them: the fixed days and the
 * moveable feasts counted from Easter Sunday (Gregorian computus). Store Bededag was abolished
 * from 2024 (lov nr. 287 af 3. marts 2023). A test checks every year from 1900 to 2199 against
 * the `date-holidays` data, so a change there that is missing here is noticed.
 *
 * Days the municipality closes beyond these (Christmas Eve, New Year's Eve, half a day on
 * Grundlovsdag, …) are its own settings, in config.ts.
 */

const FIXED: readonly (readonly [monthDay: string, name: string])[] = [
  ["01-01", "Nytårsdag"],
  ["12-25", "Juledag"],
  ["12-26", "Anden Juledag"],
];

/** Days after Easter Sunday, with the years a feast applies to. */
const MOVEABLE: readonly { offset: number; name: string; until?: number }[] = [
  { offset: -3, name: "Skærtorsdag" },
  { offset: -2, name: "Langfredag" },
  { offset: 0, name: "Påskedag" },
  { offset: 1, name: "Anden påskedag" },
  { offset: 26, name: "Store Bededag", until: 2023 },
  { offset: 39, name: "Kristi Himmelfartsdag" },
  { offset: 49, name: "Pinsedag" },
  { offset: 50, name: "Anden Pinsedag" },
];

const pad = (n: number) => String(n).padStart(2, "0");

/** The date `days` after a UTC calendar date, as "YYYY-MM-DD". */
function plusDays(year: number, month: number, day: number, days: number): string {
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Easter Sunday's month and day in the Gregorian calendar (the anonymous Gregorian algorithm). */
function computus(year: number): { month: number; day: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { month, day };
}

const years = new Map<number, Map<string, string>>();

function holidaysOf(year: number): Map<string, string> {
  let byDate = years.get(year);
  if (!byDate) {
    byDate = new Map();
    for (const [monthDay, name] of FIXED) byDate.set(`${year}-${monthDay}`, name);
    const easter = computus(year);
    for (const feast of MOVEABLE) {
      if (feast.until !== undefined && year > feast.until) continue;
      byDate.set(plusDays(year, easter.month, easter.day, feast.offset), feast.name);
    }
    years.set(year, byDate);
  }
  return byDate;
}

/** The public holiday's Danish name on a date ("YYYY-MM-DD"), if it is one. */
export function publicHolidayOn(date: string): string | undefined {
  return holidaysOf(Number(date.slice(0, 4))).get(date);
}

/** Every public holiday of a year, by date ("YYYY-MM-DD") in calendar order, with its Danish name. */
export function publicHolidaysOf(year: number): [date: string, name: string][] {
  return [...holidaysOf(year)].sort(([a], [b]) => a.localeCompare(b));
}

/** Easter Sunday ("YYYY-MM-DD") of a year: the anchor of the moveable feasts. */
export function easterSunday(year: number): string {
  const { month, day } = computus(year);
  return `${year}-${pad(month)}-${pad(day)}`;
}
