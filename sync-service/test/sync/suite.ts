import { startSim, type RunningSim } from "@modeklar/m365-sim";
import pino from "pino";
import { afterAll, beforeAll } from "vitest";
import type { MailboxGateway } from "../../src/graph";
import type { MirrorStore } from "../../src/store/types";
import { calendarWindow, SyncEngine, type SyncEngineOptions } from "../../src/sync";
import { calendarViewOf, connectToSim, MAYOR, versionOf } from "./sim";

/** What a sync test file starts with. */

/** The calendar window the sync tests mirror: a month back, half a year ahead. */
export const TEST_WINDOW = { pastDays: 30, futureDays: 180 };

/** A logger that writes nothing. */
export const silentLog = pino({ level: "silent" });

/** The seeded simulator and the service's Graph side connected to it. */
export interface SimWithGateway {
  readonly sim: RunningSim;
  readonly gateway: MailboxGateway;
}

/**
 * Starts the seeded simulator and connects the service's Graph side to it before the file's
 * tests, and closes the simulator after them. Read `sim` and `gateway` inside tests and hooks.
 */
export function simWithGateway(): SimWithGateway {
  let started: SimWithGateway | undefined;
  beforeAll(async () => {
    const sim = await startSim();
    started = { sim, ...(await connectToSim(sim)) };
  });
  afterAll(() => started?.sim.close());
  const running = (): SimWithGateway => {
    if (!started) throw new Error("the simulator starts in beforeAll: read it inside a test or hook");
    return started;
  };
  return {
    get sim() {
      return running().sim;
    },
    get gateway() {
      return running().gateway;
    },
  };
}

/** The mailbox's calendar over the test window as the simulator serves it: its versions, sorted. */
export async function simVersions(sim: RunningSim, mailbox = MAYOR): Promise<string[]> {
  return (await calendarViewOf(sim, mailbox, calendarWindow(new Date(), TEST_WINDOW))).map(versionOf).sort();
}

/** The mailbox's events in the mirror: each item's version, sorted. */
export async function mirrorVersions(
  store: Pick<MirrorStore, "listItems">,
  mailbox = MAYOR,
): Promise<string[]> {
  return (await store.listItems(mailbox, "events")).map((item) => versionOf(item.data)).sort();
}

/** The mirror holds the mailbox's calendar just as the simulator serves it (a check to wait for). */
export function mirrored(
  sim: RunningSim,
  store: Pick<MirrorStore, "listItems">,
  mailbox = MAYOR,
): () => Promise<boolean> {
  return async () =>
    JSON.stringify(await mirrorVersions(store, mailbox)) === JSON.stringify(await simVersions(sim, mailbox));
}

/**
 * A sync engine on `store` for the mayor's mailbox over the test window, logging nothing. Its
 * safety poll never comes within a test: only what the test does starts a round. `options` adds
 * what the test needs (where notifications go, paging, polling, leases, subscribing…).
 */
export function mayorEngine(
  store: MirrorStore,
  gateway: MailboxGateway,
  options: Pick<SyncEngineOptions, "publicUrl"> & Partial<SyncEngineOptions>,
): SyncEngine {
  return new SyncEngine({
    store,
    gateway,
    mailboxes: [MAYOR],
    window: TEST_WINDOW,
    safetyPollSeconds: 3600,
    log: silentLog,
    ...options,
  });
}

/**
 * Waits until `check` holds, looking again every `everyMs`; fails naming `what` once `timeoutMs`
 * has passed.
 */
export async function waitUntil(
  check: () => Promise<boolean>,
  what: string,
  { timeoutMs = 20_000, everyMs = 50 }: { timeoutMs?: number; everyMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Two instances sharing two mailboxes have split them: each holds one (a check to wait for). */
export function eachHoldsOneMailbox(first: SyncEngine, second: SyncEngine): () => Promise<boolean> {
  return async () =>
    first.ownership.ownedMailboxes().length === 1 && second.ownership.ownedMailboxes().length === 1;
}
