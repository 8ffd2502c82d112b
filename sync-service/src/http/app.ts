import express, { type Express, type Router } from "express";
import helmet from "helmet";
import type { Logger } from "pino";
import type { Metrics } from "./metrics";
import { badRequest, problemHandler, notFound } from "./problem";
import { inputGuard, requireUtf8 } from "./input-guard";
import { requestLogging } from "./logging";
import { WEBHOOK_PATHS } from "../sync/subscriptions";

/** What the sync engine offers the webhook routes: validate, deduplicate, schedule. Nothing slow. */
export interface NotificationPort {
  handleNotification(body: unknown): Promise<void>;
  handleLifecycle(body: unknown): Promise<void>;
}

/**
 * /readyz is public: it names no person. A mailbox is its place in MAILBOXES (1 is the
 * mayor's), never its address.
 */
export interface Readiness {
  ready: boolean;
  checks: Record<string, { ok: boolean; detail?: string }>;
  mailboxes: { mailbox: number; lastSuccessfulSync: string | null }[];
}

export interface HttpAppDeps {
  logger: Logger;
  metrics: Metrics;
  notifications: NotificationPort;
  readiness: () => Promise<Readiness>;
  /** The authenticated /api router (built with ApiBuilder). */
  api: Router;
  openapi: () => Record<string, unknown>;
  /** Origins the pages may talk to and be framed by (PUBLIC_URL, AUTHORITY_HOST, Outlook). */
  trustedOrigins: string[];
  /** Static pages (the add-in build), served at the root when present. */
  staticDir?: string;
  /** Public settings the pages read before signing in (GET /config.json): never a secret. */
  publicConfig?: Record<string, unknown>;
}

const VALIDATION_TOKEN_MAX = 1024;
/** Graph sends at most 1,000 notifications in one POST; each without resource data is well under 1 KB. */
const WEBHOOK_BODY_LIMIT = "1mb";
const OUTLOOK_FRAME_ANCESTORS = [
  "https://outlook.office.com",
  "https://outlook.office365.com",
  "https://outlook.cloud.microsoft",
  "https://*.officeapps.live.com",
];

export function createHttpApp(deps: HttpAppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("query parser", "simple");
  app.use(requestLogging(deps.logger));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // The task pane runs inside Outlook (and the simulator's host page) in a frame.
          frameAncestors: ["'self'", ...OUTLOOK_FRAME_ANCESTORS, ...deps.trustedOrigins],
          scriptSrc: ["'self'", "https://appsforoffice.microsoft.com", ...deps.trustedOrigins],
          connectSrc: ["'self'", ...deps.trustedOrigins],
        },
      },
      frameguard: false,
      crossOriginEmbedderPolicy: false,
    }),
  );

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res, next) => {
    try {
      const readiness = await deps.readiness();
      res.status(readiness.ready ? 200 : 503).json(readiness);
    } catch (err) {
      next(err);
    }
  });
  app.get("/metrics", (_req, res) => {
    res.type("text/plain; version=0.0.4").send(deps.metrics.render());
  });
  app.get("/openapi.json", (_req, res) => {
    res.json(deps.openapi());
  });

  // Graph change notifications: the validation handshake echoes the token as text/plain;
  // a notification is validated and scheduled, then answered 202 (Graph wants an answer within 3 s).
  const webhook = (handle: (body: unknown) => Promise<void>) =>
    [
      express.json({ limit: WEBHOOK_BODY_LIMIT, verify: requireUtf8 }),
      inputGuard,
      async (req: express.Request, res: express.Response, next: express.NextFunction) => {
        const token = req.query["validationToken"];
        if (typeof token === "string") {
          if (token.length > VALIDATION_TOKEN_MAX) return next(badRequest("validationToken is too long."));
          res.status(200).type("text/plain").send(token);
          return;
        }
        try {
          await handle(req.body);
          res.status(202).end();
        } catch (err) {
          next(err);
        }
      },
    ] as const;
  app.post(WEBHOOK_PATHS.notifications, ...webhook((b) => deps.notifications.handleNotification(b)));
  app.post(WEBHOOK_PATHS.lifecycle, ...webhook((b) => deps.notifications.handleLifecycle(b)));

  app.use("/api", express.json({ limit: "256kb", verify: requireUtf8 }), inputGuard, deps.api);
  app.use("/api", (req, _res, next) =>
    next(notFound(`There is no API operation ${req.method} /api${req.path}.`)),
  );

  app.get("/config.json", (_req, res, next) => {
    if (!deps.publicConfig) return next();
    res.setHeader("cache-control", "no-cache").json(deps.publicConfig);
  });
  // The add-in's icons are shown by Outlook on its own origin (the ribbon button, the add-in list):
  // they may be embedded anywhere; the pages and their scripts stay same-origin.
  app.use("/assets", (req, res, next) => {
    if (/\.(png|svg|ico)$/i.test(req.path)) res.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
    next();
  });
  if (deps.staticDir) app.use(express.static(deps.staticDir, { index: false, maxAge: "1h" }));

  app.use(problemHandler);
  return app;
}
