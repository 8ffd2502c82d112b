import { FirstPassSchema, type FirstPass } from "@modeklar/shared";
import { z } from "zod";
import type { SettingStore } from "../store/reconcile";
import type { MirrorStore } from "../store/types";
import { STREAMS } from "../sync/jobs";
import type { PriorityReport } from "./priorities";

/**
 * Reconcile's first pass over a newly mirrored mailbox, kept in the store beside reconcile's
 * settings so every instance's status API shows it and a restart picks it up: it runs from the
 * first reconciled change until every stream's first round is mirrored and reconciled.
 */

/** `total` is kept once the pass is done: the mirror's size it covered, not what came after. */
const RecordSchema = FirstPassSchema.extend({
  state: z.enum(["running", "done"]),
  total: z.number().int().min(0).optional(),
});
type FirstPassRecord = z.infer<typeof RecordSchema>;

const keyOf = (mailbox: string) => `first-pass:${mailbox}`;
const BY = "Mødeklar";

async function recordOf(store: SettingStore, mailbox: string): Promise<FirstPassRecord | null> {
  const parsed = RecordSchema.safeParse((await store.getSetting(keyOf(mailbox)))?.value);
  return parsed.success ? parsed.data : null;
}

/** The first pass as the status API and the weekly view show it: figures so far beside the mirror's size. */
export async function firstPassProgress(
  store: SettingStore,
  mirror: MirrorStore,
  mailbox: string,
): Promise<FirstPass> {
  const record = await recordOf(store, mailbox);
  const total = record?.total ?? (await mirroredItems(mirror, mailbox));
  if (!record)
    return {
      state: "waiting",
      reconciled: 0,
      total,
      lookedAt: 0,
      writes: 0,
      startedAt: null,
      finishedAt: null,
    };
  return { ...record, reconciled: Math.min(record.reconciled, total), total };
}

/** What the first pass goes through: the calendar and the inbox. */
async function mirroredItems(mirror: MirrorStore, mailbox: string): Promise<number> {
  const [events, messages] = await Promise.all([
    mirror.countItems(mailbox, "events"),
    mirror.countItems(mailbox, "messages"),
  ]);
  return events + messages;
}

export class FirstPassRecorder {
  /** A done pass stays done: once seen, no round reads the store for it again. */
  private done = false;

  constructor(
    private readonly deps: { store: SettingStore; mirror: MirrorStore; mailbox: string; now: () => Date },
  ) {}

  /** After a round of changes to the calendar or the inbox: while the first pass runs, its figures move on. */
  reconciled(items: number, report: PriorityReport): Promise<void> {
    const { now } = this.deps;
    return this.update(async (record) => ({
      state: "running",
      reconciled: (record?.reconciled ?? 0) + items,
      lookedAt: (record?.lookedAt ?? 0) + report.lookedAt,
      writes: (record?.writes ?? 0) + report.writes,
      startedAt: record?.startedAt ?? now().toISOString(),
      finishedAt: null,
    }));
  }

  /** After every change a delta round committed was reconciled: done once each stream has had its first round. */
  roundSettled(): Promise<void> {
    const { mirror, mailbox, now } = this.deps;
    return this.update(async (record) => {
      const cursors = await Promise.all(STREAMS.map((stream) => mirror.getCursor(mailbox, stream)));
      if (!cursors.every((cursor) => cursor?.lastCompletedAt)) return null;
      const at = now().toISOString();
      return {
        reconciled: 0,
        lookedAt: 0,
        writes: 0,
        startedAt: at,
        ...record,
        state: "done",
        total: await mirroredItems(mirror, mailbox),
        finishedAt: at,
      };
    });
  }

  /**
   * Saves what `next` makes of the record unless the pass is done (or `next` says nothing to
   * save); saved against the version read, read again if another writer came between.
   */
  private async update(
    next: (record: FirstPassRecord | null) => Promise<FirstPassRecord | null>,
  ): Promise<void> {
    const { store, mailbox } = this.deps;
    for (let attempt = 0; attempt < 3 && !this.done; attempt++) {
      const setting = await store.getSetting(keyOf(mailbox));
      const parsed = RecordSchema.safeParse(setting?.value);
      const record = parsed.success ? parsed.data : null;
      this.done = record?.state === "done";
      if (this.done) return;
      const value = await next(record);
      if (!value) return;
      if ((await store.putSetting(keyOf(mailbox), value, BY, setting?.version ?? 0)).saved) {
        this.done = value.state === "done";
        return;
      }
    }
  }
}
