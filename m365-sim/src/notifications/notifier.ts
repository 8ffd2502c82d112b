import type { SimContext } from "../context";
import { faultDice } from "../dice";
import type { ChangeRecord, SimState } from "../state";
import { GRAPH_DELIVERY, type DeliveryPolicy } from "./delivery";
import { postNotification } from "./outbound";
import {
  changeNotification,
  lifecycleNotification,
  watches,
  type ChangeNotification,
  type LifecycleEvent,
  type WatchedSubscription,
} from "./payload";

/** Changes that happen close together go out in one POST, as Graph batches them. */
const COLLECT_MS = 50;
/** At most this many notifications in one POST. */
const MAX_PER_POST = 50;
/**
 * Graph challenges a subscription before it lapses; the simulator does so once, one hour
 * before its expirationDateTime (https://learn.microsoft.com/graph/change-notifications-lifecycle-events).
 */
export const REAUTHORIZE_BEFORE_MS = 60 * 60_000;
/** Node's timers cannot wait longer than about 24.8 days. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Delivers change notifications for the subscriptions in the state: listens to every
 * change, posts to the subscribers, retries failed deliveries, drops the share the
 * faults say, removes expired subscriptions and sends lifecycle notifications.
 */
export class Notifier {
  private readonly outbox = new Map<string, ChangeNotification[]>();
  private flushTimer: NodeJS.Timeout | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  policy: DeliveryPolicy = GRAPH_DELIVERY;

  constructor(private readonly ctx: SimContext) {
    ctx.state.onChange((change) => this.onChange(change));
  }

  private get state(): SimState {
    return this.ctx.state;
  }

  /** Subscriptions still in force; removes the ones whose expirationDateTime has passed. */
  live(): WatchedSubscription[] {
    const now = this.state.clock.now().getTime();
    const live: WatchedSubscription[] = [];
    for (const subscription of this.state.subscriptions.values()) {
      if (Date.parse(subscription.expirationDateTime ?? "") <= now) {
        this.state.subscriptions.delete(subscription.id);
      } else {
        live.push(subscription);
      }
    }
    return live;
  }

  private onChange(change: ChangeRecord): void {
    for (const subscription of this.live()) {
      if (!watches(this.state, subscription, change)) continue;
      if (faultDice(this.state).roll(this.state.faults.dropNotificationRate)) continue;
      const url = subscription.notificationUrl ?? "";
      const queued = this.outbox.get(url) ?? [];
      queued.push(changeNotification(this.state, this.ctx.tenantId, subscription, change));
      this.outbox.set(url, queued);
    }
    if (this.outbox.size > 0 && !this.flushTimer) {
      this.flushTimer = setTimeout(() => this.flush(), COLLECT_MS);
      this.flushTimer.unref();
    }
  }

  private flush(): void {
    this.flushTimer = undefined;
    for (const [url, items] of this.outbox) {
      for (let i = 0; i < items.length; i += MAX_PER_POST) {
        void this.deliver(url, items.slice(i, i + MAX_PER_POST), 0, Date.now(), (lost) =>
          this.reportMissed(lost),
        );
      }
    }
    this.outbox.clear();
  }

  /** One delivery attempt; on failure, the next one after the policy's back-off, until it gives up. */
  private async deliver<T extends { subscriptionId: string }>(
    url: string,
    items: T[],
    retriesSoFar: number,
    firstAttemptAt: number,
    onGiveUp: (lost: T[]) => void = () => undefined,
  ): Promise<void> {
    const alive = new Set(this.live().map((s) => s.id));
    const pending = items.filter((item) => alive.has(item.subscriptionId));
    if (pending.length === 0) return;
    if (await postNotification(url, { value: pending }, this.policy.timeoutMs)) return;
    const delay = this.policy.retryDelayMs(retriesSoFar + 1);
    if (Date.now() + delay - firstAttemptAt > this.policy.giveUpAfterMs) {
      onGiveUp(pending);
      return;
    }
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      void this.deliver(url, pending, retriesSoFar + 1, firstAttemptAt, onGiveUp);
    }, delay);
    timer.unref();
    this.retryTimers.add(timer);
  }

  /** Graph tells a subscriber with a lifecycle URL that notifications were lost. */
  private reportMissed(lost: ChangeNotification[]): void {
    for (const id of new Set(lost.map((n) => n.subscriptionId))) {
      const subscription = this.state.subscriptions.get(id);
      if (subscription) this.lifecycle(subscription, "missed");
    }
  }

  /** Sends a lifecycle notification; `subscriptionRemoved` also removes the subscription. */
  lifecycle(subscription: WatchedSubscription, event: LifecycleEvent): void {
    if (event === "subscriptionRemoved") this.state.subscriptions.delete(subscription.id);
    const url = subscription.lifecycleNotificationUrl;
    if (!url) return;
    const item = lifecycleNotification(this.ctx.tenantId, subscription, event);
    if (event === "subscriptionRemoved") {
      void postNotification(url, { value: [item] }, this.policy.timeoutMs);
    } else {
      void this.deliver(url, [item], 0, Date.now());
    }
  }

  /**
   * Removes expired subscriptions and challenges those within an hour of expiry, then sets
   * a timer for the next such moment. Called after every subscription change and clock move.
   */
  sweep(): void {
    clearTimeout(this.sweepTimer);
    this.sweepTimer = undefined;
    const now = this.state.clock.now().getTime();
    let next = Infinity;
    for (const subscription of this.live()) {
      const expires = Date.parse(subscription.expirationDateTime ?? "");
      const challengeAt = expires - REAUTHORIZE_BEFORE_MS;
      const challenged = subscription._reauthorizationSentFor === subscription.expirationDateTime;
      if (!challenged && challengeAt <= now && subscription.lifecycleNotificationUrl) {
        subscription._reauthorizationSentFor = subscription.expirationDateTime;
        this.lifecycle(subscription, "reauthorizationRequired");
      }
      next = Math.min(next, challenged || challengeAt <= now ? expires : challengeAt);
    }
    if (next === Infinity) return;
    this.sweepTimer = setTimeout(() => this.sweep(), Math.min(MAX_TIMER_MS, Math.max(0, next - now) + 10));
    this.sweepTimer.unref();
  }

  /** Forgets everything queued or waiting to be retried (the control API's reset). */
  stop(): void {
    clearTimeout(this.flushTimer);
    clearTimeout(this.sweepTimer);
    this.flushTimer = undefined;
    this.sweepTimer = undefined;
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    this.outbox.clear();
  }
}

const notifiers = new WeakMap<SimState, Notifier>();

/** The one notifier of a running simulator, made on first use. */
export function notifierFor(ctx: SimContext): Notifier {
  let notifier = notifiers.get(ctx.state);
  if (!notifier) {
    notifier = new Notifier(ctx);
    notifiers.set(ctx.state, notifier);
  }
  return notifier;
}
