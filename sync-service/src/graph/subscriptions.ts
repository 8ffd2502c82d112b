import { PageIterator, type Client, type PageCollection } from "@microsoft/microsoft-graph-client";
import { z } from "zod";
import { GraphFailure, type GraphSubscription, type StreamKind, type SubscriptionRequest } from "./gateway";
import { call, mailboxRequest } from "./requests";

const subscription = z.object({
  id: z.string(),
  resource: z.string(),
  changeType: z.string(),
  notificationUrl: z.string(),
  expirationDateTime: z.string(),
});

function parseSubscription(raw: unknown): GraphSubscription {
  const parsed = subscription.safeParse(raw);
  if (!parsed.success) throw new GraphFailure(502, null, "Graph returned a malformed subscription.");
  return parsed.data;
}

/** The watched resource of a mailbox's stream, in the form Graph's documentation uses. */
export function subscriptionResource(mailbox: string, kind: StreamKind): string {
  if (kind === "events") return `users/${mailbox}/events`;
  return `users/${mailbox}/mailFolders('${kind === "sent" ? "sentitems" : "inbox"}')/messages`;
}

export async function createSubscription(
  client: Client,
  request: SubscriptionRequest,
): Promise<GraphSubscription> {
  const raw = await call(() =>
    mailboxRequest(client, request.mailbox, "/subscriptions").post({
      changeType: "created,updated,deleted",
      notificationUrl: request.notificationUrl,
      lifecycleNotificationUrl: request.lifecycleNotificationUrl,
      resource: subscriptionResource(request.mailbox, request.kind),
      expirationDateTime: request.expirationDateTime,
      clientState: request.clientState,
    }),
  );
  return parseSubscription(raw);
}

export async function renewSubscription(
  client: Client,
  id: string,
  expirationDateTime: string,
): Promise<GraphSubscription> {
  const raw = await call(() =>
    client.api(`/subscriptions/${encodeURIComponent(id)}`).patch({ expirationDateTime }),
  );
  return parseSubscription(raw);
}

export async function deleteSubscription(client: Client, id: string): Promise<void> {
  await call(() => client.api(`/subscriptions/${encodeURIComponent(id)}`).delete()).catch((err) => {
    if (!(err instanceof GraphFailure && err.status === 404)) throw err;
  });
}

export async function listSubscriptions(client: Client): Promise<GraphSubscription[]> {
  const found: GraphSubscription[] = [];
  await call(async () => {
    const first = (await client.api("/subscriptions").get()) as PageCollection;
    await new PageIterator(client, first, (item) => {
      found.push(parseSubscription(item));
      return true;
    }).iterate();
  });
  return found;
}
