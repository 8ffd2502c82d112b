import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GraphFailure, type MailboxGateway } from "../graph";
import type { MirrorStore } from "../store/types";
import type { SyncEngine, SyncEngineOptions } from "./engine";
import { SubscriptionKeeper } from "./subscriptions";
import { MemoryMirrorStore } from "../../test/sync/memory-store";
import { citizenWrites, daysAheadAt, graphAs, MAYOR, SECRETARY } from "../../test/sync/sim";
import {
  eachHoldsOneMailbox,
  mayorEngine,
  mirrored,
  mirrorVersions,
  silentLog as log,
  simVersions,
  simWithGateway,
  waitUntil,
} from "../../test/sync/suite";
import { startWebhooks } from "../../test/sync/webhook";

const world = simWithGateway();
let webhooks: Awaited<ReturnType<typeof startWebhooks>>;
let current: SyncEngine | null = null;
const running: SyncEngine[] = [];

beforeAll(async () => {
  webhooks = await startWebhooks(() => current?.notifications ?? null);
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((engine) => engine.stop()));
  current = null;
});
afterAll(() => webhooks.close());

function engineFor(store: MirrorStore, options: Partial<SyncEngineOptions> = {}): SyncEngine {
  const engine = mayorEngine(store, world.gateway, {
    publicUrl: webhooks.url,
    pageSize: 50,
    pollMs: 50,
    mailboxLeaseMs: 1500,
    ...options,
  });
  running.push(engine);
  return engine;
}

/** The mayor's events, messages and Sent Items each have their subscription (a check to wait for). */
const everyStreamWatched = (store: MirrorStore) => async () =>
  (await store.listSubscriptions(MAYOR)).length === 3;
/** The mirror holds the mayor's event `id` (a check to wait for). */
const holdsEvent = (store: MirrorStore, id: unknown) => async () =>
  (await store.getItem(MAYOR, "events", String(id))) !== null;

describe("the sync engine", () => {
  it("mirrors a change the secretary makes after one change notification", async () => {
    const store = new MemoryMirrorStore();
    const engine = (current = engineFor(store));
    await engine.start();
    await waitUntil(mirrored(world.sim, store), "the first round is mirrored");
    await waitUntil(everyStreamWatched(store), "every stream is watched");

    const before = webhooks.received.filter((r) => r.path === "/graph/notifications").length;
    const secretary = await graphAs(world.sim, SECRETARY);
    const created = await secretary("POST", `/users/${MAYOR}/events`, {
      subject: "Pressemøde om havneudvidelsen",
      start: daysAheadAt(1, 13),
      end: daysAheadAt(1, 14),
    });
    await waitUntil(holdsEvent(store, created["id"]), "it shows");
    expect(webhooks.received.filter((r) => r.path === "/graph/notifications").length).toBeGreaterThan(before);
    expect(await mirrorVersions(store)).toEqual(await simVersions(world.sim));

    await citizenWrites(world.sim, "Spørgsmål om vejarbejdet på Havnegade", "Hvornår er I færdige?");
    await waitUntil(
      async () =>
        (await store.listItems(MAYOR, "messages")).some(
          (m) => m.data["subject"] === "Spørgsmål om vejarbejdet på Havnegade",
        ),
      "the citizen's mail shows",
    );
  });

  it("starts a notification's round at once, without waiting for the worker's next look for jobs", async () => {
    const store = new MemoryMirrorStore();
    // The worker's own poll never comes within this test: only being woken moves it.
    const engine = (current = engineFor(store, { pollMs: 3_600_000 }));
    await engine.start();
    await waitUntil(mirrored(world.sim, store), "the first round is mirrored");
    await waitUntil(everyStreamWatched(store), "every stream is watched");
    const secretary = await graphAs(world.sim, SECRETARY);
    const created = await secretary("POST", `/users/${MAYOR}/events`, {
      subject: "Møde om den nye skolereform",
      start: daysAheadAt(1, 15),
      end: daysAheadAt(1, 16),
    });
    await waitUntil(holdsEvent(store, created["id"]), "it shows");
  });

  it("mirrors a reply the mayor sends from Outlook after its Sent Items notification, with no subject or body", async () => {
    const store = new MemoryMirrorStore();
    const engine = (current = engineFor(store, { pollMs: 3_600_000 }));
    await engine.start();
    await waitUntil(everyStreamWatched(store), "every stream is watched");
    await waitUntil(
      async () => (await store.getCursor(MAYOR, "sent"))?.deltaLink != null,
      "Sent Items is mirrored",
    );
    const mayor = await graphAs(world.sim, MAYOR);
    const inbox = await mayor("GET", `/users/${MAYOR}/mailFolders/inbox/messages?$top=1&$select=id`);
    const [asked] = inbox["value"] as { id: string }[];
    await mayor("POST", `/users/${MAYOR}/messages/${asked!.id}/reply`, { comment: "Tak for din mail." });
    const original = await mayor("GET", `/users/${MAYOR}/messages/${asked!.id}?$select=conversationId`);
    let reply: Record<string, unknown> | undefined;
    await waitUntil(async () => {
      reply = (await store.listItems(MAYOR, "sent")).find(
        (m) => m.data["conversationId"] === original["conversationId"],
      )?.data;
      return reply !== undefined;
    }, "the reply shows");
    expect(reply).not.toHaveProperty("subject");
    expect(reply).not.toHaveProperty("body");
    expect(reply).not.toHaveProperty("bodyPreview");
    expect(reply?.["internetMessageHeaders"]).toEqual([
      expect.objectContaining({ name: "In-Reply-To" }),
      expect.objectContaining({ name: "References" }),
    ]);
  });

  it("recreates a subscription Graph removed and resyncs the mailbox", async () => {
    const store = new MemoryMirrorStore();
    const engine = (current = engineFor(store));
    await engine.start();
    await waitUntil(everyStreamWatched(store), "every stream is watched");
    const [removed] = (await store.listSubscriptions(MAYOR)).filter((s) => s.kind === "events");
    await fetch(`${world.sim.url}/_sim/subscriptions/${removed!.id}/lifecycle`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ event: "subscriptionRemoved" }),
    });
    await waitUntil(async () => {
      const events = (await store.listSubscriptions(MAYOR)).filter((s) => s.kind === "events");
      return events.length === 1 && events[0]?.id !== removed!.id;
    }, "a new events subscription replaces it");
    expect((await world.gateway.listSubscriptions()).map((s) => s.id)).not.toContain(removed!.id);
  });

  it("removes this deployment's stale subscriptions at start and leaves other deployments' alone", async () => {
    const expirationDateTime = new Date(Date.now() + 86_400_000).toISOString();
    const stale = await world.gateway.createSubscription({
      mailbox: MAYOR,
      kind: "events",
      notificationUrl: `${webhooks.url}/graph/notifications`,
      lifecycleNotificationUrl: `${webhooks.url}/graph/lifecycle`,
      clientState: "left-over-from-a-crash",
      expirationDateTime,
    });
    const foreign = await world.gateway.createSubscription({
      mailbox: MAYOR,
      kind: "events",
      notificationUrl: `${webhooks.url}/staging/graph/notifications`,
      lifecycleNotificationUrl: `${webhooks.url}/staging/graph/lifecycle`,
      clientState: "another-deployment",
      expirationDateTime,
    });
    const engine = (current = engineFor(new MemoryMirrorStore()));
    await engine.start();
    const ids = (await world.gateway.listSubscriptions()).map((s) => s.id);
    expect(ids).not.toContain(stale.id);
    expect(ids).toContain(foreign.id);
    await world.gateway.deleteSubscription(foreign.id);
  });

  it("dead-letters a job Graph refuses for good, with the reason, and keeps syncing the rest", async () => {
    const store = new MemoryMirrorStore();
    const refusing: MailboxGateway = {
      ...world.gateway,
      messagesDelta: () =>
        Promise.reject(new GraphFailure(403, "ErrorAccessDenied", "Access is denied. Check credentials.")),
    };
    const engine = engineFor(store, { gateway: refusing, subscribe: false });
    await engine.start();
    await waitUntil(
      async () => (await store.listDeadJobs()).length === 1,
      "the messages job is dead-lettered",
    );
    const [dead] = await store.listDeadJobs();
    expect(dead).toMatchObject({
      kind: "sync-messages",
      lastError: expect.stringContaining("Access is denied"),
    });
    await waitUntil(mirrored(world.sim, store), "the calendar is mirrored all the same");
  });

  it("lets two instances split the mailboxes, and the survivor takes over when one dies", async () => {
    const store = new MemoryMirrorStore();
    const mailboxes = [MAYOR, SECRETARY];
    const first = engineFor(store, { mailboxes, subscribe: false, instanceId: "first" });
    const second = engineFor(store, { mailboxes, subscribe: false, instanceId: "second" });
    await first.start();
    await second.start();
    await waitUntil(eachHoldsOneMailbox(first, second), "each instance holds one mailbox");
    await waitUntil(mirrored(world.sim, store, MAYOR), "the mayor's calendar is mirrored");
    await waitUntil(mirrored(world.sim, store, SECRETARY), "the secretary's calendar is mirrored");

    const [orphan] = second.ownership.ownedMailboxes();
    await second.stop({ releaseLeases: false });
    running.splice(running.indexOf(second), 1);
    await waitUntil(
      async () => first.ownership.ownedMailboxes().length === 2,
      "the survivor holds both mailboxes",
      { timeoutMs: 10_000 },
    );
    const secretary = await graphAs(world.sim, SECRETARY);
    await secretary("POST", `/users/${orphan}/events`, {
      subject: "Møde efter overtagelsen",
      start: daysAheadAt(1, 15),
      end: daysAheadAt(1, 16),
    });
    await first.checkMailbox(orphan!);
    await waitUntil(mirrored(world.sim, store, orphan), "the orphaned mailbox is synced by the survivor");
  });

  it("catches a change no notification announced at the next safety poll", async () => {
    const store = new MemoryMirrorStore();
    const engine = engineFor(store, { subscribe: false, safetyPollSeconds: 1 });
    await engine.start();
    await waitUntil(mirrored(world.sim, store), "the first round is mirrored");
    const secretary = await graphAs(world.sim, SECRETARY);
    const created = await secretary("POST", `/users/${MAYOR}/events`, {
      subject: "Rundvisning på genbrugspladsen",
      start: daysAheadAt(1, 10),
      end: daysAheadAt(1, 11),
    });
    await waitUntil(holdsEvent(store, created["id"]), "the safety poll found it", { timeoutMs: 5_000 });
  });

  it("renews subscriptions a day before they expire and leaves younger ones alone", async () => {
    const store = new MemoryMirrorStore();
    const keeper = (now: Date) =>
      new SubscriptionKeeper({
        store,
        gateway: world.gateway,
        publicUrl: webhooks.url,
        mailboxes: [MAYOR],
        log,
        now: () => now,
      });
    await keeper(new Date()).maintain(MAYOR);
    const created = await store.listSubscriptions(MAYOR);
    expect(created.map((s) => s.kind).sort()).toEqual(["events", "messages", "sent"]);

    await keeper(new Date(Date.now() + 86_400_000)).maintain(MAYOR);
    expect(await store.listSubscriptions(MAYOR)).toEqual(created);

    await keeper(new Date(Date.now() + 2.5 * 86_400_000)).maintain(MAYOR);
    const renewed = await store.listSubscriptions(MAYOR);
    expect(renewed.map((s) => s.id).sort()).toEqual(created.map((s) => s.id).sort());
    for (const subscription of renewed) {
      const before = created.find((s) => s.id === subscription.id);
      expect(Date.parse(subscription.expiresAt)).toBeGreaterThan(Date.parse(before!.expiresAt));
    }
    const inGraph = await world.gateway.listSubscriptions();
    for (const subscription of renewed) {
      expect(inGraph.find((s) => s.id === subscription.id)?.expirationDateTime).toBe(subscription.expiresAt);
      await world.gateway.deleteSubscription(subscription.id);
    }
  });
});
