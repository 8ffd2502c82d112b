import { randomUUID } from "node:crypto";
import { startSim, type RunningSim } from "@modeklar/m365-sim";
import { createService, loadConfig, type RunningService } from "@modeklar/sync-service";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrations, type Migration } from "../../sync-service/src/store";
import { apiToken, control, eventually, MAYOR, SECRETARY, serviceEnv, tomorrowAt } from "./stack";

const databaseUrl = process.env["TEST_DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/test";
const schema = `modeklar_upgrade_${randomUUID().replaceAll("-", "")}`;
const admin = new pg.Client({ connectionString: databaseUrl });
let sim: RunningSim;
const running: RunningService[] = [];

beforeAll(async () => {
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  sim = await startSim();
});

afterAll(async () => {
  for (const service of running) await service.stop();
  await sim?.close();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
});

async function start(migrationsOfBuild: readonly Migration[]): Promise<RunningService> {
  const config = loadConfig(await serviceEnv(sim, { DATABASE_URL: databaseUrl, MAILBOXES: MAYOR }));
  const service = await createService(config, {
    searchPath: schema,
    pollMs: 50,
    migrations: migrationsOfBuild,
  });
  running.push(service);
  return service;
}

/** Advisory locks on the schema's migration lock: who holds it, who waits for it. */
async function migrationLocks(): Promise<{ held: number; waiting: number }> {
  const { rows } = await admin.query<{ granted: boolean }>(
    "SELECT granted FROM pg_locks WHERE locktype = 'advisory' AND objid = hashtext($1)::oid",
    [`modeklar.schema_migrations.${schema}`],
  );
  return { held: rows.filter((r) => r.granted).length, waiting: rows.filter((r) => !r.granted).length };
}

describe("upgrading the service on PostgreSQL", () => {
  it("a newer build migrates the older database under the advisory lock while the running instance keeps serving", async () => {
    const older = await start(migrations);
    await eventually(
      "the older instance's first mirror",
      async () => (await older.database.mirror.getCursor(MAYOR, "events"))?.lastCompletedAt,
      60_000,
    );

    // The newer build brings one more migration; its backfill holds until the test has looked around.
    let entered: () => void = () => undefined;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let backfills = 0;
    const nextRelease: Migration = {
      version: Math.max(...migrations.map((m) => m.version)) + 1000,
      name: "upgrade_rehearsal",
      sql: "CREATE TABLE upgrade_rehearsal (mailbox text NOT NULL, id text NOT NULL, PRIMARY KEY (mailbox, id))",
      backfill: async (tx) => {
        backfills += 1;
        await tx.query("INSERT INTO upgrade_rehearsal (mailbox, id) SELECT mailbox, id FROM mirror_items");
        entered();
        await gate;
      },
    };
    const newerBuild = [...migrations, nextRelease];
    const newer = start(newerBuild);
    await inside;
    const another = start(newerBuild);
    await eventually("the second newer instance waiting for the migration lock", async () => {
      const locks = await migrationLocks();
      return locks.held === 1 && locks.waiting === 1;
    });

    // While the migration runs, the older instance answers and keeps mirroring.
    const token = await apiToken(sim, SECRETARY);
    const status = await fetch(`${older.url}/api/sync/status`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(status.status).toBe(200);
    expect((await fetch(`${older.url}/healthz`)).status).toBe(200);
    await control(sim, "POST", `/act/${encodeURIComponent(MAYOR)}/events`, {
      subject: "Aftalt under opgraderingen",
      start: tomorrowAt(9),
      end: tomorrowAt(10),
    });
    await eventually("the change mirrored by the older instance during the migration", async () =>
      (await older.database.mirror.listItems(MAYOR, "events")).some(
        (item) => item.data["subject"] === "Aftalt under opgraderingen",
      ),
    );
    expect(await migrationLocks()).toEqual({ held: 1, waiting: 1 });

    release();
    const [newest, alsoNewest] = await Promise.all([newer, another]);
    expect(backfills).toBe(1);
    const applied = await admin.query<{ version: number }>(
      `SELECT version FROM ${schema}.schema_migrations WHERE version = $1`,
      [nextRelease.version],
    );
    expect(applied.rowCount).toBe(1);
    expect(await migrationLocks()).toEqual({ held: 0, waiting: 0 });
    for (const service of [older, newest, alsoNewest]) {
      const answer = await fetch(`${service.url}/api/sync/status`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(answer.status).toBe(200);
    }
  });
});
