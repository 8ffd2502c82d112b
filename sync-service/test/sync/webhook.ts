import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { defaultCertDir, ensureDevCertificates } from "@modeklar/m365-sim";
import type { NotificationHandlers } from "../../src/sync/notifications";

/**
 * The service's two webhooks as the HTTP layer serves them, reduced to what sync tests
 * need: the validation handshake, then the handlers, answered 202.
 */
export async function startWebhooks(handlers: () => NotificationHandlers | null) {
  const certs = await ensureDevCertificates(defaultCertDir());
  const received: { path: string; body: unknown }[] = [];
  const server = createServer({ key: certs.key, cert: certs.cert }, (req, res) => {
    const url = new URL(req.url ?? "/", "https://localhost");
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const token = url.searchParams.get("validationToken");
      if (token !== null) {
        res.writeHead(200, { "Content-Type": "text/plain" }).end(token);
        return;
      }
      const body: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8") || "null");
      received.push({ path: url.pathname, body });
      const target = handlers();
      const handle =
        url.pathname === "/graph/lifecycle" ? target?.handleLifecycle : target?.handleNotification;
      Promise.resolve(handle?.(body)).then(
        () => res.writeHead(202).end(),
        () => res.writeHead(400).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    publicUrl: `https://localhost:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
