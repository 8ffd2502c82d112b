import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
  type Server,
} from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { Client } from "@microsoft/microsoft-graph-client";
import type { ServiceConfig } from "../config";
import { createSubscription, deleteSubscription } from "../graph/subscriptions";
import { WEBHOOK_PATHS } from "../sync/subscriptions";
import { line, text, type CheckLine } from "./report";

/** Long enough for Graph to accept; the subscription is deleted as soon as it exists. */
const TEST_SUBSCRIPTION_MS = 60 * 60_000;

/** Graph's validation handshake: echo `validationToken` as text/plain; anything else is taken (202). */
function answerValidation(req: IncomingMessage, res: ServerResponse): void {
  const token = new URL(req.url ?? "/", "http://doctor").searchParams.get("validationToken");
  req.resume();
  if (token !== null) {
    res.writeHead(200, { "content-type": "text/plain" }).end(token);
    return;
  }
  res.writeHead(202).end();
}

/**
 * Before the service is started, nothing answers at PUBLIC_URL: the doctor answers the handshake
 * itself on PORT (HTTPS with TLS_CERT_PATH, else plain HTTP behind the TLS proxy), so the whole
 * way from Graph through DNS and the reverse proxy is tested. When the service already listens
 * there, it answers.
 */
async function listenInServiceStead(config: ServiceConfig): Promise<Server | null> {
  const server = config.tls
    ? createHttpsServer(
        { cert: await readFile(config.tls.certPath), key: await readFile(config.tls.keyPath) },
        answerValidation,
      )
    : createHttpServer(answerValidation);
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      error.code === "EADDRINUSE" ? resolve(null) : reject(error),
    );
    server.listen(config.port, () => resolve(server));
  });
}

function messageOf(error: unknown): string {
  const cause = (error as { cause?: unknown } | null)?.cause;
  const base = error instanceof Error ? error.message : String(error);
  return cause instanceof Error ? `${base} (${cause.message})` : base;
}

/** PUBLIC_URL answers the handshake over HTTPS from here, and Graph completes it for a test subscription. */
export async function checkPublicUrl(client: Client, config: ServiceConfig): Promise<CheckLine> {
  const url = `${config.publicUrl}${WEBHOOK_PATHS.notifications}`;
  const { host } = new URL(config.publicUrl);
  const standIn = await listenInServiceStead(config);
  try {
    const probe = randomBytes(12).toString("hex");
    try {
      const response = await fetch(`${url}?validationToken=${probe}`, { method: "POST" });
      const echoed = await response.text();
      if (!response.ok || echoed !== probe) throw new Error(`HTTP ${response.status}`);
    } catch (error) {
      return line(
        "public-url",
        "fail",
        text("doctor.publicUrl.unreachable", { url: config.publicUrl, error: messageOf(error) }),
        text("doctor.publicUrl.unreachable.fix", { host, port: config.port }),
      );
    }
    try {
      const subscription = await createSubscription(client, {
        mailbox: config.mailboxes[0] ?? "",
        kind: "events",
        notificationUrl: url,
        lifecycleNotificationUrl: `${config.publicUrl}${WEBHOOK_PATHS.lifecycle}`,
        expirationDateTime: new Date(Date.now() + TEST_SUBSCRIPTION_MS).toISOString(),
        clientState: randomBytes(24).toString("base64url"),
      });
      await deleteSubscription(client, subscription.id);
    } catch (error) {
      return line(
        "public-url",
        "fail",
        text("doctor.publicUrl.refused", { url, error: messageOf(error) }),
        text("doctor.publicUrl.refused.fix", { url }),
      );
    }
    return line("public-url", "pass", text("doctor.publicUrl.ok", { url: config.publicUrl }));
  } finally {
    if (standIn) {
      standIn.closeAllConnections();
      await new Promise((resolve) => standIn.close(resolve));
    }
  }
}
