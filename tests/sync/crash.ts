import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import type { RunningSim } from "@modeklar/m365-sim";
import pg from "pg";
import { serviceEnv } from "./stack";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * The built service in a process of its own, started as production starts it and killed with
 * SIGKILL as a crash kills it (no shutdown hook runs).
 */
export class ServiceProcess {
  private child: ChildProcess | null = null;
  /** When each process lived: a Retry-After binds the process that received it. */
  readonly lifetimes: { from: number; to: number }[] = [];

  constructor(
    private readonly args: string[],
    private readonly env: Record<string, string>,
  ) {}

  start(): void {
    this.lifetimes.push({ from: Date.now(), to: Number.POSITIVE_INFINITY });
    this.child = spawn(process.execPath, this.args, {
      cwd: root,
      stdio: "ignore",
      env: { ...process.env, ...this.env },
    });
  }

  async kill(): Promise<void> {
    const running = this.child;
    if (!running) return;
    this.child = null;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGKILL");
    await exited;
    const last = this.lifetimes.at(-1);
    if (last) last.to = Date.now();
  }
}

/**
 * The environment of the built service in a crash test, with `extra` (its safety poll, …): its
 * database in the run's schema, and a mailbox lease and a Sent Items wait short enough that the
 * started-again process takes over and settles what the killed one left within the test.
 */
export function crashServiceEnv(
  sim: RunningSim,
  database: { databaseUrl: string },
  extra: Record<string, string>,
): Promise<Record<string, string>> {
  return serviceEnv(sim, {
    DATABASE_URL: database.databaseUrl,
    MAILBOX_LEASE_SECONDS: "2",
    // A mail whose attempt may have left is looked for in Sent Items this soon after (the simulator files at once).
    SENT_ITEMS_SETTLE_SECONDS: "2",
    ...extra,
  });
}

/**
 * A PostgreSQL schema of this run for the service's database, so a test can read the service's
 * tables (its outbox, its snapshots) while the service runs and after it is killed.
 */
export function runSchema(name: string) {
  const databaseUrl = process.env["TEST_DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/test";
  const schema = `modeklar_${name}_${randomUUID().replaceAll("-", "")}`;
  const db = new pg.Client({ connectionString: databaseUrl });
  return {
    db,
    schema,
    /** DATABASE_URL for the service: the run's schema first on its search path. */
    databaseUrl: `${databaseUrl}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    async create(): Promise<void> {
      await db.connect();
      await db.query(`CREATE SCHEMA ${schema}`);
    },
    async drop(): Promise<void> {
      await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.end();
    },
  };
}
