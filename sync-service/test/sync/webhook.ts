import { WebhookReceiver } from "@modeklar/m365-sim";
import type { NotificationHandlers } from "../../src/sync/notifications";

/**
 * The service's two webhooks as the HTTP layer serves them, reduced to what sync tests
 * need: the simulator's webhook receiver (validation handshake, every POST recorded), each
 * POST handed to the handlers and answered 202, or 400 when they refuse it.
 */
export function startWebhooks(handlers: () => NotificationHandlers | null): Promise<WebhookReceiver> {
  return WebhookReceiver.start(({ path, body }) => {
    const target = handlers();
    const handle = path === "/graph/lifecycle" ? target?.handleLifecycle : target?.handleNotification;
    return Promise.resolve(handle?.(body)).then(
      () => 202,
      () => 400,
    );
  });
}
