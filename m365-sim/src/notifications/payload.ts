import type { ChangeRecord, SimState, StoredSubscription } from "../state";

/**
 * The subscription as the simulator keeps it: Graph's subscription plus who made it,
 * what it watches and which reauthorization challenge was already sent.
 */
export type WatchedSubscription = StoredSubscription & {
  /** Messages of one folder only (`mailFolders('inbox')/messages`); absent: the whole mailbox. */
  _folder?: string;
  /** The expirationDateTime a reauthorizationRequired notification was already sent for. */
  _reauthorizationSentFor?: string;
};

export type LifecycleEvent = "reauthorizationRequired" | "subscriptionRemoved" | "missed";

/** One item of a changeNotificationCollection (https://learn.microsoft.com/graph/api/resources/changenotification). */
export interface ChangeNotification {
  subscriptionId: string;
  subscriptionExpirationDateTime: string;
  changeType: string;
  resource: string;
  resourceData: Record<string, string>;
  clientState: string | null;
  tenantId: string;
}

export interface LifecycleNotification {
  subscriptionId: string;
  subscriptionExpirationDateTime: string;
  tenantId: string;
  clientState: string | null;
  lifecycleEvent: LifecycleEvent;
}

/** True when the change is in what the subscription watches (mailbox, kind, change type, folder). */
export function watches(state: SimState, subscription: WatchedSubscription, change: ChangeRecord): boolean {
  if (subscription._mailboxId !== change.mailboxId) return false;
  if ((subscription._kind === "events") !== (change.kind === "event")) return false;
  const changeTypes = (subscription.changeType ?? "").split(",").map((t) => t.trim());
  if (!changeTypes.includes(change.changeType)) return false;
  if (!subscription._folder || change.kind !== "message") return true;
  return folderOf(state, change) === subscription._folder;
}

function folderOf(state: SimState, change: ChangeRecord): string | undefined {
  const box = state.mailboxes.get(change.mailboxId);
  const message = box?.messages.get(change.id);
  if (message) return message._folder;
  return box?.tombstones.findLast((t) => t.id === change.id)?.folder;
}

/** The notification Graph sends for a change: the resource path and id, never the item itself. */
export function changeNotification(
  state: SimState,
  tenantId: string,
  subscription: WatchedSubscription,
  change: ChangeRecord,
): ChangeNotification {
  const isEvent = change.kind === "event";
  const resource = `Users/${change.mailboxId}/${isEvent ? "Events" : "Messages"}/${change.id}`;
  const box = state.mailboxes.get(change.mailboxId);
  const item = isEvent ? box?.events.get(change.id) : box?.messages.get(change.id);
  const etag = (item as Record<string, unknown> | undefined)?.["@odata.etag"];
  return {
    subscriptionId: subscription.id,
    subscriptionExpirationDateTime: subscription.expirationDateTime ?? "",
    changeType: change.changeType,
    resource,
    resourceData: {
      "@odata.type": isEvent ? "#Microsoft.Graph.Event" : "#Microsoft.Graph.Message",
      "@odata.id": resource,
      ...(typeof etag === "string" && change.changeType !== "deleted" ? { "@odata.etag": etag } : {}),
      id: change.id,
    },
    clientState: subscription.clientState ?? null,
    tenantId,
  };
}

export function lifecycleNotification(
  tenantId: string,
  subscription: WatchedSubscription,
  lifecycleEvent: LifecycleEvent,
): LifecycleNotification {
  return {
    subscriptionId: subscription.id,
    subscriptionExpirationDateTime: subscription.expirationDateTime ?? "",
    tenantId,
    clientState: subscription.clientState ?? null,
    lifecycleEvent,
  };
}
