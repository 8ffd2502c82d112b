import type { DateTime } from "luxon";
import { z } from "zod";
import type { CalendarEvent } from "../calendar/model";
import { instantOf, parseDateTimeTimeZone, toDateTimeTimeZone } from "../calendar/time";
import { expandCalendarView } from "../calendar/view";
import { GraphError } from "../odata";
import type { SimState } from "../state";
import { findRoom } from "./rooms";

/**
 * Free/busy for people and rooms: one scheduleInformation per address, with an
 * availabilityView digit per interval (0 free, 1 tentative, 2 busy, 3 away, 4 working
 * elsewhere) and the items behind it, private ones without subject or location.
 * https://learn.microsoft.com/en-us/graph/api/calendar-getschedule
 * https://learn.microsoft.com/en-us/graph/api/resources/scheduleinformation
 */

/** Graph accepts up to 100 addresses per request (ErrorMailboxDataArrayTooBig beyond). */
const MAX_SCHEDULES = 100;

const dateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string().default("UTC") });
export const getScheduleSchema = z.strictObject({
  schedules: z.array(z.string()),
  startTime: dateTimeTimeZone,
  endTime: dateTimeTimeZone,
  availabilityViewInterval: z.number().int().nullish(),
});
export type GetScheduleInput = z.output<typeof getScheduleSchema>;

type Status = "free" | "tentative" | "busy" | "oof" | "workingElsewhere";

const DIGIT: Record<Status, string> = {
  free: "0",
  tentative: "1",
  busy: "2",
  oof: "3",
  workingElsewhere: "4",
};
/** When items overlap, the stronger status wins the interval (away over busy over tentative...). */
const STRENGTH: Record<Status, number> = { free: 0, workingElsewhere: 1, tentative: 2, busy: 3, oof: 4 };

function statusOf(event: CalendarEvent): Status | undefined {
  if (event.isCancelled || event.responseStatus?.response === "declined") return undefined;
  switch (event.showAs) {
    case "free":
      return undefined;
    case "tentative":
    case "oof":
    case "workingElsewhere":
      return event.showAs;
    default:
      return "busy";
  }
}

interface Owner {
  mailboxId: string;
  timeZone: string;
}

function ownerOf(state: SimState, address: string): Owner | undefined {
  const user = state.findUser(address);
  if (user) return { mailboxId: user.id, timeZone: user.timeZone };
  const room = findRoom(state, address);
  return room ? { mailboxId: room.id, timeZone: "Romance Standard Time" } : undefined;
}

/** Answers getSchedule; `zone` is the `Prefer: outlook.timezone` (UTC when absent). */
export function getSchedule(
  state: SimState,
  input: GetScheduleInput,
  zone = "UTC",
): Record<string, unknown>[] {
  if (input.schedules.length > MAX_SCHEDULES) {
    throw new GraphError(
      400,
      "ErrorMailboxDataArrayTooBig",
      `There are too many target users in the EmailAddress array. The allowed size = ${MAX_SCHEDULES}; the actual size = ${input.schedules.length}.`,
    );
  }
  const interval = input.availabilityViewInterval ?? 30;
  if (interval < 5 || interval > 1440) {
    throw new GraphError(
      400,
      "ErrorInvalidParameter",
      "The availabilityViewInterval must be between 5 and 1440 minutes.",
    );
  }
  const start = parseDateTimeTimeZone(input.startTime, "startTime");
  const end = parseDateTimeTimeZone(input.endTime, "endTime");
  if (end <= start) {
    throw new GraphError(400, "ErrorInvalidTimeInterval", "The end time must be later than the start time.");
  }
  return input.schedules.map((address) => {
    const owner = ownerOf(state, address);
    if (!owner) {
      return {
        scheduleId: address,
        error: {
          message: `Unable to resolve e-mail address ${address} to an Active Directory object.`,
          responseCode: "5009",
        },
      };
    }
    const items = expandCalendarView(state, owner.mailboxId, start, end)
      .map((event) => ({ event, status: statusOf(event) }))
      .filter((item): item is { event: CalendarEvent; status: Status } => item.status !== undefined);
    return {
      scheduleId: address,
      availabilityView: availabilityView(items, start, end, interval),
      scheduleItems: items.map(({ event, status }) => scheduleItem(event, status, zone)),
      workingHours: {
        daysOfWeek: ["monday", "tuesday", "wednesday", "thursday", "friday"],
        startTime: "08:00:00.0000000",
        endTime: "16:00:00.0000000",
        timeZone: { name: owner.timeZone },
      },
    };
  });
}

function availabilityView(
  items: { event: CalendarEvent; status: Status }[],
  start: DateTime,
  end: DateTime,
  interval: number,
): string {
  const spans = items.map(({ event, status }) => ({
    from: instantOf(event.start).toMillis(),
    to: instantOf(event.end).toMillis(),
    status,
  }));
  let view = "";
  for (let slot = start; slot < end; slot = slot.plus({ minutes: interval })) {
    const from = slot.toMillis();
    const to = Math.min(slot.plus({ minutes: interval }).toMillis(), end.toMillis());
    let strongest: Status = "free";
    for (const span of spans) {
      if (span.from < to && span.to > from && STRENGTH[span.status] > STRENGTH[strongest])
        strongest = span.status;
    }
    view += DIGIT[strongest];
  }
  return view;
}

function scheduleItem(event: CalendarEvent, status: Status, zone: string): Record<string, unknown> {
  const isPrivate = event.sensitivity === "private";
  return {
    isPrivate,
    status,
    ...(isPrivate ? {} : { subject: event.subject ?? "", location: event.location?.displayName ?? "" }),
    start: toDateTimeTimeZone(instantOf(event.start), zone),
    end: toDateTimeTimeZone(instantOf(event.end), zone),
  };
}
