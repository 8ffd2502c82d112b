/**
 * When Graph gives up on a subscriber: a notification must be acknowledged with a 2xx
 * within 3 seconds; otherwise it is retried with exponential back-off for up to 4 hours,
 * then dropped. https://learn.microsoft.com/graph/change-notifications-delivery-webhooks
 */
export interface DeliveryPolicy {
  /** How long the endpoint has to answer one POST. */
  timeoutMs: number;
  /** Wait before retry number `attempt` (1 = the first retry). */
  retryDelayMs: (attempt: number) => number;
  /** No retry starts later than this after the first attempt. */
  giveUpAfterMs: number;
}

/** Exponential back-off from one second, doubling, never more than 30 minutes between tries. */
export function exponentialBackoff(firstDelayMs: number, maxDelayMs: number) {
  return (attempt: number) => Math.min(maxDelayMs, firstDelayMs * 2 ** Math.max(0, attempt - 1));
}

export const GRAPH_DELIVERY: DeliveryPolicy = {
  timeoutMs: 3_000,
  retryDelayMs: exponentialBackoff(1_000, 30 * 60_000),
  giveUpAfterMs: 4 * 60 * 60_000,
};

/** The waits before each retry, in order, until the policy gives up: the schedule as one list. */
export function retrySchedule(policy: DeliveryPolicy): number[] {
  const delays: number[] = [];
  let elapsed = 0;
  for (let attempt = 1; ; attempt += 1) {
    const delay = policy.retryDelayMs(attempt);
    if (elapsed + delay > policy.giveUpAfterMs) return delays;
    elapsed += delay;
    delays.push(delay);
  }
}
