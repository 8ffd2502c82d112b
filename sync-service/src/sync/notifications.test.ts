import pino from "pino";
import { describe, expect, it } from "vitest";
import { createNotificationHandlers } from "./notifications";
import { hashClientState } from "./subscriptions";
import { MemoryMirrorStore } from "../../test/sync/memory-store";

const MAILBOX = "borgmester@fjordby.dk";
const log = pino({ level: "silent" });

async function setUp() {
  const store = new MemoryMirrorStore();
  await store.saveSubscription({
    id: "sub-events",
    mailbox: MAILBOX,
    kind: "events",
    resource: `users/${MAILBOX}/events`,
    clientStateHash: hashClientState("the-right-secret"),
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  });
  return { store, handlers: createNotificationHandlers({ store, log }) };
}

const change = (clientState: string, etag = 'W/"abc"', subscriptionId = "sub-events") => ({
  value: [
    {
      subscriptionId,
      clientState,
      changeType: "updated",
      resource: `Users/${MAILBOX}/Events/AAMk1`,
      resourceData: { id: "AAMk1", "@odata.etag": etag },
    },
  ],
});

const pendingKinds = async (store: MemoryMirrorStore) =>
  (await store.leaseJobs("test", 100, 1000)).map((job) => `${job.kind} ${String(job.payload["mailbox"])}`);

describe("change notifications", () => {
  it("schedule one delta round for the mailbox, however many arrive", async () => {
    const { store, handlers } = await setUp();
    await handlers.handleNotification(change("the-right-secret", 'W/"1"'));
    await handlers.handleNotification(change("the-right-secret", 'W/"2"'));
    expect(await pendingKinds(store)).toEqual([`sync-events ${MAILBOX}`]);
  });

  it("with a wrong clientState or an unknown subscription are dropped", async () => {
    const { store, handlers } = await setUp();
    await handlers.handleNotification(change("a-forged-secret"));
    await handlers.handleNotification(change("the-right-secret", 'W/"x"', "sub-nobody-made"));
    expect(await pendingKinds(store)).toEqual([]);
  });

  it("delivered twice are counted once", async () => {
    const { store, handlers } = await setUp();
    await handlers.handleNotification(change("the-right-secret"));
    await store.leaseJobs("test", 100, 60_000);
    await handlers.handleNotification(change("the-right-secret"));
    expect(await pendingKinds(store)).toEqual([]);
  });

  it("that are not Graph notifications are rejected as bad requests", async () => {
    const { handlers } = await setUp();
    await expect(handlers.handleNotification({ value: "nope" })).rejects.toThrow();
    await expect(handlers.handleNotification(null)).rejects.toThrow();
  });
});

describe("lifecycle notifications", () => {
  const lifecycle = (lifecycleEvent: string, clientState = "the-right-secret") => ({
    value: [{ subscriptionId: "sub-events", clientState, lifecycleEvent }],
  });

  it("renew the subscriptions when Graph asks for reauthorization", async () => {
    const { store, handlers } = await setUp();
    await handlers.handleLifecycle(lifecycle("reauthorizationRequired"));
    expect(await pendingKinds(store)).toEqual([`renew-subscriptions ${MAILBOX}`]);
  });

  it("recreate a removed subscription and resync the mailbox fully", async () => {
    const { store, handlers } = await setUp();
    await handlers.handleLifecycle(lifecycle("subscriptionRemoved"));
    expect(await store.getSubscription("sub-events")).toBeNull();
    expect((await pendingKinds(store)).sort()).toEqual([
      `resync-events ${MAILBOX}`,
      `subscriptions ${MAILBOX}`,
    ]);
  });

  it("catch up with a delta round after missed notifications", async () => {
    const { store, handlers } = await setUp();
    await handlers.handleLifecycle(lifecycle("missed"));
    expect(await pendingKinds(store)).toEqual([`sync-events ${MAILBOX}`]);
  });

  it("with a wrong clientState change nothing", async () => {
    const { store, handlers } = await setUp();
    await handlers.handleLifecycle(lifecycle("subscriptionRemoved", "forged"));
    expect(await store.getSubscription("sub-events")).not.toBeNull();
    expect(await pendingKinds(store)).toEqual([]);
  });
});
