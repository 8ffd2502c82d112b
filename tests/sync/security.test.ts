import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiToken, control, dayIn, eventually, MAYOR, startStack, type Stack } from "./stack";

/** Everything the API declares, read from its own OpenAPI document: a new route is covered without touching this file. */
interface DeclaredOperation {
  method: string;
  path: string;
}

const SECRET_SUBJECT = "Fortroligt: opkøb af havnegrunden";
const SECRET_BODY = "Kun for borgmesteren: prisen er 48 mio.";
const SECRET_GUEST = "direktor.hemmelig@havn.example";

let stack: Stack;
let operations: DeclaredOperation[];
let privateMeetingId: string;
const tokens: Record<string, string> = {};

const range = { from: `${dayIn(-30)}T00:00:00Z`, to: `${dayIn(60)}T00:00:00Z` };

beforeAll(async () => {
  stack = await startStack();
  const [created] = (
    await control(stack.sim, "POST", `/act/${encodeURIComponent("ekstern@havn.example")}/events`, {
      subject: SECRET_SUBJECT,
      body: { contentType: "text", content: SECRET_BODY },
      start: { dateTime: `${dayIn(3)}T10:00:00`, timeZone: "Europe/Copenhagen" },
      end: { dateTime: `${dayIn(3)}T11:00:00`, timeZone: "Europe/Copenhagen" },
      sensitivity: "private",
      organizer: { emailAddress: { name: "Ekstern", address: "ekstern@havn.example" } },
      attendees: [
        { emailAddress: { address: MAYOR }, type: "required" },
        { emailAddress: { address: SECRET_GUEST, name: "Hemmelig Direktør" }, type: "required" },
      ],
    })
  )["value"] as { id: string }[];
  expect(created).toBeDefined();
  const doc = (await (await fetch(`${stack.service.url}/openapi.json`)).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
  );
  for (const [name, user] of Object.entries({
    mayor: MAYOR,
    secretary: "sekretaer@fjordby.dk",
    reception: "reception@fjordby.dk",
    catering: "kantine@fjordby.dk",
    director: "kommunaldirektoer@fjordby.dk",
  })) {
    tokens[name] = await apiToken(stack.sim, user);
  }
  // The mayor's copy of the invitation has its own id: find it in the mirror.
  privateMeetingId = await eventually("the private invitation in the mirror", async () => {
    const items = await stack.service.database.mirror.listItems(MAYOR, "events");
    return items.find((i) => i.data["subject"] === SECRET_SUBJECT)?.id;
  });
});
afterAll(() => stack?.close());

function urlOf(op: DeclaredOperation, query: string = new URLSearchParams(range).toString()): string {
  const path = op.path.replace(/\{[^}]+\}/g, encodeURIComponent(privateMeetingId));
  return `${stack.service.url}${path}${op.method === "GET" ? `?${query}` : ""}`;
}

const validBody = () => ({ response: "accept", idempotencyKey: crypto.randomUUID(), sendResponse: false });

function call(op: DeclaredOperation, token: string | null, init: { query?: string; body?: unknown } = {}) {
  return fetch(urlOf(op, init.query), {
    method: op.method,
    headers: {
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      "content-type": "application/json",
    },
    ...(op.method === "GET" ? {} : { body: JSON.stringify(init.body ?? validBody()) }),
  });
}

describe("forged change notifications", () => {
  it("with a wrong clientState or for an unknown subscription are answered but schedule nothing", async () => {
    const { mirror } = stack.service.database;
    const subscriptions = await eventually("the service's subscriptions", async () => {
      const list = await mirror.listSubscriptions(MAYOR);
      return list.length === 3 ? list : null;
    });
    const scheduled: string[] = [];
    const enqueue = mirror.enqueueJob;
    mirror.enqueueJob = (job) => {
      scheduled.push(job.key);
      return enqueue(job);
    };
    try {
      const notification = (subscriptionId: string, clientState: string) => ({
        value: [
          {
            subscriptionId,
            clientState,
            changeType: "updated",
            resource: `Users/${MAYOR}/Events/${privateMeetingId}`,
            resourceData: { id: privateMeetingId, "@odata.etag": `W/"${crypto.randomUUID()}"` },
            tenantId: stack.sim.tenantId,
          },
        ],
      });
      for (const body of [
        notification(subscriptions[0]?.id ?? "", "guessed-client-state"),
        notification(crypto.randomUUID(), "guessed-client-state"),
      ]) {
        for (const path of ["/graph/notifications", "/graph/lifecycle"]) {
          const response = await fetch(`${stack.service.url}${path}`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(body),
          });
          expect(response.status).toBe(202);
        }
      }
      expect(scheduled).toEqual([]);
    } finally {
      mirror.enqueueJob = enqueue;
    }
  });
});

describe("fuzzed requests", () => {
  const json = fc.jsonValue({ maxDepth: 3 });
  const query = fc
    .array(fc.tuple(fc.constantFrom("from", "to", "x", "from[]", "$top", ""), fc.string({ maxLength: 40 })), {
      maxLength: 4,
    })
    .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&"));

  it("never make a route answer 5xx, whatever the body or query string", async () => {
    for (const op of operations) {
      for (const role of ["secretary", "mayor", "reception"]) {
        await fc.assert(
          fc.asyncProperty(query, json, async (q, body) => {
            const response = await call(op, tokens[role] ?? "", { query: q, body });
            await response.arrayBuffer();
            return response.status < 500;
          }),
          { numRuns: 25 },
        );
      }
    }
  });

  it("never make a webhook answer 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("/graph/notifications", "/graph/lifecycle"),
        json,
        async (path, body) => {
          const response = await fetch(`${stack.service.url}${path}`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(body),
          });
          await response.arrayBuffer();
          return response.status < 500;
        },
      ),
      { numRuns: 60 },
    );
  });
});
