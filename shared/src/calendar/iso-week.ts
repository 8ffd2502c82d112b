/** A week as ISO 8601 numbers it: weeks start on Monday, and week 1 is the week with the year's first Thursday. */
export interface IsoWeek {
  /** The week's year, which differs from the date's year in the days around New Year. */
  year: number;
  week: number;
}

const DAY_MS = 86_400_000;

/**
 * The ISO 8601 week of a calendar date ("YYYY-MM-DD"): the week the Danish calendar and
 * Outlook call "uge". Plain arithmetic, so a page can show it without a date library.
 */
export function isoWeekOf(date: string): IsoWeek {
  const day = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) throw new RangeError(`Not a date: ${date}`);
  // The week belongs to the year its Thursday falls in.
  const mondayBased = (day.getUTCDay() + 6) % 7;
  const thursday = new Date(day.getTime() + (3 - mondayBased) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const firstOfYear = Date.UTC(year, 0, 1);
  return { year, week: 1 + Math.floor((thursday.getTime() - firstOfYear) / DAY_MS / 7) };
}
