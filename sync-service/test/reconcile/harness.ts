import { startSim, type RunningSim } from "@modeklar/m365-sim";
import {
  ADDIN_ID,
  customPropertiesId,
  DEFAULT_SUBJECT_TAG,
  encodePlan,
  MeetingPlanSchema,
} from "@modeklar/shared";
import { DateTime } from "luxon";
import pino from "pino";
import {
  GraphFailure,
  MailboxTraffic,
  MAX_IN_FLIGHT_PER_MAILBOX,
  type MailboxGateway,
} from "../../src/graph";
import { OUTLOOK_BUDGET } from "../../src/graph/traffic";
import { journalMailbox } from "../../src/journal/channel";
import type { Outbox } from "../../src/outbox/outbox";
import { testOutbox } from "../outbox/outbox";
import {
  ManualClock,
  sqlAuditLog,
  sqlJournalStore,
  sqlMirrorStore,
  sqlOutboxStore,
  sqlReconcileStore,
  type AuditLog,
  type Clock,
  type JournalStore,
  type OutboxStore,
  type SqlExecutor,
} from "../../src/store";
import { openPglite } from "../../src/store/pglite";
import type { ReconcileStore } from "../../src/store/reconcile";
import type { MirrorStore, StreamKind } from "../../src/store/types";
import { DeltaSync } from "../../src/sync";
import { STREAMS } from "../../src/sync/jobs";
import {
  CATERING,
  connectToSim,
  daysAheadAt,
  graphAs,
  JOURNAL,
  MAYOR,
  RECEPTION,
  SECRETARY,
  simControl,
} from "../sync/sim";
import { Reconciler, type RoundReport } from "../../src/reconcile/reconciler";

export { CATERING, daysAheadAt, graphAs, JOURNAL, MAYOR, RECEPTION, SECRETARY } from "../sync/sim";
export { SENT_ITEMS_SETTLE_MS } from "../outbox/outbox";

interface SyncOptions {
  reconcile?: boolean;
  streams?: StreamKind[];
}

export interface Harness {
  sim: RunningSim;
  gateway: MailboxGateway;
  mirror: MirrorStore;
  store: ReconcileStore;
  audit: AuditLog;
  reconciler: Reconciler;
  /** The mails owed, and where the reconciler's mails leave from. */
  outbox: Outbox;
  outboxStore: OutboxStore;
  /** The harness's database, for the stores a test adds. */
  db: SqlExecutor;
  /** The journal's filings, over the same database. */
  journal: JournalStore;
  /** The stores' clock: moved by hand (leases and retries wait for it). */
  clock: ManualClock;
  /** Another instance of the service's reconcile side over the same stores (a restart, or a second process). */
  instance(instanceId: string): ReconcileInstance;
  /**
   * Delta rounds for every stream (calendar, inbox, Sent Items, or the `streams` given, in that order); reconcile runs on what they changed (unless `reconcile` is
   * false: the mirror alone catches up, as after changes whose notifications were missed).
   * Returns reconcile's reports.
   */
  sync(options?: SyncOptions): Promise<RoundReport[]>;
  /** Reconcile's "now" (see seededWednesdayNoon): other reconcilers in a test take the same. */
  now: () => Date;
  /** The start of reconcile's today (ISO instant, Copenhagen midnight of its "now"). */
  todayStart(): string;
  /** PATCH requests Graph received from the service since the last call (each part of a $batch counts). */
  graphWrites(): number;
  /**
   * Lifts (or restores) the service's own pacing to Outlook's 10,000 requests per mailbox in
   * 10 minutes, for a bench's set-up only; restoring starts from an empty window.
   */
  pacing(paced: boolean): void;
  /** POST requests to the simulator's control API. */
  control(method: string, path: string, body?: unknown): Promise<Record<string, unknown>>;
  /** Lets the rounds still running end, then stops reconcile and closes the store and the simulator. */
  close(): Promise<void>;
}

const log = pino({ level: "silent" });

type RequestLogEntry = RunningSim["state"]["requestLog"][number];

/**
 * The simulator's request log entries since the previous call. The log keeps its newest
 * 50,000 entries only, so the place is kept by the last entry seen, not by its index.
 */
export function requestsSince(sim: RunningSim): () => RequestLogEntry[] {
  let last: RequestLogEntry | undefined = sim.state.requestLog.at(-1);
  return () => {
    const log = sim.state.requestLog;
    const from = last ? log.lastIndexOf(last) + 1 : 0;
    last = log.at(-1) ?? last;
    return log.slice(from);
  };
}

/**
 * Reconcile's "now" in the harness: Wednesday 12.00 of the seeded week (the simulator seeds the
 * current week), whatever day the tests run on. Its meetings from Monday and Tuesday are then
 * over and those from Thursday on still ahead, on any day of the week.
 */
export function seededWednesdayNoon(sim: RunningSim): () => Date {
  const wednesday = DateTime.fromJSDate(sim.state.clock.now(), { zone: "Europe/Copenhagen" })
    .startOf("week")
    .plus({ days: 2, hours: 12 })
    .toJSDate();
  return () => wednesday;
}

/**
 * The secretary books a meeting from 10 to 11, `daysAhead` days from now, in the mayor's calendar with
 * catering (and guests) ordered in its plan, and the harness settles it (see settle); its id.
 */
export async function bookMeetingWithCatering(
  h: Harness,
  meeting: {
    subject: string;
    daysAhead: number;
    count: number;
    /** Guests announced to the reception as well. */
    guests?: boolean;
  },
): Promise<string> {
  const secretary = await graphAs(h.sim, SECRETARY);
  const plan = MeetingPlanSchema.parse({
    catering: { state: "ordered", items: ["coffeeTea"], count: meeting.count },
    ...(meeting.guests
      ? { reception: { state: "ordered", guests: [{ name: "Mette Friis", organisation: "Venskabsbyen" }] } }
      : {}),
  });
  const created = await secretary("POST", `/users/${MAYOR}/events`, {
    subject: meeting.subject,
    start: daysAheadAt(meeting.daysAhead, 10),
    end: daysAheadAt(meeting.daysAhead, 11),
    location: { displayName: "Borgmesterens kontor" },
    singleValueExtendedProperties: [
      { id: customPropertiesId(ADDIN_ID), value: JSON.stringify({ mk: encodePlan(plan) }) },
    ],
  });
  await settle(h);
  return String(created["id"]);
}

/** Two rounds: what changed is mirrored and reconciled, then the service's own writes come back through delta once. */
async function settle(h: Harness): Promise<void> {
  await h.sync();
  await h.sync();
}

/**
 * A delta round cut by a dropped connection (a kept-alive socket the simulator closed while
 * the round was busy reconciling a page) resumes from its last committed page, as the
 * service's job would on its retry: once.
 */
async function resumed<T>(round: () => Promise<T>): Promise<T> {
  try {
    return await round();
  } catch (err) {
    if (!(err instanceof GraphFailure) || err.status !== -1) throw err;
    return round();
  }
}

/** The mail in one of the simulator's mailboxes (e.g. the kitchen's notices). */
export async function mailIn(
  h: Harness,
  mailbox: string,
): Promise<
  { subject?: string; to?: string[]; internetMessageHeaders?: { name: string; value: string }[] }[]
> {
  const listed = (await h.control("GET", `/mailboxes/${mailbox}/messages`)) as {
    value: { subject?: string; to?: string[]; internetMessageHeaders?: { name: string; value: string }[] }[];
  };
  return listed.value;
}

/**
 * A harness over the seeded mailbox, mirrored and reconciled, with the service's own writes come
 * back through delta once and the count of Graph writes starting from nothing.
 */
export async function startSettledHarness(
  options: Parameters<typeof startHarness>[0] = {},
): Promise<Harness> {
  const h = await startHarness(options);
  await settle(h);
  h.graphWrites();
  return h;
}

export interface ReconcileInstance {
  reconciler: Reconciler;
  outbox: Outbox;
}

/** A reconciler and its outbox, wired as the service wires them. */
function reconcileInstance(
  deps: {
    db: SqlExecutor;
    clock: Clock;
    /** Reconcile's "now". */
    now: () => Date;
    mirror: MirrorStore;
    store: ReconcileStore;
    gateway: MailboxGateway;
    audit: AuditLog;
  },
  instanceId: string,
): ReconcileInstance {
  const { db, clock, now, mirror, store, gateway, audit } = deps;
  let reconciler: Reconciler | null = null;
  const outbox = testOutbox({
    db,
    gateway,
    clock,
    instanceId,
    digestText: () => (reconciler as Reconciler).digestText(),
    audit,
    // The demo tenant's journal mailbox, as the service is configured for it.
    journal: journalMailbox(gateway, { address: JOURNAL, subjectTag: DEFAULT_SUBJECT_TAG }),
  });
  reconciler = new Reconciler({
    mirror,
    store,
    gateway,
    outbox,
    mailbox: MAYOR,
    addinId: ADDIN_ID,
    cateringMailbox: CATERING,
    receptionMailbox: RECEPTION,
    log,
    instanceId,
    now,
  });
  return { reconciler, outbox };
}

/** The simulator over HTTPS, an in-memory PGlite store, the delta sync and reconcile wired as the service wires them. */
export async function startHarness(
  options: { clock?: ManualClock; simArgs?: Parameters<typeof startSim>[0]; now?: () => Date } = {},
): Promise<Harness> {
  const sim = await startSim(options.simArgs);
  const now = options.now ?? seededWednesdayNoon(sim);
  // The service's Graph side as connectToSim makes it, with a budget the bench may lift.
  const budget = { ...OUTLOOK_BUDGET };
  const { gateway } = await connectToSim(sim, {
    traffic: new MailboxTraffic(MAX_IN_FLIGHT_PER_MAILBOX, budget),
  });
  const db = await openPglite();
  const clock = options.clock ?? new ManualClock(new Date());
  const mirror = sqlMirrorStore(db, { clock });
  await mirror.migrate();
  const store = sqlReconcileStore(db, clock);
  const audit = sqlAuditLog(db, clock);
  const delta = new DeltaSync({
    store: mirror,
    gateway,
    window: { pastDays: 30, futureDays: 180 },
    log,
    pageSize: 200,
  });
  const instance = (instanceId: string) =>
    reconcileInstance({ db, clock, now, mirror, store, gateway, audit }, instanceId);
  const { reconciler, outbox } = instance("harness");
  const reports: RoundReport[] = [];
  let told = true;
  delta.onChanges(async (changes) => {
    if (told) reports.push(await reconciler.onChanges(changes));
  });
  const sinceLast = requestsSince(sim);
  // Rounds a caller started and may not have awaited (the bench's notification rounds): close
  // lets them end before it closes the store under them.
  const rounds = new Set<Promise<unknown>>();
  let closed = false;
  const round = async (options: SyncOptions): Promise<RoundReport[]> => {
    reports.length = 0;
    told = options.reconcile ?? true;
    try {
      for (const stream of options.streams ?? STREAMS) await resumed(() => delta.run(MAYOR, stream));
    } finally {
      told = true;
    }
    return [...reports];
  };
  return {
    sim,
    gateway,
    mirror,
    store,
    audit,
    reconciler,
    outbox,
    outboxStore: sqlOutboxStore(db, clock),
    journal: sqlJournalStore(db, clock),
    db,
    clock,
    instance,
    sync(options = {}) {
      if (closed) return Promise.reject(new Error("the harness is closed: no more delta rounds"));
      const running = round(options);
      const forget = () => rounds.delete(running);
      rounds.add(running);
      running.then(forget, forget);
      return running;
    },
    now,
    todayStart() {
      return DateTime.fromJSDate(now()).setZone("Europe/Copenhagen").startOf("day").toUTC().toISO() ?? "";
    },
    graphWrites() {
      return sinceLast().filter((e) => e.method === "PATCH").length;
    },
    pacing(paced) {
      // A window of no length forgets every request at once: nothing is waited for.
      budget.windowMs = paced ? OUTLOOK_BUDGET.windowMs : 0;
    },
    control: simControl(sim),
    async close() {
      closed = true;
      await Promise.allSettled(rounds);
      await reconciler.stop();
      await outbox.stop();
      await mirror.close();
      await sim.close();
    },
  };
}
