import { DEMO_CLIENT_ID } from "@modeklar/m365-sim";
import type { Role } from "@modeklar/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTE_ACCESS, routeKey } from "../../sync-service/src/http/access";
import { apiToken, control, dayIn, eventually, MAYOR, startStack, type Stack } from "./stack";

/**
 * The role × route × token part of the security suite, generated from the service's own
 * /openapi.json: a route added without a decision in the access table fails here, and every
 * route is tried with every role and every kind of bad token.
 */

interface DeclaredOperation {
  method: string;
  /** As /openapi.json names it: /api/meetings/{id}/plan. */
  path: string;
}

const PEOPLE: Record<Role | "nobody", string> = {
  mayor: MAYOR,
  secretary: "sekretaer@fjordby.dk",
  "chief-of-staff": "stabschef@fjordby.dk",
  reception: "reception@fjordby.dk",
  catering: "kantine@fjordby.dk",
  // Signed in to the tenant, but with no Mødeklar role.
  nobody: "kommunaldirektoer@fjordby.dk",
};

let stack: Stack;
let operations: DeclaredOperation[];
let openMeetingId: string;
let privateMeetingId: string;
const tokens = {} as Record<keyof typeof PEOPLE, string>;

const range = new URLSearchParams({ from: `${dayIn(-30)}T00:00:00Z`, to: `${dayIn(60)}T00:00:00Z` });

beforeAll(async () => {
  stack = await startStack();
  await control(stack.sim, "POST", `/act/${encodeURIComponent("ekstern@havn.example")}/events`, {
    subject: "Fortroligt møde om havnegrunden",
    start: { dateTime: `${dayIn(3)}T10:00:00`, timeZone: "Europe/Copenhagen" },
    end: { dateTime: `${dayIn(3)}T11:00:00`, timeZone: "Europe/Copenhagen" },
    sensitivity: "private",
    organizer: { emailAddress: { name: "Ekstern", address: "ekstern@havn.example" } },
    attendees: [{ emailAddress: { address: MAYOR }, type: "required" }],
  });
  const doc = (await (await fetch(`${stack.service.url}/openapi.json`)).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
  );
  for (const [who, user] of Object.entries(PEOPLE))
    tokens[who as keyof typeof PEOPLE] = await apiToken(stack.sim, user);
  ({ openMeetingId, privateMeetingId } = await eventually(
    "a private and an open meeting in the mirror",
    async () => {
      const items = await stack.service.database.mirror.listItems(MAYOR, "events");
      const secret = items.find((i) => i.data["sensitivity"] === "private");
      const open = items.find((i) => i.data["sensitivity"] === "normal");
      return secret && open ? { openMeetingId: open.id, privateMeetingId: secret.id } : null;
    },
  ));
}, 120_000);
afterAll(() => stack?.close());

/** The access table's key of an operation /openapi.json declares. */
const keyOf = (op: DeclaredOperation) =>
  routeKey(op.method, op.path.replace(/^\/api/, "").replace(/\{(\w+)\}/g, ":$1"));

/** A body each route about one meeting accepts, so what refuses it is the privacy policy, not the schema. */
const validBodies = (meetingId: string): Record<string, unknown> => {
  const order = { meetingId, baseRevision: 0 };
  return {
    "POST /invitations/:id/respond": {
      response: "accept",
      idempotencyKey: crypto.randomUUID(),
      sendResponse: false,
    },
    "PUT /meetings/:id/plan": { baseRevision: 0, plan: {} },
    "POST /meetings/:id/catering": { ...order, order: { items: ["coffeeTea"], count: 4 } },
    "POST /meetings/:id/reception": { ...order, reception: { guests: [{ name: "Mette Lund" }] } },
    "POST /meetings/:id/material": {
      ...order,
      material: { what: "Notat", department: "teknik-miljoe@fjordby.dk" },
    },
    "PUT /meetings/:id/briefing": { text: "Talepunkter", baseVersion: 0 },
    "POST /week/decisions": {
      eventId: meetingId,
      weekStart: "2026-12-07",
      decision: "pinPriority",
      priorityClass: 2,
    },
  };
};

async function call(
  op: DeclaredOperation,
  token: string | null,
  meetingId = openMeetingId,
  body: unknown = {},
) {
  const path = op.path.replace(/\{[^}]+\}/g, encodeURIComponent(meetingId));
  const response = await fetch(`${stack.service.url}${path}${op.method === "GET" ? `?${range}` : ""}`, {
    method: op.method,
    headers: {
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      "content-type": "application/json",
    },
    ...(op.method === "GET" ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const code = response.headers.get("content-type")?.includes("json")
    ? (JSON.parse(text) as { code?: unknown }).code
    : undefined;
  return { status: response.status, code, contentType: response.headers.get("content-type") ?? "" };
}

/** A token the tenant's identity provider would never issue, signed (or not) as given. */
async function forgedToken(
  kind: "unsigned" | "expired" | "wrong-audience" | "wrong-issuer",
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    aud: DEMO_CLIENT_ID,
    iss: stack.sim.ctx.issuer(),
    oid: "11111111-1111-4111-8111-000000000002",
    roles: ["secretary", "mayor"],
    tid: stack.sim.tenantId,
    ver: "2.0",
  };
  if (kind === "unsigned") {
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    return `${part({ alg: "none", typ: "JWT" })}.${part({ ...claims, exp: now + 3600, iat: now })}.`;
  }
  if (kind === "expired") return stack.sim.ctx.keys.sign(claims, 600, now - 7200);
  if (kind === "wrong-audience")
    return stack.sim.ctx.keys.sign({ ...claims, aud: "api://someone-else" }, 600, now);
  return stack.sim.ctx.keys.sign(
    { ...claims, iss: "https://login.example.com/another-tenant/v2.0" },
    600,
    now,
  );
}

describe("who may call what", () => {
  it("has an access decision for every route the API declares, and a route for every decision", () => {
    expect(operations.map(keyOf).sort()).toEqual(Object.keys(ROUTE_ACCESS).sort());
  });

  it("turns away a missing, unsigned, expired, wrong-audience or wrong-issuer token with 401 on every route", async () => {
    const bad = [
      null,
      await forgedToken("unsigned"),
      await forgedToken("expired"),
      await forgedToken("wrong-audience"),
      await forgedToken("wrong-issuer"),
    ];
    for (const op of operations) {
      for (const [index, token] of bad.entries()) {
        const answer = await call(op, token);
        const problem = answer.contentType.startsWith("application/problem+json");
        expect(`${keyOf(op)} token ${index}: ${answer.status} ${problem}`).toBe(
          `${keyOf(op)} token ${index}: 401 true`,
        );
      }
    }
  });

  it("lets each role through exactly the routes the access table gives it, and answers 403 on every other", async () => {
    for (const op of operations) {
      const allowed = ROUTE_ACCESS[keyOf(op)]?.roles ?? [];
      for (const who of Object.keys(PEOPLE) as (keyof typeof PEOPLE)[]) {
        const answer = await call(op, tokens[who]);
        const outcome =
          answer.status === 403 && answer.code === "roleNotAllowed"
            ? "refused"
            : answer.status >= 500 || answer.status === 401
              ? `failed ${answer.status}`
              : "let through";
        const expected = (allowed as readonly string[]).includes(who) ? "let through" : "refused";
        expect(`${who} ${keyOf(op)}: ${outcome}`).toBe(`${who} ${keyOf(op)}: ${expected}`);
      }
    }
  });

  it("refuses the chief of staff a private meeting's own routes while the setting keeps private items from her, and lets the secretary in", async () => {
    const ofOneMeeting = operations.filter((op) => ROUTE_ACCESS[keyOf(op)]?.privateMeetings === "refused");
    expect(ofOneMeeting.length).toBeGreaterThan(5);
    for (const op of ofOneMeeting) {
      const body = validBodies(privateMeetingId)[keyOf(op)];
      expect(op.method === "GET" || body !== undefined, `a valid body for ${keyOf(op)} in validBodies`).toBe(
        true,
      );
      const chief = await call(op, tokens["chief-of-staff"], privateMeetingId, body);
      if ((ROUTE_ACCESS[keyOf(op)]?.roles ?? []).includes("chief-of-staff")) {
        expect(`${keyOf(op)} ${chief.status} ${String(chief.code)}`).toBe(`${keyOf(op)} 403 privateItem`);
      }
      const secretary = await call(
        op,
        tokens.secretary,
        privateMeetingId,
        validBodies(privateMeetingId)[keyOf(op)],
      );
      expect(`${keyOf(op)} ${String(secretary.code)}`).not.toBe(`${keyOf(op)} privateItem`);
    }
  });
});
