import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ADDRESSES, IDS } from "../seed/directory";
import { startSim, type RunningSim } from "../server";
import { mintedToken, simControl } from "../testing/graph";
import { FaultDice } from "../dice";
import { setThrottleLimits } from "./pipeline";

let sim: RunningSim;
let appToken: string;

const control = (path: string, body?: unknown, method = "POST") => simControl(sim, method, path, body);

function graph(path: string) {
  return fetch(`${sim.graphBaseUrl}${path}`, { headers: { Authorization: `Bearer ${appToken}` } });
}

beforeAll(async () => {
  sim = await startSim({ seed: false });
  appToken = await mintedToken(sim);
});

afterEach(() => control("/reset"));
afterAll(() => sim.close());

describe("Outlook throttling", () => {
  it("answers the fifth concurrent request to one mailbox with 429 and Retry-After, other mailboxes unaffected", async () => {
    await control("/faults", { latencyMs: 400 }, "PUT");
    const mayor = Array.from({ length: 5 }, () => graph(`/users/${ADDRESSES.mayor}/events`));
    const secretary = Array.from({ length: 3 }, () => graph(`/users/${IDS.secretary}/events`));
    const mayorAnswers = await Promise.all(mayor);
    const secretaryAnswers = await Promise.all(secretary);

    const throttled = mayorAnswers.filter((r) => r.status === 429);
    expect(throttled).toHaveLength(1);
    expect(Number(throttled[0]!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(
      ((await throttled[0]!.json()) as { error: { code: string; message: string } }).error,
    ).toMatchObject({
      code: "ApplicationThrottled",
      message: "Application is over its MailboxConcurrency limit.",
    });
    expect(secretaryAnswers.map((r) => r.status)).not.toContain(429);
  });

  it("refuses requests beyond the per-window limit until the ten-minute window frees", async () => {
    setThrottleLimits(sim.state, { perWindow: 3 });
    for (let i = 0; i < 3; i += 1) expect((await graph(`/users/${IDS.mayor}/events`)).status).not.toBe(429);
    const refused = await graph(`/users/${IDS.mayor}/events`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(590);
    expect((await graph(`/users/${IDS.secretary}/events`)).status).not.toBe(429);

    await control("/clock/advance", { ms: 10 * 60_000 + 1_000 });
    expect((await graph(`/users/${IDS.mayor}/events`)).status).not.toBe(429);
  });
});

describe("injected faults", () => {
  it("answer 429 with the configured Retry-After at a throttle rate of 1", async () => {
    await control("/faults", { throttleRate: 1, retryAfterSeconds: 7 }, "PUT");
    const res = await graph(`/users/${IDS.mayor}/events`);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
  });

  it("answer 503 with Retry-After at a server error rate of 1", async () => {
    await control("/faults", { serverErrorRate: 1 }, "PUT");
    const res = await graph(`/users/${IDS.mayor}/events`);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("2");
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("ServiceUnavailable");
  });

  it("repeat exactly when the dice are reseeded", async () => {
    const run = async () => {
      await control("/faults", { throttleRate: 0.5, seed: 42 }, "PUT");
      const statuses: number[] = [];
      for (let i = 0; i < 12; i += 1) statuses.push((await graph(`/users/${IDS.mayor}/events`)).status);
      return statuses;
    };
    const first = await run();
    expect(first).toContain(429);
    expect(first.some((s) => s !== 429)).toBe(true);
    expect(await run()).toEqual(first);
  });

  it("hold back the answer to a matching request after it did its work, as a connection lost once Graph acted", async () => {
    await control("/faults", { holdAnswersTo: ["/sendMail"], holdAnswerMs: 60_000 }, "PUT");
    const sent = fetch(`${sim.graphBaseUrl}/users/${ADDRESSES.mayor}/sendMail`, {
      method: "POST",
      headers: { Authorization: `Bearer ${appToken}`, "Content-Type": "application/json" },
      body: JSON.stringify({
        message: {
          subject: "Holdt svar",
          toRecipients: [{ emailAddress: { address: ADDRESSES.secretary } }],
        },
      }),
      signal: AbortSignal.timeout(500),
    });
    await expect(sent).rejects.toThrow();
    const inbox = (await (
      await control(`/mailboxes/${ADDRESSES.secretary}/messages`, undefined, "GET")
    ).json()) as {
      value: { subject: string }[];
    };
    expect(inbox.value.map((m) => m.subject)).toContain("Holdt svar");
    // Other requests are answered at once.
    expect((await graph(`/users/${IDS.mayor}/events`)).status).toBe(200);
  });

  it("roll the same numbers from the same seed", () => {
    const a = new FaultDice(7);
    const b = new FaultDice(7);
    const rolls = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(rolls);
    a.reset(7);
    expect(a.next()).toBe(rolls[0]);
    expect(rolls.every((r) => r >= 0 && r < 1)).toBe(true);
  });
});

describe("the request log", () => {
  it("records method, path, mailbox, app, status and Retry-After of every Graph request", async () => {
    await graph(`/users/${ADDRESSES.mayor}/events`);
    await control("/faults", { throttleRate: 1 }, "PUT");
    await graph(`/users/${IDS.secretary}/events`);
    await fetch(`${sim.graphBaseUrl}/users/${IDS.mayor}/events`);

    const res = await control("/requests", undefined, "GET");
    const { value } = (await res.json()) as { value: Array<Record<string, unknown>> };
    expect(value).toHaveLength(3);
    expect(value[0]).toMatchObject({
      method: "GET",
      path: `/v1.0/users/${ADDRESSES.mayor}/events`,
      mailbox: IDS.mayor,
      appId: "8a4f6c1e-2d3b-4a5c-9e7f-1b2c3d4e5f60",
    });
    expect(value[1]).toMatchObject({ mailbox: IDS.secretary, status: 429, retryAfter: 2 });
    expect(value[2]).toMatchObject({ status: 401, appId: null });
    expect(typeof value[0]!["durationMs"]).toBe("number");
    expect(typeof value[0]!["requestId"]).toBe("string");

    const filtered = await control(`/requests?mailbox=${ADDRESSES.secretary}&method=get`, undefined, "GET");
    expect(((await filtered.json()) as { value: unknown[] }).value).toHaveLength(1);

    await control("/requests", undefined, "DELETE");
    expect(sim.state.requestLog).toEqual([]);
  });
});
