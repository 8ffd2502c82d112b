import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { startSim, type RunningSim } from "@modeklar/m365-sim";
import { createService, loadConfig, type RunningService } from "@modeklar/sync-service";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtServiceArgs, control, eventually, MAYOR, SECRETARY, serviceEnv, tomorrowAt } from "./stack";

const root = path.resolve(import.meta.dirname, "../..");
const databaseUrl = process.env["TEST_DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/test";
const schema = `modeklar_e2e_${randomUUID().replaceAll("-", "")}`;
const shared = {
  MAILBOXES: `${MAYOR},${SECRETARY}`,
  MAILBOX_LEASE_SECONDS: "2",
  SAFETY_POLL_SECONDS: "3600",
};

let sim: RunningSim;
let first: RunningService;
let second: ChildProcess;
const admin = new pg.Client({ connectionString: databaseUrl });

beforeAll(async () => {
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  sim = await startSim();
  first = await createService(loadConfig(await serviceEnv(sim, { ...shared, DATABASE_URL: databaseUrl })), {
    searchPath: schema,
    pollMs: 50,
  });
  // The second instance is its own process (the built service), so it can be killed as a crash would.
  const serviceArgs = await builtServiceArgs("instances");
  second = spawn(process.execPath, serviceArgs, {
    cwd: root,
    stdio: "ignore",
    env: {
      ...process.env,
      ...(await serviceEnv(sim, {
        ...shared,
        DATABASE_URL: `${databaseUrl}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
      })),
    },
  });
});

afterAll(async () => {
  if (second.exitCode === null && second.signalCode === null) second.kill("SIGKILL");
  await first?.stop();
  await sim?.close();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
});

const holders = async () => {
  const leases = await first.database.mirror.mailboxLeases();
  const live = leases.filter((l) => Date.parse(l.expiresAt) > Date.now());
  return Object.fromEntries(
    [MAYOR, SECRETARY].map((mailbox) => [mailbox, live.find((l) => l.mailbox === mailbox)?.instance ?? null]),
  );
};

describe("two service instances on one PostgreSQL", () => {
  it("split the two mailboxes between them and mirror both", async () => {
    await eventually(
      "each instance holding one mailbox",
      async () => {
        const held = await holders();
        return held[MAYOR] && held[SECRETARY] && held[MAYOR] !== held[SECRETARY];
      },
      60_000,
    );
    await eventually(
      "both calendars mirrored",
      async () => {
        const cursors = await Promise.all(
          [MAYOR, SECRETARY].map((m) => first.database.mirror.getCursor(m, "events")),
        );
        return cursors.every((c) => c?.lastCompletedAt);
      },
      60_000,
    );
    expect(first.engine.ownership.ownedMailboxes()).toHaveLength(1);
  });

  it("hand the killed instance's mailbox to the survivor, which catches up with it", async () => {
    const theirs = first.engine.ownership.owns(MAYOR) ? SECRETARY : MAYOR;
    second.kill("SIGKILL");
    await new Promise((resolve) => second.once("exit", resolve));
    await control(sim, "POST", `/act/${encodeURIComponent(theirs)}/events`, {
      subject: "Made while its instance was down",
      start: tomorrowAt(12),
      end: tomorrowAt(13),
    });
    await eventually("the survivor owning both mailboxes", async () =>
      [MAYOR, SECRETARY].every((m) => first.engine.ownership.owns(m)),
    );
    await eventually("the change in the taken-over mailbox mirrored", async () =>
      (await first.database.mirror.listItems(theirs, "events")).some(
        (i) => i.data["subject"] === "Made while its instance was down",
      ),
    );
  });
});
