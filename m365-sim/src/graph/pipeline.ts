import type { NextFunction, Request, Response } from "express";
import type { SimContext } from "../context";
import { faultDice, forgetFaultDice } from "../dice";
import { GraphError, requestIdOf, sendGraphError } from "../odata";
import type { SimState } from "../state";
import type { Caller } from "./auth";

/**
 * The request pipeline in front of every Graph route: the request log, Outlook's
 * throttling and the faults the control API injects.
 * https://learn.microsoft.com/graph/throttling-limits#outlook-service-limits
 */

/** The request log keeps the newest entries only, so a long demo does not grow without bound. */
export const REQUEST_LOG_LIMIT = 50_000;

/** Header the $batch handler puts on each part it runs, so the log can tell parts from their batch. */
export const BATCH_OF_HEADER = "x-modeklar-sim-batch-of";

export interface ThrottleLimits {
  /** Concurrent requests per app per mailbox (Outlook: 4). */
  concurrent: number;
  /** Requests per app per mailbox within the sliding window (Outlook: 10,000). */
  perWindow: number;
  /** The sliding window (Outlook: 10 minutes). */
  windowMs: number;
}

export const OUTLOOK_LIMITS: ThrottleLimits = { concurrent: 4, perWindow: 10_000, windowMs: 10 * 60_000 };

/** Per-state pipeline bookkeeping, kept beside the state rather than in it. */
interface PipelineState {
  limits: ThrottleLimits;
  inFlight: Map<string, number>;
  /** Admission times (sim clock, ms) per app+mailbox, oldest first. */
  windows: Map<string, number[]>;
}

const pipelines = new WeakMap<SimState, PipelineState>();

function pipelineOf(state: SimState): PipelineState {
  let pipeline = pipelines.get(state);
  if (!pipeline) {
    pipeline = {
      limits: { ...OUTLOOK_LIMITS },
      inFlight: new Map(),
      windows: new Map(),
    };
    pipelines.set(state, pipeline);
  }
  return pipeline;
}

/** Changes the throttling limits (tests use small ones); omitted fields keep their value. */
export function setThrottleLimits(state: SimState, limits: Partial<ThrottleLimits>): void {
  Object.assign(pipelineOf(state).limits, limits);
}

/** Back to Outlook's limits with empty windows and a fresh dice (the control API's reset). */
export function resetPipeline(state: SimState): void {
  pipelines.delete(state);
  forgetFaultDice(state);
}

/**
 * The mailbox (user or room id) a Graph path addresses: `/users/{id|upn}/…` or `/me/…`
 * for a delegated caller. Null for paths that address no mailbox (`/subscriptions`, `/$batch`, `/places`).
 */
export function mailboxOfPath(state: SimState, path: string, caller: Caller | undefined): string | null {
  const segments = path.split("?")[0]!.split("/").filter(Boolean);
  if (segments[0] === "v1.0") segments.shift();
  const [head, idOrUpn] = segments;
  if (head?.toLowerCase() === "me") return caller?.kind === "delegated" ? caller.userId : null;
  if (head?.toLowerCase() !== "users" || !idOrUpn) return null;
  return resolveMailbox(state, decodeURIComponent(idOrUpn).replace(/^'|'$/g, ""));
}

/** A person's or room's mailbox id from its id, user principal name or address. */
export function resolveMailbox(state: SimState, idOrAddress: string): string | null {
  const user = state.findUser(idOrAddress);
  if (user) return user.id;
  const lower = idOrAddress.toLowerCase();
  for (const room of state.rooms.values()) {
    if (room.id === idOrAddress || room.emailAddress.toLowerCase() === lower) return room.id;
  }
  return null;
}

function callerIn(res: Response): Caller | undefined {
  return res.locals["caller"] as Caller | undefined;
}

/** Writes every Graph request to the request log when it finishes (before auth, so 401s are logged too). */
export function requestLogger(ctx: SimContext) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const at = ctx.state.clock.now().toISOString();
    const path = req.originalUrl;
    // The answer's etag, so a test can tell a write based on the writer's own last version.
    let etag: string | undefined;
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      const value = (body as Record<string, unknown> | null)?.["@odata.etag"];
      if (typeof value === "string") etag = value;
      return json(body);
    };
    // When the answer was handed to the connection: 'finish' may fire later when the event loop is
    // busy, after the client already has the answer (and has started its Retry-After).
    let answered: bigint | null = null;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.end = ((...args: unknown[]) => {
      answered ??= process.hrtime.bigint();
      return end(...args);
    }) as Response["end"];
    res.once("finish", () => {
      const caller = callerIn(res);
      const retryAfter = Number(res.getHeader("Retry-After"));
      const batchOf = req.header(BATCH_OF_HEADER);
      const log = ctx.state.requestLog;
      log.push({
        at,
        method: req.method,
        path,
        mailbox: mailboxOfPath(ctx.state, path, caller),
        appId: caller?.appId ?? null,
        status: res.statusCode,
        durationMs: Number((answered ?? process.hrtime.bigint()) - started) / 1e6,
        requestId: requestIdOf(res),
        ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfter } : {}),
        ...(batchOf ? { batchOf } : {}),
        ...(req.header("if-match") ? { ifMatch: req.header("if-match") } : {}),
        ...(etag && res.statusCode < 300 ? { etag } : {}),
      });
      if (log.length > REQUEST_LOG_LIMIT) log.splice(0, log.length - REQUEST_LOG_LIMIT);
    });
    next();
  };
}

function throttled(code: string, message: string, retryAfterSeconds: number, status = 429): GraphError {
  return new GraphError(status, code, message, { "Retry-After": String(retryAfterSeconds) });
}

/**
 * Outlook's throttling per app per mailbox: at most 4 requests at once and 10,000 within
 * any 10 minutes, each refused with 429 and Retry-After. Then the injected faults:
 * latency, 429 and 503 at the configured rates. The outer `$batch` request addresses no
 * mailbox: its parts come back through here and are throttled one by one, as Graph does.
 */
export function throttling(ctx: SimContext) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const pipeline = pipelineOf(ctx.state);
    const caller = callerIn(res);
    const mailbox = mailboxOfPath(ctx.state, req.originalUrl, caller);
    const isBatch = /^\/(\$|%24)batch\/?$/i.test(req.path);

    if (mailbox && caller) {
      const key = `${caller.appId}|${mailbox}`;
      const { limits } = pipeline;
      const now = ctx.state.clock.now().getTime();
      const window = (pipeline.windows.get(key) ?? []).filter((t) => t > now - limits.windowMs);
      pipeline.windows.set(key, window);
      if (window.length >= limits.perWindow) {
        const frees = Math.max(1, Math.ceil((window[0]! + limits.windowMs - now) / 1000));
        return sendGraphError(
          req,
          res,
          throttled("ApplicationThrottled", "Application is over its MailboxRequests limit.", frees),
        );
      }
      const inFlight = pipeline.inFlight.get(key) ?? 0;
      if (inFlight >= limits.concurrent) {
        return sendGraphError(
          req,
          res,
          throttled("ApplicationThrottled", "Application is over its MailboxConcurrency limit.", 1),
        );
      }
      window.push(now);
      pipeline.inFlight.set(key, inFlight + 1);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const left = (pipeline.inFlight.get(key) ?? 1) - 1;
        if (left > 0) pipeline.inFlight.set(key, left);
        else pipeline.inFlight.delete(key);
      };
      res.once("finish", release);
      res.once("close", release);
    }

    if (isBatch) return next();
    const faults = ctx.state.faults;
    if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    if (faultDice(ctx.state).roll(faults.throttleRate)) {
      return sendGraphError(
        req,
        res,
        throttled("TooManyRequests", "Please retry again later.", faults.retryAfterSeconds),
      );
    }
    if (faultDice(ctx.state).roll(faults.serverErrorRate)) {
      return sendGraphError(
        req,
        res,
        throttled("ServiceUnavailable", "Service Unavailable", faults.retryAfterSeconds, 503),
      );
    }
    if (faults.holdAnswerMs > 0 && faults.holdAnswersTo.some((end) => req.path.endsWith(end)))
      holdAnswer(res, faults.holdAnswerMs);
    next();
  };
}

/** The request runs now; its answer reaches the connection `ms` later (the held-answer fault). */
function holdAnswer(res: Response, ms: number): void {
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.end = ((...args: unknown[]) => {
    setTimeout(() => {
      if (!res.destroyed) end(...args);
    }, ms);
    return res;
  }) as Response["end"];
}
