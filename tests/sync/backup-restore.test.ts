import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { startSim, type RunningSim } from "@modeklar/m365-sim";
import { createService, loadConfig, type RunningService } from "@modeklar/sync-service";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { control, eventually, MAYOR, serviceEnv, tomorrowAt } from "./stack";

const run = promisify(execFile);
const server = new URL(process.env["TEST_DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/test");
const suffix = randomUUID().replaceAll("-", "").slice(0, 12);
const live = `modeklar_live_${suffix}`;
const restored = `modeklar_restored_${suffix}`;
const urlOf = (database: string) => Object.assign(new URL(server.href), { pathname: `/${database}` }).href;
/** The PostgreSQL client tools take the server as the pilot guide writes it: host, port, user. */
const connection = [
  "--host",
  server.hostname,
  "--port",
  server.port || "5432",
  "--username",
  server.username,
];
const admin = new pg.Client({ connectionString: server.href });
const scratch = mkdtempSync(path.join(tmpdir(), "modeklar-backup-"));
const streams = ["events", "messages", "sent"] as const;
let sim: RunningSim;
const running: RunningService[] = [];

beforeAll(async () => {
  await admin.connect();
  await run("createdb", [...connection, live]);
  sim = await startSim();
});

afterAll(async () => {
  for (const service of running) await service.stop();
  await sim?.close();
  for (const database of [live, restored])
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
  rmSync(scratch, { recursive: true, force: true });
});

async function start(database: string): Promise<RunningService> {
  const config = loadConfig(await serviceEnv(sim, { DATABASE_URL: urlOf(database), MAILBOXES: MAYOR }));
  const service = await createService(config, { pollMs: 50 });
  running.push(service);
  return service;
}

async function mirrored(service: RunningService): Promise<boolean> {
  const cursors = await Promise.all(streams.map((s) => service.database.mirror.getCursor(MAYOR, s)));
  return cursors.every((cursor) => cursor?.deltaLink && !cursor.fullSync);
}

async function snapshot(service: RunningService) {
  const mirror = service.database.mirror;
  return Promise.all(
    streams.map(async (stream) => ({
      stream,
      ids: (await mirror.listItems(MAYOR, stream)).map((item) => item.id).sort(),
      generation: (await mirror.getCursor(MAYOR, stream))?.generation,
    })),
  );
}

describe("backup and restore of the PostgreSQL store", () => {
  it("pg_dump, restored into an empty database: the service resumes from the restored delta tokens, without a full resync or duplicates", async () => {
    const before = await start(live);
    await eventually("the first mirror of every stream", () => mirrored(before), 90_000);
    await before.engine.stop();
    const atBackup = await snapshot(before);

    const dump = path.join(scratch, "modeklar.dump");
    await run("pg_dump", [...connection, "--format=custom", "--file", dump, live]);
    await before.stop();

    // Life goes on between the backup and the restore.
    await control(sim, "POST", `/act/${encodeURIComponent(MAYOR)}/events`, {
      subject: "Aftalt efter backuppen",
      start: tomorrowAt(11),
      end: tomorrowAt(12),
    });

    await run("createdb", [...connection, restored]);
    await run("pg_restore", [...connection, "--dbname", restored, dump]);
    await control(sim, "DELETE", "/requests");
    const after = await start(restored);

    const made = await eventually("the change after the backup mirrored", async () =>
      (await after.database.mirror.listItems(MAYOR, "events")).find(
        (item) => item.data["subject"] === "Aftalt efter backuppen",
      ),
    );
    await eventually("every stream caught up", () => mirrored(after));

    const atRestore = await snapshot(after);
    for (const [index, stream] of atRestore.entries()) {
      const backedUp = atBackup[index]!;
      // The same sync generation: no full resync started over.
      expect(stream.generation, stream.stream).toBe(backedUp.generation);
      const expected = stream.stream === "events" ? [...backedUp.ids, made.id].sort() : backedUp.ids;
      expect(stream.ids, stream.stream).toEqual(expected);
    }
    // Every delta round the restored service asked Graph for went on from a token it had restored.
    const { value } = (await control(
      sim,
      "GET",
      `/requests?mailbox=${encodeURIComponent(MAYOR)}&method=GET`,
    )) as {
      value: { path: string }[];
    };
    const rounds = value.filter((entry) => /\/delta(\?|$)/.test(entry.path));
    expect(rounds.length).toBeGreaterThan(0);
    for (const round of rounds)
      expect(round.path).toMatch(/\$deltatoken=|\$skiptoken=|%24deltatoken=|%24skiptoken=/);
  });
});
