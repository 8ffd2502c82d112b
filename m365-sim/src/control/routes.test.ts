import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADDRESSES, IDS } from "../seed/directory";
import { startSim, type RunningSim } from "../server";
import { newGraphId } from "../state";

let sim: RunningSim;

async function control(path: string, body?: unknown, method = "POST") {
  return fetch(`${sim.url}/_sim${path}`, {
    method,
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

beforeAll(async () => {
  sim = await startSim({ seed: false });
});

afterAll(() => sim.close());

describe("the control API", () => {
  it("answers invalid input with problem+json naming the field", async () => {
    const res = await control("/faults", { throttleRate: 2 }, "PUT");
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await res.json()) as Record<string, unknown>;
    expect(problem).toMatchObject({ status: 400, title: "Invalid request" });
    expect(String(problem["type"])).toMatch(/^https:\/\//);
    expect(String(problem["detail"])).toContain("throttleRate");
  });

  it("answers malformed JSON, unknown fields and unknown operations with problem+json", async () => {
    const malformed = await control("/clock/advance", "{ms: 5");
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get("content-type")).toContain("application/problem+json");
    expect((await control("/clock/advance", { ms: 5, minutes: 3 })).status).toBe(400);
    const unknown = await control("/teleport", {});
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toContain("application/problem+json");
  });

  it("switches faults at run time and reports them", async () => {
    const put = await control("/faults", { latencyMs: 25, dropNotificationRate: 0.5 }, "PUT");
    expect(await put.json()).toMatchObject({ latencyMs: 25, dropNotificationRate: 0.5, throttleRate: 0 });
    expect(await (await control("/faults", undefined, "GET")).json()).toMatchObject({ latencyMs: 25 });
  });

  it("moves the clock forward", async () => {
    const before = sim.state.clock.now().getTime();
    const res = await control("/clock/advance", { ms: 3_600_000 });
    const { now } = (await res.json()) as { now: string };
    expect(Date.parse(now) - before).toBeGreaterThanOrEqual(3_600_000);
  });

  it("raises the delta-token floor above every sequence number issued so far", async () => {
    const before = sim.state.currentSeq();
    const { deltaTokenFloor } = (await (await control("/delta/expire")).json()) as {
      deltaTokenFloor: number;
    };
    expect(deltaTokenFloor).toBeGreaterThan(before);
    expect(sim.state.deltaTokenFloor).toBe(deltaTokenFloor);
  });

  it("mints a delegated Graph token for a person, and refuses an unknown person", async () => {
    const res = await control("/token", {
      user: ADDRESSES.secretary,
      scopes: ["Calendars.ReadWrite.Shared"],
    });
    expect(res.status).toBe(200);
    const { access_token } = (await res.json()) as { access_token: string };
    const claims = JSON.parse(Buffer.from(access_token.split(".")[1]!, "base64url").toString()) as Record<
      string,
      unknown
    >;
    expect(claims).toMatchObject({
      oid: IDS.secretary,
      scp: "Calendars.ReadWrite.Shared",
      tid: sim.tenantId,
    });
    expect((await control("/token", { user: "nobody@fjordby.dk" })).status).toBe(404);
    expect(
      (await control("/token", { user: ADDRESSES.secretary, scopes: ["Directory.ReadWrite.All"] })).status,
    ).toBe(400);
  });

  it("resets to the seed: no log, no faults, no subscriptions, the real time, the seeded mailboxes", async () => {
    await control("/faults", { serverErrorRate: 1 }, "PUT");
    await control("/clock/advance", { ms: 86_400_000 });
    sim.state.touchEvent(IDS.mayor, { id: newGraphId(), subject: "Ekstra møde", _seq: 0 }, "created");
    await fetch(`${sim.graphBaseUrl}/me`);

    expect((await control("/reset")).status).toBe(204);
    expect(sim.state.requestLog).toEqual([]);
    expect(sim.state.faults.serverErrorRate).toBe(0);
    expect(sim.state.subscriptions.size).toBe(0);
    expect(Math.abs(sim.state.clock.now().getTime() - Date.now())).toBeLessThan(5_000);
    expect(sim.state.mailbox(IDS.mayor).events.size).toBe(0);
    expect(sim.state.users.get(IDS.mayor)?.mail).toBe(ADDRESSES.mayor);
  });

  it("writes a snapshot to the file it is given", async () => {
    const { mkdtempSync, existsSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const file = `${mkdtempSync(`${tmpdir()}/sim-snapshot-`)}/state.json`;
    const res = await control("/snapshot", { file });
    expect(res.status).toBe(200);
    expect(existsSync(file)).toBe(true);
    expect((await control("/snapshot", {})).status).toBe(400);
  });
});
