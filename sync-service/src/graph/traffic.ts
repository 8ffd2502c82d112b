import type { Context, Middleware, MiddlewareOptions } from "@microsoft/microsoft-graph-client";
import { z } from "zod";

/**
 * Outlook throttles per app and mailbox: 4 concurrent requests, and a 429 or 503 with
 * Retry-After means "nothing more for this mailbox until then". This keeps both rules on
 * our side of the wire, so the service is a polite client rather than a retried one.
 */

/** How a request counts against its mailbox. */
export interface RequestKind {
  /** Requests Graph counts: a $batch counts once per part. Default 1. */
  parts?: number;
  /**
   * Work that can wait (write-backs of many items): held back while it would eat into the
   * share of the mailbox's budget kept for the mirror's own reads and for people's actions.
   */
  background?: boolean;
}

/** Names the mailbox a request belongs to (set by the gateway on every request), and how it counts. */
export class MailboxOption implements MiddlewareOptions {
  constructor(
    readonly mailbox: string,
    readonly kind: RequestKind = {},
  ) {}
}

export const MAX_IN_FLIGHT_PER_MAILBOX = 4;

export interface RequestBudget {
  /** Requests per app and mailbox that Graph takes within `windowMs`. */
  requests: number;
  windowMs: number;
  /** The part of the budget background work may use; the rest stays free for everything else. */
  backgroundShare: number;
}

/** Outlook's limit: 10,000 requests per app and mailbox in any 10 minutes; write-backs get 80 % of it. */
export const OUTLOOK_BUDGET: RequestBudget = { requests: 10_000, windowMs: 600_000, backgroundShare: 0.8 };

interface Lane {
  inFlight: number;
  waiting: (() => void)[];
  /** No request for this mailbox leaves before this instant (epoch ms). */
  pausedUntil: number;
  /** Requests sent within the budget's window, oldest first, and how many Graph counts in all. */
  sent: { at: number; parts: number }[];
  used: number;
  /** Background requests holding (or waiting for) a slot, and those queued behind them. */
  background: number;
  backgroundWaiting: (() => void)[];
}

export class MailboxTraffic {
  private lanes = new Map<string, Lane>();

  constructor(
    private readonly limit = MAX_IN_FLIGHT_PER_MAILBOX,
    private readonly budget: RequestBudget = OUTLOOK_BUDGET,
  ) {}

  private lane(mailbox: string): Lane {
    const key = mailbox.toLowerCase();
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = {
        inFlight: 0,
        waiting: [],
        pausedUntil: 0,
        sent: [],
        used: 0,
        background: 0,
        backgroundWaiting: [],
      };
      this.lanes.set(key, lane);
    }
    return lane;
  }

  private forgetOld(lane: Lane, now: number): void {
    let gone = 0;
    while (gone < lane.sent.length && (lane.sent[gone]?.at ?? now) <= now - this.budget.windowMs) {
      lane.used -= lane.sent[gone]?.parts ?? 0;
      gone += 1;
    }
    if (gone > 0) lane.sent.splice(0, gone);
  }

  /** Waits until background work of `parts` requests fits in its share of the window. */
  private async withinBackgroundShare(lane: Lane, parts: number): Promise<void> {
    const allowed = Math.floor(this.budget.requests * this.budget.backgroundShare);
    for (;;) {
      const now = Date.now();
      this.forgetOld(lane, now);
      const excess = lane.used + parts - allowed;
      if (excess <= 0 || lane.sent.length === 0) return;
      // Wait for the oldest requests that must leave the window for this one to fit.
      let freed = 0;
      let until = now;
      for (const entry of lane.sent) {
        freed += entry.parts;
        until = entry.at + this.budget.windowMs;
        if (freed >= excess) break;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(10, until - now + 1)));
    }
  }

  /** Requests of this mailbox Graph has counted within the budget's window. */
  used(mailbox: string): number {
    const lane = this.lane(mailbox);
    this.forgetOld(lane, Date.now());
    return lane.used;
  }

  /**
   * Waits for room in the mailbox's budget (background work only), a free slot and the end of
   * any Retry-After pause; counts the request and returns the release function.
   */
  async acquire(mailbox: string, kind: RequestKind = {}): Promise<() => void> {
    const lane = this.lane(mailbox);
    const parts = Math.max(1, Math.floor(kind.parts ?? 1));
    if (kind.background) {
      // Background work takes at most half the slots: a notification's delta round never queues
      // behind a long write-back.
      if (lane.background >= Math.max(1, Math.floor(this.limit / 2))) {
        await new Promise<void>((resolve) => lane.backgroundWaiting.push(resolve));
      } else {
        lane.background += 1;
      }
      await this.withinBackgroundShare(lane, parts);
    }
    if (lane.inFlight >= this.limit) {
      await new Promise<void>((resolve) => lane.waiting.push(resolve));
    } else {
      lane.inFlight += 1;
    }
    // The slot is held while paused, so a pause holds back every request of the mailbox. Before
    // leaving, yield to the event loop once: a 429 that has already arrived but whose handling
    // is still queued behind this request gets to set its pause first.
    for (;;) {
      for (let wait = lane.pausedUntil - Date.now(); wait > 0; wait = lane.pausedUntil - Date.now()) {
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
      await new Promise((resolve) => setImmediate(resolve));
      if (lane.pausedUntil <= Date.now()) break;
    }
    lane.sent.push({ at: Date.now(), parts });
    lane.used += parts;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = lane.waiting.shift();
      if (next) next();
      else lane.inFlight -= 1;
      if (kind.background) {
        const nextBackground = lane.backgroundWaiting.shift();
        if (nextBackground) nextBackground();
        else lane.background -= 1;
      }
    };
  }

  pause(mailbox: string, seconds: number): void {
    const lane = this.lane(mailbox);
    // Date.now() is whole milliseconds, rounded down: one more keeps the whole Retry-After.
    lane.pausedUntil = Math.max(lane.pausedUntil, Date.now() + seconds * 1000 + 1);
  }

  inFlight(mailbox: string): number {
    return this.lane(mailbox).inFlight;
  }
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date); null when absent. */
export function retryAfterSeconds(value: string | null | undefined): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, (date - Date.now()) / 1000);
}

const urlOf = (context: Context): string =>
  typeof context.request === "string" ? context.request : context.request.url;

const USERS_SEGMENT = /\/users\/([^/?('"]+)/i;

/** The mailbox a request is for: the gateway's option, else the `/users/{id}` segment of the URL. */
export function mailboxOfContext(context: Context): string | null {
  return requestOfContext(context)?.mailbox ?? null;
}

function requestOfContext(context: Context): { mailbox: string; kind: RequestKind } | null {
  const option = context.middlewareControl?.getMiddlewareOptions(MailboxOption);
  if (option instanceof MailboxOption) return { mailbox: option.mailbox, kind: option.kind };
  const match = USERS_SEGMENT.exec(new URL(urlOf(context)).pathname);
  return match?.[1] ? { mailbox: decodeURIComponent(match[1]), kind: {} } : null;
}

const REFUSED = new Set([429, 503]);
const BatchAnswerSchema = z.object({
  responses: z.array(
    z.object({ status: z.number(), headers: z.record(z.string(), z.string()).optional() }).loose(),
  ),
});

/** A Retry-After header's seconds, whatever the case of its name (a $batch part's headers are plain JSON). */
function retryAfterOf(headers: Record<string, string>): number | null {
  const name = Object.keys(headers).find((key) => key.toLowerCase() === "retry-after");
  return retryAfterSeconds(name ? headers[name] : null);
}

/**
 * How long the mailbox must rest after this answer: the Retry-After of a 429 or 503, of the
 * whole response or of any part of a $batch (whose own status is 200). A throttled part without
 * Retry-After rests a second, as its caller sends it again. Null when nothing was refused.
 */
async function refusalPause(context: Context): Promise<number | null> {
  const response = context.response;
  if (!response) return null;
  if (REFUSED.has(response.status)) return retryAfterSeconds(response.headers.get("Retry-After"));
  if (!response.ok || !new URL(urlOf(context)).pathname.endsWith("/$batch")) return null;
  const parsed = BatchAnswerSchema.safeParse(
    await response
      .clone()
      .json()
      .catch(() => null),
  );
  if (!parsed.success) return null;
  let longest: number | null = null;
  for (const part of parsed.data.responses) {
    if (!REFUSED.has(part.status)) continue;
    const seconds = retryAfterOf(part.headers ?? {}) ?? (part.status === 429 ? 1 : null);
    if (seconds !== null) longest = Math.max(longest ?? 0, seconds);
  }
  return longest;
}

/** Per-mailbox concurrency and Retry-After pauses, below the SDK's RetryHandler. */
export class MailboxTrafficHandler implements Middleware {
  private next?: Middleware;

  constructor(private readonly traffic: MailboxTraffic) {}

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error("MailboxTrafficHandler needs a next middleware.");
    const request = requestOfContext(context);
    if (!request) return this.next.execute(context);
    const { mailbox } = request;
    const release = await this.traffic.acquire(mailbox, request.kind);
    try {
      await this.next.execute(context);
      // Paused before the slot is released, so no request of the mailbox leaves in between.
      const seconds = await refusalPause(context);
      if (seconds !== null) this.traffic.pause(mailbox, seconds);
    } finally {
      release();
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** What the metrics middleware reports to (the service's Prometheus registry fits). */
export interface MetricsSink {
  inc(name: string, help: string, labels?: Record<string, string>, by?: number): void;
}

/** Counts every Graph response by status, and the retries the RetryHandler made. */
export class GraphMetricsHandler implements Middleware {
  private next?: Middleware;

  constructor(private readonly metrics: MetricsSink) {}

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error("GraphMetricsHandler needs a next middleware.");
    const headers =
      context.request instanceof Request
        ? context.request.headers
        : new Headers(context.options?.headers as ConstructorParameters<typeof Headers>[0]);
    if (headers.get("Retry-Attempt"))
      this.metrics.inc("graph_retries_total", "Graph requests retried after 429/503/504.");
    try {
      await this.next.execute(context);
      this.metrics.inc("graph_requests_total", "Graph requests by HTTP status.", {
        status: String(context.response?.status ?? 0),
      });
    } catch (err) {
      this.metrics.inc("graph_requests_total", "Graph requests by HTTP status.", { status: "network-error" });
      throw err;
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
