import { startSim, type RunningSim } from "@modeklar/m365-sim";
import pino from "pino";
import type { MailboxGateway } from "../../graph";
import { ManualClock, openPglite, sqlMirrorStore, sqlReconcileStore, type Clock } from "../../store";
import type { ReconcileStore } from "../../store/reconcile";
import type { MirrorStore } from "../../store/types";
import { DeltaSync } from "../../sync";
import { connectToSim, MAYOR } from "../../sync/testing/sim";
import { Reconciler, type RoundReport } from "../reconciler";

export { MAYOR, SECRETARY, graphAs } from "../../sync/testing/sim";
export const ADDIN_ID = "33bcca4f-8047-4cd1-ace4-90b74060745f";
export const CATERING = "kantine@fjordby.dk";
export const RECEPTION = "reception@fjordby.dk";

export interface Harness {
  sim: RunningSim;
  gateway: MailboxGateway;
  mirror: MirrorStore;
  store: ReconcileStore;
  reconciler: Reconciler;
  /** Delta rounds for both streams; reconcile runs on what they changed. Returns reconcile's reports. */
  sync(): Promise<RoundReport[]>;
  /** PATCH requests Graph received from the service since the last call (each part of a $batch counts). */
  graphWrites(): number;
  /** POST requests to the simulator's control API. */
  control(method: string, path: string, body?: unknown): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

const log = pino({ level: "silent" });

/** The simulator over HTTPS, an in-memory PGlite store, the delta sync and reconcile wired as the service wires them. */
export async function startHarness(
  options: { clock?: Clock; simArgs?: Parameters<typeof startSim>[0] } = {},
): Promise<Harness> {
  const sim = await startSim(options.simArgs);
  const { gateway } = await connectToSim(sim);
  const db = await openPglite();
  const clock = options.clock ?? new ManualClock(new Date());
  const mirror = sqlMirrorStore(db, { clock });
  await mirror.migrate();
  const store = sqlReconcileStore(db, clock);
  const delta = new DeltaSync({
    store: mirror,
    gateway,
    window: { pastDays: 30, futureDays: 180 },
    log,
    pageSize: 200,
  });
  const reconciler = new Reconciler({
    mirror,
    store,
    gateway,
    mailbox: MAYOR,
    addinId: ADDIN_ID,
    cateringMailbox: CATERING,
    receptionMailbox: RECEPTION,
    log,
  });
  const reports: RoundReport[] = [];
  delta.onChanges(async (changes) => {
    reports.push(await reconciler.onChanges(changes));
  });
  let logged = sim.state.requestLog.length;
  return {
    sim,
    gateway,
    mirror,
    store,
    reconciler,
    async sync() {
      reports.length = 0;
      await delta.run(MAYOR, "events");
      await delta.run(MAYOR, "messages");
      return [...reports];
    },
    graphWrites() {
      const entries = sim.state.requestLog.slice(logged);
      logged = sim.state.requestLog.length;
      return entries.filter(
        (e) => e.method === "PATCH" && e.path.startsWith("/v1.0") === e.path.startsWith("/v1.0"),
      ).length;
    },
    async control(method, path, body) {
      const response = await fetch(`${sim.url}/_sim${path}`, {
        method,
        headers: { "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} /_sim${path} answered ${response.status}: ${text}`);
      return text ? (JSON.parse(text) as Record<string, unknown>) : {};
    },
    async close() {
      await reconciler.stop();
      await mirror.close();
      await sim.close();
    },
  };
}
