import { randomUUID } from "node:crypto";
import { DEMO_CLIENT_ID } from "@modeklar/m365-sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, graphTime, mirroredId, seedDayLists, tokensByRole, workingDayAhead } from "../pages/fixtures";
import { control, MAYOR, startStack, type Stack } from "./stack";

/**
 * Outlook's trouble reaches the person as what it is, on every route that asks Outlook while
 * they wait: a 503 with Retry-After while Graph is down or throttles us (worth trying again),
 * a 502 when Outlook refuses, never "500 Internal error". Faults come from the simulator.
 */

let stack: Stack;
const tokens: Record<string, string> = {};
let meetingId: string;
let invitations: string[];
let appGroup: { address: string; members: string[] };

type Fault = "outage" | "throttling" | "refusal";

/** Makes Graph fail as `fault` for the duration of `run`, then heals it. */
async function during<T>(fault: Fault, run: () => Promise<T>): Promise<T> {
  if (fault === "outage")
    await control(stack.sim, "PUT", "/faults", { serverErrorRate: 1, retryAfterSeconds: 0 });
  if (fault === "throttling")
    await control(stack.sim, "PUT", "/faults", { throttleRate: 1, retryAfterSeconds: 0 });
  // The tenant's admin takes every mailbox out of the group Mødeklar's app is restricted to: Graph answers 403.
  if (fault === "refusal") await control(stack.sim, "PUT", `/groups/${appGroup.address}`, { members: [] });
  try {
    return await run();
  } finally {
    await control(stack.sim, "PUT", "/faults", { serverErrorRate: 0, throttleRate: 0 });
    await control(stack.sim, "PUT", `/groups/${appGroup.address}`, { members: appGroup.members });
  }
}

beforeAll(async () => {
  stack = await startStack({ env: { SAFETY_POLL_SECONDS: "2" } });
  Object.assign(tokens, await tokensByRole(stack));
  const policies = (await control(stack.sim, "GET", "/access-policies"))["value"] as {
    appId: string;
    scopeGroup: string;
  }[];
  const policy = policies.find((p) => p.appId === DEMO_CLIENT_ID);
  const group = stack.sim.state.groups.get(policy!.scopeGroup.toLowerCase());
  appGroup = { address: policy!.scopeGroup, members: [...(group?.members ?? [])] };
  const start = workingDayAhead(10, "10:00");
  await control(stack.sim, "POST", `/act/${encodeURIComponent(MAYOR)}/events`, {
    subject: "Møde med Fjordby Idrætsråd",
    start: graphTime(start),
    end: graphTime(start.plus({ hours: 1 })),
    location: { displayName: "Byrådssalen" },
  });
  meetingId = await mirroredId(stack, "Møde med Fjordby Idrætsråd");
  await seedDayLists(stack);
  const pending = (await api(stack, tokens["mayor"]!, "GET", "/phone/invitations")).json() as {
    invitations: { id: string }[];
  };
  invitations = pending.invitations.map((i) => i.id);
});
afterAll(() => stack?.close());

interface Action {
  /** What the person does, as the test names it. */
  doing: string;
  role: string;
  method: string;
  path: () => string;
  body?: () => unknown;
  /** The answer once Outlook is back: the same request, nothing half-done left in the way. */
  afterwards: number;
}

const actions: Action[] = [
  {
    doing: "ordering catering",
    role: "secretary",
    method: "POST",
    path: () => `/meetings/${encodeURIComponent(meetingId)}/catering`,
    body: () => ({
      meetingId,
      baseRevision: 0,
      order: { items: ["coffeeTea"], count: 8, costCentre: { kind: "ean", ean: "5798000416604" } },
    }),
    afterwards: 200,
  },
  {
    doing: "sending a reception list",
    role: "secretary",
    method: "POST",
    path: () => `/meetings/${encodeURIComponent(meetingId)}/reception`,
    body: () => ({
      meetingId,
      baseRevision: 1,
      reception: { guests: [{ name: "Jens Holm" }], arrivalAt: "09:45", parking: false, badge: true },
    }),
    afterwards: 200,
  },
  {
    doing: "reading a meeting's deadlines",
    role: "secretary",
    method: "GET",
    path: () => `/meetings/${encodeURIComponent(meetingId)}/deadlines`,
    afterwards: 200,
  },
  {
    doing: "looking for a free room",
    role: "secretary",
    method: "POST",
    path: () => "/rooms/available",
    body: () => {
      const start = workingDayAhead(12, "13:00");
      return {
        start: start.toUTC().toISO(),
        end: start.plus({ hours: 1 }).toUTC().toISO(),
        seats: 4,
        equipment: [],
        stepFree: false,
      };
    },
    afterwards: 200,
  },
  {
    doing: "the kitchen confirming an order",
    role: "catering",
    method: "POST",
    path: () => `/daylists/catering/${encodeURIComponent(meetingId)}/confirm`,
    afterwards: 200,
  },
  {
    doing: "answering an invitation",
    role: "mayor",
    method: "POST",
    path: () => `/invitations/${encodeURIComponent(invitations[0]!)}/respond`,
    // One key for every try: a refused answer frees it, so the answer can be sent once Outlook is back.
    body: (() => {
      const idempotencyKey = randomUUID();
      return () => ({ response: "accept", idempotencyKey, sendResponse: true });
    })(),
    afterwards: 200,
  },
  {
    doing: "deciding in the weekly meeting to decline an invitation",
    role: "chief-of-staff",
    method: "POST",
    path: () => "/week/decisions",
    body: () => ({
      eventId: invitations[1],
      weekStart: workingDayAhead(0, "00:00").startOf("week").toISODate(),
      decision: "decline",
    }),
    afterwards: 201,
  },
];

describe("Outlook's failures reach the person as what they are", () => {
  it("the set-up has two invitations to answer", () => {
    expect(invitations.length).toBeGreaterThanOrEqual(2);
  });

  for (const action of actions) {
    it(`${action.doing}: 503 with Retry-After during an outage and while throttled, 502 when Outlook refuses, done once Outlook is back`, async () => {
      const send = () =>
        api(
          stack,
          tokens[action.role]!,
          action.method,
          action.path(),
          action.body ? action.body() : undefined,
        );
      for (const fault of ["outage", "throttling"] as const) {
        const answer = await during(fault, send);
        expect({ fault, status: answer.status }).toEqual({ fault, status: 503 });
        expect(answer.headers.get("content-type")).toContain("application/problem+json");
        expect(Number(answer.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
        expect(answer.json()).toMatchObject({ status: 503, title: expect.stringMatching(/Outlook/) });
      }
      const refused = await during("refusal", send);
      expect(refused.status).toBe(502);
      expect(refused.headers.get("content-type")).toContain("application/problem+json");
      expect(refused.headers.get("retry-after")).toBeNull();
      expect(refused.json()).toMatchObject({ status: 502, title: expect.stringMatching(/Outlook/) });
      const healed = await send();
      expect({ status: healed.status, body: healed.status >= 400 ? healed.text : "" }).toEqual({
        status: action.afterwards,
        body: "",
      });
    });
  }

  it("marking a guest arrived while Outlook is down keeps the mark and says to call the host, as a 502 (sending the mark again tells nobody)", async () => {
    const list = (await api(stack, tokens["reception"]!, "GET", "/daylists/reception")).json() as {
      days: { guests: { meetingId: string; name: string }[] }[];
    };
    const guest = list.days.flatMap((d) => d.guests)[0];
    expect(guest).toBeDefined();
    const answer = await during("outage", () =>
      api(
        stack,
        tokens["reception"]!,
        "POST",
        `/daylists/reception/${encodeURIComponent(guest!.meetingId)}/arrivals`,
        {
          guest: guest!.name,
        },
      ),
    );
    expect(answer.status).toBe(502);
    expect(answer.headers.get("retry-after")).toBeNull();
    expect(answer.json()).toMatchObject({
      title: "The host was not told",
      detail: expect.stringContaining("Call the host"),
    });
    const after = (await api(stack, tokens["reception"]!, "GET", "/daylists/reception")).json() as {
      days: { guests: { name: string; arrivedAt: string | null }[] }[];
    };
    expect(after.days.flatMap((d) => d.guests).find((g) => g.name === guest!.name)?.arrivedAt).toBeTruthy();
  });
});
