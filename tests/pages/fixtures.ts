import { ADDIN_ID, customPropertiesId, decodePlan, isWorkingDay, type MeetingPlan } from "@modeklar/shared";
import { DateTime } from "luxon";
import { CATERING, CHIEF_OF_STAFF, RECEPTION } from "../../sync-service/test/sync/sim";
import { apiToken, control, eventually, MAYOR, SECRETARY, type Stack } from "../sync/stack";

export { CATERING, CHIEF_OF_STAFF, RECEPTION };
export const ZONE = "Europe/Copenhagen";
/** Everyone the API serves, by role: who signs in as each. */
export const PEOPLE_BY_ROLE = {
  mayor: MAYOR,
  secretary: SECRETARY,
  "chief-of-staff": CHIEF_OF_STAFF,
  reception: RECEPTION,
  catering: CATERING,
} as const;
/** Where Outlook keeps the add-in's custom properties, the plan among them. */
const CUSTOM_PROPERTIES = customPropertiesId(ADDIN_ID);

/** What the day lists are tested with: a private visit tomorrow with guests, a meeting later with catering. */
export const PRIVATE_VISIT = "Fortroligt: samtale om direktørstillingen";
export const CATERED_MEETING = "Dialogmøde med erhvervslivet";
export const GUEST = { name: "Mette Friis", organisation: "Fjordby Erhvervsråd" };

export async function api(stack: Stack, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${stack.service.url}/api${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      "accept-language": "da",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: () => JSON.parse(text) as Record<string, unknown>,
  };
}

/** An API token for each role in PEOPLE_BY_ROLE, signed in one after the other. */
export async function tokensByRole(stack: Stack): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const [role, user] of Object.entries(PEOPLE_BY_ROLE)) tokens[role] = await apiToken(stack.sim, user);
  return tokens;
}

/** The mayor's own copy of a meeting, by subject, once the service has mirrored it. */
export function mirroredId(stack: Stack, subject: string): Promise<string> {
  return eventually(
    `«${subject}» in the mirror`,
    async () => {
      const items = await stack.service.database.mirror.listItems(MAYOR, "events");
      return items.find((i) => i.data["subject"] === subject)?.id;
    },
    60_000,
  );
}

/** A Danish working day (no weekend, holiday or closed day) at least `days` days ahead, at a local time. */
export function workingDayAhead(days: number, time: string): DateTime {
  let day = DateTime.now().setZone(ZONE).plus({ days });
  while (!isWorkingDay(day.toISODate() as string)) day = day.plus({ days: 1 });
  const [hour = 0, minute = 0] = time.split(":").map(Number);
  return day.set({ hour, minute, second: 0, millisecond: 0 });
}

/** A local time as Graph's dateTimeTimeZone, in Copenhagen. */
export const graphTime = (at: DateTime) => ({
  dateTime: at.toFormat("yyyy-LL-dd'T'HH:mm:ss"),
  timeZone: ZONE,
});

/**
 * Meetings the mayor organises for the day lists, with a reception notice (a private visit
 * tomorrow) and a catering order (a meeting a week ahead) sent by the secretary.
 */
export async function seedDayLists(stack: Stack): Promise<{ visitId: string; cateredId: string }> {
  const tomorrow = DateTime.now()
    .setZone(ZONE)
    .plus({ days: 1 })
    .set({ hour: 13, minute: 0, second: 0, millisecond: 0 });
  await control(stack.sim, "POST", `/act/${encodeURIComponent(MAYOR)}/events`, {
    subject: PRIVATE_VISIT,
    sensitivity: "private",
    body: { contentType: "text", content: "Kandidatens navn må ikke nævnes." },
    start: graphTime(tomorrow),
    end: graphTime(tomorrow.plus({ hours: 1 })),
    location: { displayName: "Borgmesterens mødelokale" },
  });
  // One at a time: the second meeting is made once the first is mirrored.
  const visitId = await mirroredId(stack, PRIVATE_VISIT);
  const week = workingDayAhead(7, "10:00");
  await control(stack.sim, "POST", `/act/${encodeURIComponent(MAYOR)}/events`, {
    subject: CATERED_MEETING,
    start: graphTime(week),
    end: graphTime(week.plus({ hours: 2 })),
    location: { displayName: "Byrådssalen" },
  });
  const cateredId = await mirroredId(stack, CATERED_MEETING);
  const secretary = await apiToken(stack.sim, SECRETARY);
  const reception = await api(
    stack,
    secretary,
    "POST",
    `/meetings/${encodeURIComponent(visitId)}/reception`,
    {
      meetingId: visitId,
      baseRevision: 0,
      reception: {
        state: "ordered",
        guests: [GUEST],
        arrivalAt: "12:45",
        host: MAYOR,
        badge: true,
        parking: true,
      },
    },
  );
  if (reception.status !== 200) throw new Error(`reception notice: ${reception.status} ${reception.text}`);
  const catering = await api(
    stack,
    secretary,
    "POST",
    `/meetings/${encodeURIComponent(cateredId)}/catering`,
    {
      meetingId: cateredId,
      baseRevision: 0,
      order: {
        state: "ordered",
        items: ["coffeeTea", "sandwiches"],
        count: 14,
        dietary: { vegetarian: 3, glutenFree: 1 },
        serveAt: "10:00",
        costCentre: { kind: "account", account: "1234-5678" },
      },
    },
  );
  if (catering.status !== 200) throw new Error(`catering order: ${catering.status} ${catering.text}`);
  return { visitId, cateredId };
}

/** The plan on the event itself, read through Graph (the add-in's custom properties). */
export async function planOnEvent(stack: Stack, eventId: string): Promise<MeetingPlan | null> {
  const event = await stack.service.gateway.getEvent(MAYOR, eventId, {
    extendedProperties: [CUSTOM_PROPERTIES],
  });
  const property = (
    event?.["singleValueExtendedProperties"] as { id: string; value: string }[] | undefined
  )?.find((p) => p.id.toLowerCase() === CUSTOM_PROPERTIES.toLowerCase());
  if (!property) return null;
  const encoded = (JSON.parse(property.value) as { mk?: string }).mk;
  return encoded ? decodePlan(encoded) : null;
}

/** Monday (ISO date) of next week in Copenhagen: the week the calendar meeting looks at. */
export const nextMonday = () =>
  DateTime.now().setZone(ZONE).startOf("week").plus({ weeks: 1 }).toISODate() as string;

/** Monday of the simulator's seeded week (this week): the one with the seeded conflicts. */
export const seededMonday = () => DateTime.now().setZone(ZONE).startOf("week").toISODate() as string;
