/**
 * The built task pane in a plain browser, for the benchmark, the screenshots and the
 * accessibility test: Vite builds the pages with an Office.js stand-in that holds one
 * meeting (organizer or attendee view, Danish or English by `?lang=`), and a small HTTPS-free
 * static server serves them on localhost.
 */
import { createServer, type Server } from "node:http";
import { readFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { build } from "vite";

const ADDIN = path.resolve(import.meta.dirname, "..");
export const OFFICE_STAND_IN = "office-stand-in.js";

/**
 * Builds every page into `outDir` (the baseline in the same run) with the stand-in as
 * Office.js, or the Office.js at `officeJsUrl` (e.g. the simulator's Outlook host).
 */
export async function buildPages(outDir: string, officeJsUrl = `./${OFFICE_STAND_IN}`): Promise<void> {
  const previous = process.env["OFFICE_JS_URL"];
  process.env["OFFICE_JS_URL"] = officeJsUrl;
  try {
    await build({
      root: ADDIN,
      configFile: path.join(ADDIN, "vite.config.ts"),
      logLevel: "warn",
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    if (previous === undefined) delete process.env["OFFICE_JS_URL"];
    else process.env["OFFICE_JS_URL"] = previous;
  }
}

/**
 * An Office.js-shaped object with one meeting nine days ahead. The custom properties live in
 * localStorage ("stand-in.properties"), so a test can put a plan on the meeting first.
 */
const STAND_IN = /* js */ `(() => {
  const query = new URLSearchParams(location.search);
  const view = query.get("view") || "organizer";
  const start = new Date(); start.setDate(start.getDate() + 9); start.setHours(10, 0, 0, 0);
  const end = new Date(start.getTime() + 3600000);
  const ok = (callback, value) => setTimeout(() => callback && callback({ status: "succeeded", value }), 0);
  const stored = JSON.parse(localStorage.getItem("stand-in.properties") || "{}");
  const properties = {
    get: (name) => stored[name], set: (name, value) => { stored[name] = value; }, remove: (name) => { delete stored[name]; },
    getAll: () => ({ ...stored }),
    saveAsync: (callback) => { localStorage.setItem("stand-in.properties", JSON.stringify(stored)); ok(callback); },
  };
  const person = (displayName, emailAddress, appointmentResponse) => ({ displayName, emailAddress, appointmentResponse });
  const required = [person("Jonas Vestergaard", "stabschef@fjordby.dk", "accepted"), person("Henrik Møller Dahl", "kommunaldirektoer@fjordby.dk", "tentative")];
  const organizer = person("Birgitte Holm Sørensen", "borgmester@fjordby.dk", "organizer");
  const value = (v) => ({ getAsync: (callback) => ok(callback, v) });
  const common = {
    itemType: "appointment",
    enhancedLocation: { getAsync: (callback) => ok(callback, []), addAsync: (_locations, callback) => ok(callback) },
    loadCustomPropertiesAsync: (callback) => ok(callback, properties),
  };
  const item = view === "organizer"
    ? { ...common, subject: value("Møde med Fjordby Erhvervsråd"), start: value(start), end: value(end), location: value("Borgmesterens kontor"),
        requiredAttendees: value(required), optionalAttendees: value([]), organizer: value(organizer), getItemIdAsync: (callback) => ok(callback, "AAMkADemo1=") }
    : { ...common, subject: "Møde med Fjordby Erhvervsråd", start, end, location: "Borgmesterens kontor", requiredAttendees: required,
        optionalAttendees: [], organizer, itemId: "AAMkADemo1=" };
  window.Office = {
    onReady: () => Promise.resolve({ host: "Outlook", platform: "OfficeOnline" }),
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    EventType: { ItemChanged: "olkItemSelectedChanged" },
    MailboxEnums: { ItemType: { Appointment: "appointment", Message: "message" }, LocationType: { Room: "room", Custom: "custom" }, RestVersion: { v2_0: "v2.0" } },
    context: {
      displayLanguage: query.get("lang") || "da-DK",
      requirements: { isSetSupported: (name, version) => name === "Mailbox" && Number(version) <= 1.8 },
      mailbox: {
        item,
        convertToRestId: (id) => id.replaceAll("/", "-").replaceAll("+", "_"),
        addHandlerAsync: (_type, _handler, callback) => ok(callback),
        removeHandlerAsync: (_type, callback) => ok(callback),
      },
    },
  };
})();
`;

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".json": "application/json",
};

export interface PanePreview {
  origin: string;
  close(): Promise<void>;
}

/** Serves the built pages and the stand-in; /config.json is absent, so the pane works without the service. */
export async function servePages(dir: string): Promise<PanePreview> {
  const server: Server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    if (pathname === `/${OFFICE_STAND_IN}`) {
      res.writeHead(200, { "content-type": TYPES[".js"] }).end(STAND_IN);
      return;
    }
    const file = path.join(dir, path.normalize(pathname).replace(/^([/\\])+/, ""));
    if (!file.startsWith(dir)) return void res.writeHead(403).end();
    readFile(file).then(
      (body) =>
        res
          .writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" })
          .end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
