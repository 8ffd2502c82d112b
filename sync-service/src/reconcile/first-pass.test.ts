import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock, sqlMirrorStore, sqlReconcileStore } from "../store";
import { openPglite } from "../store/pglite";
import type { ReconcileStore } from "../store/reconcile";
import type { MirrorStore, StreamKind } from "../store/types";
import { firstPassProgress, FirstPassRecorder } from "./first-pass";

const MAILBOX = "borgmester@fjordby.dk";
const clock = new ManualClock(new Date("2026-12-06T09:00:00.000Z"));
let db: Awaited<ReturnType<typeof openPglite>>;
let mirror: MirrorStore;
let store: ReconcileStore;

beforeAll(async () => {
  db = await openPglite();
  mirror = sqlMirrorStore(db, { clock });
  await mirror.migrate();
  store = sqlReconcileStore(db, clock);
});
afterAll(() => db.close());

const report = (lookedAt: number, writes: number) => ({
  items: 0,
  lookedAt,
  writes,
  conflicts: 0,
  handEdits: 0,
});

async function mirrorRound(stream: StreamKind, ids: string[]) {
  await mirror.applyDeltaPage(MAILBOX, stream, {
    upserts: ids.map((id) => ({ id, changeKey: "k", data: { id } })),
    removals: [],
    deltaLink: `${stream}-link`,
  });
}

describe("the first pass over a newly mirrored mailbox", () => {
  it("waits for the mirror, shows its figures while it runs, and is done once every stream has had its first round", async () => {
    const recorder = new FirstPassRecorder({ store, mirror, mailbox: MAILBOX, now: () => clock.now() });
    await mirrorRound("events", ["e1", "e2", "e3"]);
    expect(await firstPassProgress(store, mirror, MAILBOX)).toMatchObject({
      state: "waiting",
      reconciled: 0,
    });

    await mirrorRound("messages", ["m1"]);
    await recorder.reconciled(3, report(2, 2));
    await recorder.roundSettled();
    expect(await firstPassProgress(store, mirror, MAILBOX)).toEqual({
      state: "running",
      reconciled: 3,
      total: 4,
      lookedAt: 2,
      writes: 2,
      startedAt: "2026-12-06T09:00:00.000Z",
      finishedAt: null,
    });

    await recorder.reconciled(1, report(0, 0));
    await mirrorRound("sent", ["s1"]);
    clock.advance(60_000);
    await recorder.roundSettled();
    const done = await firstPassProgress(store, mirror, MAILBOX);
    expect(done).toMatchObject({
      state: "done",
      reconciled: 4,
      total: 4,
      finishedAt: "2026-12-06T09:01:00.000Z",
    });

    await mirrorRound("events", ["e4"]);
    await recorder.reconciled(1, report(1, 1));
    expect(await firstPassProgress(store, mirror, MAILBOX)).toEqual(done);
  });
});
