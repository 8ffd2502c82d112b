import { request as httpsRequest } from "node:https";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { valueFor, NASTY_STRINGS } from "../support/fuzz";
import { declaredOperations, percent, urlOf, type DeclaredOperation } from "../support/openapi";
import { apiToken, eventually, MAYOR, startStack, type Stack } from "./stack";

/** Every role's person in the demo tenant. */
const PEOPLE = {
  secretary: "sekretaer@fjordby.dk",
  mayor: MAYOR,
  "chief-of-staff": "stabschef@fjordby.dk",
  reception: "reception@fjordby.dk",
  catering: "kantine@fjordby.dk",
} as const;
type Role = keyof typeof PEOPLE;
const ROLES = Object.keys(PEOPLE) as Role[];

let stack: Stack;
let operations: DeclaredOperation[];
let meetingId: string;
const tokens = {} as Record<Role, string>;

beforeAll(async () => {
  stack = await startStack();
  operations = await declaredOperations(stack.service.url);
  for (const role of ROLES) tokens[role] = await apiToken(stack.sim, PEOPLE[role]);
  meetingId = await eventually("a meeting in the mirror", async () => {
    const items = await stack.service.database.mirror.listItems(MAYOR, "events");
    return items[0]?.id;
  });
});
afterAll(() => stack?.close());

/** A person who may call the operation, so a request gets past the role check to the input. */
const allowed = (op: DeclaredOperation): Role => (op.roles.find((r) => r in PEOPLE) as Role) ?? "secretary";

function send(
  op: DeclaredOperation,
  init: {
    role?: Role;
    id?: string;
    query?: string;
    body?: string | Buffer;
    headers?: Record<string, string>;
  } = {},
) {
  return fetch(
    urlOf(stack.service.url, op, () => init.id ?? meetingId, init.query),
    {
      method: op.method,
      headers: {
        authorization: `Bearer ${tokens[init.role ?? allowed(op)]}`,
        "content-type": "application/json",
        ...init.headers,
      },
      ...(op.method === "GET" ? {} : { body: init.body ?? "{}" }),
    },
  );
}

/** The answer to a bad request: a 4xx problem that says what was wrong. */
async function problemOf(response: Response) {
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get("content-type") ?? "",
    detail: String((JSON.parse(text || "{}") as Record<string, unknown>)["detail"] ?? ""),
  };
}

const writes = () => operations.filter((op) => op.method !== "GET");

describe("bad input on every route", () => {
  it("a NUL character in a path parameter is a 400 saying so", async () => {
    for (const op of operations.filter((o) => o.pathParameters.length > 0)) {
      const answer = await problemOf(await send(op, { id: "AAMk\u0000x" }));
      expect(`${op.method} ${op.path} ${answer.status} ${answer.detail}`).toMatch(/ 400 .*NUL/);
    }
  });

  it("a NUL character or bytes that are not UTF-8 in the query are a 400 saying so", async () => {
    for (const op of operations.filter((o) => o.method === "GET")) {
      for (const query of ["from=%00&week=%00&day=%00&date=%00", "from=%FF%FE&day=%ED%A0%80"]) {
        const answer = await problemOf(await send(op, { query }));
        expect(`${op.method} ${op.path} ${answer.status} ${answer.detail}`).toMatch(/ 400 .*(NUL|UTF-8)/);
      }
    }
  });

  it("a NUL character or a lone surrogate anywhere in a JSON body is a 400 saying so", async () => {
    for (const op of writes()) {
      for (const body of ['{"a":{"b":["x\\u0000"]}}', '{"text":"\\ud800"}']) {
        const answer = await problemOf(await send(op, { body }));
        expect(`${op.method} ${op.path} ${answer.status} ${answer.detail}`).toMatch(/ 400 .*(NUL|Unicode)/);
      }
    }
  });

  it("a body that is not UTF-8 is a 400 saying so", async () => {
    const latin1 = Buffer.from('{"text":"Bjørn"}', "latin1");
    for (const op of writes()) {
      const answer = await problemOf(await send(op, { body: latin1 }));
      expect(`${op.method} ${op.path} ${answer.status} ${answer.detail}`).toMatch(/ 400 .*UTF-8/);
    }
  });

  it("a body marked gzip that is not gzip is a 400 saying so; real gzip is read", async () => {
    for (const op of writes()) {
      const answer = await problemOf(await send(op, { body: "{}", headers: { "content-encoding": "gzip" } }));
      expect(`${op.method} ${op.path} ${answer.status} ${answer.detail}`).toMatch(/ 400 .*gzip/);
    }
    const travel = operations.find((o) => o.method === "PUT" && o.path === "/api/travel");
    if (!travel) throw new Error("PUT /api/travel is not declared");
    const zipped = await send(travel, {
      body: gzipSync(JSON.stringify({ places: [], travel: [], defaultMinutes: 25 })),
      headers: { "content-encoding": "gzip" },
    });
    expect((await problemOf(zipped)).status).toBe(428);
  });

  it("an oversized body is a 413 saying so", async () => {
    const big = JSON.stringify({ text: "x".repeat(300 * 1024) });
    for (const op of writes()) {
      const answer = await problemOf(await send(op, { body: big }));
      expect(`${op.method} ${op.path} ${answer.status} ${answer.detail}`).toMatch(/ 413 .*too large/);
      expect(answer.type).toContain("application/problem+json");
    }
  });

  it("JSON nested deeper than any request needs is a 400 saying so", async () => {
    const deep = `${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}`;
    const arrays = `{"text":${"[".repeat(50_000)}${"]".repeat(50_000)}}`;
    for (const op of writes()) {
      for (const body of [deep, arrays]) {
        const answer = await problemOf(await send(op, { body }));
        expect(`${op.method} ${op.path} ${answer.status} ${answer.detail}`).toMatch(/ 400 .*nested/);
      }
    }
  });

  it("injection strings as ids are only ever ids: never a 5xx, a refusal is a problem", async () => {
    for (const op of operations.filter((o) => o.pathParameters.length > 0)) {
      for (const id of ["../../messages", "' OR 1=1 --", "$filter=x", "x".repeat(2000)]) {
        const response = await send(op, { id });
        const answer = await problemOf(response);
        expect(`${op.method} ${op.path} ${answer.status}`).toMatch(/ [234]\d\d$/);
        if (answer.status >= 400) expect(answer.type).toContain("application/problem+json");
      }
    }
  });

  it("an id that is a path segment of its own ('.' or '..', as a raw client sends it) is a 400", async () => {
    for (const op of operations.filter((o) => o.pathParameters.length > 0)) {
      for (const segment of ["%2E%2E", "%2e"]) {
        const path = op.path.replace(/\{[^}]+\}/g, segment);
        const { status, detail } = await rawRequest(op.method, path, tokens[allowed(op)]);
        expect(`${op.method} ${path} ${status} ${detail}`).toMatch(/ 400 .*not an id/);
      }
    }
  });
});

/** A request whose path goes out exactly as written (fetch would resolve '..' segments itself). */
function rawRequest(
  method: string,
  path: string,
  token: string,
): Promise<{ status: number; detail: string }> {
  const url = new URL(stack.service.url);
  return new Promise((resolve, reject) => {
    const request = httpsRequest(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          "content-length": "2",
        },
      },
      (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => (text += chunk.toString()));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            detail: text,
          }),
        );
      },
    );
    request.on("error", reject);
    request.end("{}");
  });
}

describe("the fuzz suite: every declared route and method, every role", () => {
  it("never answers 5xx, whatever the ids, query and body", async () => {
    const failures: string[] = [];
    let requests = 0;
    const id = fc.oneof(
      { weight: 3, arbitrary: fc.constant("") },
      fc.constantFrom(...NASTY_STRINGS.filter((s) => s.length > 0 && s.length < 1000)),
      fc.string({ minLength: 1, maxLength: 40 }),
    );
    for (const op of operations) {
      const query = fc
        .array(
          fc.tuple(
            fc.constantFrom(...op.queryParameters.map((p) => p.name), "x", "from[]"),
            fc.oneof(fc.constantFrom(...NASTY_STRINGS.slice(0, 20)), fc.string({ maxLength: 30 })),
          ),
          { maxLength: 4 },
        )
        .map((pairs) => pairs.map(([k, v]) => `${percent(k)}=${percent(v)}`).join("&"));
      for (const role of ROLES) {
        await fc.assert(
          fc.asyncProperty(id, query, valueFor(op.body), async (given, q, body) => {
            requests += 1;
            const response = await send(op, {
              role,
              id: given || meetingId,
              query: q,
              body: JSON.stringify(body) ?? "null",
            });
            await response.arrayBuffer();
            if (response.status >= 500)
              failures.push(`${op.method} ${op.path} as ${role}: ${response.status}`);
            return true;
          }),
          { numRuns: 12 },
        );
      }
    }
    expect(requests).toBeGreaterThanOrEqual(operations.length * ROLES.length * 12);
    expect([...new Set(failures)]).toEqual([]);
  });
});
