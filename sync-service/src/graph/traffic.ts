import type { Context, Middleware, MiddlewareOptions } from "@microsoft/microsoft-graph-client";

/**
 * Outlook throttles per app and mailbox: 4 concurrent requests, and a 429 or 503 with
 * Retry-After means "nothing more for this mailbox until then". This keeps both rules on
 * our side of the wire, so the service is a polite client rather than a retried one.
 */

/** Names the mailbox a request belongs to (set by the gateway on every request). */
export class MailboxOption implements MiddlewareOptions {
  constructor(readonly mailbox: string) {}
}

export const MAX_IN_FLIGHT_PER_MAILBOX = 4;

interface Lane {
  inFlight: number;
  waiting: (() => void)[];
  /** No request for this mailbox leaves before this instant (epoch ms). */
  pausedUntil: number;
}

export class MailboxTraffic {
  private lanes = new Map<string, Lane>();

  constructor(private readonly limit = MAX_IN_FLIGHT_PER_MAILBOX) {}

  private lane(mailbox: string): Lane {
    const key = mailbox.toLowerCase();
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { inFlight: 0, waiting: [], pausedUntil: 0 };
      this.lanes.set(key, lane);
    }
    return lane;
  }

  /** Waits for a free slot and for any Retry-After pause to end; returns the release function. */
  async acquire(mailbox: string): Promise<() => void> {
    const lane = this.lane(mailbox);
    if (lane.inFlight >= this.limit) {
      await new Promise<void>((resolve) => lane.waiting.push(resolve));
    } else {
      lane.inFlight += 1;
    }
    // The slot is held while paused, so a pause holds back every request of the mailbox.
    for (let wait = lane.pausedUntil - Date.now(); wait > 0; wait = lane.pausedUntil - Date.now()) {
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = lane.waiting.shift();
      if (next) next();
      else lane.inFlight -= 1;
    };
  }

  pause(mailbox: string, seconds: number): void {
    const lane = this.lane(mailbox);
    lane.pausedUntil = Math.max(lane.pausedUntil, Date.now() + seconds * 1000);
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

const USERS_SEGMENT = /\/users\/([^/?('"]+)/i;

/** The mailbox a request is for: the gateway's option, else the `/users/{id}` segment of the URL. */
export function mailboxOfContext(context: Context): string | null {
  const option = context.middlewareControl?.getMiddlewareOptions(MailboxOption);
  if (option instanceof MailboxOption) return option.mailbox;
  const url = typeof context.request === "string" ? context.request : context.request.url;
  const match = USERS_SEGMENT.exec(new URL(url).pathname);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

/** Per-mailbox concurrency and Retry-After pauses, below the SDK's RetryHandler. */
export class MailboxTrafficHandler implements Middleware {
  private next?: Middleware;

  constructor(private readonly traffic: MailboxTraffic) {}

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error("MailboxTrafficHandler needs a next middleware.");
    const mailbox = mailboxOfContext(context);
    if (!mailbox) return this.next.execute(context);
    const release = await this.traffic.acquire(mailbox);
    try {
      await this.next.execute(context);
      const status = context.response?.status;
      if (status === 429 || status === 503) {
        const seconds = retryAfterSeconds(context.response?.headers.get("Retry-After"));
        if (seconds !== null) this.traffic.pause(mailbox, seconds);
      }
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
