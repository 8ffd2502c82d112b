import { join } from "node:path";
import { systemClock } from "./clock";
import { sqlAuditLog, type AuditLog } from "./audit";
import { sqlInvitationResponses, type InvitationResponses } from "./invitation-responses";
import { sqlJournalStore, type JournalStore } from "./journal";
import { sqlOutboxStore, type OutboxQueue, type OutboxStore } from "./outbox";
import { sqlReconcileStore, type ReconcileStore } from "./reconcile";
import { sqlPagesStore, type PagesStore } from "./pages";
import { sqlPlanStore, type PlanStore } from "./plans";
import { migrate, type Migration } from "./migrations";
import {
  expireRecords,
  sqlRetentionRuns,
  type RetentionOptions,
  type RetentionPeriods,
  type RetentionRuns,
} from "./retention";
import type { SqlExecutor } from "./sql";
import { sqlMirrorStore, type StoreOptions } from "./sql-store";
import type { MirrorStore } from "./types";
import type { Clock } from "./clock";

export type * from "./types";
export { ManualClock, systemClock, type Clock } from "./clock";
export { contentHash } from "./content";
export { retryDelayMs } from "./backoff";
export { migrations, migrate, schemaState, type Migration, type SchemaState } from "./migrations";
export type { QueryResult, SqlExecutor, SqlSession } from "./sql";
export type { PostgresOptions } from "./postgres";
export { sqlMirrorStore, type StoreOptions } from "./sql-store";
export {
  sqlInvitationResponses,
  type InvitationResponseRecord,
  type InvitationResponses,
  type ResponseClaim,
} from "./invitation-responses";
export {
  sqlReconcileStore,
  INQUIRY_STATUSES,
  type InquiryChange,
  type InquiryRecord,
  type InquiryStatus,
  type NewInquiry,
  type PriorityPin,
  type ReconcileStore,
  type RuleVersion,
  type Setting,
  type WrittenPriority,
} from "./reconcile";

export {
  sqlPlanStore,
  ORDER_KINDS,
  type BriefingNote,
  type OrderKind,
  type PlanStore,
  type Saved,
  type SentOrder,
  type StoredPlan,
} from "./plans";

export {
  sqlAuditLog,
  expireAuditEntries,
  SERVICE_ACTOR,
  type AuditActor,
  type AuditLog,
  type AuditRecorder,
  type NewAuditEntry,
} from "./audit";

export {
  expireRecords,
  sqlRetentionRuns,
  MEETING_TABLES,
  type RetentionKind,
  type RetentionOptions,
  type RetentionPeriods,
  type RetentionRun,
  type RetentionRuns,
} from "./retention";

export {
  sqlOutboxStore,
  OUTBOX_STATES,
  type NewOutboxMail,
  type OutboxMail,
  type OutboxQueue,
  type OutboxState,
  type OutboxStore,
} from "./outbox";

export {
  sqlJournalStore,
  type JournalFiling,
  type JournalStore,
  type JournalSubjectKind,
  type NewJournalFiling,
} from "./journal";

export {
  sqlPagesStore,
  type Arrival,
  type CateringConfirmation,
  type MinuteEntry,
  type PagesStore,
} from "./pages";

export interface OpenStoreOptions extends StoreOptions {
  /** PostgreSQL connection string; when unset the store is PGlite on local disk. */
  databaseUrl?: string | null;
  /** The service's data directory; PGlite keeps its database in `<dataDir>/pglite`. */
  dataDir?: string;
  /** The schema this build brings the database to; a test gives a newer build's list. */
  migrations?: readonly Migration[];
}

/** Opens the store the configuration asks for and brings its schema up to date. */
export async function openStore(options: OpenStoreOptions = {}): Promise<MirrorStore> {
  return (await openDatabase(options)).mirror;
}

/** The stores a decision writes, in one transaction with the mails it owes. */
export interface DecisionStores {
  reconcile: ReconcileStore;
  plans: PlanStore;
  pages: PagesStore;
  outbox: OutboxQueue;
  /** Documents filed in a case, each with the outbox mail that carries it. */
  journal: JournalStore;
}

/** Runs `work` in one transaction: its writes and the mails it queues commit together, or none do. */
export type Decide = <T>(work: (tx: DecisionStores) => Promise<T>) => Promise<T>;

/**
 * Decisions over a database. Inside `work` only the stores it is given may be used: on PGlite
 * (one connection) a statement outside the transaction would wait for it to end.
 */
export function decisionsOver(db: SqlExecutor, clock: Clock = systemClock): Decide {
  return (work) =>
    db.transaction((tx) =>
      work({
        reconcile: sqlReconcileStore(tx, clock),
        plans: sqlPlanStore(tx, clock),
        pages: sqlPagesStore(tx, clock),
        outbox: sqlOutboxStore(tx, clock),
        journal: sqlJournalStore(tx, clock),
      }),
    );
}

export interface ServiceDatabase {
  mirror: MirrorStore;
  invitationResponses: InvitationResponses;
  /** Priority rules, pins, write-back memory, notices, inquiries. */
  reconcile: ReconcileStore;
  /** Plans, briefing notes and orders: what the meeting's custom properties cannot hold. */
  plans: PlanStore;
  /** The weekly meeting's minutes, reception arrivals and the kitchen's confirmations. */
  pages: PagesStore;
  /** Who did what: append-only, read per meeting or per period. */
  audit: AuditLog;
  /** Mails owed and whether they left. */
  outbox: OutboxStore;
  /** Documents filed in a case and whether they reached it. */
  journal: JournalStore;
  /** Deleting what expired, and the record of each daily run. */
  retention: {
    expire(periods: RetentionPeriods, options?: RetentionOptions): ReturnType<typeof expireRecords>;
    runs: RetentionRuns;
  };
  decide: Decide;
  /** A trivial query: is the database there and answering (for /readyz)? */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The service's whole database: the mirror and the ledgers beside it, on one connection (pool). */
export async function openDatabase(
  options: OpenStoreOptions & { searchPath?: string } = {},
): Promise<ServiceDatabase> {
  const { databaseUrl, dataDir = "./data", searchPath, migrations: schema, ...storeOptions } = options;
  // Each driver is loaded only when used: PGlite's WebAssembly Postgres stays out of a service on PostgreSQL.
  const db = databaseUrl
    ? (await import("./postgres")).postgresExecutor({
        connectionString: databaseUrl,
        ...(searchPath ? { searchPath } : {}),
      })
    : await (await import("./pglite")).openPglite(join(dataDir, "pglite"));
  const mirror = sqlMirrorStore(db, storeOptions);
  try {
    await migrate(db, schema);
  } catch (error) {
    await mirror.close();
    throw error;
  }
  return {
    mirror,
    invitationResponses: sqlInvitationResponses(db, storeOptions.clock ?? systemClock),
    reconcile: sqlReconcileStore(db, storeOptions.clock ?? systemClock),
    plans: sqlPlanStore(db, storeOptions.clock ?? systemClock),
    pages: sqlPagesStore(db, storeOptions.clock ?? systemClock),
    audit: sqlAuditLog(db, storeOptions.clock ?? systemClock),
    outbox: sqlOutboxStore(db, storeOptions.clock ?? systemClock),
    journal: sqlJournalStore(db, storeOptions.clock ?? systemClock),
    retention: {
      expire: (periods, options) => expireRecords(db, storeOptions.clock ?? systemClock, periods, options),
      runs: sqlRetentionRuns(db, storeOptions.clock ?? systemClock),
    },
    decide: decisionsOver(db, storeOptions.clock ?? systemClock),
    ping: async () => {
      await db.query("SELECT 1");
    },
    close: () => mirror.close(),
  };
}
