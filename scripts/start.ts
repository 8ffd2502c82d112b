/**
 * `npm start`: the whole of Mødeklar on this machine, with no tenant. Makes the local
 * development CA, then starts each part below that exists, with the CA trusted
 * (NODE_EXTRA_CA_CERTS) and the demo tenant's settings in the environment. Ctrl-C stops
 * them all. `npm run sim` (`--sim-only`) starts the simulator alone. The sync service is built
 * first (sync-service/build.ts, a second) and runs as in production: plain node, its own flags.
 *
 *   node --import tsx scripts/start.ts [--sim-only] [--no-pages] [--port 7443] [other simulator options]
 *
 * The pages (task pane, phone, week view, day lists) are built into addin/dist-demo while the
 * simulator and the service start, with the simulator's Office.js; `--no-pages` skips that.
 * Once the service is ready, the secretary places a few orders (scripts/demo-orders.ts) so
 * the reception's and the kitchen's day lists are not empty.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import https from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { defaultCertDir, ensureDevCertificates } from "../m365-sim/src/certs";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANT_ID } from "../m365-sim/src/directory";
import { buildService } from "../sync-service/build";
import { SERVICE_ENV, SERVICE_NODE_FLAGS } from "../sync-service/launch";
import { readableLogLine } from "./demo-log";
import { httpsUrl, renderManifest } from "./write-manifest";

const root = path.resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const simOnly = args.includes("--sim-only");
const noPages = simOnly || args.includes("--no-pages");
const simArgs = args.filter((a) => a !== "--sim-only" && a !== "--no-pages");
const pagesDir = path.join(root, "addin", "dist-demo");
const dataDir = path.resolve(process.env["DATA_DIR"] ?? "./data");
// The demo's Microsoft 365 is saved beside the service's data, so a restart finds the same meetings
// that the service's plans and orders are on (a fresh simulator would make the calendar anew).
if (!simOnly && !simArgs.includes("--snapshot"))
  simArgs.push("--snapshot", path.join(dataDir, "m365-sim.json"));
const portIndex = simArgs.indexOf("--port");
const simPort = portIndex >= 0 ? simArgs[portIndex + 1] : "7443";
const simUrl = `https://localhost:${simPort}`;

/** One part of Mødeklar to run: its TypeScript entry point and what it needs in its environment. */
interface Part {
  name: string;
  entry: string;
  args: string[];
  /** How node runs it: the TypeScript entry through tsx, unless the part is built first. */
  launch?: () => Promise<string[]>;
  env: Record<string, string>;
  /** Only the simulator runs with `--sim-only`. */
  simulator?: boolean;
}

/** The demo tenant: what a real deployment would set for its own tenant. */
const demoTenant = {
  TENANT_ID: DEMO_TENANT_ID,
  CLIENT_ID: DEMO_CLIENT_ID,
  CLIENT_SECRET: DEMO_CLIENT_SECRET,
  AUTHORITY_HOST: simUrl,
  GRAPH_BASE_URL: `${simUrl}/v1.0`,
  MAILBOXES: "borgmester@fjordby.dk",
  // The case system's journal mailbox in the demo tenant (the simulator's case system reads it).
  JOURNAL_MAILBOX: "journal@fjordby.dk",
};

const certs = await ensureDevCertificates(defaultCertDir());
const servicePort = process.env["PORT"] ?? "3000";
// Where people reach the service and its pages: PUBLIC_URL, else the port on this machine.
const serviceUrl = httpsUrl(
  process.env["PUBLIC_URL"] ?? `https://localhost:${servicePort}`,
  "PUBLIC_URL",
).href.replace(/\/+$/, "");

// The host page shows the add-in from a manifest written for this PUBLIC_URL, so the task pane
// and its icons load from where this service runs (the repository's manifest.xml names port 3000).
const demoDir = mkdtempSync(path.join(tmpdir(), "modeklar-demo-"));
const manifestPath = path.join(demoDir, "manifest.xml");
writeFileSync(manifestPath, renderManifest({ publicUrl: serviceUrl, signInHost: simUrl }));
process.on("exit", () => rmSync(demoDir, { recursive: true, force: true }));

const parts: Part[] = [
  {
    name: "m365-sim",
    entry: "m365-sim/src/bin/sim.ts",
    // The pages sign in with MSAL, which returns to auth-redirect.html.
    args: [...simArgs, "--redirect-uri", `${serviceUrl}/auth-redirect.html`],
    env: { SIM_ADDIN_MANIFEST: manifestPath },
    simulator: true,
  },
  {
    name: "sync-service",
    entry: "sync-service/src/main.ts",
    args: [],
    // As in production: built into one bundle and run by plain node with the service's flags.
    launch: async () => [...SERVICE_NODE_FLAGS, await buildService()],
    // HTTPS with the dev certificate: Graph webhooks and Outlook add-ins only talk to https.
    env: {
      ...SERVICE_ENV,
      ...demoTenant,
      PUBLIC_URL: serviceUrl,
      PORT: servicePort,
      TLS_CERT_PATH: certs.certPath,
      TLS_KEY_PATH: certs.keyPath,
      DATA_DIR: dataDir,
      PAGES_DIR: pagesDir,
      DEPARTMENTS:
        "Teknik og Miljø=teknik-miljoe@fjordby.dk;Social og Sundhed=social-sundhed@fjordby.dk;" +
        "Børn og Unge=boern-unge@fjordby.dk;Kultur og Fritid=kultur-fritid@fjordby.dk;" +
        "Økonomi og Analyse=oekonomi@fjordby.dk",
    },
  },
];

const toStart = parts.filter((p) => (simOnly ? p.simulator : existsSync(path.join(root, p.entry))));
const running = new Map<string, ChildProcess>();
let pagesBuild: ChildProcess | undefined;
let demoOrders: ChildProcess | undefined;
let stopping = false;

async function start(part: Part): Promise<ChildProcess> {
  const nodeArgs = part.launch ? await part.launch() : ["--import", "tsx", path.join(root, part.entry)];
  const child = spawn(process.execPath, [...nodeArgs, ...part.args], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...part.env, NODE_EXTRA_CA_CERTS: certs.caPath },
  });
  const prefix = toStart.length > 1 ? `[${part.name}] ` : "";
  const show = (line: string) => readableLogLine(line).replace(/^/gm, prefix);
  createInterface({ input: child.stdout! }).on("line", (line) => console.log(show(line)));
  createInterface({ input: child.stderr! }).on("line", (line) => console.error(show(line)));
  child.on("exit", (code, signal) => {
    running.delete(part.name);
    if (!stopping) {
      console.error(`${part.name} stopped (${signal ?? `exit code ${code}`}); stopping the others.`);
      stopAll(code ?? 1);
    } else if (running.size === 0) {
      process.exit(process.exitCode ?? 0);
    }
  });
  return child;
}

function stopAll(exitCode: number): void {
  if (stopping) return;
  stopping = true;
  process.exitCode = exitCode;
  pagesBuild?.kill("SIGTERM");
  demoOrders?.kill("SIGTERM");
  if (running.size === 0) process.exit(exitCode);
  for (const child of running.values()) child.kill("SIGTERM");
}

// `npm start` runs this through a shell, and npm passes its SIGTERM to that shell only: when
// the process that started this one goes away, this one is left alone and stops the parts.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) stopAll(0);
}, 500).unref();

/** The simulator answers OIDC discovery once it is up. */
async function simulatorUp(timeoutMs = 30_000): Promise<boolean> {
  const discovery = `${simUrl}/${DEMO_TENANT_ID}/v2.0/.well-known/openid-configuration`;
  for (const started = Date.now(); Date.now() - started < timeoutMs;) {
    const ok = await new Promise<boolean>((resolve) =>
      https
        .get(discovery, { ca: certs.ca }, (res) => {
          res.resume();
          resolve(res.statusCode === 200);
        })
        .on("error", () => resolve(false)),
    );
    if (ok) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

// The parts start one after the other without waiting for each other: the service opens its store
// meanwhile and retries Graph until the simulator answers.
for (const part of toStart) {
  if (stopping) break;
  try {
    running.set(part.name, await start(part));
  } catch (err) {
    console.error(`${part.name} could not be started: ${err instanceof Error ? err.message : String(err)}`);
    stopAll(1);
  }
}
if (toStart.length > 1 && !(await simulatorUp())) {
  console.error("m365-sim did not answer within 30 s; stopping.");
  stopAll(1);
}
if (toStart.some((p) => p.name === "sync-service") && !stopping) {
  console.log(`
Mødeklar's sync service: ${serviceUrl}
  API documentation (OpenAPI): ${serviceUrl}/openapi.json
  Health:                      ${serviceUrl}/healthz
  Readiness:                   ${serviceUrl}/readyz
  Metrics:                     ${serviceUrl}/metrics
`);
}
if (toStart.some((p) => p.name === "sync-service") && !stopping) startDemoOrders();
if (!noPages && !stopping) buildPages();

/**
 * The demo's first orders (scripts/demo-orders.ts): once the service is ready, the secretary
 * sends guest lists and a catering order so the day lists show something; one line says what.
 */
function startDemoOrders(): void {
  demoOrders = spawn(
    process.execPath,
    ["--import", "tsx", path.join(root, "scripts", "demo-orders.ts"), serviceUrl, simUrl],
    {
      cwd: root,
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, NODE_EXTRA_CA_CERTS: certs.caPath },
    },
  );
  demoOrders.on("exit", () => (demoOrders = undefined));
}

/** Builds the pages for the demo: the task pane loads the simulator's Office.js instead of Microsoft's. */
function buildPages(): void {
  console.log("Building the pages (task pane, phone, week view, day lists)…");
  const build = (pagesBuild = spawn(
    process.execPath,
    [
      path.join(root, "node_modules", "vite", "bin", "vite.js"),
      "build",
      "--outDir",
      pagesDir,
      "--logLevel",
      "warn",
    ],
    {
      cwd: path.join(root, "addin"),
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, OFFICE_JS_URL: `${simUrl}/host/office.js` },
    },
  ));
  createInterface({ input: build.stderr! }).on("line", (line) => console.error(`[pages] ${line}`));
  build.on("exit", (code) => {
    pagesBuild = undefined;
    if (stopping) return;
    if (code !== 0) {
      console.error(`The pages could not be built (exit code ${code}); the API and the simulator still run.`);
      return;
    }
    console.log(`
Mødeklar's pages (sign in with a seeded person on the simulator's sign-in page):
  Outlook host page (the task pane): ${simUrl}/host/
  The mayor's phone:                 ${serviceUrl}/mobile.html
  Weekly calendar meeting:           ${serviceUrl}/week.html
  Reception's day list:              ${serviceUrl}/daylist.html?role=reception
  Kitchen's day list:                ${serviceUrl}/daylist.html?role=catering
  Inquiries and journalising:        ${serviceUrl}/inquiries.html
`);
  });
}

process.on("SIGINT", () => stopAll(0));
process.on("SIGTERM", () => stopAll(0));
