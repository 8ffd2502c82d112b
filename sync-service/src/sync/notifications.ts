import { createHash, timingSafeEqual } from "node:crypto";
import type { Logger } from "pino";
import { z } from "zod";
import type { MirrorStore, SubscriptionRecord } from "../store/types";
import { enqueueMailboxJob, resyncJob, syncJob } from "./jobs";
import { hashClientState } from "./subscriptions";

/**
 * What Graph posts to the webhooks. A notification only schedules a delta round for its
 * mailbox (coalesced with any pending one); the round does the work, so the webhook can
 * answer 202 at once and a dropped or forged notification loses nothing.
 */

const notification = z
  .object({
    subscriptionId: z.string().min(1).max(256),
    clientState: z.string().max(256).nullish(),
    changeType: z.string().max(64).optional(),
    lifecycleEvent: z.string().max(64).optional(),
    resource: z.string().max(2048).optional(),
    resourceData: z
      .object({ id: z.string().max(512).optional(), "@odata.etag": z.string().max(256).optional() })
      .loose()
      .optional(),
    tenantId: z.string().max(64).optional(),
  })
  .loose();

const notificationBatch = z.object({ value: z.array(notification).min(1).max(1000) });

type Notification = z.infer<typeof notification>;

export interface NotificationHandlers {
  handleNotification(body: unknown): Promise<void>;
  handleLifecycle(body: unknown): Promise<void>;
}

function sameClientState(given: string | null | undefined, record: SubscriptionRecord): boolean {
  if (!given) return false;
  const expected = Buffer.from(record.clientStateHash, "hex");
  const actual = Buffer.from(hashClientState(given), "hex");
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** A repeat delivery of the same change has the same key; a change without an etag is never deduplicated. */
function dedupKey(item: Notification): string | null {
  const etag = item.resourceData?.["@odata.etag"];
  if (!etag) return null;
  const identity = [item.subscriptionId, item.changeType ?? "", item.resourceData?.id ?? "", etag].join("\n");
  return `graph:${createHash("sha256").update(identity).digest("hex")}`;
}

export function createNotificationHandlers(options: {
  store: MirrorStore;
  log: Logger;
  /** Told after a notification enqueued a round, so the worker need not wait for its next poll. */
  onEnqueued?: () => void;
}): NotificationHandlers {
  const { store, log } = options;

  /** The subscription a notification claims to be for, or null (logged) when it is unknown or forged. */
  async function authentic(item: Notification): Promise<SubscriptionRecord | null> {
    const record = await store.getSubscription(item.subscriptionId);
    if (!record) {
      log.warn({ subscriptionId: item.subscriptionId }, "notification for an unknown subscription dropped");
      return null;
    }
    if (!sameClientState(item.clientState, record)) {
      log.warn({ subscriptionId: item.subscriptionId }, "notification with a wrong clientState dropped");
      return null;
    }
    return record;
  }

  return {
    async handleNotification(body) {
      const { value } = notificationBatch.parse(body);
      for (const item of value) {
        const record = await authentic(item);
        if (!record) continue;
        const key = dedupKey(item);
        if (key && !(await store.rememberNotification(key))) continue;
        await enqueueMailboxJob(store, syncJob(record.kind), record.mailbox);
        options.onEnqueued?.();
      }
    },

    async handleLifecycle(body) {
      const { value } = notificationBatch.parse(body);
      for (const item of value) {
        const record = await authentic(item);
        if (!record) continue;
        switch (item.lifecycleEvent) {
          case "reauthorizationRequired":
            await enqueueMailboxJob(store, "renew-subscriptions", record.mailbox);
            break;
          case "subscriptionRemoved":
            await store.deleteSubscription(record.id);
            await enqueueMailboxJob(store, "subscriptions", record.mailbox);
            await enqueueMailboxJob(store, resyncJob(record.kind), record.mailbox);
            break;
          case "missed":
            await enqueueMailboxJob(store, syncJob(record.kind), record.mailbox);
            break;
          default:
            log.warn({ lifecycleEvent: item.lifecycleEvent }, "unknown lifecycle event ignored");
        }
      }
    },
  };
}
