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
import type { PlanStore } from "../../store/plans";
import type { Reconciler } from "../../reconcile";
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
  /** Reconcile's door: the rules in force, the pins and the travel table, as reconcile reads them. */
  reconciler: Pick<Reconciler, "calendarRules">;
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
    ...(await sources.reconciler.calendarRules(events)),
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
