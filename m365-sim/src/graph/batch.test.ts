import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { IDS } from "../seed/directory";
import { newGraphId, type StoredEvent } from "../state";
import { startSim, type RunningSim } from "../server";
import { mintedToken, simControl } from "../testing/graph";

let sim: RunningSim;
let appToken: string;

interface BatchAnswer {
  responses: Array<{ id: string; status: number; headers: Record<string, string>; body?: unknown }>;
}

const control = (path: string, body?: unknown, method = "POST") => simControl(sim, method, path, body);

function batch(requests: unknown[]) {
  return fetch(`${sim.graphBaseUrl}/$batch`, {
    method: "POST",
    headers: { Authorization: `Bearer ${appToken}`, "Content-Type": "application/json" },
    body: JSON.stringify({ requests }),
  });
}

const byId = (answer: BatchAnswer) => new Map(answer.responses.map((r) => [r.id, r]));

beforeAll(async () => {
  sim = await startSim({ seed: false });
  appToken = await mintedToken(sim);
});

afterEach(() => control("/reset"));
afterAll(() => sim.close());

describe("JSON $batch", () => {
  it("answers a batch of 20 requests with 20 responses", async () => {
    const res = await batch(
      Array.from({ length: 20 }, (_, i) => ({ id: String(i + 1), method: "GET", url: "/subscriptions" })),
    );
    expect(res.status).toBe(200);
    const answer = (await res.json()) as BatchAnswer;
    expect(answer.responses).toHaveLength(20);
    expect(answer.responses.every((r) => r.status === 200)).toBe(true);
    expect(answer.responses[0]!.body).toMatchObject({ value: [] });
  });

  it("refuses a batch of 21 requests", async () => {
    const res = await batch(
      Array.from({ length: 21 }, (_, i) => ({ id: String(i + 1), method: "GET", url: "subscriptions" })),
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("BadRequest");
  });

  it("refuses requests without a url, with duplicate ids or with an unknown dependency", async () => {
    for (const requests of [
      [{ id: "1", method: "GET" }],
      [
        { id: "1", method: "GET", url: "/subscriptions" },
        { id: "1", method: "GET", url: "/subscriptions" },
      ],
      [{ id: "1", method: "GET", url: "/subscriptions", dependsOn: ["9"] }],
    ]) {
      expect((await batch(requests)).status, JSON.stringify(requests)).toBe(400);
    }
  });

  it("answers 424 for requests that depend on a failed one and runs the others", async () => {
    const res = await batch([
      { id: "missing", method: "GET", url: "/subscriptions/00000000-0000-0000-0000-000000000000" },
      { id: "after-missing", method: "GET", url: "/subscriptions", dependsOn: ["missing"] },
      { id: "first", method: "GET", url: "/subscriptions" },
      { id: "after-first", method: "GET", url: "/subscriptions", dependsOn: ["first"] },
    ]);
    expect(res.status).toBe(200);
    const answers = byId((await res.json()) as BatchAnswer);
    expect(answers.get("missing")!.status).toBe(404);
    expect(answers.get("after-missing")!.status).toBe(424);
    expect(answers.get("first")!.status).toBe(200);
    expect(answers.get("after-first")!.status).toBe(200);
  });

  it("sends each part through the pipeline: logged with its batch, throttled and authorized as any request", async () => {
    await control("/faults", { latencyMs: 150 }, "PUT");
    const res = await batch(
      Array.from({ length: 8 }, (_, i) => ({
        id: `p${i}`,
        method: "GET",
        url: `/users/${IDS.mayor}/events`,
      })),
    );
    const answer = (await res.json()) as BatchAnswer;
    // Graph runs four parts at a time, so a batch on its own never trips the four-concurrent rule.
    expect(answer.responses.map((r) => r.status)).not.toContain(429);
    const outerId = res.headers.get("request-id");
    const parts = sim.state.requestLog.filter((e) => e.batchOf === outerId);
    expect(parts).toHaveLength(8);
    expect(parts.every((p) => p.mailbox === IDS.mayor)).toBe(true);
  });

  it("passes each part's headers on, and a part with a body needs a Content-Type", async () => {
    const res = await batch([
      { id: "1", method: "POST", url: "/subscriptions", body: { resource: "x" } },
      {
        id: "2",
        method: "POST",
        url: "/subscriptions",
        headers: { "Content-Type": "application/json" },
        body: { resource: "x" },
      },
    ]);
    const answers = byId((await res.json()) as BatchAnswer);
    expect(answers.get("1")!.status).toBe(400);
    expect(answers.get("2")!.status).toBe(400);
    expect((answers.get("2")!.body as { error: { message: string } }).error.message).toContain("changeType");
  });

  it("answers 412 to a part whose If-Match names an etag a previous part made stale", async () => {
    const event: StoredEvent = {
      id: newGraphId(),
      subject: "Direktionsmøde",
      start: { dateTime: "2026-03-02T09:00:00.0000000", timeZone: "UTC" },
      end: { dateTime: "2026-03-02T10:00:00.0000000", timeZone: "UTC" },
      _seq: 0,
    };
    sim.state.touchEvent(IDS.mayor, event, "created");
    const etag = (event as unknown as Record<string, string>)["@odata.etag"]!;
    const patch = (id: string, importance: string, dependsOn?: string[]) => ({
      id,
      method: "PATCH",
      url: `/users/${IDS.mayor}/events/${event.id}`,
      headers: { "Content-Type": "application/json", "If-Match": etag },
      body: { importance },
      ...(dependsOn ? { dependsOn } : {}),
    });
    const res = await batch([patch("first", "high"), patch("second", "low", ["first"])]);
    const answers = byId((await res.json()) as BatchAnswer);
    expect(answers.get("first")!.status).toBe(200);
    expect(answers.get("second")!.status).toBe(412);
  });
});

describe("JSON $batch with the certificates in a folder of their own (CERT_DIR)", () => {
  it("runs every part, though this process does not trust that folder's CA", async () => {
    const certDir = mkdtempSync(path.join(tmpdir(), "modeklar-certs-"));
    const own = await startSim({ seed: false, certDir });
    try {
      const ca = readFileSync(path.join(certDir, "ca.crt"), "utf8");
      const post = (pathname: string, body: unknown, token?: string) =>
        new Promise<{ status: number; body: unknown }>((resolve, reject) => {
          const req = httpsRequest(
            `${own.url}${pathname}`,
            {
              method: "POST",
              ca,
              headers: {
                "Content-Type": "application/json",
                ...(token ? { Authorization: `Bearer ${token}` } : {}),
              },
            },
            (res) => {
              let text = "";
              res.on("data", (chunk: Buffer) => (text += chunk.toString()));
              res.on("end", () =>
                resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }),
              );
            },
          );
          req.on("error", reject);
          req.end(JSON.stringify(body));
        });
      const minted = await post("/_sim/token", { clientId: "8a4f6c1e-2d3b-4a5c-9e7f-1b2c3d4e5f60" });
      const token = (minted.body as { access_token: string }).access_token;
      const answer = await post(
        "/v1.0/$batch",
        { requests: [1, 2, 3].map((i) => ({ id: String(i), method: "GET", url: "/subscriptions" })) },
        token,
      );
      expect(answer.status).toBe(200);
      expect((answer.body as BatchAnswer).responses.map((r) => r.status)).toEqual([200, 200, 200]);
    } finally {
      await own.close();
      rmSync(certDir, { recursive: true, force: true });
    }
  });
});
