import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { defaultCertDir, ensureDevCertificates } from "../certs";

/** A notification POST as it arrived: its path and its JSON body (null when empty). */
export interface ReceivedNotification {
  path: string;
  body: { value: Array<Record<string, unknown>> } | null;
}

/** How a notification POST is answered: the status to send once it is recorded. */
export type WebhookAnswer = (notification: ReceivedNotification) => number | Promise<number>;

/**
 * A subscriber's webhook endpoint for tests, over HTTPS with the dev certificates: answers
 * validation handshakes (or refuses them), records every notification POST and answers it
 * with the next status queued, or as the `answer` given at start decides.
 */
export class WebhookReceiver {
  readonly received: ReceivedNotification[] = [];
  /** How to answer handshakes: echo the token, or answer 500. */
  handshake: "echo" | "refuse" = "echo";
  /** Statuses for the next notification POSTs, in order; 202 when empty. */
  readonly statuses: number[] = [];
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(answer?: WebhookAnswer): Promise<WebhookReceiver> {
    const certs = await ensureDevCertificates(defaultCertDir());
    const holder: { receiver?: WebhookReceiver } = {};
    const queued = () => holder.receiver?.statuses.shift() ?? 202;
    const server = createServer({ key: certs.key, cert: certs.cert }, (req, res) => {
      const url = new URL(req.url ?? "/", "https://localhost");
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const token = url.searchParams.get("validationToken");
        if (token !== null) {
          if (holder.receiver?.handshake === "refuse") return res.writeHead(500).end();
          return res.writeHead(200, { "Content-Type": "text/plain" }).end(token);
        }
        const notification: ReceivedNotification = {
          path: url.pathname,
          body: JSON.parse(Buffer.concat(chunks).toString("utf8") || "null"),
        };
        holder.receiver?.received.push(notification);
        void Promise.resolve((answer ?? queued)(notification)).then((status) => res.writeHead(status).end());
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    holder.receiver = new WebhookReceiver(
      server,
      `https://localhost:${(server.address() as AddressInfo).port}`,
    );
    return holder.receiver;
  }

  /** Notifications received at a path (the items of every POST, in order). */
  at(path: string): Array<Record<string, unknown>> {
    return this.received.filter((r) => r.path === path).flatMap((r) => r.body?.value ?? []);
  }

  async waitFor(path: string, count: number, timeoutMs = 5_000): Promise<Array<Record<string, unknown>>> {
    const deadline = Date.now() + timeoutMs;
    while (this.at(path).length < count) {
      if (Date.now() > deadline)
        throw new Error(`expected ${count} notification(s) at ${path}, got ${this.at(path).length}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.at(path);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}
