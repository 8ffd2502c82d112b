import express, { Router } from "express";
import { z } from "zod";
import type { SimContext } from "../context";
import { faultDice } from "../dice";
import { resolveMailbox } from "../graph/pipeline";
import { consentedGraphScopes } from "../identity/scopes";
import { delegatedTokens, appToken } from "../identity/tokens";
import { notifierFor, type WatchedSubscription } from "../notifications";
import { saveSnapshot, snapshotFileOf } from "../snapshot";
import { toWire } from "../state";
import { calendarControlRoutes } from "./calendar";
import { mailControlRoutes } from "./mail";
import { parseInput, Problem, problemHandler, sendProblem } from "./problem";
import { resetToSeed } from "./reset";
import { tenantAdminRoutes } from "./tenant-admin";

/**
 * The simulator's control API under `/_sim`, for tests, demos and benchmarks: reset, the
 * request log, faults, the clock, delta-token expiry, subscriptions and their lifecycle
 * events, test tokens and snapshots. Acting as another person (invitations, moves, mail)
 * lives in ./calendar and ./mail, the tenant admin's settings (permissions, groups, access
 * policies) in ./tenant-admin; all are mounted here. Errors are problem+json.
 */

const rate = z.number().min(0).max(1);
const faultsSchema = z.strictObject({
  latencyMs: z.int().min(0).max(120_000).optional(),
  throttleRate: rate.optional(),
  retryAfterSeconds: z.int().min(0).max(3_600).optional(),
  serverErrorRate: rate.optional(),
  dropNotificationRate: rate.optional(),
  holdAnswersTo: z.array(z.string().min(1)).max(20).optional(),
  holdAnswerMs: z.int().min(0).max(600_000).optional(),
  /** Restarts the fault dice from this seed, so a chaos run can be replayed. */
  seed: z.int().optional(),
});

const requestsQuery = z.object({
  since: z.iso.datetime({ offset: true }).optional(),
  mailbox: z.string().min(1).optional(),
  method: z.string().min(1).optional(),
});

const advanceSchema = z.strictObject({ ms: z.int().positive() });
const lifecycleSchema = z.strictObject({
  event: z.enum(["reauthorizationRequired", "subscriptionRemoved", "missed"]),
});

/**
 * Test helper: mints a token as the token endpoint would, without a sign-in. With `user`,
 * a delegated Graph token for that person (scopes default to all the app may ask for);
 * with only `clientId`, the app's client-credentials token.
 */
const tokenSchema = z.union([
  z.strictObject({
    user: z.string().min(1),
    scopes: z.array(z.string().min(1)).optional(),
    clientId: z.string().optional(),
  }),
  z.strictObject({ clientId: z.string().min(1) }),
]);

const snapshotSchema = z.strictObject({ file: z.string().min(1).optional() });

function adminView(subscription: WatchedSubscription) {
  return {
    ...toWire(subscription),
    appId: subscription._appId,
    mailbox: subscription._mailboxId,
    kind: subscription._kind,
  };
}

export function controlRoutes(ctx: SimContext): Router {
  const router = Router();
  const { state } = ctx;
  const notifier = notifierFor(ctx);
  router.use(express.json({ limit: "1mb" }));

  router.post("/reset", (_req, res) => {
    resetToSeed(ctx);
    res.status(204).end();
  });

  router.get("/requests", (req, res) => {
    const query = parseInput(requestsQuery, req.query);
    const mailbox = query.mailbox ? (resolveMailbox(state, query.mailbox) ?? query.mailbox) : undefined;
    const since = query.since ? Date.parse(query.since) : undefined;
    const value = state.requestLog.filter(
      (entry) =>
        (since === undefined || Date.parse(entry.at) >= since) &&
        (mailbox === undefined || entry.mailbox === mailbox) &&
        (query.method === undefined || entry.method.toUpperCase() === query.method.toUpperCase()),
    );
    res.json({ value });
  });

  router.delete("/requests", (_req, res) => {
    state.requestLog.length = 0;
    res.status(204).end();
  });

  router.get("/faults", (_req, res) => {
    res.json(state.faults);
  });

  router.put("/faults", (req, res) => {
    const { seed, ...faults } = parseInput(faultsSchema, req.body);
    state.faults = { ...state.faults, ...faults };
    if (seed !== undefined) faultDice(state).reset(seed);
    res.json(state.faults);
  });

  router.post("/clock/advance", (req, res) => {
    const { ms } = parseInput(advanceSchema, req.body);
    state.clock.advance(ms);
    notifier.sweep();
    res.json({ now: state.clock.now().toISOString() });
  });

  router.post("/delta/expire", (_req, res) => {
    state.deltaTokenFloor = state.nextSeq();
    res.json({ deltaTokenFloor: state.deltaTokenFloor });
  });

  router.get("/subscriptions", (_req, res) => {
    res.json({ value: notifier.live().map(adminView) });
  });

  router.post("/subscriptions/:id/lifecycle", (req, res) => {
    const { event } = parseInput(lifecycleSchema, req.body);
    notifier.live();
    const subscription = state.subscriptions.get(req.params.id);
    if (!subscription) throw new Problem(404, "Not found", `No subscription '${req.params.id}'.`);
    if (!subscription.lifecycleNotificationUrl && event !== "subscriptionRemoved") {
      throw new Problem(409, "No lifecycle URL", "The subscription has no lifecycleNotificationUrl.");
    }
    notifier.lifecycle(subscription, event);
    res.status(202).json({ subscriptionId: subscription.id, lifecycleEvent: event });
  });

  router.post("/token", async (req, res) => {
    const input = parseInput(tokenSchema, req.body);
    const clientId = input.clientId ?? [...state.apps.values()][0]?.clientId ?? "";
    const client = state.apps.get(clientId);
    if (!client) throw new Problem(404, "Not found", `No app registration '${clientId}'.`);
    if (!("user" in input)) {
      const token = await appToken(ctx, client, { kind: "graph" }, "secret");
      return res.json(token);
    }
    const user = state.findUser(input.user);
    if (!user) throw new Problem(404, "Not found", `No person '${input.user}' in the directory.`);
    const allowed = consentedGraphScopes(client);
    const scopes = input.scopes ?? allowed;
    const unknown = scopes.filter((s) => !allowed.includes(s));
    if (unknown.length > 0) {
      throw new Problem(
        400,
        "Invalid request",
        `${client.displayName} may not ask for: ${unknown.join(", ")}.`,
      );
    }
    const token = await delegatedTokens(
      ctx,
      client,
      user,
      { resource: { kind: "graph" }, scopes, oidc: [] },
      { method: "none", clientInfo: false },
    );
    res.json(token);
  });

  router.post("/snapshot", async (req, res) => {
    const { file = snapshotFileOf(state) } = parseInput(snapshotSchema, req.body);
    if (!file) throw new Problem(400, "Invalid request", "Start with --snapshot <file> or name a file.");
    await saveSnapshot(state, file);
    res.json({ file, savedAt: new Date().toISOString() });
  });

  router.use(calendarControlRoutes(ctx));
  router.use(mailControlRoutes(ctx));
  router.use(tenantAdminRoutes(ctx));
  router.use((req, res) =>
    sendProblem(res, 404, "Not found", `No control operation ${req.method} ${req.path}.`),
  );
  router.use(problemHandler);
  return router;
}
