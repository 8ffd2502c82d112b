import { randomBytes, randomUUID } from "node:crypto";
import { Router, type Request, type Response } from "express";
import { z } from "zod";
import type { SimContext } from "../context";
import { badRequest, forbidden, GraphError } from "../odata";
import { isHttpsUrl, notifierFor, validateEndpoint, type WatchedSubscription } from "../notifications";
import { toWire } from "../state";
import { checkAccessPolicy } from "./access-policy";
import { authorize, callerOf, type Caller } from "./auth";

/**
 * Change-notification subscriptions on a mailbox's events and messages.
 * https://learn.microsoft.com/graph/api/resources/subscription
 * https://learn.microsoft.com/graph/change-notifications-delivery-webhooks
 */

/** Outlook events and messages: at most 10,080 minutes (7 days) ahead. */
export const MAX_EXPIRATION_MINUTES = 10_080;
const CLIENT_STATE_MAX = 128;
const CHANGE_TYPES = ["created", "updated", "deleted"];

const createSchema = z.looseObject({
  changeType: z.string(),
  notificationUrl: z.string(),
  resource: z.string(),
  expirationDateTime: z.string(),
  clientState: z.string().nullish(),
  lifecycleNotificationUrl: z.string().nullish(),
  includeResourceData: z.boolean().nullish(),
  latestSupportedTlsVersion: z.string().nullish(),
});

const updateSchema = z.strictObject({
  expirationDateTime: z.string().optional(),
  notificationUrl: z.string().optional(),
});

interface WatchedResource {
  mailboxId: string;
  /** The person's directory entry, for delegated callers (rooms have none). */
  isPerson: boolean;
  kind: "events" | "messages";
  folder?: string;
}

const RESOURCE =
  /^\/?(?:users\/([^/]+)|me)\/(?:(events|calendar\/events)|(messages)|mailfolders(?:\('([^')]+)'\)|\/([^/]+))\/messages)\/?$/i;

function parseResource(ctx: SimContext, caller: Caller, resource: string): WatchedResource {
  const match = RESOURCE.exec(resource);
  if (!match) {
    throw badRequest(
      `Resource '${resource}' is not supported. Subscribe to users/{id}/events, users/{id}/messages or users/{id}/mailFolders('inbox')/messages.`,
      "InvalidRequest",
    );
  }
  const [, rawUser, events, , quotedFolder, plainFolder] = match;
  const kind = events ? "events" : "messages";
  const folder = (quotedFolder ?? plainFolder)?.toLowerCase();
  if (rawUser === undefined) {
    if (caller.kind !== "delegated") {
      throw badRequest("/me request is only valid with delegated authentication flow.");
    }
    return { mailboxId: caller.userId, isPerson: true, kind, ...(folder ? { folder } : {}) };
  }
  const idOrUpn = decodeURIComponent(rawUser).replace(/^'|'$/g, "");
  const user = ctx.state.findUser(idOrUpn);
  const room = [...ctx.state.rooms.values()].find(
    (r) => r.id === idOrUpn || r.emailAddress.toLowerCase() === idOrUpn.toLowerCase(),
  );
  const mailboxId = user?.id ?? room?.id;
  if (!mailboxId)
    throw new GraphError(404, "ErrorInvalidUser", `The requested user '${idOrUpn}' is invalid.`);
  return { mailboxId, isPerson: Boolean(user), kind, ...(folder ? { folder } : {}) };
}

/**
 * Creating and managing a subscription needs read permission on the resource. Delegated
 * callers may only watch their own mailbox: Graph does not notify on shared or delegated folders.
 */
function authorizeWatch(ctx: SimContext, caller: Caller, watched: WatchedResource): void {
  const need = watched.kind === "events" ? "Calendars.Read" : "Mail.Read";
  authorize(ctx.state, caller, need);
  if (caller.kind === "app" && watched.isPerson)
    checkAccessPolicy(ctx.state, caller.appId, watched.mailboxId);
  if (caller.kind === "delegated" && caller.userId !== watched.mailboxId) throw forbidden();
}

function parseExpiration(ctx: SimContext, raw: string): string {
  const at = Date.parse(raw);
  if (Number.isNaN(at)) throw badRequest(`Invalid expirationDateTime '${raw}'.`, "InvalidRequest");
  const now = ctx.state.clock.now().getTime();
  if (at <= now) throw badRequest("Subscription expiration date must be in the future.", "InvalidRequest");
  if (at > now + MAX_EXPIRATION_MINUTES * 60_000) {
    throw badRequest(
      `Subscription expiration can only be ${MAX_EXPIRATION_MINUTES} minutes in the future.`,
      "InvalidRequest",
    );
  }
  return new Date(at).toISOString();
}

function requireHttps(field: string, url: string): void {
  if (!isHttpsUrl(url)) {
    throw badRequest(
      `The ${field} must be an https URL; Microsoft Graph only delivers over HTTPS.`,
      "InvalidRequest",
    );
  }
}

function parseChangeType(raw: string): string {
  const types = raw.split(",").map((t) => t.trim());
  if (
    types.length === 0 ||
    types.some((t) => !CHANGE_TYPES.includes(t)) ||
    new Set(types).size !== types.length
  ) {
    throw badRequest(
      `Invalid changeType '${raw}'. Use created, updated and deleted, comma separated.`,
      "InvalidRequest",
    );
  }
  return types.join(",");
}

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") || "body";
    throw badRequest(
      issue?.code === "unrecognized_keys"
        ? `Only expirationDateTime and notificationUrl can be updated (${issue.keys.join(", ")} cannot).`
        : `Invalid or missing property '${field}'.`,
      "InvalidRequest",
    );
  }
  return parsed.data;
}

function wire(ctx: SimContext, subscription: WatchedSubscription) {
  return {
    "@odata.context": `${ctx.baseUrl()}/v1.0/$metadata#subscriptions/$entity`,
    ...toWire(subscription),
  };
}

function ownSubscription(ctx: SimContext, req: Request, res: Response): WatchedSubscription {
  const caller = callerOf(res);
  notifierFor(ctx).live();
  const subscription = ctx.state.subscriptions.get(String(req.params["id"]));
  if (!subscription || subscription._appId !== caller.appId) {
    throw new GraphError(404, "ResourceNotFound", "The object was not found.");
  }
  authorizeWatch(ctx, caller, parseResource(ctx, caller, subscription.resource ?? ""));
  return subscription;
}

export function subscriptionRoutes(ctx: SimContext): Router {
  const router = Router();
  const notifier = notifierFor(ctx);

  router.post("/subscriptions", async (req, res) => {
    const caller = callerOf(res);
    const body = parseBody(createSchema, req.body);
    const watched = parseResource(ctx, caller, body.resource);
    authorizeWatch(ctx, caller, watched);
    const changeType = parseChangeType(body.changeType);
    requireHttps("notificationUrl", body.notificationUrl);
    if (body.lifecycleNotificationUrl)
      requireHttps("lifecycleNotificationUrl", body.lifecycleNotificationUrl);
    if (body.clientState && body.clientState.length > CLIENT_STATE_MAX) {
      throw badRequest(`clientState can be at most ${CLIENT_STATE_MAX} characters.`, "InvalidRequest");
    }
    if (body.includeResourceData) {
      throw badRequest(
        "Rich notifications (includeResourceData) need an encryptionCertificate.",
        "InvalidRequest",
      );
    }
    const expirationDateTime = parseExpiration(ctx, body.expirationDateTime);
    await validateEndpoint(body.notificationUrl, randomBytes(24).toString("base64url"));
    if (body.lifecycleNotificationUrl) {
      await validateEndpoint(body.lifecycleNotificationUrl, randomBytes(24).toString("base64url"));
    }
    const subscription: WatchedSubscription = {
      id: randomUUID(),
      resource: body.resource,
      applicationId: caller.appId,
      changeType,
      clientState: body.clientState ?? null,
      notificationUrl: body.notificationUrl,
      notificationQueryOptions: null,
      lifecycleNotificationUrl: body.lifecycleNotificationUrl ?? null,
      expirationDateTime,
      creatorId: caller.kind === "delegated" ? caller.userId : caller.appId,
      includeResourceData: false,
      latestSupportedTlsVersion: body.latestSupportedTlsVersion ?? "v1_2",
      encryptionCertificate: null,
      encryptionCertificateId: null,
      notificationUrlAppId: null,
      _appId: caller.appId,
      _mailboxId: watched.mailboxId,
      _kind: watched.kind,
      ...(watched.folder ? { _folder: watched.folder } : {}),
    };
    ctx.state.subscriptions.set(subscription.id, subscription);
    notifier.sweep();
    res.status(201).json(wire(ctx, subscription));
  });

  router.get("/subscriptions", (_req, res) => {
    const caller = callerOf(res);
    const own = notifier.live().filter((s) => s._appId === caller.appId);
    res.json({
      "@odata.context": `${ctx.baseUrl()}/v1.0/$metadata#subscriptions`,
      value: own.map((s) => toWire(s)),
    });
  });

  router.get("/subscriptions/:id", (req, res) => {
    res.json(wire(ctx, ownSubscription(ctx, req, res)));
  });

  router.patch("/subscriptions/:id", async (req, res) => {
    const subscription = ownSubscription(ctx, req, res);
    const body = parseBody(updateSchema, req.body);
    const expirationDateTime = body.expirationDateTime
      ? parseExpiration(ctx, body.expirationDateTime)
      : undefined;
    if (body.notificationUrl !== undefined) {
      requireHttps("notificationUrl", body.notificationUrl);
      await validateEndpoint(body.notificationUrl, randomBytes(24).toString("base64url"));
      subscription.notificationUrl = body.notificationUrl;
    }
    if (expirationDateTime) subscription.expirationDateTime = expirationDateTime;
    notifier.sweep();
    res.json(wire(ctx, subscription));
  });

  router.delete("/subscriptions/:id", (req, res) => {
    const subscription = ownSubscription(ctx, req, res);
    ctx.state.subscriptions.delete(subscription.id);
    notifier.sweep();
    res.status(204).end();
  });

  // Answers a reauthorizationRequired challenge without extending the subscription.
  router.post("/subscriptions/:id/reauthorize", (req, res) => {
    ownSubscription(ctx, req, res);
    res.status(204).end();
  });

  return router;
}
