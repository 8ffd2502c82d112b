/**
 * The demo's first orders, so the reception's and the kitchen's day lists are not empty in a
 * fresh demo: the secretary, through the service's API as the task pane would, sends a guest
 * list for the mayor's first citizens' meeting or visit at the town hall on each of the next two
 * days that have one, and orders catering for the first of them (else the next such meeting)
 * before the kitchen's cut-off. A meeting whose plan already
 * has a guest list or a catering order gets nothing more, so a restart sends nothing twice.
 *
 *   node --import tsx scripts/demo-orders.ts <service url> <simulator url>   (npm start runs it)
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  CateringListResponseSchema,
  meetingHeadCount,
  MeetingDeadlinesResponseSchema,
  MeetingsResponseSchema,
  ReceptionListResponseSchema,
  ReceptionNoticeResponseSchema,
  StoredPlanResponseSchema,
  SyncStatusResponseSchema,
  type FullMeeting,
  type Guest,
} from "@modeklar/shared";
import { DateTime } from "luxon";
import { DEMO_CLIENT_ID, DEMO_TENANT_ID } from "../m365-sim/src/directory";
import { signInAs } from "../m365-sim/src/identity/testing";
import { ADDRESSES, seedRooms } from "../m365-sim/src/seed/directory";

const ZONE = "Europe/Copenhagen";
/** The kitchen's list shows two weeks: the demo looks no further for meetings. */
const DAYS_AHEAD = 14;
/** Where the reception receives guests: the town hall's meeting rooms and the mayor's office. */
const TOWN_HALL = new Set([...seedRooms().map((room) => room.displayName), "Borgmesterens kontor"]);
/** The guests of each day's meeting: people from the seeded town's associations. */
const GUESTS: Guest[][] = [
  [
    { name: "Lone Bech Madsen", organisation: "Ældresagen Fjordby" },
    { name: "Jens Ulrik Kjær", organisation: "Ældresagen Fjordby" },
    { name: "Sanne Dalgaard", organisation: "Fjordby Erhvervsråd" },
  ],
  [
    { name: "Henrik Vestergaard", organisation: "Boligselskabet Fjordbo" },
    { name: "Pia Østergaard", organisation: "Boligselskabet Fjordbo" },
  ],
];
const ORDERED = new Set(["ordered", "confirmed"]);

/**
 * What the demo did: the meetings given a guest list and the one given catering now, or that it
 * sent nothing because the day lists already held orders from an earlier start.
 */
export interface DemoOrders {
  listsHadOrders: boolean;
  guestLists: FullMeeting[];
  catering: FullMeeting | null;
}

/** Who the demo signs in as: the secretary orders; the reception and the kitchen show what is on their lists. */
export interface DemoPeople {
  secretary: string;
  reception: string;
  catering: string;
}

/** The service's API as one signed-in person: a JSON answer, or an error naming the call. */
function apiAs(serviceUrl: string, token: string) {
  return async (method: string, route: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${serviceUrl}/api${route}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`${method} ${route} answered ${response.status}: ${text.slice(0, 200)}`);
    return JSON.parse(text) as unknown;
  };
}

/** The calendar's categories of meetings people from outside come to: citizens and visits. */
const WITH_VISITORS = ["Borger", "Besøg"];

/** The mayor's own meeting at the town hall with visitors, not private, cancelled or all day. */
const receivesGuests = (meeting: FullMeeting) =>
  meeting.categories.some((c) => WITH_VISITORS.includes(c)) &&
  !meeting.isPrivate &&
  !meeting.isCancelled &&
  !meeting.isAllDay &&
  meeting.organizer?.address === ADDRESSES.mayor &&
  TOWN_HALL.has(meeting.location);

const localDay = (instant: string) => DateTime.fromISO(instant, { zone: ZONE }).toISODate() as string;
const localTime = (at: DateTime) => at.setZone(ZONE).toFormat("HH:mm");

/** The meetings that receive guests and have not begun, earliest first. */
const upcomingWithGuests = (meetings: FullMeeting[], now: Date) =>
  meetings
    .filter((m) => receivesGuests(m) && Date.parse(m.start) > now.getTime())
    .sort((a, b) => a.start.localeCompare(b.start));

/** The first meeting not begun on each of the next two days that have one that receives guests. */
function chosenMeetings(meetings: FullMeeting[], now: Date): FullMeeting[] {
  const firstOfDay = new Map<string, FullMeeting>();
  for (const meeting of upcomingWithGuests(meetings, now)) {
    const day = localDay(meeting.start);
    if (!firstOfDay.has(day)) firstOfDay.set(day, meeting);
  }
  return [...firstOfDay.values()].slice(0, GUESTS.length);
}

type Call = ReturnType<typeof apiAs>;

/** The `index`th day's guests to the reception, arriving ten minutes early, with badges. */
async function sendGuestList(
  call: Call,
  meeting: FullMeeting,
  index: number,
  baseRevision: number,
): Promise<void> {
  ReceptionNoticeResponseSchema.parse(
    await call("POST", `/meetings/${encodeURIComponent(meeting.id)}/reception`, {
      meetingId: meeting.id,
      baseRevision,
      reception: {
        state: "ordered",
        guests: GUESTS[index],
        arrivalAt: localTime(DateTime.fromISO(meeting.start).minus({ minutes: 10 })),
        host: meeting.organizer?.name ?? "",
        badge: true,
        parking: index === 0,
      },
    }),
  );
}

/** Coffee, water and fruit at the meeting's start, for as many as the meeting holds with its guests. */
async function orderCatering(
  call: Call,
  meeting: FullMeeting,
  guests: readonly Guest[],
  baseRevision: number,
): Promise<void> {
  await call("POST", `/meetings/${encodeURIComponent(meeting.id)}/catering`, {
    meetingId: meeting.id,
    baseRevision,
    order: {
      state: "ordered",
      items: ["coffeeTea", "water", "fruit"],
      dietary: { vegetarian: 1 },
      serveAt: localTime(DateTime.fromISO(meeting.start)),
      costCentre: { kind: "account", account: "1000-0100" },
    },
    // The mayor, the people invited and the guests, as the task pane counts them.
    headCount: meetingHeadCount({
      organizer: meeting.organizer?.address ?? null,
      attendees: meeting.attendees,
      guests,
    }),
  });
}

/**
 * Whether the reception's list (today and tomorrow) or the kitchen's (two weeks) shows an order:
 * the simulator makes its calendar anew at each start, so a restart finds earlier orders only there.
 */
async function listsHaveOrders(serviceUrl: string, people: DemoPeople): Promise<boolean> {
  const reception = ReceptionListResponseSchema.parse(
    await apiAs(serviceUrl, people.reception)("GET", "/daylists/reception"),
  );
  const kitchen = CateringListResponseSchema.parse(
    await apiAs(serviceUrl, people.catering)("GET", "/daylists/catering"),
  );
  return reception.days.some((d) => d.guests.length > 0) || kitchen.orders.length > 0;
}

/**
 * Places the demo's orders as the secretary, with "now" at `now`, unless the day lists already
 * show orders. A meeting whose plan already has the step ordered is not ordered again.
 */
export async function placeDemoOrders(
  serviceUrl: string,
  people: DemoPeople,
  now = new Date(),
): Promise<DemoOrders> {
  if (await listsHaveOrders(serviceUrl, people))
    return { listsHadOrders: true, guestLists: [], catering: null };
  const call = apiAs(serviceUrl, people.secretary);
  const today = DateTime.fromJSDate(now, { zone: ZONE }).startOf("day");
  const range = new URLSearchParams({
    from: today.toUTC().toISO() as string,
    to: today.plus({ days: DAYS_AHEAD }).toUTC().toISO() as string,
  });
  const { meetings } = MeetingsResponseSchema.parse(await call("GET", `/meetings?${range.toString()}`));
  const planOf = async (meeting: FullMeeting) =>
    StoredPlanResponseSchema.parse(await call("GET", `/meetings/${encodeURIComponent(meeting.id)}/plan`));

  const guestLists: FullMeeting[] = [];
  const chosen = chosenMeetings(meetings, now);
  for (const [index, meeting] of chosen.entries()) {
    const { plan, revision } = await planOf(meeting);
    if (plan && ORDERED.has(plan.reception.state)) continue;
    await sendGuestList(call, meeting, index, revision);
    guestLists.push(meeting);
  }
  // The first chosen meeting before the kitchen's cut-off, else the next one at the town hall that is.
  const upcoming = upcomingWithGuests(meetings, now);
  for (const meeting of [...chosen, ...upcoming.filter((m) => !chosen.includes(m))]) {
    const deadlines = MeetingDeadlinesResponseSchema.parse(
      await call("GET", `/meetings/${encodeURIComponent(meeting.id)}/deadlines`),
    );
    if (!deadlines.cateringOpen) continue;
    const { plan, revision } = await planOf(meeting);
    if (plan && ORDERED.has(plan.catering.state)) break;
    await orderCatering(call, meeting, GUESTS[chosen.indexOf(meeting)] ?? [], revision);
    return { listsHadOrders: false, guestLists, catering: meeting };
  }
  return { listsHadOrders: false, guestLists, catering: null };
}

/** What the demo did, for the console in one line. */
export function demoOrdersLine({ listsHadOrders, guestLists, catering }: DemoOrders): string {
  if (listsHadOrders) {
    return "Demo: the reception's and the kitchen's day lists already hold orders from an earlier start; nothing ordered again.";
  }
  const when = (meeting: FullMeeting) =>
    `«${meeting.subject}» ${DateTime.fromISO(meeting.start, { zone: ZONE }).toFormat("dd.LL. HH:mm")}`;
  const sent = [
    ...guestLists.map((m) => `guest list for ${when(m)}`),
    ...(catering ? [`catering for ${when(catering)}`] : []),
  ];
  if (sent.length === 0) {
    return `Demo: no citizens' meeting or visit of the mayor's at the town hall in the next ${DAYS_AHEAD} days that still takes an order; nothing ordered, the day lists stay empty.`;
  }
  const noCatering = catering ? "" : "; no catering, every such meeting is past the kitchen's cut-off";
  return `Demo: ordered as the secretary: ${sent.join("; ")}${noCatering} (see the reception's and the kitchen's day lists).`;
}

/** Whether the service has mirrored the mayor's calendar once (it answers nothing before it listens). */
async function calendarMirrored(serviceUrl: string, token: string): Promise<boolean> {
  try {
    const { mailboxes } = SyncStatusResponseSchema.parse(
      await apiAs(serviceUrl, token)("GET", "/sync/status"),
    );
    return mailboxes.every((m) =>
      m.streams.some(
        (s) => s.stream === "events" && s.cursor === "complete" && s.lastSuccessfulSync !== null,
      ),
    );
  } catch {
    return false;
  }
}

/** Signs the three people in, waits for the service's first mirror of the calendar, places the orders. */
async function main(serviceUrl: string, simUrl: string): Promise<void> {
  const signIn = async (user: string) =>
    (
      await signInAs(
        { url: simUrl, tenantId: DEMO_TENANT_ID },
        // Registered by npm start: the pages sign in there.
        {
          user,
          scope: `api://${DEMO_CLIENT_ID}/access_as_user`,
          redirectUri: `${serviceUrl}/auth-redirect.html`,
        },
      )
    ).access_token;
  const people: DemoPeople = {
    secretary: await signIn(ADDRESSES.secretary),
    reception: await signIn(ADDRESSES.reception),
    catering: await signIn(ADDRESSES.catering),
  };
  for (const started = Date.now(); !(await calendarMirrored(serviceUrl, people.secretary));) {
    if (Date.now() - started > 120_000)
      throw new Error("the service had not mirrored the calendar within two minutes");
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  console.log(demoOrdersLine(await placeDemoOrders(serviceUrl, people)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [serviceUrl = "", simUrl = ""] = process.argv.slice(2);
  try {
    await main(serviceUrl, simUrl);
  } catch (err) {
    // The demo runs on without the orders: the lists are then empty, as in a fresh tenant.
    console.warn(
      `Demo: WARNING: the day lists' demo orders were not placed (${err instanceof Error ? err.message : String(err)}); the demo runs on without them.`,
    );
  }
}
