import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  defaultCertDir,
  ensureDevCertificates,
  signInAs,
  startSim,
} from "@modeklar/m365-sim";
import pg from "pg";
import { percentile, type Benchmark, type Figure } from "./harness";

/**
 * The sync service (its own process, as in production; once on embedded PGlite, once on
 * PostgreSQL) mirrors a simulator seeded with
 * 25,000 extra meetings and inquiries; then 50 changes a second are made in the mayor's
 * calendar and timed until the service's API shows them.
 */

const SCALE = 25_000;
const PAGE_SIZE = 100;
const CHANGES = 250;
const CHANGES_PER_SECOND = 50;
const MAYOR = "borgmester@fjordby.dk";
const ROOT = path.resolve(import.meta.dirname, "..");

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resident set of a process in MB, now and at its peak (Linux /proc). */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

interface StreamStatus {
  stream: string;
  items: number;
  lastSuccessfulSync: string | null;
}

/** The two stores the service runs on: PGlite in its own process (the embedded default), or PostgreSQL. */
type StoreKind = "PGlite" | "PostgreSQL";

const POSTGRES_URL = process.env["BENCH_DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/test";

/** A fresh database on the PostgreSQL server for one run; dropped by the returned function. */
async function freshPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `modeklar_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const again = new pg.Client({ connectionString: POSTGRES_URL });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}

export const mirrorBenchmark: Benchmark = {
  name: "mirror",
  description: `Mirroring the simulator at --scale ${SCALE}, then ${CHANGES_PER_SECOND} changes/s, on PGlite and on PostgreSQL`,
  async run(): Promise<Figure[]> {
    const embedded = await mirrorOnce("PGlite");
    const server = await mirrorOnce("PostgreSQL");
    return [...embedded, ...server];
  },
};

async function mirrorOnce(store: StoreKind): Promise<Figure[]> {
  const postgres = store === "PostgreSQL" ? await freshPostgresDatabase() : null;
  const sim = await startSim({ seed: { scale: SCALE } });
  const certs = await ensureDevCertificates(defaultCertDir());
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "modeklar-bench-"));
  const serviceUrl = `https://localhost:${port}`;
  sim.state.requestLog.length = 0;
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "sync-service/src/main.ts")], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      TENANT_ID: sim.tenantId,
      CLIENT_ID: DEMO_CLIENT_ID,
      CLIENT_SECRET: DEMO_CLIENT_SECRET,
      AUTHORITY_HOST: sim.authorityHost,
      GRAPH_BASE_URL: sim.graphBaseUrl,
      MAILBOXES: MAYOR,
      PUBLIC_URL: serviceUrl,
      PORT: String(port),
      TLS_CERT_PATH: certs.certPath,
      TLS_KEY_PATH: certs.keyPath,
      DATA_DIR: dataDir,
      ...(postgres ? { DATABASE_URL: postgres.url } : {}),
      SAFETY_POLL_SECONDS: "3600",
      LOG_LEVEL: "warn",
    },
  });
  let peakRss = 0;
  const sampler = setInterval(() => {
    try {
      peakRss = Math.max(peakRss, memoryOf(child.pid ?? 0).peak);
    } catch {
      // The process has not started or has ended.
    }
  }, 100);

  try {
    const token = (
      await signInAs(sim, { user: "sekretaer@fjordby.dk", scope: `api://${DEMO_CLIENT_ID}/access_as_user` })
    ).access_token;
    const api = async <T>(route: string): Promise<T | null> =>
      fetch(`${serviceUrl}${route}`, { headers: { authorization: `Bearer ${token}` } }).then(
        (r) => (r.ok ? (r.json() as Promise<T>) : null),
        () => null,
      );

    // 1. The first mirror.
    let streams: StreamStatus[] = [];
    for (const started = Date.now(); Date.now() - started < 600_000; await sleep(500)) {
      const status = await api<{ mailboxes: { streams: StreamStatus[] }[] }>("/api/sync/status");
      streams = status?.mailboxes[0]?.streams ?? [];
      if (streams.length === 2 && streams.every((s) => s.lastSuccessfulSync)) break;
    }
    if (!streams.every((s) => s.lastSuccessfulSync))
      throw new Error("The first mirror did not finish in 10 minutes.");
    const mirrorPeakRss = peakRss;
    const ours = sim.state.requestLog.filter((e) => e.appId === DEMO_CLIENT_ID);
    const deltaRequests = ours.filter((e) => e.path.includes("/delta"));
    const items = streams.reduce((sum, s) => sum + s.items, 0);
    const minimum = streams.reduce((sum, s) => sum + Math.ceil(s.items / PAGE_SIZE), 0) + streams.length;
    const first = Date.parse(deltaRequests[0]?.at ?? "");
    const lastEntry = deltaRequests.at(-1);
    const last = Date.parse(lastEntry?.at ?? "") + (lastEntry?.durationMs ?? 0);
    const mirrorSeconds = (last - first) / 1000;

    // 2. Change notification → mirror, at 50 changes a second.
    const mayorId = sim.state.findUser(MAYOR)?.id ?? "";
    const byDay = new Map<string, { id: string }[]>();
    for (const event of sim.state.mailbox(mayorId).events.values()) {
      const start = (event.start as { dateTime?: string } | undefined)?.dateTime ?? "";
      if (event.type !== "singleInstance" || !event.isOrganizer || !event.subject?.includes("#")) continue;
      const day = start.slice(0, 10);
      byDay.set(day, [...(byDay.get(day) ?? []), { id: event.id }]);
    }
    const [busiestDay, candidates] = [...byDay.entries()].sort((a, b) => b[1].length - a[1].length)[0] ?? [
      "",
      [],
    ];
    const chosen = candidates.slice(0, CHANGES);
    const changedAt = new Map<string, number>();
    const seenAt = new Map<string, number>();
    const range = new URLSearchParams({
      from: new Date(Date.parse(`${busiestDay}T00:00:00Z`) - 86_400_000).toISOString(),
      to: new Date(Date.parse(`${busiestDay}T00:00:00Z`) + 2 * 86_400_000).toISOString(),
    });
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        const view = await api<{ meetings: { subject: string }[] }>(`/api/meetings?${range}`);
        const now = Date.now();
        for (const meeting of view?.meetings ?? []) {
          if (meeting.subject.startsWith("Bench ") && !seenAt.has(meeting.subject)) {
            seenAt.set(meeting.subject, now);
          }
        }
        if (seenAt.size >= changedAt.size && changedAt.size === chosen.length) return;
      }
    })();
    const changesStarted = Date.now();
    await Promise.all(
      chosen.map(async (event, i) => {
        await sleep(changesStarted + (i * 1000) / CHANGES_PER_SECOND - Date.now());
        const subject = `Bench ${i}`;
        changedAt.set(subject, Date.now());
        // A change the busy simulator could not take is left out of the figures, not fatal.
        const made = await fetch(
          `${sim.url}/_sim/act/${encodeURIComponent(MAYOR)}/events/${encodeURIComponent(event.id)}`,
          {
            method: "PATCH",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ subject }),
          },
        ).then(
          async (response) => (await response.arrayBuffer(), response.ok),
          () => false,
        );
        if (!made) changedAt.delete(subject);
      }),
    );
    await Promise.race([watcher, sleep(120_000)]);
    watching = false;
    const latencies = [...seenAt].flatMap(([subject, at]) => {
      const changed = changedAt.get(subject);
      return changed === undefined ? [] : [at - changed];
    });

    const figures: Figure[] = [
      {
        name: "items mirrored",
        value: items,
        unit: "items",
        note: streams.map((s) => `${s.stream} ${s.items}`).join(", "),
      },
      {
        name: "Graph delta requests",
        value: deltaRequests.length,
        unit: "requests",
        target: {
          text: `≤ ${Math.floor(minimum * 1.05)} (1.05 × minimum ${minimum})`,
          met: deltaRequests.length <= minimum * 1.05,
        },
        note: `all Graph requests in the phase: ${ours.length}`,
      },
      {
        name: "mirror speed",
        value: items / mirrorSeconds,
        unit: "items/s",
        note: `${mirrorSeconds.toFixed(1)} s from first to last delta page`,
      },
      {
        name: "peak RSS while mirroring",
        value: mirrorPeakRss,
        unit: "MB",
        target: { text: "< 256", met: mirrorPeakRss < 256 },
        note: "service process (VmHWM)",
      },
      {
        name: "peak RSS overall",
        value: peakRss,
        unit: "MB",
        target: { text: "< 256", met: peakRss < 256 },
        note: "with 50 changes/s and /api/meetings polled over a busy day",
      },
      {
        name: "notification → mirror p50",
        value: percentile(latencies, 50),
        unit: "ms",
        note: `${latencies.length}/${changedAt.size} changes made (of ${chosen.length}) seen at ${CHANGES_PER_SECOND}/s; includes one API poll`,
      },
      { name: "notification → mirror p95", value: percentile(latencies, 95), unit: "ms" },
    ];
    return figures.map((figure) => ({ ...figure, name: `${store}: ${figure.name}` }));
  } finally {
    clearInterval(sampler);
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
    await postgres?.drop();
  }
}
