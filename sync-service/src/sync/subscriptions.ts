import { createHash, randomBytes } from "node:crypto";
import type { Logger } from "pino";
import { GraphFailure, type MailboxGateway } from "../graph";
import type { MirrorStore, StreamKind, SubscriptionRecord } from "../store/types";
import { STREAMS } from "./jobs";

const DAY_MS = 24 * 60 * 60 * 1000;

export function hashClientState(clientState: string): string {
  return createHash("sha256").update(clientState, "utf8").digest("hex");
}

export interface SubscriptionKeeperOptions {
  store: MirrorStore;
  gateway: MailboxGateway;
  /** Where Graph reaches the service (PUBLIC_URL). */
  publicUrl: string;
  /** The configured mailboxes: subscriptions for any other mailbox are stale. */
  mailboxes: string[];
  log: Logger;
  /** Outlook allows at most 7 days (10,080 minutes); 3 days leaves room for a missed renewal. */
  lifetimeMs?: number;
  /** Renew when less than this is left. */
  renewBeforeMs?: number;
  now?: () => Date;
}

/** Where Graph delivers change notifications and lifecycle events, under PUBLIC_URL. */
export const WEBHOOK_PATHS = {
  notifications: "/graph/notifications",
  lifecycle: "/graph/lifecycle",
} as const;

/**
 * Keeps one change-notification subscription per mailbox and stream alive: creates it with
 * a fresh random clientState (only its hash is stored), renews it well before it expires,
 * recreates it when Graph has forgotten it, and removes the app's stale ones.
 */
export class SubscriptionKeeper {
  readonly notificationUrl: string;
  readonly lifecycleUrl: string;
  private readonly lifetimeMs: number;
  private readonly renewBeforeMs: number;
  private readonly now: () => Date;

  constructor(private readonly options: SubscriptionKeeperOptions) {
    this.notificationUrl = `${options.publicUrl}${WEBHOOK_PATHS.notifications}`;
    this.lifecycleUrl = `${options.publicUrl}${WEBHOOK_PATHS.lifecycle}`;
    this.lifetimeMs = options.lifetimeMs ?? 3 * DAY_MS;
    this.renewBeforeMs = options.renewBeforeMs ?? DAY_MS;
    this.now = options.now ?? (() => new Date());
  }

  private expiry(): string {
    return new Date(this.now().getTime() + this.lifetimeMs).toISOString();
  }

  /** Makes sure every stream of the mailbox are watched and not close to expiry. */
  async maintain(mailbox: string, options: { forceRenew?: boolean } = {}): Promise<void> {
    const records = await this.options.store.listSubscriptions(mailbox);
    for (const stream of STREAMS) {
      const mine = records
        .filter((r) => r.kind === stream)
        .sort((a, b) => (a.expiresAt < b.expiresAt ? 1 : -1));
      const [keep, ...extra] = mine;
      for (const duplicate of extra) await this.remove(duplicate);
      if (!keep) {
        await this.create(mailbox, stream);
        continue;
      }
      const left = Date.parse(keep.expiresAt) - this.now().getTime();
      if (options.forceRenew || left < this.renewBeforeMs) await this.renew(keep);
    }
  }

  private async create(mailbox: string, kind: StreamKind): Promise<void> {
    const clientState = randomBytes(32).toString("base64url");
    const created = await this.options.gateway.createSubscription({
      mailbox,
      kind,
      notificationUrl: this.notificationUrl,
      lifecycleNotificationUrl: this.lifecycleUrl,
      clientState,
      expirationDateTime: this.expiry(),
    });
    await this.options.store.saveSubscription({
      id: created.id,
      mailbox,
      kind,
      resource: created.resource,
      clientStateHash: hashClientState(clientState),
      expiresAt: created.expirationDateTime,
    });
    this.options.log.info({ mailbox, kind, subscriptionId: created.id }, "subscription created");
  }

  private async renew(record: SubscriptionRecord): Promise<void> {
    try {
      const renewed = await this.options.gateway.renewSubscription(record.id, this.expiry());
      await this.options.store.saveSubscription({ ...record, expiresAt: renewed.expirationDateTime });
    } catch (err) {
      if (!(err instanceof GraphFailure && err.status === 404)) throw err;
      // Graph no longer knows it (expired or removed): start over with a new one.
      await this.options.store.deleteSubscription(record.id);
      await this.create(record.mailbox, record.kind);
    }
  }

  private async remove(record: SubscriptionRecord): Promise<void> {
    await this.options.gateway.deleteSubscription(record.id);
    await this.options.store.deleteSubscription(record.id);
  }

  /**
   * At start: deletes this deployment's subscriptions in Graph that the store does not
   * know, and those of mailboxes no longer configured. Subscriptions pointing at another
   * URL belong to another deployment of the same app and are left alone.
   */
  async cleanUp(): Promise<void> {
    const { store, gateway, mailboxes, log } = this.options;
    const known = await store.listSubscriptions();
    const knownIds = new Set(known.map((s) => s.id));
    for (const record of known) {
      if (!mailboxes.includes(record.mailbox)) {
        await this.remove(record);
        knownIds.delete(record.id);
        log.info(
          { mailbox: record.mailbox, subscriptionId: record.id },
          "subscription of an unconfigured mailbox removed",
        );
      }
    }
    for (const sub of await gateway.listSubscriptions()) {
      if (sub.notificationUrl !== this.notificationUrl || knownIds.has(sub.id)) continue;
      await gateway.deleteSubscription(sub.id);
      log.info({ subscriptionId: sub.id }, "stale subscription removed");
    }
  }
}
