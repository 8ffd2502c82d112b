import { DateTime } from "luxon";
import { digestKey, digestMail } from "../outbox/causes";
import type { Outbox } from "../outbox/outbox";
import type { MirrorStore } from "../store/types";
import { digestText, type DeadlineEntry } from "./deadlines";
import type { ReconcileSettings } from "./settings";

export const DIGEST_JOB = "reconcile-digest";

export interface DigestDeps {
  /** The mailbox whose deadlines the digest lists. */
  mailbox: string;
  /** The store's job queue: one digest job per day, whichever instance asks. */
  mirror: Pick<MirrorStore, "enqueueJob" | "leaseJobs" | "finishJob">;
  outbox: Pick<Outbox, "decide" | "owedFor">;
  settings: () => Promise<ReconcileSettings>;
  /** The deadlines as they are now, as the secretary may read them. */
  deadlines: () => Promise<DeadlineEntry[]>;
  now: () => Date;
  instanceId: string;
}

/** The morning digest of the deadlines: scheduled once a day, owed once, written when it leaves. */
export class MorningDigest {
  constructor(private readonly deps: DigestDeps) {}

  /**
   * Owes the digest of `date` (yyyy-MM-dd) unless some instance already did, and sends it; true
   * if this call owed it. Its text is written from the deadlines as they are when it leaves.
   */
  async send(date: string): Promise<boolean> {
    const settings = await this.deps.settings();
    return this.deps.outbox.decide(
      async (_tx, owe) =>
        (await owe(digestMail(this.deps.mailbox, { date, to: settings.digest.to }))).created,
    );
  }

  /**
   * The digest's text: the deadlines as they are now, written for the secretary (private meetings
   * as the privacy policy shows them to her).
   */
  async text(): Promise<string> {
    const [deadlines, settings] = await Promise.all([this.deps.deadlines(), this.deps.settings()]);
    return digestText(deadlines, settings.calendar.timeZone);
  }

  /** Puts the next digest in the store's job queue: one job per day, whichever instance asks. */
  async schedule(): Promise<void> {
    const { mailbox, mirror } = this.deps;
    const settings = await this.deps.settings();
    if (!settings.digest.enabled) return;
    const zone = settings.calendar.timeZone;
    const [hour, minute] = settings.digest.at.split(":").map(Number);
    const now = DateTime.fromJSDate(this.deps.now()).setZone(zone);
    let at = now.set({ hour: hour ?? 7, minute: minute ?? 30, second: 0, millisecond: 0 });
    if (at < now.minus({ hours: 1 })) at = at.plus({ days: 1 });
    const date = at.toISODate() as string;
    if (await this.deps.outbox.owedFor(digestKey(mailbox, date))) return;
    await mirror.enqueueJob({
      kind: DIGEST_JOB,
      key: `${DIGEST_JOB}:${mailbox}:${date}`,
      payload: { date },
      runAt: at.toJSDate(),
    });
  }

  /** Runs the digests that are due; the number this instance sent. */
  async runDue(): Promise<number> {
    const { mirror, instanceId } = this.deps;
    const jobs = await mirror.leaseJobs(instanceId, 1, 120_000, [DIGEST_JOB]);
    let sent = 0;
    for (const job of jobs) {
      try {
        if (await this.send(String(job.payload["date"]))) sent += 1;
        await mirror.finishJob(job.id, instanceId, { ok: true });
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        await mirror.finishJob(job.id, instanceId, { ok: false, error, retryable: true });
      }
    }
    return sent;
  }
}
