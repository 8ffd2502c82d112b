import type { RuleSet } from "@modeklar/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { declaredOperations, type DeclaredOperation } from "../support/openapi";
import { apiToken, control, dayIn, eventually, MAYOR, startStack, type Stack } from "./stack";

const SECRET_SUBJECT = "Fortroligt: lægebesøg";
const CASE_NUMBER = "00.01.00-A00-9-26";

/**
 * Writes this morning does not perform yet (each needs a set-up of its own: an order on a plan, a
 * day list's guest or order, an inquiry, a case number). Their declarations are checked above; what
 * is left of issue #12 is to perform them here too and shrink this list to nothing.
 */
const NOT_YET_PERFORMED_HERE = [
  "POST /api/meetings/{id}/catering",
  "POST /api/meetings/{id}/reception",
  "POST /api/meetings/{id}/material",
  "POST /api/daylists/reception/{id}/arrivals",
  "POST /api/daylists/catering/{id}/confirm",
  "PATCH /api/inquiries/{id}",
  "POST /api/inquiries/{id}/forward",
  "POST /api/inquiries/{id}/journal",
  "POST /api/meetings/{id}/journal",
];

let stack: Stack;
let operations: DeclaredOperation[];
let meetingId: string;
let invitationId: string;
let privateMeetingId: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  stack = await startStack();
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
  operations = await declaredOperations(stack.service.url);
  for (const [role, user] of Object.entries({
    secretary: "sekretaer@fjordby.dk",
    mayor: MAYOR,
    "chief-of-staff": "stabschef@fjordby.dk",
  }))
    tokens[role] = await apiToken(stack.sim, user);
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
    /** Each write performed, by the operation in /openapi.json it calls. */
    const writes: {
      route: string;
      action: string;
      target: string | null;
      call: () => ReturnType<typeof call>;
    }[] = [
      {
        route: "PUT /api/meetings/{id}/plan",
        action: "plan.save",
        target: meetingId,
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
        call: () => call("PUT", `/meetings/${meetingId}/briefing`, { text: "Husk tallene", baseVersion: 0 }),
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
    for (const entry of entries) {
      expect(entry).toMatchObject({
        actorName: "Camilla Nørgaard",
        roles: ["secretary"],
        client: "taskpane",
      });
    }
    expect(entries.find((e) => e.action === "plan.save")?.fields).toEqual(["journal"]);
    expect(entries.find((e) => e.action === "settings.save")?.fields).toEqual(["reminders"]);
    expect(JSON.stringify(entries)).not.toContain(CASE_NUMBER);
    expect(JSON.stringify(entries)).not.toContain("Husk tallene");
    // Every write the API declares records an action; only searches (rooms, a dry run of rules) record none.
    const unrecorded = operations
      .filter((o) => o.method !== "GET" && !o.audit)
      .map((o) => `${o.method} ${o.path}`);
    expect(unrecorded).toEqual(["POST /api/rooms/available", "POST /api/priorities/rules/dry-run"]);
    // Every write /openapi.json offers is performed above and its entry found, unless named below as
    // not yet performed here: a new write route fails this test until it is one or the other.
    const performed = new Set(writes.map((w) => w.route));
    const notPerformed = operations
      .filter((o) => o.method !== "GET" && o.audit)
      .map((o) => `${o.method} ${o.path}`)
      .filter((route) => !performed.has(route));
    expect(notPerformed.sort()).toEqual([...NOT_YET_PERFORMED_HERE].sort());
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
