import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, startSim, type RunningSim } from "@modeklar/m365-sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * Bad input meets the status and error body Microsoft documents
 * (https://learn.microsoft.com/graph/errors): `{ error: { code, message, innerError } }`.
 */

const MAYOR = "borgmester@fjordby.dk";
const READER = { clientId: "9b5e7d2f-3c4a-4b6d-8f80-2c3d4e5f6071", secret: "reader-secret-local-only" };

let sim: RunningSim;

async function clientCredentialsToken(clientId: string, secret: string, scope: string): Promise<string> {
  const res = await fetch(`${sim.authorityHost}/${sim.tenantId}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: clientId,
      client_secret: secret,
      scope,
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

const graphToken = () =>
  clientCredentialsToken(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, "https://graph.microsoft.com/.default");

async function graph(path: string, token: string, init: { method?: string; body?: string } = {}) {
  const res = await fetch(`${sim.graphBaseUrl}${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: init.body,
  });
  const body = (await res.json()) as {
    error?: { code: string; message: string; innerError?: Record<string, string> };
  };
  return { status: res.status, error: body.error };
}

const meeting = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    subject: "Møde om havneudvikling",
    start: { dateTime: "2026-03-03T10:00:00", timeZone: "Europe/Copenhagen" },
    end: { dateTime: "2026-03-03T11:00:00", timeZone: "Europe/Copenhagen" },
    ...extra,
  });

beforeAll(async () => {
  sim = await startSim({ seed: { anchor: "2026-03-02" } });
});
afterAll(async () => {
  await sim?.close();
});

describe("the local Microsoft 365 refuses bad input the way Graph does", () => {
  it.each([
    ["malformed JSON", "POST", `/users/${MAYOR}/events`, "{subject:", 400, "BadRequest"],
    [
      "an unknown property",
      "POST",
      `/users/${MAYOR}/events`,
      meeting({ mødeleder: "Birgitte" }),
      400,
      "RequestBodyRead",
    ],
    [
      "a date that is not a date",
      "POST",
      `/users/${MAYOR}/events`,
      meeting({ start: { dateTime: "31-02-2026 10:00", timeZone: "UTC" } }),
      400,
      "UnableToDeserializePostBody",
    ],
    [
      "a calendarView start that is not a date",
      "GET",
      `/users/${MAYOR}/calendarView?startDateTime=igår&endDateTime=2026-03-03T00:00:00Z`,
      undefined,
      400,
      "ErrorInvalidParameter",
    ],
    [
      "an over-long $top",
      "GET",
      `/users/${MAYOR}/messages?$top=1001`,
      undefined,
      400,
      "ErrorInvalidParameter",
    ],
  ])("answers %s with %s and the error code", async (_what, method, path, body, status, code) => {
    const answer = await graph(path as string, await graphToken(), {
      method: method as string,
      body: body as string | undefined,
    });
    expect(answer.status).toBe(status);
    expect(answer.error?.code).toBe(code);
    expect(answer.error?.message.length).toBeGreaterThan(10);
    expect(answer.error?.innerError?.["request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses a token with a forged signature", async () => {
    const token = await graphToken();
    const [header, payload] = token.split(".");
    const answer = await graph(`/users/${MAYOR}/events`, `${header}.${payload}.${"A".repeat(342)}`);
    expect(answer).toMatchObject({ status: 401, error: { code: "InvalidAuthenticationToken" } });
  });

  it("refuses a token issued for another audience", async () => {
    const apiToken = await clientCredentialsToken(
      DEMO_CLIENT_ID,
      DEMO_CLIENT_SECRET,
      `api://${DEMO_CLIENT_ID}/.default`,
    );
    const answer = await graph(`/users/${MAYOR}/events`, apiToken);
    expect(answer.status).toBe(401);
    expect(answer.error?.message).toMatch(/audience/i);
  });

  it("refuses an app without the permission the call needs", async () => {
    const token = await clientCredentialsToken(
      READER.clientId,
      READER.secret,
      "https://graph.microsoft.com/.default",
    );
    expect((await graph(`/users/${MAYOR}/events?$top=1`, token)).status).toBe(200);
    const write = await graph(`/users/${MAYOR}/events`, token, { method: "POST", body: meeting() });
    expect(write).toMatchObject({ status: 403, error: { code: "ErrorAccessDenied" } });
    const mail = await graph(`/users/${MAYOR}/messages`, token);
    expect(mail).toMatchObject({ status: 403, error: { code: "ErrorAccessDenied" } });
  });

  it("refuses a token once it has expired", async () => {
    const token = await graphToken();
    expect((await graph(`/users/${MAYOR}/events?$top=1`, token)).status).toBe(200);
    sim.state.clock.advance(2 * 3600_000);
    try {
      const answer = await graph(`/users/${MAYOR}/events?$top=1`, token);
      expect(answer.status).toBe(401);
      expect(answer.error?.message).toMatch(/expired/i);
    } finally {
      sim.state.clock.reset();
    }
  });
});
