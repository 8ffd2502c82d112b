import type { InquiriesResponse, RuleSet } from "@modeklar/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOURNAL } from "../../sync-service/test/sync/sim";
import { graphTime, GUEST, mirroredId, tokensByRole, workingDayAhead } from "../pages/fixtures";
import { declaredOperations, type DeclaredOperation } from "../support/openapi";
import { control, dayIn, eventually, MAYOR, startStack, type Stack } from "./stack";

const SECRET_SUBJECT = "Fortroligt: lægebesøg";
const CASE_NUMBER = "00.01.00-A00-9-26";
/** What the writes below send that the audit log must never hold: it names the fields, never their values. */
const BRIEFING = "Husk tallene";
const MATERIAL_WANTED = "Notat om cykelstiens økonomi";
const FORWARD_COMMENT = "Borgeren har ringet to gange";
const ORDERS_MEETING = "Møde med grundejerforeningen i Skovby";

/** Who writes, as the audit log names them, and the page each writes from. */
const AT_THE_PANE = { role: "secretary", name: "Camilla Nørgaard", client: "taskpane" };
const AT_THE_RECEPTION = { role: "reception", name: "Rådhusets reception", client: "daylist" };
const IN_THE_KITCHEN = { role: "catering", name: "Kantinen – forplejning", client: "daylist" };
type Writer = typeof AT_THE_PANE;

let stack: Stack;
let operations: DeclaredOperation[];
let meetingId: string;
let invitationId: string;
let privateMeetingId: string;
/** A meeting a week ahead that the secretary orders catering, guests and material for, and journalises. */
let ordersMeetingId: string;
/** Ole Bak's inquiry about the cycle path, not yet answered: routed, forwarded and journalised below. */
let inquiryId: string;
let tokens: Record<string, string>;

beforeAll(async () => {
  stack = await startStack({ env: { JOURNAL_MAILBOX: JOURNAL } });
  await control(stack.sim, "POST", `/act/${encodeURIComponent("ekstern@havn.example")}/events`, {
    subject: SECRET_SUBJECT,
    start: { dateTime: `${dayIn(4)}T09:00:00`, timeZone: "Europe/Copenhagen" },
    end: { dateTime: `${dayIn(4)}T10:00:00`, timeZone: "Europe/Copenhagen" },
    sensitivity: "private",
    organizer: { emailAddress: { name: "Ekstern", address: "ekstern@havn.example" } },
    attendees: [{ emailAddress: { address: MAYOR }, type: "required" }],
  });
  await control(stack.sim, "POST", `/act/${encodeURIComponent("ekstern@havn.example")}/events`, {
    subject: "Invitation til havnedag",
    start: { dateTime: `${dayIn(6)}T13:00:00`, timeZone: "Europe/Copenhagen" },
    end: { dateTime: `${dayIn(6)}T14:00:00`, timeZone: "Europe/Copenhagen" },
    organizer: { emailAddress: { name: "Ekstern", address: "ekstern@havn.example" } },
    attendees: [{ emailAddress: { address: MAYOR }, type: "required" }],
  });
  ({ meetingId, invitationId, privateMeetingId } = await eventually(
    "the meetings in the mirror",
    async () => {
      const items = await stack.service.database.mirror.listItems(MAYOR, "events");
      const own = items.find((i) => i.data["isOrganizer"] === true && i.data["sensitivity"] !== "private");
      const invitation = items.find((i) => i.data["subject"] === "Invitation til havnedag");
      const secret = items.find((i) => i.data["subject"] === SECRET_SUBJECT);
      return own && invitation && secret
        ? { meetingId: own.id, invitationId: invitation.id, privateMeetingId: secret.id }
        : null;
    },
  ));
  // Made once the meeting above is chosen, so that it is never the one whose plan is saved at revision 0.
  const week = workingDayAhead(7, "10:00");
  await control(stack.sim, "POST", `/act/${encodeURIComponent(MAYOR)}/events`, {
    subject: ORDERS_MEETING,
    start: graphTime(week),
    end: graphTime(week.plus({ hours: 1 })),
    location: { displayName: "Borgmesterens mødelokale" },
  });
  ordersMeetingId = await mirroredId(stack, ORDERS_MEETING);
  operations = await declaredOperations(stack.service.url);
  tokens = await tokensByRole(stack);
  inquiryId = await eventually(
    "Ole Bak's inquiry",
    async () => {
      const { status, text } = await call("GET", "/inquiries");
      if (status !== 200) return null;
      const { inquiries } = JSON.parse(text) as InquiriesResponse;
      return inquiries.find((i) => i.subject.includes("cykelstien til Skovby"))?.id;
    },
    60_000,
  );
});
afterAll(() => stack?.close());

async function call(method: string, path: string, body?: unknown, role = "secretary", headers = {}) {
  const response = await fetch(`${stack.service.url}/api${path}`, {
    method,
    headers: {
      authorization: `Bearer ${tokens[role]}`,
      "content-type": "application/json",
      "x-modeklar-client": "taskpane",
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, etag: response.headers.get("etag") ?? "", text: await response.text() };
}

describe("the audit log of a working morning", () => {
  it("has one entry for each write performed, naming who, the page, the action and the fields, none missing", async () => {
    const travel = await call("GET", "/travel");
    const settings = await call("GET", "/reconcile/settings");
    const rules = JSON.parse((await call("GET", "/priorities/rules")).text) as {
      ruleSet: unknown;
      version: number;
    };
    const daylist = { "x-modeklar-client": "daylist" };
    /** Each write performed, by the operation in /openapi.json it calls, by whom and the fields its entry names. */
    const writes: {
      route: string;
      action: string;
      target: string | null;
      by?: Writer;
      fields?: string[];
      call: () => ReturnType<typeof call>;
    }[] = [
      {
        route: "PUT /api/meetings/{id}/plan",
        action: "plan.save",
        target: meetingId,
        fields: ["journal"],
        call: () =>
          call("PUT", `/meetings/${meetingId}/plan`, {
            baseRevision: 0,
            plan: { journal: { state: "confirmed", caseNumber: CASE_NUMBER, kle: "00.01.00" } },
          }),
      },
      {
        route: "PUT /api/meetings/{id}/briefing",
        action: "briefing.save",
        target: meetingId,
        call: () => call("PUT", `/meetings/${meetingId}/briefing`, { text: BRIEFING, baseVersion: 0 }),
      },
      {
        route: "PUT /api/priorities/pins/{itemId}",
        action: "pin.set",
        target: meetingId,
        call: () => call("PUT", `/priorities/pins/${meetingId}`, { class: 1 }),
      },
      {
        route: "DELETE /api/priorities/pins/{itemId}",
        action: "pin.lift",
        target: meetingId,
        call: () => call("DELETE", `/priorities/pins/${meetingId}`),
      },
      {
        route: "POST /api/week/decisions",
        action: "decision.pinPriority",
        target: meetingId,
        call: () =>
          call("POST", "/week/decisions", {
            eventId: meetingId,
            weekStart: dayIn(0),
            decision: "pinPriority",
            priorityClass: 2,
          }),
      },
      {
        route: "PUT /api/priorities/rules",
        action: "rules.save",
        target: null,
        call: () => call("PUT", "/priorities/rules", { ruleSet: rules.ruleSet, baseVersion: rules.version }),
      },
      {
        route: "PUT /api/travel",
        action: "travel.save",
        target: null,
        call: () =>
          call("PUT", "/travel", { ...JSON.parse(travel.text), defaultMinutes: 25 }, "secretary", {
            "if-match": travel.etag,
          }),
      },
      {
        route: "PUT /api/reconcile/settings",
        action: "settings.save",
        target: null,
        fields: ["reminders"],
        call: () =>
          call(
            "PUT",
            "/reconcile/settings",
            { ...JSON.parse(settings.text), reminders: false },
            "secretary",
            {
              "if-match": settings.etag,
            },
          ),
      },
      {
        route: "POST /api/invitations/{id}/respond",
        action: "invitation.tentative",
        target: invitationId,
        call: () =>
          call("POST", `/invitations/${invitationId}/respond`, {
            response: "tentative",
            idempotencyKey: crypto.randomUUID(),
            sendResponse: false,
          }),
      },
      {
        route: "POST /api/meetings/{id}/catering",
        action: "order.catering",
        target: ordersMeetingId,
        fields: ["costCentre", "count", "dietary", "items", "serveAt"],
        call: () =>
          call("POST", `/meetings/${ordersMeetingId}/catering`, {
            meetingId: ordersMeetingId,
            baseRevision: 0,
            order: {
              state: "ordered",
              items: ["coffeeTea", "sandwiches"],
              count: 8,
              dietary: { vegetarian: 2 },
              serveAt: "10:00",
              costCentre: { kind: "account", account: "1234-5678" },
            },
          }),
      },
      {
        route: "POST /api/meetings/{id}/reception",
        action: "order.reception",
        target: ordersMeetingId,
        fields: ["arrivalAt", "badge", "guests", "host", "parking"],
        call: () =>
          call("POST", `/meetings/${ordersMeetingId}/reception`, {
            meetingId: ordersMeetingId,
            baseRevision: 1,
            reception: {
              state: "ordered",
              guests: [GUEST],
              arrivalAt: "09:45",
              host: MAYOR,
              badge: true,
              parking: true,
            },
          }),
      },
      {
        route: "POST /api/meetings/{id}/material",
        action: "order.material",
        target: ordersMeetingId,
        fields: ["department", "what", "workingDaysBefore"],
        call: () =>
          call("POST", `/meetings/${ordersMeetingId}/material`, {
            meetingId: ordersMeetingId,
            baseRevision: 2,
            material: { state: "ordered", what: MATERIAL_WANTED, department: "teknik-miljoe@fjordby.dk" },
          }),
      },
      {
        route: "POST /api/daylists/reception/{id}/arrivals",
        action: "arrival.mark",
        target: ordersMeetingId,
        by: AT_THE_RECEPTION,
        fields: ["guest"],
        call: () =>
          call(
            "POST",
            `/daylists/reception/${ordersMeetingId}/arrivals`,
            { guest: GUEST.name },
            "reception",
            daylist,
          ),
      },
      {
        route: "POST /api/daylists/catering/{id}/confirm",
        action: "catering.confirm",
        target: ordersMeetingId,
        by: IN_THE_KITCHEN,
        fields: ["catering.state"],
        call: () =>
          call("POST", `/daylists/catering/${ordersMeetingId}/confirm`, undefined, "catering", daylist),
      },
      {
        route: "PATCH /api/inquiries/{id}",
        action: "inquiry.update",
        target: inquiryId,
        fields: ["department"],
        call: () => call("PATCH", `/inquiries/${inquiryId}`, { department: "teknik-miljoe" }),
      },
      {
        route: "POST /api/inquiries/{id}/forward",
        action: "inquiry.forward",
        target: inquiryId,
        fields: ["department", "comment"],
        call: () => call("POST", `/inquiries/${inquiryId}/forward`, { comment: FORWARD_COMMENT }),
      },
      {
        route: "POST /api/inquiries/{id}/journal",
        action: "journal.inquiry",
        target: inquiryId,
        fields: ["caseNumber", "inquiry"],
        call: () => call("POST", `/inquiries/${inquiryId}/journal`, { caseNumber: CASE_NUMBER }),
      },
      {
        route: "POST /api/meetings/{id}/journal",
        action: "journal.meeting",
        target: ordersMeetingId,
        fields: ["caseNumber", "invitation"],
        call: () => call("POST", `/meetings/${ordersMeetingId}/journal`, { caseNumber: CASE_NUMBER }),
      },
    ];
    const before = (
      await stack.service.database.audit.between(
        { from: "2000-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z" },
        { limit: 10_000 },
      )
    ).filter((e) => e.action !== "meeting.read");
    for (const write of writes) {
      const { status, text } = await write.call();
      expect(`${write.action} ${status} ${status < 300 ? "" : text}`).toBe(`${write.action} ${status} `);
    }
    const entries = (
      await stack.service.database.audit.between(
        { from: "2000-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z" },
        { limit: 10_000 },
      )
    )
      .filter((e) => e.action !== "meeting.read")
      .slice(before.length);
    expect(entries.map((e) => [e.action, e.targetId])).toEqual(writes.map((w) => [w.action, w.target]));
    entries.forEach((entry, i) => {
      const { by = AT_THE_PANE, fields } = writes[i] ?? {};
      expect(entry).toMatchObject({
        actorName: by.name,
        roles: [by.role],
        client: by.client,
        ...(fields ? { fields } : {}),
      });
    });
    for (const value of [CASE_NUMBER, BRIEFING, MATERIAL_WANTED, FORWARD_COMMENT, GUEST.name, SECRET_SUBJECT])
      expect(JSON.stringify(entries)).not.toContain(value);
    // Every write the API declares records an action; only searches (rooms, a dry run of rules) record no write.
    const unrecorded = operations
      .filter((o) => o.method !== "GET" && !o.audit)
      .map((o) => `${o.method} ${o.path}`);
    expect(unrecorded).toEqual(["POST /api/rooms/available", "POST /api/priorities/rules/dry-run"]);
    // Every write /openapi.json offers is performed above and its entry found: a new write route
    // fails this test until it is performed here too.
    const performed = new Set(writes.map((w) => w.route));
    const notPerformed = operations
      .filter((o) => o.method !== "GET" && o.audit)
      .map((o) => `${o.method} ${o.path}`)
      .filter((route) => !performed.has(route));
    expect(notPerformed).toEqual([]);
  });

  it("records who read the private meeting and which fields, never its subject", async () => {
    const range = new URLSearchParams({ from: `${dayIn(0)}T00:00:00Z`, to: `${dayIn(10)}T00:00:00Z` });
    expect((await call("GET", `/meetings?${range}`, undefined, "mayor")).status).toBe(200);
    const entries = await stack.service.database.audit.forMeeting(privateMeetingId);
    const read = entries.find((e) => e.action === "meeting.read" && e.actorName === "Birgitte Holm Sørensen");
    expect(read).toMatchObject({ roles: ["mayor"], targetKind: "meeting" });
    expect(read?.fields).toContain("subject");
    expect(JSON.stringify(entries)).not.toContain(SECRET_SUBJECT);
  });

  it("records a read of the private meeting on each route that showed it to a person: its deadlines, the priorities, a dry run of rules, the week, its journal", async () => {
    const reads = async () =>
      (await stack.service.database.audit.forMeeting(privateMeetingId)).filter(
        (e) => e.action === "meeting.read" && e.actorName === "Camilla Nørgaard",
      );
    const monday = new Date(Date.now() + 4 * 86_400_000);
    monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
    const { ruleSet } = JSON.parse((await call("GET", "/priorities/rules")).text) as { ruleSet: RuleSet };
    // A first rule for the outside organizer's meetings re-classifies the private one: the dry run shows it.
    const harbourFirst: RuleSet = {
      ...ruleSet,
      rules: [
        {
          id: "havnen",
          enabled: true,
          class: 1,
          reason: "Havnen",
          match: { organizer: ["ekstern@havn.example"] },
        },
        ...ruleSet.rules,
      ],
    };
    const routes: [method: string, path: string, body?: unknown][] = [
      ["GET", `/meetings/${privateMeetingId}/deadlines`],
      ["GET", "/priorities"],
      ["POST", "/priorities/rules/dry-run", { ruleSet: harbourFirst }],
      ["GET", `/week?week=${monday.toISOString().slice(0, 10)}`],
      ["GET", `/meetings/${privateMeetingId}/journal`],
    ];
    for (const [method, path, body] of routes) {
      const before = (await reads()).length;
      const { status } = await call(method, path, body);
      expect(`${path} ${status}`).toBe(`${path} 200`);
      expect(`${path}: ${(await reads()).length - before} entry`).toBe(`${path}: 1 entry`);
    }
    expect(JSON.stringify(await reads())).not.toContain(SECRET_SUBJECT);
  });

  it("is read per meeting by the secretary and the chief of staff, and by no one else", async () => {
    const asChief = await call("GET", `/audit/meetings/${meetingId}`, undefined, "chief-of-staff");
    expect(asChief.status).toBe(200);
    const { entries } = JSON.parse(asChief.text) as { entries: { action: string }[] };
    expect(entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(["plan.save", "pin.set", "pin.lift"]),
    );
    expect((await call("GET", `/audit/meetings/${meetingId}`, undefined, "mayor")).status).toBe(403);
  });

  it("exports a period as CSV, one entry a line, and offers no way to change an entry", async () => {
    const query = new URLSearchParams({ from: `${dayIn(-1)}T00:00:00Z`, to: `${dayIn(1)}T00:00:00Z` });
    const csv = await call("GET", `/audit.csv?${query}`);
    expect(csv.status).toBe(200);
    const lines = csv.text.trimEnd().split("\r\n");
    expect(lines[0]).toBe("at,actor_id,actor_name,roles,client,action,target_kind,target_id,fields");
    expect(lines.some((l) => l.includes(",Camilla Nørgaard,secretary,taskpane,plan.save,meeting,"))).toBe(
      true,
    );
    expect(csv.text).not.toContain(SECRET_SUBJECT);
    const auditWrites = operations.filter((o) => o.path.startsWith("/api/audit") && o.method !== "GET");
    expect(auditWrites).toEqual([]);
  });
});
