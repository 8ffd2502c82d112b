import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import type { DevCertificates } from "../../certs";

/**
 * A small task pane on its own origin for the host page's browser test: it loads the
 * host's office.js, reads the meeting, saves a custom property, books a room, and writes
 * what it saw into #result. The real task pane lives in addin/; this one proves the host.
 */

export interface FixturePane {
  origin: string;
  close(): Promise<void>;
}

const paneScript = (roomEmail: string) => `
const call = (start) => new Promise((resolve, reject) =>
  start((r) => (r.status === Office.AsyncResultStatus.Succeeded ? resolve(r.value) : reject(r.error))));
const read = (p) => (p && typeof p.getAsync === "function" ? call((cb) => p.getAsync(cb)) : Promise.resolve(p));
const output = document.getElementById("result");
const changed = document.getElementById("changed");
Office.onReady(async (info) => {
  const seen = { host: info.host };
  try {
    const mailbox = Office.context.mailbox;
    const item = mailbox.item;
    seen.language = Office.context.displayLanguage;
    seen.hostName = mailbox.diagnostics.hostName;
    seen.mailbox18 = Office.context.requirements.isSetSupported("Mailbox", "1.8");
    seen.mailbox114 = Office.context.requirements.isSetSupported("Mailbox", "1.14");
    seen.itemType = item.itemType;
    seen.subject = await read(item.subject);
    seen.start = (await read(item.start)).toISOString();
    seen.required = (await read(item.requiredAttendees)).map((a) => a.emailAddress + ":" + a.appointmentResponse);
    seen.itemId = mailbox.convertToRestId(await call((cb) => item.getItemIdAsync(cb)), Office.MailboxEnums.RestVersion.v2_0);
    seen.shared = await call((cb) => item.getSharedPropertiesAsync(cb));
    const properties = await call((cb) => item.loadCustomPropertiesAsync(cb));
    properties.set("plan", "room:${roomEmail}");
    await call((cb) => properties.saveAsync(cb));
    await call((cb) => item.enhancedLocation.addAsync([{ id: "${roomEmail}", type: Office.MailboxEnums.LocationType.Room }], cb));
    seen.locations = (await call((cb) => Office.context.mailbox.item.enhancedLocation.getAsync(cb))).map(
      (l) => l.locationIdentifier.type + ":" + l.locationIdentifier.id);
    await call((cb) => mailbox.addHandlerAsync(Office.EventType.ItemChanged, async () => {
      changed.textContent = await read(Office.context.mailbox.item.subject);
    }, cb));
  } catch (error) {
    seen.error = error;
  }
  output.textContent = JSON.stringify(seen);
  output.dataset.done = "true";
});
`;

function paneHtml(officeJs: string, roomEmail: string): string {
  return `<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>Fixture pane</title>
<script src="${officeJs}"></script></head>
<body><pre id="result"></pre><p id="changed"></p>
<script>${paneScript(roomEmail)}</script></body></html>`;
}

export async function startFixturePane(
  certs: DevCertificates,
  officeJs: string,
  roomEmail: string,
): Promise<FixturePane> {
  const server: Server = createServer({ key: certs.key, cert: certs.cert }, (req, res) => {
    if (req.url?.startsWith("/taskpane.html")) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(paneHtml(officeJs, roomEmail));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `https://localhost:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
