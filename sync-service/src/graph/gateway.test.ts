import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_CLIENT_ID, registeredAppCertificate, startSim, type RunningSim } from "@modeklar/m365-sim";
import { DateTime } from "luxon";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { calendarViewOf, connectToSim, graphAs, MAYOR, SECRETARY } from "../../test/sync/sim";
import { startWebhooks } from "../../test/sync/webhook";
import { calendarWindow } from "../sync/window";
import {
  createAuthProvider,
  createGraphConnection,
  createMailboxGateway,
  type MailboxGateway,
} from "./index";

let sim: RunningSim;
let gateway: MailboxGateway;
let meetings: Record<string, unknown>[];

const setFaults = (faults: Record<string, number>) =>
  fetch(`${sim.url}/_sim/faults`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(faults),
  });

beforeAll(async () => {
  sim = await startSim();
  ({ gateway } = await connectToSim(sim));
  meetings = (
    await calendarViewOf(sim, MAYOR, calendarWindow(new Date(), { pastDays: 30, futureDays: 180 }))
  ).filter((event) => event["type"] === "singleInstance");
});
afterAll(() => sim.close());
beforeEach(async () => {
  await setFaults({ latencyMs: 0, throttleRate: 0, serverErrorRate: 0, retryAfterSeconds: 2 });
  sim.state.requestLog.length = 0;
});

const mayorsLog = () => sim.state.requestLog.filter((entry) => entry.mailbox !== null);

describe("the Graph gateway", () => {
  it("reads the mayor's meeting with the app's own token from the identity provider", async () => {
    const id = String(meetings[0]?.["id"]);
    const event = await gateway.getEvent(MAYOR, id);
    expect(event?.id).toBe(id);
    expect(sim.state.requestLog.at(-1)).toMatchObject({ status: 200, appId: DEMO_CLIENT_ID });
    expect(await gateway.getEvent(MAYOR, "AAMkDoesNotExist")).toBeNull();
  });

  it("signs in with a certificate instead of a secret", async () => {
    const certificate = await registeredAppCertificate(sim.state);
    const dir = await mkdtemp(join(tmpdir(), "modeklar-cert-"));
    await writeFile(join(dir, "app.crt"), certificate.cert);
    await writeFile(join(dir, "app.key"), certificate.key);
    const authProvider = await createAuthProvider({
      tenantId: sim.tenantId,
      clientId: DEMO_CLIENT_ID,
      authorityHost: sim.authorityHost,
      credential: {
        kind: "certificate",
        certificatePath: join(dir, "app.crt"),
        privateKeyPath: join(dir, "app.key"),
      },
    });
    const viaCertificate = createMailboxGateway(
      createGraphConnection({ graphBaseUrl: sim.graphBaseUrl, authProvider }),
    );
    const id = String(meetings[0]?.["id"]);
    expect((await viaCertificate.getEvent(MAYOR, id))?.id).toBe(id);
  });

  it("shows times in Copenhagen time only when asked to", async () => {
    const id = String(meetings[0]?.["id"]);
    const utc = await gateway.getEvent(MAYOR, id);
    const local = await gateway.getEvent(MAYOR, id, { timeZone: "Europe/Copenhagen" });
    expect((utc?.["start"] as { timeZone: string }).timeZone).toBe("UTC");
    expect((local?.["start"] as { timeZone: string }).timeZone).toBe("Europe/Copenhagen");
  });

  it("never has more than four requests in flight to one mailbox", async () => {
    await setFaults({ latencyMs: 200 });
    const ids = meetings.slice(0, 12).map((m) => String(m["id"]));
    const started = Date.now();
    const events = await Promise.all(ids.map((id) => gateway.getEvent(MAYOR, id)));
    expect(events.map((e) => e?.id)).toEqual(ids);
    // Twelve requests four at a time take at least three latency rounds, and none was refused.
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 200);
    expect(mayorsLog().filter((entry) => entry.status === 429)).toEqual([]);
  });

  it("sends nothing to a throttled mailbox before the Retry-After has passed", async () => {
    await setFaults({ throttleRate: 0.3, retryAfterSeconds: 1, seed: 7 });
    // What left this process and when: the simulator's log only knows when requests arrived.
    const wire: { sentAt: number; answeredAt: number; status: number; retryAfter: number }[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = async (input, init) => {
      const sentAt = performance.now();
      const response = await realFetch(input, init);
      const retryAfter = Number(response.headers.get("Retry-After") ?? 0);
      wire.push({ sentAt, answeredAt: performance.now(), status: response.status, retryAfter });
      return response;
    };
    try {
      const ids = meetings.slice(0, 16).map((m) => String(m["id"]));
      const events = await Promise.all(ids.map((id) => gateway.getEvent(MAYOR, id)));
      expect(events.map((e) => e?.id)).toEqual(ids);
    } finally {
      globalThis.fetch = realFetch;
    }
    const refusals = wire.filter((w) => w.status === 429);
    expect(refusals.length).toBeGreaterThan(0);
    expect(mayorsLog().filter((entry) => entry.status === 429 && entry.retryAfter === 1)).toHaveLength(
      refusals.length,
    );
    for (const refusal of refusals) {
      const early = wire.filter(
        (w) => w.sentAt >= refusal.answeredAt && w.sentAt < refusal.answeredAt + refusal.retryAfter * 1000,
      );
      expect(early).toEqual([]);
    }
  }, 60_000);

  it.each([
    { status: 503, fault: "serverErrorRate" },
    { status: 429, fault: "throttleRate" },
  ] as const)(
    "sends nothing to a mailbox for the Retry-After of a $status answered to one part of a JSON batch (its answer 200)",
    async ({ status, fault }) => {
      const secretary = await graphAs(sim, SECRETARY);
      const target: Record<string, unknown>[] = [];
      for (const hour of [10, 11, 13]) {
        const day = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
        target.push(
          await secretary("POST", `/users/${MAYOR}/events`, {
            subject: `Borgermøde kl. ${hour}`,
            start: { dateTime: `${day}T${hour}:00:00`, timeZone: "Europe/Copenhagen" },
            end: { dateTime: `${day}T${hour}:30:00`, timeZone: "Europe/Copenhagen" },
          }),
        );
      }
      // Every part is refused with Retry-After: 3 (the batch itself is 200), until the first batch is answered.
      await setFaults({ [fault]: 1, retryAfterSeconds: 3 });
      const wire: { sentAt: number; answeredAt: number; url: string; refusedParts: number }[] = [];
      const realFetch = globalThis.fetch;
      globalThis.fetch = async (input, init) => {
        const sentAt = performance.now();
        const url = input instanceof Request ? input.url : String(input);
        const response = await realFetch(input, init);
        const answeredAt = performance.now();
        let refusedParts = 0;
        if (url.endsWith("/$batch") && response.ok) {
          const body = (await response.clone().json()) as { responses: { status: number }[] };
          refusedParts = body.responses.filter((part) => part.status === status).length;
          if (refusedParts > 0) sim.state.faults[fault] = 0;
        }
        wire.push({ sentAt, answeredAt, url, refusedParts });
        return response;
      };
      let results: Awaited<ReturnType<MailboxGateway["patchItems"]>>;
      try {
        const writeBack = gateway.patchItems(
          target.map((event) => ({
            mailbox: MAYOR,
            kind: "events" as const,
            id: String(event["id"]),
            etag: String(event["@odata.etag"]),
            patch: { importance: "high" },
          })),
        );
        // The mirror's own reads of the mailbox, asked for while the write-back is under way.
        const reads = (async () => {
          while (!wire.some((w) => w.refusedParts > 0))
            await new Promise((resolve) => setTimeout(resolve, 5));
          return Promise.all(target.map((event) => gateway.getEvent(MAYOR, String(event["id"]))));
        })();
        [results] = await Promise.all([writeBack, reads]);
      } finally {
        globalThis.fetch = realFetch;
      }
      const refused = wire.find((w) => w.refusedParts > 0);
      expect(refused).toBeDefined();
      const early = wire.filter(
        (w) => refused && w.sentAt >= refused.answeredAt && w.sentAt < refused.answeredAt + 3000,
      );
      expect(early.map((w) => w.url)).toEqual([]);
      expect(results.map((r) => r.outcome)).toEqual(["applied", "applied", "applied"]);
    },
    60_000,
  );

  it("writes back in batches of twenty, each part guarded by its etag", async () => {
    const secretary = await graphAs(sim, SECRETARY);
    const chosen = meetings.slice(0, 25);
    while (chosen.length < 25) {
      const day = new Date(Date.now() + chosen.length * 86_400_000).toISOString().slice(0, 10);
      chosen.push(
        await secretary("POST", `/users/${MAYOR}/events`, {
          subject: `Dialogmøde ${chosen.length}`,
          start: { dateTime: `${day}T10:00:00`, timeZone: "Europe/Copenhagen" },
          end: { dateTime: `${day}T11:00:00`, timeZone: "Europe/Copenhagen" },
        }),
      );
    }
    const stale = chosen[3]!;
    await secretary("PATCH", `/users/${MAYOR}/events/${String(stale["id"])}`, {
      subject: "Flyttet af sekretæren",
    });
    sim.state.requestLog.length = 0;

    const results = await gateway.patchItems(
      chosen.map((event) => ({
        mailbox: MAYOR,
        kind: "events" as const,
        id: String(event["id"]),
        etag: String(event["@odata.etag"]),
        patch: { categories: ["Mødeklar: Høj prioritet"] },
      })),
    );
    expect(results.filter((r) => r.outcome === "applied")).toHaveLength(24);
    expect(results[3]).toEqual({ id: String(stale["id"]), outcome: "conflict" });
    const batches = sim.state.requestLog.filter((entry) => entry.path.endsWith("/$batch"));
    expect(batches).toHaveLength(2);
    const applied = results[0]!;
    expect(applied.outcome === "applied" && applied.item["categories"]).toEqual(["Mødeklar: Høj prioritet"]);
  });
});

describe("subscriptions through the gateway", () => {
  it("are created after the validation handshake, listed, renewed and deleted", async () => {
    const webhooks = await startWebhooks(() => null);
    try {
      const expires = new Date(Date.now() + 3 * 86_400_000).toISOString();
      const created = await gateway.createSubscription({
        mailbox: MAYOR,
        kind: "messages",
        notificationUrl: `${webhooks.url}/graph/notifications`,
        lifecycleNotificationUrl: `${webhooks.url}/graph/lifecycle`,
        clientState: "a-random-client-state",
        expirationDateTime: expires,
      });
      expect(created.resource).toBe(`users/${MAYOR}/mailFolders('inbox')/messages`);
      expect((await gateway.listSubscriptions()).map((s) => s.id)).toContain(created.id);

      const later = new Date(Date.now() + 5 * 86_400_000).toISOString();
      const renewed = await gateway.renewSubscription(created.id, later);
      expect(Date.parse(renewed.expirationDateTime)).toBe(Date.parse(later));

      await gateway.deleteSubscription(created.id);
      expect((await gateway.listSubscriptions()).map((s) => s.id)).not.toContain(created.id);
      await expect(gateway.deleteSubscription(created.id)).resolves.toBeUndefined();
    } finally {
      await webhooks.close();
    }
  });
});

describe("the mailbox calls beside sync", () => {
  it("answers an invitation, sends mail, reads free/busy and rooms, and adds a category once", async () => {
    const secretary = await graphAs(sim, SECRETARY);
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const invitation = await secretary("POST", `/users/${SECRETARY}/events`, {
      subject: "Dialog om budget 2027",
      start: { dateTime: `${day}T12:00:00`, timeZone: "Europe/Copenhagen" },
      end: { dateTime: `${day}T13:00:00`, timeZone: "Europe/Copenhagen" },
      attendees: [{ emailAddress: { address: MAYOR }, type: "required" }],
    });
    const mayors = await calendarViewOf(sim, MAYOR, {
      start: `${day}T00:00:00Z`,
      end: `${day}T23:59:59Z`,
    });
    const copy = mayors.find((e) => e["iCalUId"] === invitation["iCalUId"]);
    await gateway.respondToEvent(MAYOR, String(copy?.["id"]), "accept", "Jeg kommer.", true);
    const answered = await gateway.getEvent(MAYOR, String(copy?.["id"]));
    expect((answered?.["responseStatus"] as { response: string }).response).toBe("accepted");

    await gateway.sendMail(MAYOR, {
      subject: "Tak for mødet",
      body: { contentType: "text", content: "Venlig hilsen borgmesteren" },
      toRecipients: [SECRETARY],
    });
    const inbox = (await (
      await fetch(`${sim.url}/_sim/mailboxes/${encodeURIComponent(SECRETARY)}/messages`)
    ).json()) as { value: { subject: string }[] };
    expect(inbox.value.map((m) => m.subject)).toContain("Tak for mødet");

    const [schedule] = await gateway.getSchedule(MAYOR, [MAYOR], {
      start: `${day}T00:00:00Z`,
      end: `${day}T23:00:00Z`,
    });
    const noonInUtc = DateTime.fromISO(`${day}T12:00`, { zone: "Europe/Copenhagen" })
      .toUTC()
      .toFormat("HH:mm");
    expect(schedule?.items.some((i) => i.start.startsWith(`${day}T${noonInUtc}`))).toBe(true);

    const rooms = await gateway.listRooms();
    expect(rooms.length).toBeGreaterThan(0);
    expect(rooms[0]?.emailAddress).toMatch(/@fjordby\.dk$/);

    await gateway.ensureMasterCategory(MAYOR, "Mødeklar: Høj prioritet", "preset0");
    await gateway.ensureMasterCategory(MAYOR, "Mødeklar: Høj prioritet", "preset0");
    const categories = await (await graphAs(sim, MAYOR))("GET", `/users/${MAYOR}/outlook/masterCategories`);
    const named = (categories["value"] as { displayName: string }[]).filter(
      (c) => c.displayName === "Mødeklar: Høj prioritet",
    );
    expect(named).toHaveLength(1);
  });
});
