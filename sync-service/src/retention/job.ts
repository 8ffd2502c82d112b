import { RETENTION_KINDS, type RetentionKind, type RetentionRun } from "@modeklar/shared";
import type { Logger } from "pino";
import { SERVICE_ACTOR, systemClock, type AuditRecorder, type Clock, type RetentionOptions } from "../store";
import type { RetentionPeriods, RetentionRuns } from "../store/retention";

export interface RetentionJobDeps {
  /** Deletes what expired under these periods (the store's expireRecords over the service's database). */
  expire(periods: RetentionPeriods, options?: RetentionOptions): Promise<Record<RetentionKind, number>>;
  runs: RetentionRuns;
  audit: AuditRecorder;
  periods: RetentionPeriods;
  log: Pick<Logger, "info" | "error">;
  clock?: Clock;
  /** How often the service looks whether a run is due (an hour by default). */
  checkEveryMs?: number;
  /** A run is due this long after the last one started (a day). */
  everyMs?: number;
}

const HOUR_MS = 3_600_000;

const noneDeleted = (): Record<RetentionKind, number> =>
  Object.fromEntries(RETENTION_KINDS.map((kind) => [kind, 0])) as Record<RetentionKind, number>;

/**
 * Retention in the running service: once a day (looked at every hour, and at start) it deletes
 * what has expired, records the run (counts only) for /api/sync/status, logs the counts, and
 * notes in the audit log which kinds it deleted. A failed run is tried again at the next look.
 */
export class RetentionJob {
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<RetentionRun | null> | null = null;
  readonly #clock: Clock;

  constructor(private readonly deps: RetentionJobDeps) {
    this.#clock = deps.clock ?? systemClock;
  }

  start(): void {
    const look = () => {
      this.runIfDue().catch((err: unknown) => this.deps.log.error({ err }, "retention could not run"));
    };
    look();
    this.#timer = setInterval(look, this.deps.checkEveryMs ?? HOUR_MS);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running?.catch(() => undefined);
  }

  /** Runs when none ran in the last day (or the last one failed); otherwise null. */
  async runIfDue(): Promise<RetentionRun | null> {
    if (this.#running) return this.#running;
    const last = await this.deps.runs.last();
    const sinceLast = last ? this.#clock.now().getTime() - Date.parse(last.startedAt) : Infinity;
    const due = last?.outcome === "failed" || sinceLast >= (this.deps.everyMs ?? 24 * HOUR_MS);
    if (!due) return null;
    this.#running = this.runNow().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  /** One run now, whatever the last one. */
  async runNow(): Promise<RetentionRun> {
    const id = await this.deps.runs.begin();
    let deleted = noneDeleted();
    let outcome: "done" | "failed" = "done";
    try {
      deleted = await this.deps.expire(this.deps.periods);
      this.deps.log.info({ deleted }, "retention deleted what had expired");
    } catch (err) {
      outcome = "failed";
      deleted = (err as { deleted?: Record<RetentionKind, number> }).deleted ?? deleted;
      this.deps.log.error(
        { err, deleted },
        "retention stopped at a failed batch; the rest waits for the next run",
      );
    }
    await this.deps.runs.finish(id, outcome, deleted);
    const kinds = RETENTION_KINDS.filter((kind) => deleted[kind] > 0);
    if (kinds.length > 0)
      await this.deps.audit.record([
        {
          actor: SERVICE_ACTOR,
          client: "service",
          action: "retention.delete",
          target: { kind: "store" },
          fields: kinds,
        },
      ]);
    return (await this.deps.runs.last()) as RetentionRun;
  }
}
