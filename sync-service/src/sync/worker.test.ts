import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import type { MailboxOwnership } from "./ownership";
import { MemoryMirrorStore } from "../../test/sync/memory-store";
import { SyncWorker, type JobHandler } from "./worker";

const MAYOR = "borgmester@fjordby.dk";
const log = pino({ level: "silent" });
const owningAll = { owns: () => true } as unknown as MailboxOwnership;
const workers: SyncWorker[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
});

describe("the sync worker", () => {
  it("starts a round asked for while the mailbox's round runs as soon as that round ends, not after the hand-off pause", async () => {
    const store = new MemoryMirrorStore();
    const started: number[] = [];
    let release: () => void = () => undefined;
    const firstRoundHeld = new Promise<void>((resolve) => (release = resolve));
    const round: JobHandler = async () => {
      started.push(Date.now());
      if (started.length === 1) await firstRoundHeld;
    };
    const idle: JobHandler = async () => undefined;
    const worker = new SyncWorker({
      store,
      instanceId: "w1",
      ownership: owningAll,
      log,
      laneOf: (kind) => (kind.endsWith("events") ? "events" : "other"),
      handlers: {
        "sync-events": round,
        "resync-events": round,
        "sync-messages": idle,
        "resync-messages": idle,
        "sync-sent": idle,
        "resync-sent": idle,
        subscriptions: idle,
        "renew-subscriptions": idle,
      },
      // Far longer than the test may take: only pulling the job forward can start it in time.
      handOffMs: 60_000,
      pollMs: 60_000,
    });
    workers.push(worker);
    const ask = async () => {
      await store.enqueueJob({
        kind: "sync-events",
        key: `sync-events:${MAYOR}`,
        payload: { mailbox: MAYOR },
      });
      worker.wake();
    };
    worker.start();
    await ask();
    await expect.poll(() => started.length).toBe(1);
    // A notification while the first round runs: its job is leased, finds the lane busy and is put back.
    await ask();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(started).toHaveLength(1);
    const ended = Date.now();
    release();
    await expect.poll(() => started.length, { timeout: 2_000 }).toBe(2);
    expect((started[1] ?? Infinity) - ended).toBeLessThan(1_000);
  });
});
