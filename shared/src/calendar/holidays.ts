import Holidays from "date-holidays";

/**
 * Danish public holidays (helligdage) from the maintained `date-holidays` data, so changes
 * such as the abolished Store Bededag (gone from 2024) come with the library, not from us.
 */
const danish = new Holidays("DK", { types: ["public"] });

interface HolidayYear {
  byDate: Map<string, string>;
  easterSunday: string;
}

const years = new Map<number, HolidayYear>();

function holidayYear(year: number): HolidayYear {
  let cached = years.get(year);
  if (!cached) {
    const byDate = new Map<string, string>();
    let easterSunday = "";
    for (const holiday of danish.getHolidays(year, "da")) {
      const date = holiday.date.slice(0, 10);
      byDate.set(date, holiday.name);
      if (holiday.rule === "easter") easterSunday = date;
    }
    cached = { byDate, easterSunday };
    years.set(year, cached);
  }
  return cached;
}

/** The public holiday's Danish name on a date ("YYYY-MM-DD"), if it is one. */
export function publicHolidayOn(date: string): string | undefined {
  return holidayYear(Number(date.slice(0, 4))).byDate.get(date);
}

/** Easter Sunday ("YYYY-MM-DD") of a year: the anchor of the moveable feasts. */
export function easterSunday(year: number): string {
  return holidayYear(year).easterSunday;
}
