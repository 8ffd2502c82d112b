import { Writable } from "node:stream";
import { DEMO_CLIENT_ID } from "@modeklar/m365-sim";
import { ADDIN_ID, customPropertiesId, encodePlan, type MeetingPlan } from "@modeklar/shared";
import { createLogger } from "@modeklar/sync-service";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import { EVENT_FIELDS, INBOX_FIELDS } from "../../sync-service/src/graph/fields";
import { CATERING as KITCHEN, CHIEF_OF_STAFF, graphAs, RECEPTION } from "../../sync-service/test/sync/sim";
import { graphTime, api as serviceApi, mirroredId, ZONE } from "../pages/fixtures";
import { danishContext, pageTests, signedIn } from "../pages/browser";
import { apiToken, control, eventually, MAYOR, SECRETARY } from "./stack";

/**
 * The privacy suite: a private meeting with catering, guests, material and a briefing note,
 * made private before its orders went (one meeting) and after (another). Its subject, body,
 * attendees and briefing reach no one the privacy policy keeps them from: no API response, page,
 * mail in the simulator's mailboxes, ICS file, log line or metric.
 */

const PRIVATE_BEFORE = "Fortroligt: opkøb af havnegrunden";
const PRIVATE_AFTER = "Samtale om direktørens fratrædelse";
const PRIVATE_VISIT = "Fortroligt besøg af Havnens bestyrelse";
const BODY = "Kun for borgmesteren: prisen er 48 mio.";
const ATTENDEE = "direktor.hemmelig@havn.example";
const BRIEFING = "Talepunkter: købesummen må ikke nævnes";
const COMMENT = "Sig intet om købesummen til pressen.";
const SECRETS = [
  PRIVATE_BEFORE,
  PRIVATE_AFTER,
  PRIVATE_VISIT,
  BODY,
  ATTENDEE,
  "Hemmelig Direktør",
  BRIEFING,
  COMMENT,
];
const GUEST = { name: "Mette Lund", organisation: "Fjordby Havn", email: "mette.lund@havn.example" };

const DEPARTMENT = "teknik-miljoe@fjordby.dk";

/** The people the policy keeps a private meeting from (the chief of staff by the default setting). */
const KEPT_OUT = { reception: RECEPTION, catering: KITCHEN, "chief-of-staff": CHIEF_OF_STAFF } as const;

const logLines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logLines.push(chunk.toString());
    done();
  },
});
// The service's own logger at its most talkative level: every line it would ever write.
const pages = pageTests({ logger: createLogger("trace", sink), env: { SAFETY_POLL_SECONDS: "2" } });
const tokens: Record<string, string> = {};
let day: DateTime;
let beforeId: string;
let afterId: string;
/** Mail that reached each mailbox before the second meeting was made private (it named it then, rightly). */
const mailBeforeItWasPrivate = new Map<string, Set<string>>();

const api = (token: string, method: string, path: string, body?: unknown) =>
  serviceApi(pages.stack, token, method, path, body);

interface SimMessage {
  id: string;
  subject: string;
  body: { content: string };
}

async function inbox(address: string): Promise<SimMessage[]> {
  const list = await control(
    pages.stack.sim,
    "GET",
    `/mailboxes/${encodeURIComponent(address)}/messages?folder=inbox`,
  );
  return list["value"] as SimMessage[];
}

/** The mayor books a meeting in her own calendar; its id in the mirror once the service has it. */
async function book(subject: string, at: DateTime, extra: Record<string, unknown>): Promise<string> {
  await control(pages.stack.sim, "POST", `/act/${encodeURIComponent(MAYOR)}/events`, {
    subject,
    start: graphTime(at),
    end: graphTime(at.plus({ hours: 1 })),
    ...extra,
  });
  return mirroredId(pages.stack, subject);
}

/** The secretary orders everything a meeting can have: catering, guests, material, and writes the briefing. */
async function orderEverything(id: string): Promise<void> {
  const secretary = tokens["secretary"] ?? "";
  const meeting = `/meetings/${encodeURIComponent(id)}`;
  const orders = [
    [
      `${meeting}/catering`,
      {
        meetingId: id,
        baseRevision: 0,
        order: { items: ["coffeeTea"], count: 6, dietary: { vegetarian: 2 } },
      },
    ],
    [
      `${meeting}/reception`,
      { meetingId: id, baseRevision: 1, reception: { guests: [GUEST], arrivalAt: "09:45", parking: true } },
    ],
    [
      `${meeting}/material`,
      { meetingId: id, baseRevision: 2, material: { what: "Notat om grunden", department: DEPARTMENT } },
    ],
  ] as const;
  for (const [path, body] of orders) {
    const answer = await api(secretary, "POST", path, body);
    expect(answer.status, `${path}: ${answer.text}`).toBe(200);
  }
  const briefing = await api(secretary, "PUT", `${meeting}/briefing`, { text: BRIEFING, baseVersion: 0 });
  expect(briefing.status).toBe(200);
  // The task pane then keeps the plan on the meeting itself, where reconcile reads it.
  const { plan } = JSON.parse((await api(secretary, "GET", `${meeting}/plan`)).text) as { plan: MeetingPlan };
  const graph = await graphAs(pages.stack.sim, SECRETARY);
  await graph("PATCH", `/users/${MAYOR}/events/${encodeURIComponent(id)}`, {
    singleValueExtendedProperties: [
      { id: customPropertiesId(ADDIN_ID), value: JSON.stringify({ mk: encodePlan(plan) }) },
    ],
  });
}

beforeAll(async () => {
  for (const [role, user] of Object.entries({ mayor: MAYOR, secretary: SECRETARY, ...KEPT_OUT })) {
    tokens[role] = await apiToken(pages.stack.sim, user);
  }
  // A working day at least eight days ahead: before the kitchen's cut-off, in one week of the weekly meeting.
  day = DateTime.now()
    .setZone(ZONE)
    .plus({ days: 8 })
    .set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
  while (day.weekday > 5) day = day.plus({ days: 1 });

  // Private before its orders go.
  beforeId = await book(PRIVATE_BEFORE, day, {
    sensitivity: "private",
    body: { contentType: "text", content: BODY },
    location: { displayName: "Borgmesterens mødelokale" },
    attendees: [{ emailAddress: { address: ATTENDEE, name: "Hemmelig Direktør" }, type: "required" }],
  });
  await orderEverything(beforeId);

  // Private only after its orders went: the mayor marks it private in Outlook and moves it an hour.
  const later = day.set({ hour: 13 });
  afterId = await book(PRIVATE_AFTER, later, { location: { displayName: "Byrådssalen" } });
  await orderEverything(afterId);
  await eventually(
    "reconcile seeing the orders on the meeting",
    async () => {
      const snapshots = await pages.stack.service.database.reconcile.meetingSnapshotsOf(MAYOR, [afterId]);
      const snapshot = snapshots.get(afterId) as { catering: unknown; reception: boolean } | undefined;
      return snapshot?.catering && snapshot.reception;
    },
    60_000,
  );
  for (const address of [KITCHEN, RECEPTION, DEPARTMENT, CHIEF_OF_STAFF]) {
    mailBeforeItWasPrivate.set(address, new Set((await inbox(address)).map((m) => m.id)));
  }
  await control(
    pages.stack.sim,
    "PATCH",
    `/act/${encodeURIComponent(MAYOR)}/events/${encodeURIComponent(afterId)}`,
    {
      sensitivity: "private",
      start: graphTime(later.plus({ hours: 1 })),
      end: graphTime(later.plus({ hours: 2 })),
    },
  );
  await eventually(
    "the kitchen's and the reception's change notices",
    async () => {
      const kitchen = await inbox(KITCHEN);
      const reception = await inbox(RECEPTION);
      return (
        kitchen.some((m) => m.subject.startsWith("Ændret")) &&
        reception.some((m) => m.subject.startsWith("Ændret"))
      );
    },
    60_000,
  );

  // A private visit tomorrow, with guests for the reception's page (today and tomorrow).
  const tomorrow = DateTime.now()
    .setZone(ZONE)
    .plus({ days: 1 })
    .set({ hour: 15, minute: 0, second: 0, millisecond: 0 });
  const visitId = await book(PRIVATE_VISIT, tomorrow, {
    sensitivity: "private",
    body: { contentType: "text", content: BODY },
    location: { displayName: "Borgmesterens mødelokale" },
  });
  const visit = await api(
    tokens["secretary"] ?? "",
    "POST",
    `/meetings/${encodeURIComponent(visitId)}/reception`,
    {
      meetingId: visitId,
      baseRevision: 0,
      reception: { guests: [GUEST], arrivalAt: "14:45" },
    },
  );
  expect(visit.status, visit.text).toBe(200);

  // The weekly meeting sends the chief of staff to the first one.
  const decision = await api(tokens["mayor"] ?? "", "POST", "/week/decisions", {
    eventId: beforeId,
    weekStart: day.startOf("week").toISODate(),
    decision: "sendChiefOfStaff",
    comment: COMMENT,
  });
  expect(decision.status, decision.text).toBe(201);
}, 300_000);

/** Each route's query for the day and week of the two meetings. */
function queryFor(path: string): string {
  const date = day.toISODate() ?? "";
  const monday = day.startOf("week").toISODate() ?? "";
  const queries: Record<string, Record<string, string>> = {
    "/api/week": { week: monday, weeks: "1" },
    "/api/week.ics": { from: monday },
    "/api/daylists/reception": { day: date },
    "/api/daylists/catering": { day: date },
    "/api/reception/day": { date },
  };
  const range = {
    from: day.startOf("day").toUTC().toISO() ?? "",
    to: day.plus({ days: 1 }).startOf("day").toUTC().toISO() ?? "",
  };
  return new URLSearchParams(queries[path] ?? range).toString();
}

const leaks = (text: string) => SECRETS.filter((secret) => text.includes(secret));

describe("a private meeting, private before or after its orders went", () => {
  it("reaches the reception, the kitchen and the chief of staff through no route of the API", async () => {
    const doc = JSON.parse(await (await fetch(`${pages.stack.service.url}/openapi.json`)).text()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const found: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const method of Object.keys(methods)) {
        for (const id of [beforeId, afterId]) {
          const route = path.replace(/^\/api/, "").replace(/\{[^}]+\}/g, encodeURIComponent(id));
          for (const [role, token] of Object.entries(tokens)) {
            if (!(role in KEPT_OUT)) continue;
            const get = method === "get";
            const answer = await api(
              token,
              method.toUpperCase(),
              get ? `${route}?${queryFor(path)}` : route,
              get ? undefined : {},
            );
            for (const secret of leaks(answer.text)) found.push(`${role} ${method} ${path}: ${secret}`);
          }
        }
      }
    }
    expect(found).toEqual([]);
  });

  it("still gives the reception its guests and the kitchen its orders, under 'Privat aftale'", async () => {
    const reception = JSON.parse(
      (await api(tokens["reception"] ?? "", "GET", `/reception/day?${queryFor("/api/reception/day")}`)).text,
    ) as {
      meetings: { meetingId: string; subject: string; guests: { name: string; email?: string }[] }[];
    };
    for (const id of [beforeId, afterId]) {
      const line = reception.meetings.find((m) => m.meetingId === id);
      expect(line).toMatchObject({ subject: "Privat aftale", guests: [{ name: GUEST.name }] });
      expect(line?.guests[0]).not.toHaveProperty("email");
    }
    const kitchen = JSON.parse(
      (await api(tokens["catering"] ?? "", "GET", `/daylists/catering?${queryFor("/api/daylists/catering")}`))
        .text,
    ) as {
      orders: { meetingId: string; count: number; location: string; host: string }[];
    };
    expect(kitchen.orders.find((o) => o.meetingId === beforeId)).toMatchObject({
      count: 6,
      location: "Borgmesterens mødelokale",
      host: "",
    });
    expect(kitchen.orders.find((o) => o.meetingId === afterId)).toMatchObject({
      count: 6,
      location: "Byrådssalen",
    });
  });

  it("shows the chief of staff its time under 'Privat aftale' in the week, and the secretary all of it", async () => {
    const week = (token: string) => api(token, "GET", `/week?${queryFor("/api/week")}`).then((a) => a.text);
    const chief = await week(tokens["chief-of-staff"] ?? "");
    expect(leaks(chief)).toEqual([]);
    expect(chief).toContain("Privat aftale");
    const secretary = await week(tokens["secretary"] ?? "");
    expect(secretary).toContain(PRIVATE_BEFORE);
    expect(secretary).toContain(PRIVATE_AFTER);
  });

  it("is 'Privat aftale' in every mail Mødeklar sent once it was private", async () => {
    const found: string[] = [];
    for (const address of [KITCHEN, RECEPTION, DEPARTMENT, CHIEF_OF_STAFF]) {
      const earlier = mailBeforeItWasPrivate.get(address) ?? new Set();
      for (const message of await inbox(address)) {
        const text = `${message.subject}\n${message.body.content}`;
        // Orders for the second meeting went while it was open: they name it, as they should have then.
        const secrets = earlier.has(message.id)
          ? leaks(text).filter((s) => s !== PRIVATE_AFTER)
          : leaks(text);
        for (const secret of secrets) found.push(`${address} «${message.subject}»: ${secret}`);
      }
    }
    expect(found).toEqual([]);
    const kitchen = (await inbox(KITCHEN)).map((m) => m.subject);
    expect(kitchen).toContain("Bestilling af forplejning: Privat aftale");
    expect(kitchen).toContain("Ændret: Privat aftale");
    expect((await inbox(RECEPTION)).map((m) => m.subject)).toContain("Ændret: Privat aftale");
    expect((await inbox(CHIEF_OF_STAFF)).map((m) => m.subject)).toContain(
      "Du deltager for borgmesteren: Privat aftale",
    );
  });

  it("is 'Privat aftale' in the chief of staff's calendar file, marked private", async () => {
    const ics = (await api(tokens["chief-of-staff"] ?? "", "GET", `/week.ics?${queryFor("/api/week.ics")}`))
      .text;
    expect(leaks(ics)).toEqual([]);
    expect(ics).toContain("SUMMARY:Privat aftale");
    expect(ics).toContain("CLASS:PRIVATE");
  });

  it("appears on none of the reception's, the kitchen's or the chief of staff's pages", async () => {
    const views = [
      ["daylist.html?role=reception", "Rådhusets reception", GUEST.name],
      ["daylist.html?role=catering", "Kantinen", "Borgmesterens mødelokale"],
      [`week.html?week=${day.startOf("week").toISODate()}`, "Jonas Vestergaard", "Privat aftale"],
    ] as const;
    for (const [page, who, shown] of views) {
      const context = await danishContext(pages.browser, { viewport: { width: 1280, height: 900 } });
      const tab = await signedIn(pages.stack, context, page, who);
      await tab.getByText(shown).first().waitFor({ timeout: 60_000 });
      const content = (await tab.content()) + JSON.stringify(await tab.evaluate("localStorage"));
      expect({ page, leaks: leaks(content) }).toEqual({ page, leaks: [] });
      await context.close();
    }
  });

  it("appears in no line of the service's log, with no token beside it", () => {
    const log = logLines.join("");
    expect(log.length).toBeGreaterThan(10_000);
    expect(leaks(log)).toEqual([]);
    for (const token of Object.values(tokens)) expect(log).not.toContain(token.split(".")[2]);
  });

  it("appears neither in /metrics nor /readyz, and neither names a mailbox", async () => {
    for (const path of ["/metrics", "/readyz"]) {
      const text = await (await fetch(`${pages.stack.service.url}${path}`)).text();
      expect(leaks(text)).toEqual([]);
      expect(text).not.toMatch(/@fjordby\.dk/);
    }
  });

  it("was read from Graph with $select, and no mail or invitation body is kept in the mirror", async () => {
    const log = (await control(pages.stack.sim, "GET", "/requests?method=GET"))["value"] as {
      path: string;
      appId: string | null;
    }[];
    const mailboxReads = log.filter(
      (entry) =>
        entry.appId === DEMO_CLIENT_ID &&
        /\/users\/[^/]+\/(messages|events|mailFolders|calendarView)|\/places\//.test(entry.path) &&
        // Graph takes no $select on calendarView delta (its items are cut on arrival), and a delta
        // link's token carries the $select of the round it continues.
        !/calendarView\/delta|deltatoken|skiptoken/i.test(entry.path),
    );
    expect(mailboxReads.length).toBeGreaterThan(3);
    expect(mailboxReads.filter((entry) => !/(\$|%24)select=/.test(entry.path)).map((e) => e.path)).toEqual(
      [],
    );
    const { mirror } = pages.stack.service.database;
    for (const stream of ["events", "messages"] as const) {
      const items = await mirror.listItems(MAYOR, stream);
      expect(items.length).toBeGreaterThan(5);
      const fields = new Set(items.flatMap((item) => Object.keys(item.data)));
      expect({ stream, body: fields.has("body"), uniqueBody: fields.has("uniqueBody") }).toEqual({
        stream,
        body: false,
        uniqueBody: false,
      });
      const allowed = new Set([
        "id",
        "@odata.etag",
        "@odata.type",
        ...Object.keys(stream === "events" ? EVENT_FIELDS : INBOX_FIELDS),
      ]);
      expect([...fields].filter((field) => !allowed.has(field))).toEqual([]);
    }
  });
});
