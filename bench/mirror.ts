import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DEMO_CLIENT_ID, signInAs, startSim } from "@modeklar/m365-sim";
import pg from "pg";
import { buildService } from "../sync-service/build";
import { SERVICE_NODE_FLAGS } from "../sync-service/launch";
import { MAYOR, serviceEnv } from "../tests/sync/stack";
import { percentile, type Benchmark, type Figure } from "./harness";

/**
 * The sync service (its own process, as in production; once on embedded PGlite, once on
 * PostgreSQL) mirrors a simulator seeded with
 * 25,000 extra meetings and inquiries; then 50 changes a second are made in the mayor's
 * calendar and timed until the service's API shows them.
 */

const SCALE = Number(process.env["BENCH_SCALE"] ?? 25_000);
/** `BENCH_STORES=PGlite` runs one store only; `BENCH_SCALE=2000` a smaller mailbox. */
const STORES = (process.env["BENCH_STORES"] ?? "PGlite,PostgreSQL").split(",");
const PAGE_SIZE = 100;
const CHANGES = 250;
const CHANGES_PER_SECOND = 50;
const ROOT = path.resolve(import.meta.dirname, "..");

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
    const figures: Figure[] = [];
    for (const store of ["PGlite", "PostgreSQL"] as const)
      if (STORES.includes(store)) figures.push(...(await mirrorOnce(store)));
    return figures;
  },
};

async function mirrorOnce(store: StoreKind): Promise<Figure[]> {
  const postgres = store === "PostgreSQL" ? await freshPostgresDatabase() : null;
  const sim = await startSim({ seed: { scale: SCALE } });
  const dataDir = mkdtempSync(path.join(tmpdir(), "modeklar-bench-"));
  const env = await serviceEnv(sim, {
    DATA_DIR: dataDir,
    ...(postgres ? { DATABASE_URL: postgres.url } : {}),
    SAFETY_POLL_SECONDS: "3600",
    LOG_LEVEL: "warn",
  });
  const serviceUrl = env.PUBLIC_URL;
  sim.state.requestLog.length = 0;
  // As in production: the built service under plain node with its launch flags
  // (BENCH_NODE_FLAGS="…" measures others; a blank value measures none).
  const child = spawn(
    process.execPath,
    [
      ...(process.env["BENCH_NODE_FLAGS"]?.split(" ").filter(Boolean) ?? SERVICE_NODE_FLAGS),
      await buildService(),
    ],
    {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, ...env },
    },
  );
  let peakRss = 0;
  const sampler = setInterval(() => {
    try {
      peakRss = Math.max(peakRss, memoryOf(child.pid ?? 0).peak);
    } catch {
      // The process has not started or has ended.
    }
  }, 100);
  // The service's own view of its memory (/metrics), for the note beside the peak.
  let heapAtPeak = "";
  let largestRss = 0;
  const scraper = setInterval(() => {
    void fetch(`${serviceUrl}/metrics`).then(
      async (response) => {
        const text = await response.text();
        const mb = (series: string) =>
          Number(new RegExp(`^${series} (\\S+)$`, "m").exec(text)?.[1] ?? Number.NaN) / 1024 / 1024;
        const rss = mb("process_resident_memory_bytes");
        if (rss > largestRss) {
          largestRss = rss;
          heapAtPeak = `JS heap ${mb("nodejs_heap_size_used_bytes").toFixed(0)}/${mb("nodejs_heap_size_total_bytes").toFixed(0)} MB, external ${mb("nodejs_external_memory_bytes").toFixed(0)} MB at the largest scraped RSS ${rss.toFixed(0)} MB`;
        }
      },
      () => undefined,
    );
  }, 1000);

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
    const mirrorHeap = heapAtPeak;
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
    const polls: number[] = [];
    let meetingsShown = 0;
    const watcher = (async () => {
      while (watching) {
        const asked = Date.now();
        const view = await api<{ meetings: { subject: string }[] }>(`/api/meetings?${range}`);
        const now = Date.now();
        polls.push(now - asked);
        meetingsShown = view?.meetings.length ?? meetingsShown;
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
        note: `service process (VmHWM); ${mirrorHeap}`,
      },
      {
        name: "peak RSS overall",
        value: peakRss,
        unit: "MB",
        target: { text: "< 256", met: peakRss < 256 },
        note: `with 50 changes/s and /api/meetings polled over a busy day; ${heapAtPeak}`,
      },
      {
        name: "notification → mirror p50",
        value: percentile(latencies, 50),
        unit: "ms",
        note: `${latencies.length}/${changedAt.size} changes made (of ${chosen.length}) seen at ${CHANGES_PER_SECOND}/s; includes the API poll that saw it (${meetingsShown} meetings over 3 days; p50 ${percentile(polls, 50)} ms a poll)`,
      },
      { name: "notification → mirror p95", value: percentile(latencies, 95), unit: "ms" },
    ];
    return figures.map((figure) => ({ ...figure, name: `${store}: ${figure.name}` }));
  } finally {
    clearInterval(sampler);
    clearInterval(scraper);
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
    await postgres?.drop();
  }
}
