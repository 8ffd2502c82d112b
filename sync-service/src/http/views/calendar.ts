import {
  MeetingPlanSchema,
  type Attendance,
  type Classification,
  type MeetingPlan,
  type PriorityClass,
  type RuleSet,
  type TravelTable,
} from "@modeklar/shared";
import { attendanceOf as attendanceIn, eventsBetween, planOf, type TimedEvent } from "../../mirror/events";
import { classifyMeeting } from "../../reconcile/items";
import { RuleBook } from "../../reconcile/rule-book";
import { SettingsBook } from "../../reconcile/settings";
import type { PlanStore } from "../../store/plans";
import type { ReconcileStore } from "../../store/reconcile";
import type { MirrorStore } from "../../store/types";
import type { Language } from "../language";
import type { Viewer } from "../privacy";

/**
 * The mayor's calendar as the phone page and the weekly meeting's view read it: the mirror's
 * meetings with the service's plans, the rules in force (and the secretary's pins) and the
 * travel table, for one caller.
 */

/** What the calendar views read: the mirror, the service's plans, reconcile's rules and pins. */
export interface CalendarSources {
  mirror: Pick<MirrorStore, "listEventsInRange">;
  plans: Pick<PlanStore, "getPlan">;
  reconcile: ReconcileStore;
  mayorMailbox: string;
  addinId: string;
  now: () => Date;
}

/** A meeting with the plan the service keeps for it, when it keeps one. */
export type PlannedEvent = TimedEvent & { plan?: MeetingPlan };

export const planFor = (event: PlannedEvent, addinId: string): MeetingPlan | null =>
  event.plan ?? planOf(event.data, addinId);

export interface CalendarContext {
  events: PlannedEvent[];
  addinId: string;
  ruleSet: RuleSet;
  pins: Map<string, PriorityClass>;
  travel: TravelTable;
  language: Language;
  /** What the caller may see of each meeting: every subject, place and plan shown is asked of it. */
  viewer: Viewer;
  now: Date;
}

/** The mayor's answer so far, as conflicts count it. */
export function attendanceOf(event: TimedEvent): Attendance {
  return attendanceIn(event.data);
}

/** The meeting's class as reconcile writes it in Outlook (the pin on it or its series first). */
export function priorityOf(
  event: TimedEvent,
  context: Pick<CalendarContext, "ruleSet" | "pins">,
): Classification {
  return classifyMeeting(event.id, event.data, context.ruleSet, (id) => context.pins.get(id));
}

const books = new WeakMap<ReconcileStore, { rules: RuleBook; settings: SettingsBook }>();

/**
 * What classifying and travel need, read as reconcile reads them: the rules in force (one
 * RuleBook per store, parsed once per version), the pins of these meetings and of their
 * series, and the travel table saved through the API.
 */
export async function calendarRules(
  store: ReconcileStore,
  mailbox: string,
  events: TimedEvent[],
): Promise<Pick<CalendarContext, "ruleSet" | "pins" | "travel">> {
  let book = books.get(store);
  if (!book) {
    book = { rules: new RuleBook(store), settings: new SettingsBook(store) };
    books.set(store, book);
  }
  const ids = events.flatMap((e) => {
    const master = e.data["seriesMasterId"];
    return typeof master === "string" ? [e.id, master] : [e.id];
  });
  const [rules, pins, travel] = await Promise.all([
    book.rules.current(),
    store.pinsOf(mailbox, ids),
    book.settings.travel(),
  ]);
  return {
    ruleSet: rules.ruleSet,
    pins: new Map([...pins].map(([id, pin]) => [id, pin.class])),
    travel,
  };
}

/** The meetings from `from` to `to` with what classifying them needs, for this caller. */
export async function calendarContext(
  sources: CalendarSources,
  from: string,
  to: string,
  language: Language,
  viewer: Viewer,
): Promise<CalendarContext> {
  const events = eventsBetween(
    await sources.mirror.listEventsInRange(sources.mayorMailbox, { from, to }),
    from,
    to,
  );
  return {
    events,
    addinId: sources.addinId,
    ...(await calendarRules(sources.reconcile, sources.mayorMailbox, events)),
    language,
    viewer,
    now: sources.now(),
  };
}

/** Each meeting's plan (of those `wanted`): the service's copy, else the one stored on the event. */
export async function withStoredPlans(
  sources: Pick<CalendarSources, "plans" | "mayorMailbox">,
  events: PlannedEvent[],
  wanted: (event: PlannedEvent) => boolean = () => true,
): Promise<PlannedEvent[]> {
  return Promise.all(
    events.map(async (event) => {
      if (!wanted(event)) return event;
      const stored = await sources.plans.getPlan(sources.mayorMailbox, event.id);
      const plan = stored ? MeetingPlanSchema.safeParse(stored.plan) : null;
      return plan?.success ? { ...event, plan: plan.data } : event;
    }),
  );
}
