import { randomUUID } from "node:crypto";
import { retryDelayMs } from "./backoff";
import type { Clock } from "./clock";
import { iso } from "./rows";
import type { SqlExecutor, SqlSession } from "./sql";
import type { Job, JobOutcome } from "./types";

export const defaultMaxAttempts = 8;

interface JobRow {
  id: string;
  kind: string;
  key: string;
  payload: Record<string, unknown>;
  attempts: number;
  run_at: Date | string;
  last_error: string | null;
  dead_at: Date | string | null;
}

const jobColumns = "id, kind, key, payload, attempts, run_at, last_error, dead_at";

function toJob(row: JobRow): Job {
  return {
    id: row.id,
    kind: row.kind,
    key: row.key,
    payload: row.payload,
    attempts: row.attempts,
    runAt: iso(row.run_at),
    lastError: row.last_error,
  };
}

/**
 * A second request for work that is already waiting joins it, and pulls it earlier if it
 * is wanted sooner (a notification must not wait for the next scheduled poll). The waiting
 * job keeps its payload.
 */
export async function enqueueJob(
  db: SqlSession,
  clock: Clock,
  job: { kind: string; key: string; payload?: Record<string, unknown>; runAt?: Date },
): Promise<void> {
  const now = clock.now();
  await db.query(
    `INSERT INTO jobs (id, kind, key, payload, status, attempts, run_at, created_at)
     VALUES ($1, $2, $3, $4::jsonb, 'pending', 0, $5, $6)
     ON CONFLICT (key) WHERE status = 'pending'
     DO UPDATE SET run_at = LEAST(jobs.run_at, excluded.run_at)`,
    [
      randomUUID(),
      job.kind,
      job.key,
      JSON.stringify(job.payload ?? {}),
      (job.runAt ?? now).toISOString(),
      now.toISOString(),
    ],
  );
}

/**
 * Due pending jobs, and running jobs whose worker let the lease lapse (it died), go to
 * `worker`. SKIP LOCKED lets concurrent workers pass over rows another one is taking.
 * A job whose workers died on every one of its attempts is dead-lettered, not run again:
 * it may be what kills them.
 */
export async function leaseJobs(
  db: SqlExecutor,
  clock: Clock,
  worker: string,
  limit: number,
  leaseMs: number,
  kinds: string[] | undefined,
  maxAttempts: number,
): Promise<Job[]> {
  if (limit <= 0) return [];
  const now = clock.now().toISOString();
  return db.transaction(async (tx) => {
    await tx.query(
      `UPDATE jobs SET status = 'dead', dead_at = $1, leased_by = NULL, lease_until = NULL,
         last_error = 'abandoned after ' || attempts || ' attempts whose worker stopped without finishing'
           || COALESCE('; last error: ' || last_error, '')
       WHERE status = 'running' AND lease_until < $1 AND attempts >= $2`,
      [now, maxAttempts],
    );
    const { rows } = await tx.query<JobRow>(
      `UPDATE jobs SET status = 'running', leased_by = $1, lease_until = $2, attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM jobs
         WHERE ((status = 'pending' AND run_at <= $3) OR (status = 'running' AND lease_until < $3))
           AND ($5::text[] IS NULL OR kind = ANY($5::text[]))
         ORDER BY run_at, created_at
         LIMIT $4
         FOR UPDATE SKIP LOCKED
       )
       RETURNING ${jobColumns}`,
      [worker, new Date(Date.parse(now) + leaseMs).toISOString(), now, limit, kinds ?? null],
    );
    return rows.map(toJob).sort((a, b) => a.runAt.localeCompare(b.runAt));
  });
}

/** Only the worker holding the lease may finish a job; a worker whose lease was taken over is ignored. */
export async function finishJob(
  db: SqlExecutor,
  clock: Clock,
  random: () => number,
  jobId: string,
  worker: string,
  outcome: JobOutcome,
  maxAttempts: number,
): Promise<void> {
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ key: string; attempts: number }>(
      "SELECT key, attempts FROM jobs WHERE id = $1 AND status = 'running' AND leased_by = $2 FOR UPDATE",
      [jobId, worker],
    );
    const job = rows[0];
    if (!job) return;
    const now = clock.now();

    if (outcome.ok) {
      await tx.query("DELETE FROM jobs WHERE id = $1", [jobId]);
      return;
    }
    if (!outcome.retryable || job.attempts >= maxAttempts) {
      const reason = outcome.retryable
        ? `gave up after ${job.attempts} attempts: ${outcome.error}`
        : outcome.error;
      await tx.query(
        `UPDATE jobs SET status = 'dead', dead_at = $2, last_error = $3, leased_by = NULL, lease_until = NULL
         WHERE id = $1`,
        [jobId, now.toISOString(), reason],
      );
      return;
    }

    const runAt = new Date(now.getTime() + retryDelayMs(job.attempts, random)).toISOString();
    const requeued = await tx.query(
      `UPDATE jobs SET status = 'pending', run_at = $2, last_error = $3, leased_by = NULL, lease_until = NULL
       WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM jobs WHERE key = $4 AND status = 'pending')`,
      [jobId, runAt, outcome.error, job.key],
    );
    if (requeued.rowCount === 0) {
      // The same work was asked for again while this ran: the waiting job will do it, no later than the retry.
      await tx.query("UPDATE jobs SET run_at = LEAST(run_at, $2) WHERE key = $1 AND status = 'pending'", [
        job.key,
        runAt,
      ]);
      await tx.query("DELETE FROM jobs WHERE id = $1", [jobId]);
    }
  });
}

export async function listDeadJobs(db: SqlSession): Promise<(Job & { deadAt: string })[]> {
  const { rows } = await db.query<JobRow>(
    `SELECT ${jobColumns} FROM jobs WHERE status = 'dead' ORDER BY dead_at, created_at`,
  );
  return rows.map((row) => ({ ...toJob(row), deadAt: iso(row.dead_at ?? row.run_at) }));
}
