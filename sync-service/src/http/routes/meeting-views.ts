import type { DayListMeeting, FullMeeting, Meeting } from "@modeklar/shared";
import type { Role } from "../auth";
import { attendeesOf, isPrivate, locationOf, personOf, planOf, type TimedEvent } from "./event-fields";

/** Roles that see whole meetings; the others get the day list of their own job. */
export const FULL_VIEW_ROLES: readonly Role[] = ["mayor", "secretary", "chief-of-staff"];

export const PRIVATE_SUBJECT = { da: "Privat aftale", en: "Private appointment" } as const;
export type Language = keyof typeof PRIVATE_SUBJECT;

const text = (value: unknown): string => (typeof value === "string" ? value : "");

export function fullMeeting(event: TimedEvent, addinId: string): FullMeeting {
  const { data } = event;
  return {
    view: "full",
    id: event.id,
    subject: text(data["subject"]),
    start: event.start,
    end: event.end,
    isAllDay: data["isAllDay"] === true,
    location: locationOf(data),
    organizer: personOf(data["organizer"]),
    attendees: attendeesOf(data),
    bodyPreview: text(data["bodyPreview"]),
    sensitivity: text(data["sensitivity"]) || "normal",
    isPrivate: isPrivate(data),
    isCancelled: data["isCancelled"] === true,
    showAs: text(data["showAs"]) || "busy",
    categories: Array.isArray(data["categories"])
      ? data["categories"].filter((c): c is string => typeof c === "string")
      : [],
    plan: planOf(data, addinId),
  };
}

/**
 * A day-list line, built field by field from what the reception or the canteen needs, so
 * a field added to events later cannot leak into it. A private meeting keeps its time,
 * place and host, never its subject; body and attendees are never part of a day list.
 */
export function dayListMeeting(
  event: TimedEvent,
  addinId: string,
  roles: readonly Role[],
  language: Language,
): DayListMeeting {
  const { data } = event;
  const plan = planOf(data, addinId);
  const privateMeeting = isPrivate(data);
  const invitees = attendeesOf(data).filter((a) => a.type !== "resource").length;
  return {
    view: "dayList",
    id: event.id,
    subject: privateMeeting ? PRIVATE_SUBJECT[language] : text(data["subject"]),
    start: event.start,
    end: event.end,
    isAllDay: data["isAllDay"] === true,
    location: locationOf(data),
    host: personOf(data["organizer"])?.name ?? "",
    count: plan?.catering.count ?? invitees,
    isPrivate: privateMeeting,
    isCancelled: data["isCancelled"] === true,
    ...(plan && roles.includes("reception") ? { reception: plan.reception } : {}),
    ...(plan && roles.includes("catering") ? { catering: plan.catering } : {}),
  };
}

export function meetingFor(
  event: TimedEvent,
  addinId: string,
  roles: readonly Role[],
  language: Language,
): Meeting {
  return roles.some((r) => FULL_VIEW_ROLES.includes(r))
    ? fullMeeting(event, addinId)
    : dayListMeeting(event, addinId, roles, language);
}

/** Danish unless the caller asks for English first. */
export function languageOf(acceptLanguage: string | undefined): Language {
  return /^\s*en\b/i.test(acceptLanguage ?? "") ? "en" : "da";
}
