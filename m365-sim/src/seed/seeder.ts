import { isWorkingDay, publicHolidayOn } from "@modeklar/shared";
import { DateTime } from "luxon";
import { createEvent, respond } from "../calendar/actions";
import type { CalendarEvent, EventInput } from "../calendar/model";
import { inviteAs } from "../calendar/invitations";
import { DEMO_DOMAIN } from "../directory";
import type { SimState } from "../state";
import { ADDRESSES, IDS } from "./directory";

/**
 * What the calendar seed is written with: days counted from the anchor Monday, local
 * Copenhagen times, the demo tenant's people and rooms, and the ways an entry comes into
 * the mayor's calendar (her own, an invitation she accepted, one still waiting for her).
 */

export const ZONE = "Europe/Copenhagen";
export const OUTLOOK_ZONE = "Romance Standard Time";

export const ROOMS = {
  councilHall: `byraadssalen@${DEMO_DOMAIN}`,
  mayorsRoom: `borgmesterens-moedelokale@${DEMO_DOMAIN}`,
  fjorden: `moedelokale-1@${DEMO_DOMAIN}`,
  skoven: `moedelokale-2@${DEMO_DOMAIN}`,
  committeeRoom: `udvalgsvaerelset@${DEMO_DOMAIN}`,
};

export type Who = { name: string; address: string };
export const person = (address: string, name: string): Who => ({ address, name });

export const PEOPLE = {
  mayor: person(ADDRESSES.mayor, "Birgitte Holm Sørensen"),
  secretary: person(ADDRESSES.secretary, "Camilla Nørgaard"),
  chief: person(ADDRESSES.chiefOfStaff, "Jonas Vestergaard"),
  director: person(ADDRESSES.director, "Henrik Møller Dahl"),
  deputy: person(ADDRESSES.deputyMayor, "Søren Ærø Jakobsen"),
  finance: person(ADDRESSES.finance, "Økonomi og Analyse"),
  reception: person(ADDRESSES.reception, "Rådhusets reception"),
  catering: person(ADDRESSES.catering, "Kantinen – forplejning"),
};

export const required = (...who: Who[]) => who.map((w) => ({ type: "required" as const, emailAddress: w }));
export const room = (address: string) => ({
  type: "resource" as const,
  emailAddress: { address, name: address },
});
export const body = (text: string) => ({ contentType: "text" as const, content: text });

/** An entry by day (from the anchor Monday; negative is the week before) and local times. */
export type Entry = Omit<EventInput, "start" | "end"> & {
  day: number;
  from: string;
  to: string;
  /** The day it ends, when not the day it starts. */
  toDay?: number;
};

/** Monday 00:00 in Copenhagen of the anchor week. */
export function anchorMonday(state: SimState, anchor?: string): DateTime {
  const base = anchor
    ? DateTime.fromISO(anchor, { zone: ZONE })
    : DateTime.fromJSDate(state.clock.now(), { zone: ZONE });
  return base.startOf("week");
}

export interface CalendarSeeder {
  monday: DateTime;
  /** The local date of a day, "YYYY-MM-DD". */
  dateOf(day: number): string;
  /** A local time on a day, as Graph takes it. */
  at(day: number, time: string): { dateTime: string; timeZone: string };
  meeting(entry: Entry): EventInput;
  /** The mayor's copy of a meeting someone made (by iCalUId), once it has reached her calendar. */
  mayorsCopy(event: CalendarEvent | undefined): CalendarEvent | undefined;
  accept(event: CalendarEvent | undefined, sendResponse?: boolean): CalendarEvent | undefined;
  /** A colleague answers too, so the organizer's attendee list shows real answers. */
  acceptAs(mailboxId: string, event: CalendarEvent): void;
  /** An invitation from outside or from a colleague; its first copy is the organizer's or the mayor's. */
  invite(from: Who, entry: Entry): CalendarEvent | undefined;
  /**
   * Whether someone would book a one-off entry that day: a working day for weekday work, and
   * never a public holiday. Recurring series stay as Outlook keeps them, holidays included.
   */
  bookable(day: number): boolean;
}

export function calendarSeeder(state: SimState, monday: DateTime): CalendarSeeder {
  const dateOf = (day: number) => monday.plus({ days: day }).toISODate() ?? "";
  const at = (day: number, time: string) => {
    const [h = 0, m = 0] = time.split(":").map(Number);
    const local = monday.plus({ days: day }).set({ hour: h, minute: m });
    return { dateTime: local.toFormat("yyyy-LL-dd'T'HH:mm:ss"), timeZone: OUTLOOK_ZONE };
  };
  const meeting = (entry: Entry): EventInput => {
    const { day, from, to, toDay, ...rest } = entry;
    return { ...rest, start: at(day, from), end: at(toDay ?? day, to) } as EventInput;
  };
  const mayorsCopy = (event: CalendarEvent | undefined) =>
    [...state.mailbox(IDS.mayor).events.values()].find((e) => e.iCalUId === event?.iCalUId);
  return {
    monday,
    dateOf,
    at,
    meeting,
    mayorsCopy,
    accept(event, sendResponse = true) {
      const copy = mayorsCopy(event);
      if (copy) respond(state, IDS.mayor, copy.id, "accept", { sendResponse });
      return copy;
    },
    acceptAs(mailboxId, event) {
      const copy = [...state.mailbox(mailboxId).events.values()].find((e) => e.iCalUId === event.iCalUId);
      if (copy) respond(state, mailboxId, copy.id, "accept");
    },
    invite(from, entry) {
      return inviteAs(state, from.address, {
        ...meeting(entry),
        organizer: { emailAddress: { name: from.name, address: from.address } },
      })[0];
    },
    bookable(day) {
      const date = dateOf(day);
      const weekend = monday.plus({ days: day }).weekday >= 6;
      return weekend ? publicHolidayOn(date) === undefined : isWorkingDay(date);
    },
  };
}

/** An entry the mayor (her secretary, as her delegate) put in her own calendar. */
export function ownEntry(state: SimState, seeder: CalendarSeeder, entry: Entry): CalendarEvent {
  return createEvent(state, IDS.mayor, seeder.meeting(entry));
}
