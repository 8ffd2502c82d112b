import { GraphError } from "../odata";

/**
 * The simulator's calls out to a subscriber: validation handshakes, change and lifecycle
 * notifications. Graph only calls `https:` endpoints; the simulator also only calls
 * loopback ones, because this machine reaches nothing else.
 */

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Graph: the endpoint must answer the validation request within 10 seconds. */
export const VALIDATION_TIMEOUT_MS = 10_000;

export function isHttpsUrl(raw: string): boolean {
  try {
    return new URL(raw).protocol === "https:";
  } catch {
    return false;
  }
}

function isLoopback(url: URL): boolean {
  return LOOPBACK.has(url.hostname.toLowerCase());
}

const validationFailed = () =>
  new GraphError(
    400,
    "ValidationError",
    "Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.",
  );

/**
 * The validation handshake: POST `<url>?validationToken=<token>`; the endpoint must answer
 * 200 with the token as `text/plain` within 10 seconds, or the subscription is refused.
 * https://learn.microsoft.com/graph/change-notifications-delivery-webhooks#notificationurl-validation
 */
export async function validateEndpoint(
  raw: string,
  token: string,
  timeoutMs = VALIDATION_TIMEOUT_MS,
): Promise<void> {
  const url = new URL(raw);
  if (!isLoopback(url)) throw validationFailed();
  url.searchParams.set("validationToken", token);
  let answer: Response;
  try {
    answer = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "text/plain; charset=utf-8" },
      body: "",
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    if ((err as Error).name === "TimeoutError") {
      throw new GraphError(400, "ValidationError", "Subscription validation request timed out.");
    }
    throw validationFailed();
  }
  const text = await answer.text().catch(() => "");
  const contentType = answer.headers.get("content-type") ?? "";
  if (answer.status !== 200 || text !== token || !contentType.toLowerCase().startsWith("text/plain")) {
    throw validationFailed();
  }
}

/** POSTs a JSON notification; true when the endpoint answered 2xx within the time allowed. */
export async function postNotification(raw: string, payload: unknown, timeoutMs: number): Promise<boolean> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (!isLoopback(url)) return false;
  try {
    const answer = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json; charset=utf-8" },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await answer.arrayBuffer().catch(() => undefined);
    return answer.status >= 200 && answer.status < 300;
  } catch {
    return false;
  }
}
