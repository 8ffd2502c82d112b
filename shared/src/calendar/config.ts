import { z } from "zod";

/** A local clock time, "HH:mm" (24-hour). */
export const LocalTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: "validation.localTime" });
export type LocalTime = z.infer<typeof LocalTimeSchema>;

/** A calendar date, "YYYY-MM-DD". */
export const LocalDateSchema = z.iso.date({ message: "validation.localDate" });
export type LocalDate = z.infer<typeof LocalDateSchema>;

const closedFrom = {
  /** Closed only from this time (e.g. Grundlovsdag from 12:00); absent means the whole day. */
  from: LocalTimeSchema.optional(),
  label: z.string().min(1).max(80),
};

/**
 * A day the municipality itself keeps closed, on top of the public holidays: every year on
 * a date, a number of days from Easter Sunday (the Friday after Kristi Himmelfartsdag is
 * +40), or one single date.
 */
export const ClosedDaySchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("annual"),
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
    ...closedFrom,
  }),
  z.object({ kind: z.literal("easterOffset"), days: z.number().int().min(-60).max(70), ...closedFrom }),
  z.object({ kind: z.literal("date"), date: LocalDateSchema, ...closedFrom }),
]);
export type ClosedDay = z.infer<typeof ClosedDaySchema>;

export const DEFAULT_CLOSED_DAYS: ClosedDay[] = [
  { kind: "annual", month: 6, day: 5, from: "12:00", label: "Grundlovsdag" },
  { kind: "annual", month: 12, day: 24, label: "Juleaftensdag" },
  { kind: "annual", month: 12, day: 31, label: "Nytårsaftensdag" },
];

/** The Friday after Kristi Himmelfartsdag, for municipalities that close that day. */
export const FRIDAY_AFTER_ASCENSION: ClosedDay = {
  kind: "easterOffset",
  days: 40,
  label: "Fredag efter Kristi Himmelfartsdag",
};

export const CalendarConfigSchema = z.object({
  timeZone: z.string().default("Europe/Copenhagen"),
  closedDays: z.array(ClosedDaySchema).default(DEFAULT_CLOSED_DAYS),
});
export type CalendarConfig = z.infer<typeof CalendarConfigSchema>;

export const DEFAULT_CALENDAR: CalendarConfig = CalendarConfigSchema.parse({});
