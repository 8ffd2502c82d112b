import {
  AuthenticationHandler,
  Client,
  HTTPMessageHandler,
  RetryHandler,
  RetryHandlerOptions,
  type AuthenticationProvider,
  type FetchOptions,
  type ShouldRetry,
} from "@microsoft/microsoft-graph-client";
import { GraphMetricsHandler, MailboxTraffic, MailboxTrafficHandler, type MetricsSink } from "./traffic";

export interface GraphClientOptions {
  /** e.g. https://graph.microsoft.com/v1.0 (the simulator: https://localhost:7443/v1.0). */
  graphBaseUrl: string;
  authProvider: AuthenticationProvider;
  traffic?: MailboxTraffic;
  metrics?: MetricsSink;
  /** Seconds between retries when Graph gives no Retry-After (the SDK backs off exponentially). */
  retryDelaySeconds?: number;
  maxRetries?: number;
}

export interface GraphConnection {
  client: Client;
  traffic: MailboxTraffic;
}

type RequestTarget = Parameters<ShouldRetry>[2];
type HeaderSource = ConstructorParameters<typeof Headers>[0];

const IDEMPOTENT = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);

function methodOf(request: RequestTarget, options: FetchOptions | undefined): string {
  return (typeof request === "string" ? (options?.method ?? "GET") : request.method).toUpperCase();
}

function hasIfMatch(request: RequestTarget, options: FetchOptions | undefined): boolean {
  const headers =
    typeof request === "string" ? new Headers(options?.headers as HeaderSource) : request.headers;
  return headers.has("If-Match");
}

/**
 * The SDK retries 429, 503 and 504 (honouring Retry-After) for any buffered body, POST
 * included. A 429 was refused before it ran, so it is always safe to repeat; a 503/504 may
 * have run, so only idempotent requests (and PATCH guarded by If-Match) are repeated.
 */
export const retrySafely: ShouldRetry = (_delay, _attempt, request, options, response) => {
  if (response.status === 429) return true;
  const method = methodOf(request, options);
  return IDEMPOTENT.has(method) || (method === "PATCH" && hasIfMatch(request, options));
};

/** A null sink for when nobody collects metrics. */
const noMetrics: MetricsSink = { inc: () => undefined };

/**
 * Graph client with the SDK's middleware chain: auth → retry (Retry-After) → per-mailbox
 * concurrency and pauses → metrics → fetch. The base URL is configuration, so the same
 * code talks to Microsoft 365 or the simulator.
 */
export function createGraphConnection(options: GraphClientOptions): GraphConnection {
  const base = new URL(options.graphBaseUrl);
  const version = base.pathname.replace(/^\/+|\/+$/g, "");
  const traffic = options.traffic ?? new MailboxTraffic();
  const client = Client.initWithMiddleware({
    baseUrl: `${base.origin}/`,
    defaultVersion: version,
    customHosts: new Set([base.hostname]),
    middleware: [
      new AuthenticationHandler(options.authProvider),
      new RetryHandler(
        new RetryHandlerOptions(options.retryDelaySeconds ?? 2, options.maxRetries ?? 6, retrySafely),
      ),
      new MailboxTrafficHandler(traffic),
      new GraphMetricsHandler(options.metrics ?? noMetrics),
      new HTTPMessageHandler(),
    ],
  });
  return { client, traffic };
}
