import type { Logger } from "pino";
import { DeltaExpired, GraphFailure } from "../graph";
import type { Job, MirrorStore } from "../store/types";
import { MailboxLeaseLost } from "./delta-sync";
import { JOB_KINDS, type JobKind } from "./jobs";
import type { MailboxOwnership } from "./ownership";

export type JobHandler = (mailbox: string, job: Job) => Promise<void>;

export interface SyncWorkerOptions {
  store: MirrorStore;
  instanceId: string;
  ownership: MailboxOwnership;
  handlers: Record<JobKind, JobHandler>;
  /** Which jobs must not run side by side for one mailbox (they share a delta cursor). */
  laneOf: (kind: JobKind) => string;
  log: Logger;
  concurrency?: number;
  pollMs?: number;
  jobLeaseMs?: number;
  maxAttempts?: number;
  /** How long a job for a mailbox owned elsewhere (or busy here) waits before it is offered again. */
  handOffMs?: number;
}

/** Whether a failed job is worth another attempt: throttling, outages and lost leases are; a 4xx is not. */
export function isRetryable(err: unknown): boolean {
  if (err instanceof GraphFailure) return err.retryable;
  return err instanceof DeltaExpired || err instanceof MailboxLeaseLost || !(err instanceof TypeError);
}

/**
 * Runs the durable jobs of the mailboxes this instance owns: leases due jobs from the
 * store, runs at most one job per mailbox lane at a time, and reports each outcome so the
 * store retries with backoff or dead-letters with the reason.
 */
export class SyncWorker {
  private running = new Map<string, Promise<void>>();
  private busyLanes = new Set<string>();
  /** Jobs put back because their lane was busy here, to be pulled forward the moment it frees. */
  private waitingForLane = new Map<string, Pick<Job, "kind" | "key" | "payload">>();
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;
  private readonly concurrency: number;

  constructor(private readonly options: SyncWorkerOptions) {
    this.concurrency = options.concurrency ?? 4;
  }

  /** True while a job of this mailbox runs here. */
  busy(mailbox: string): boolean {
    for (const lane of this.busyLanes) if (lane.endsWith(`:${mailbox}`)) return true;
    return false;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.options.pollMs ?? 250);
    this.wake();
  }

  /** Looks for due jobs at once (after a notification enqueued one), if the worker is started. */
  wake(): void {
    if (this.timer) setImmediate(() => void this.tick());
  }

  /** Stops taking jobs and waits for the running ones to end. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.running.values()]);
  }

  /** Leases and starts what is due; resolves once they are started (not finished). */
  async tick(): Promise<number> {
    if (this.ticking) return 0;
    this.ticking = true;
    try {
      const room = this.concurrency - this.running.size;
      if (room <= 0) return 0;
      const { store, instanceId, jobLeaseMs } = this.options;
      const jobs = await store.leaseJobs(instanceId, room, jobLeaseMs ?? 300_000, [...JOB_KINDS]);
      for (const job of jobs) {
        const run = this.run(job).finally(() => {
          this.running.delete(job.id);
          // Work that came in while this job ran (a notification's round) starts now, not at the next poll.
          this.wake();
        });
        this.running.set(job.id, run);
      }
      return jobs.length;
    } catch (err) {
      this.options.log.error({ err }, "leasing jobs failed");
      return 0;
    } finally {
      this.ticking = false;
    }
  }

  /** Runs every job that is due now, until none is left (for tests and one-shot runs). */
  async drain(): Promise<void> {
    for (;;) {
      const started = await this.tick();
      if (started === 0 && this.running.size === 0) return;
      await Promise.race([...this.running.values(), new Promise((r) => setTimeout(r, 20))]);
    }
  }

  private async run(job: Job): Promise<void> {
    try {
      await this.runOrHandOff(job);
    } catch (err) {
      // The store failed; the job's lease will expire and it will be offered again.
      this.options.log.error({ err, jobId: job.id }, "a sync job could not be run or recorded");
    }
  }

  private async runOrHandOff(job: Job): Promise<void> {
    const { store, instanceId, ownership, log } = this.options;
    const kind = job.kind as JobKind;
    const mailbox = typeof job.payload["mailbox"] === "string" ? job.payload["mailbox"] : "";
    const lane = `${this.options.laneOf(kind)}:${mailbox}`;
    if (!ownership.owns(mailbox) || this.busyLanes.has(lane)) {
      // Not ours to run now: put a fresh copy back (coalesced) and close this one. If the lane is
      // busy here, the copy is pulled forward as soon as the job in it ends (a notification's round
      // then starts at once instead of after the pause); the pause stands for another instance.
      if (this.busyLanes.has(lane))
        this.waitingForLane.set(lane, { kind: job.kind, key: job.key, payload: job.payload });
      await store.enqueueJob({
        kind: job.kind,
        key: job.key,
        payload: job.payload,
        runAt: new Date(Date.now() + (this.options.handOffMs ?? 250)),
      });
      await store.finishJob(job.id, instanceId, { ok: true });
      setTimeout(() => this.wake(), (this.options.handOffMs ?? 250) + 1).unref();
      return;
    }
    this.busyLanes.add(lane);
    try {
      await this.options.handlers[kind](mailbox, job);
      await store.finishJob(job.id, instanceId, { ok: true });
    } catch (err) {
      const retryable = isRetryable(err);
      const error = err instanceof Error ? err.message : String(err);
      log.warn({ err, kind, mailbox, attempts: job.attempts + 1, retryable }, "sync job failed");
      await store.finishJob(
        job.id,
        instanceId,
        { ok: false, error, retryable },
        this.options.maxAttempts ?? 8,
      );
    } finally {
      this.busyLanes.delete(lane);
      const waiting = this.waitingForLane.get(lane);
      if (waiting) {
        this.waitingForLane.delete(lane);
        await store.enqueueJob(waiting);
      }
    }
  }
}
