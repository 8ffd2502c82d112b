import { catalog, type MessageKey as SharedKey } from "@modeklar/shared";
import { createContext, useContext } from "react";
import { fill, useLocale, type MessageValues } from "../../i18n";
import type { Attendee, MeetingItemHost, MeetingLocation, MeetingView } from "../../office";
import type { PlanService } from "../api";
import type { PlanSession } from "../usePlan";

export interface GraphAttendee {
  address: string;
  name: string;
  type: "required" | "optional" | "resource";
  response: string;
}

/** What every step's section knows about the open meeting. */
export interface MeetingFacts {
  meeting: MeetingItemHost;
  view: MeetingView;
  start: Date;
  end: Date;
  attendees: Attendee[];
  /** The organizer's address as Outlook gives it; null when Outlook cannot say. */
  organizer: string | null;
  /** The rooms among the meeting's locations, as Outlook lists them. */
  rooms: MeetingLocation[];
  /** Graph's view of the attendees (rooms included), when the service answered. */
  graphAttendees: GraphAttendee[];
}

export interface PlanContextValue {
  session: PlanSession;
  facts: MeetingFacts;
  /** Null when the service is unreachable or the meeting is not saved yet. */
  service: { api: PlanService; meetingId: string } | null;
  now: () => Date;
}

export const PlanContext = createContext<PlanContextValue | null>(null);

export function usePlanContext(): PlanContextValue {
  const value = useContext(PlanContext);
  if (!value) throw new Error("A plan step is rendered outside PlanContext");
  return value;
}

/** shared's `t(key, values)` in the page's language, as the add-in's own `t`. */
export type SharedTranslate = (key: SharedKey, values?: MessageValues) => string;

/** shared's domain words (steps, states, catering items, validation, conflicts) in the page's language. */
export function useSharedT(): SharedTranslate {
  const messages = catalog(useLocale());
  return (key, values) => fill(messages[key], values);
}

/** A date and time in the page's language, in Copenhagen time. */
export function useFormatInstant(): (instant: string) => string {
  const locale = useLocale();
  return (instant) =>
    new Intl.DateTimeFormat(locale === "da" ? "da-DK" : "en-GB", {
      weekday: "long",
      day: "numeric",
      month: "long",
      hour: "2-digit",
      minute: "2-digit",
      timeZone: "Europe/Copenhagen",
    }).format(new Date(instant));
}
