import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { openStore } from "../store";
import type { MirrorStore } from "../store/types";
import type { SyncEngineOptions } from "./engine";
import { crashingStore, SimulatedCrash } from "../../test/sync/crashing-store";
import { DeltaSync } from "./delta-sync";
import { daysAheadAt, graphAs, MAYOR, SECRETARY } from "../../test/sync/sim";
import {
  eachHoldsOneMailbox,
  mayorEngine,
  mirrored,
  silentLog as log,
  simVersions,
  simWithGateway,
  TEST_WINDOW as WINDOW,
  waitUntil,
} from "../../test/sync/suite";

const world = simWithGateway();

/** A sync engine on `store` that polls the mayor's mailbox every 100 ms, with no subscriptions. */
const pollingEngine = (store: MirrorStore, options: Partial<SyncEngineOptions> = {}) =>
  mayorEngine(store, world.gateway, {
    publicUrl: "https://localhost:1",
    subscribe: false,
    pollMs: 100,
    ...options,
  });

/** These tests sync into the service's own database, slower than memory: wait longer, look less often. */
const PATIENCE = { timeoutMs: 30_000, everyMs: 100 };

it("keeps the mirror in the service's own database across a crash and a restart, with no row twice", async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "modeklar-sync-"));
  let store = await openStore({ dataDir });
  const deltaSync = (onto: MirrorStore) =>
    new DeltaSync({ store: onto, gateway: world.gateway, window: WINDOW, pageSize: 10, log });
  await deltaSync(store).run(MAYOR, "events");
  // A full round that dies after its third committed page, as if the process were killed.
  await fetch(`${world.sim.url}/_sim/delta/expire`, { method: "POST" });
  await expect(
    deltaSync(crashingStore(store, { page: 3, when: "after-commit" })).run(MAYOR, "events"),
  ).rejects.toThrow(SimulatedCrash);
  await store.close();

  const secretary = await graphAs(world.sim, SECRETARY);
  await secretary("POST", `/users/${MAYOR}/events`, {
    subject: "Byrådsmøde, forberedelse",
    start: daysAheadAt(2, 8),
    end: daysAheadAt(2, 9),
  });

  store = await openStore({ dataDir });
  const engine = pollingEngine(store);
  try {
    await engine.start();
    await waitUntil(mirrored(world.sim, store), "the restarted service has caught up", PATIENCE);
    const versions = await simVersions(world.sim);
    expect(await store.countItems(MAYOR, "events")).toBe(versions.length);
  } finally {
    await engine.stop();
    await store.close();
  }
}, 120_000);

it("splits the mailboxes between two instances on one database, and the survivor takes over", async () => {
  const store = await openStore({ dataDir: await mkdtemp(join(tmpdir(), "modeklar-sync-")) });
  const mailboxes = [MAYOR, SECRETARY];
  const instance = (instanceId: string) =>
    pollingEngine(store, { mailboxes, mailboxLeaseMs: 1500, instanceId });
  const first = instance("first");
  const second = instance("second");
  try {
    await first.start();
    await second.start();
    await waitUntil(eachHoldsOneMailbox(first, second), "each instance holds one mailbox", PATIENCE);
    await second.stop({ releaseLeases: false });
    await waitUntil(
      async () => first.ownership.ownedMailboxes().length === 2,
      "the survivor holds both",
      PATIENCE,
    );
    await waitUntil(
      async () => (await store.getCursor(SECRETARY, "events"))?.deltaLink != null,
      "the secretary's calendar is synced",
      PATIENCE,
    );
  } finally {
    await first.stop();
    await store.close();
  }
}, 120_000);
