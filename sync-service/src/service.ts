import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Logger } from "pino";
import type { ServiceConfig } from "./config";
import {
  createAuthProvider,
  createGraphConnection,
  createMailboxGateway,
  type MailboxGateway,
} from "./graph";
import { ApiBuilder } from "./http/api";
import { createHttpApp, type Readiness } from "./http/app";
import { TokenValidator } from "./http/auth";
import { RateLimiter } from "./http/rate-limit";
import { createLogger } from "./http/logging";
import { Metrics } from "./http/metrics";
import { addReadApi, syncStatus } from "./http/routes";
import { auditRoutes } from "./http/routes/audit";
import { chiefOfStaffFromEnv, pageRoutes } from "./http/routes/pages";
import { officesFromEnv, planRoutes, taskPaneConfig } from "./http/routes/plan";
import { reconcileRoutes } from "./http/routes/reconcile";
import { recordSent } from "./outbox/audit-entry";
import { journalMailbox } from "./journal/channel";
import { inquiryJournal } from "./journal/inquiry-views";
import { journalRoutes } from "./http/routes/journal";
import { Outbox } from "./outbox/outbox";
import { mailRenderer } from "./outbox/render";
import { attachReconciler } from "./reconcile/attach";
import { RetentionJob } from "./retention/job";
import { openDatabase, type Migration, type ServiceDatabase } from "./store";
import { SyncEngine } from "./sync";

export interface ServiceOptions {
  logger?: Logger;
  /** Unique per process (the default is random); a restarted process is a new instance. */
  instanceId?: string;
  /** PostgreSQL schema (tests give each service a throwaway one). */
  searchPath?: string;
  /** How often the worker looks for due jobs. */
  pollMs?: number;
  /** The migrations this build carries (all of them by default; an upgrade test gives a newer build's). */
  migrations?: readonly Migration[];
}

export interface RunningService {
  /** Where the service listens, e.g. https://localhost:3000. */
  url: string;
  instanceId: string;
  engine: SyncEngine;
  database: ServiceDatabase;
  gateway: MailboxGateway;
  metrics: Metrics;
  /** Stops leasing, lets running rounds finish, releases the mailboxes, closes the store. */
  stop(): Promise<void>;
}

const ADDIN_DIST = path.resolve(import.meta.dirname, "../../addin/dist");

/** Graph's and the identity provider's reachability is asked at most this often, however often /readyz is polled. */
const CHECK_TTL_MS = 10_000;

function cached(check: () => Promise<void>): () => Promise<{ ok: boolean; detail?: string }> {
  let last: { at: number; result: Promise<{ ok: boolean; detail?: string }> } | null = null;
  return () => {
    if (!last || Date.now() - last.at > CHECK_TTL_MS) {
      const result = check().then(
        () => ({ ok: true }),
        (err: unknown) => ({ ok: false, detail: err instanceof Error ? err.message : String(err) }),
      );
      last = { at: Date.now(), result };
    }
    return last.result;
  };
}

/** The older of a mailbox's two streams' last completed rounds: the mailbox is mirrored up to then. */
function lastSuccessfulSync(streams: { lastSuccessfulSync: string | null }[]): string | null {
  const times = streams.map((s) => s.lastSuccessfulSync);
  if (times.some((t) => t === null)) return null;
  return (times as string[]).sort()[0] ?? null;
}

/**
 * The composition root: store, Graph gateway, sync engine, token validation, the read
 * API, metrics and readiness, and the HTTP(S) server that carries the API and webhooks.
 */
export async function createService(
  config: ServiceConfig,
  options: ServiceOptions = {},
): Promise<RunningService> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const metrics = new Metrics();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    ...(options.searchPath ? { searchPath: options.searchPath } : {}),
    ...(options.migrations ? { migrations: options.migrations } : {}),
  });
  try {
    const authProvider = await createAuthProvider(config);
    const gateway = createMailboxGateway(
      createGraphConnection({ graphBaseUrl: config.graphBaseUrl, authProvider, metrics }),
    );
    const engine = new SyncEngine({
      store: database.mirror,
      gateway,
      mailboxes: config.mailboxes,
      publicUrl: config.publicUrl,
      window: config.syncWindow,
      safetyPollSeconds: config.safetyPollSeconds,
      mailboxLeaseMs: config.mailboxLeaseSeconds * 1000,
      log: logger,
      ...(options.instanceId ? { instanceId: options.instanceId } : {}),
      ...(options.pollMs ? { pollMs: options.pollMs } : {}),
    });
    const validator = new TokenValidator({
      authority: `${config.authorityHost}/${config.tenantId}`,
      clientId: config.clientId,
    });
    const now = () => new Date();
    const mayorMailbox = config.mailboxes[0] ?? "";
    const api = addReadApi(
      new ApiBuilder(validator, {
        audit: database.audit,
        rateLimit: new RateLimiter(config.rateLimitPerMinute),
      }),
      {
        mirror: database.mirror,
        gateway,
        invitationResponses: database.invitationResponses,
        reconcile: database.reconcile,
        mailboxes: config.mailboxes,
        mayorMailbox,
        addinId: config.addinId,
        privacy: config.privacy,
        retentionRuns: database.retention.runs,
        now,
      },
    );
    // Journalising files through the case system's journal mailbox, when one is configured.
    const journalChannel = config.journal.mailbox
      ? journalMailbox(gateway, { address: config.journal.mailbox, subjectTag: config.journal.subjectTag })
      : null;
    // Every mail a cause owes leaves from here, written from the data as it is when it leaves.
    const outbox = new Outbox({
      store: database.outbox,
      decide: database.decide,
      gateway,
      render: mailRenderer({
        gateway,
        plans: database.plans,
        getInquiry: (id) => database.reconcile.getInquiry(id),
        digestText: () => reconciler.digestText(),
        privacy: config.privacy,
        journal: {
          messageSubject: async (mailbox, id) => {
            const item = await database.mirror.getItem(mailbox, "messages", id);
            return item ? String(item.data["subject"] ?? "") : null;
          },
          minutesOf: (mailbox, eventId) => database.pages.minutesOfMeetings(mailbox, [eventId]),
          now,
        },
      }),
      ...(journalChannel ? { journal: journalChannel } : {}),
      log: logger,
      instanceId: engine.instanceId,
      sentItemsSettleMs: config.sentItemsSettleSeconds * 1000,
      onSent: recordSent(database.audit),
    });
    planRoutes(api, {
      plans: database.plans,
      mirror: database.mirror,
      gateway,
      outbox,
      mayorMailbox,
      offices: officesFromEnv(process.env, mayorMailbox),
      privacy: config.privacy,
      now,
    });
    // Inquiries are shown with their journal; their deadlines count in the municipality's working days.
    const journalCalendar = async () => (await reconciler.settings()).calendar;
    const inquiries = inquiryJournal({
      journal: database.journal,
      allInquiries: () => database.reconcile.listInquiries(),
      settings: config.journal,
      calendar: journalCalendar,
      now,
    });
    const reconciler = attachReconciler({
      engine,
      database,
      gateway,
      outbox,
      mayorMailbox,
      addinId: config.addinId,
      privacy: config.privacy,
      logger,
      now,
      inquiryJournal: inquiries,
    });
    journalRoutes(api, {
      outbox,
      journal: database.journal,
      reconcile: database.reconcile,
      mirror: database.mirror,
      gateway,
      plans: database.plans,
      pages: database.pages,
      mayorMailbox,
      privacy: config.privacy,
      inquiryJournal: inquiries,
      calendar: journalCalendar,
      now,
    });
    reconcileRoutes(api, { reconciler, mirror: database.mirror, now, inquiryJournal: inquiries });
    pageRoutes(api, {
      mirror: database.mirror,
      gateway,
      invitationResponses: database.invitationResponses,
      mailboxes: config.mailboxes,
      mayorMailbox,
      addinId: config.addinId,
      privacy: config.privacy,
      now,
      plans: database.plans,
      pages: database.pages,
      reconcile: database.reconcile,
      reconciler,
      outbox,
      chiefOfStaffMailbox: chiefOfStaffFromEnv(process.env, mayorMailbox),
      retentionRuns: database.retention.runs,
    });
    auditRoutes(api, { audit: database.audit });

    const storeCheck = () => database.ping();
    const graphCheck = cached(async () => {
      await gateway.listSubscriptions();
    });
    const identityCheck = cached(async () => {
      if (!(await validator.ready())) throw new Error("OIDC discovery is not reachable.");
    });
    const readiness = async (): Promise<Readiness> => {
      const [store, graph, identity] = await Promise.all([
        storeCheck().then(
          () => ({ ok: true }),
          (err: unknown) => ({ ok: false, detail: err instanceof Error ? err.message : String(err) }),
        ),
        graphCheck(),
        identityCheck(),
      ]);
      const mailboxes = store.ok
        ? (await syncStatus(database.mirror, config.mailboxes, now())).map((m, index) => ({
            mailbox: index + 1,
            lastSuccessfulSync: lastSuccessfulSync(m.streams),
          }))
        : config.mailboxes.map((_mailbox, index) => ({ mailbox: index + 1, lastSuccessfulSync: null }));
      const checks = { store, graph, identity };
      return {
        ready:
          Object.values(checks).every((c) => c.ok) && mailboxes.every((m) => m.lastSuccessfulSync !== null),
        checks,
        mailboxes,
      };
    };

    // /metrics is scraped without signing in: a mailbox is labelled by its place in MAILBOXES, not its address.
    const refreshGauges = async () => {
      const status = await syncStatus(database.mirror, config.mailboxes, now());
      for (const [index, mailbox] of status.entries()) {
        const label = String(index + 1);
        for (const stream of mailbox.streams) {
          metrics.set(
            "mirror_items",
            "Items in the mirror.",
            { mailbox: label, stream: stream.stream },
            stream.items,
          );
          if (stream.lagSeconds !== null) {
            metrics.set(
              "sync_lag_seconds",
              "Seconds since the last completed delta round.",
              { mailbox: label, stream: stream.stream },
              stream.lagSeconds,
            );
          }
        }
        metrics.set("sync_dead_jobs", "Sync jobs that gave up.", { mailbox: label }, mailbox.deadJobs);
        metrics.set(
          "mailbox_owned",
          "1 when this instance holds the mailbox's lease.",
          { mailbox: label },
          engine.ownership.owns(mailbox.mailbox) ? 1 : 0,
        );
      }
    };

    const app = createHttpApp({
      logger,
      metrics,
      notifications: engine.notifications,
      readiness,
      api: api.router,
      openapi: () => api.openapi({ title: "Mødeklar", version: "0.1.0", serverUrl: config.publicUrl }),
      trustedOrigins: [...new Set([config.publicUrl, new URL(config.authorityHost).origin])],
      publicConfig: taskPaneConfig(config),
      // The add-in's pages (`npm run build -w addin`, or PAGES_DIR) are served beside the API, so they
      // call it from the same origin. A PAGES_DIR still being built answers 404 until it exists.
      ...(process.env["PAGES_DIR"]
        ? { staticDir: path.resolve(process.env["PAGES_DIR"]) }
        : existsSync(ADDIN_DIST)
          ? { staticDir: ADDIN_DIST }
          : {}),
    });
    const server: Server = config.tls
      ? createHttpsServer(
          { cert: await readFile(config.tls.certPath), key: await readFile(config.tls.keyPath) },
          app,
        )
      : createHttpServer(app);
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(config.port, () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    const url = `${config.tls ? "https" : "http"}://localhost:${port}`;

    // The webhooks must answer before subscriptions are created: Graph validates them at once.
    await engine.start();
    outbox.start();
    // Once a day, what has outlived its retention period is deleted (RETENTION_*_DAYS).
    const retention = new RetentionJob({
      expire: database.retention.expire,
      runs: database.retention.runs,
      audit: database.audit,
      periods: config.retention,
      log: logger,
    });
    retention.start();
    const gauges = setInterval(() => {
      refreshGauges().catch((err: unknown) => logger.warn({ err }, "refreshing metrics failed"));
    }, 5_000);
    await refreshGauges().catch(() => undefined);

    let stopped: Promise<void> | null = null;
    return {
      url,
      instanceId: engine.instanceId,
      engine,
      database,
      gateway,
      metrics,
      stop: () => {
        stopped ??= (async () => {
          clearInterval(gauges);
          const closed = new Promise<void>((resolve) => server.close(() => resolve()));
          server.closeIdleConnections();
          await engine.stop();
          await reconciler.stop();
          await outbox.stop();
          await retention.stop();
          server.closeAllConnections();
          await closed;
          await database.close();
        })();
        return stopped;
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
