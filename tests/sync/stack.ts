import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  defaultCertDir,
  ensureDevCertificates,
  signInAs,
  startSim,
  type RunningSim,
  type SimOptions,
} from "@modeklar/m365-sim";
import { createService, loadConfig, type RunningService, type ServiceOptions } from "@modeklar/sync-service";
import { buildService } from "../../sync-service/build";
import { SERVICE_ENV, SERVICE_NODE_FLAGS } from "../../sync-service/launch";
import { MAYOR, simControl } from "../../sync-service/test/sync/sim";

export { MAYOR, SECRETARY } from "../../sync-service/test/sync/sim";

/** A free TCP port on this machine (PUBLIC_URL must name the port before the service listens). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const builds = new Map<string, Promise<string>>();

/**
 * Node's arguments for the built service as production runs it (plain node, the service's flags,
 * sync-service/build.ts), built once per `name` into a folder of its own under sync-service/dist,
 * so test files building at the same time do not write over each other.
 */
export async function builtServiceArgs(name: string): Promise<string[]> {
  let main = builds.get(name);
  if (!main) {
    main = buildService(path.join(import.meta.dirname, "../../sync-service/dist/tests", name));
    builds.set(name, main);
  }
  return [...SERVICE_NODE_FLAGS, await main];
}

/** The environment `npm start` gives the service, pointed at this simulator. */
export async function serviceEnv(sim: RunningSim, extra: Record<string, string> = {}) {
  const certs = await ensureDevCertificates(defaultCertDir());
  const port = await freePort();
  return {
    ...SERVICE_ENV,
    TENANT_ID: sim.tenantId,
    CLIENT_ID: DEMO_CLIENT_ID,
    CLIENT_SECRET: DEMO_CLIENT_SECRET,
    AUTHORITY_HOST: sim.authorityHost,
    GRAPH_BASE_URL: sim.graphBaseUrl,
    MAILBOXES: MAYOR,
    PUBLIC_URL: `https://localhost:${port}`,
    PORT: String(port),
    TLS_CERT_PATH: certs.certPath,
    TLS_KEY_PATH: certs.keyPath,
    LOG_LEVEL: "silent",
    // A test makes requests far faster than a person: the limit per person has a test of its own.
    RATE_LIMIT_PER_MINUTE: "100000",
    ...extra,
  };
}

export interface Stack {
  sim: RunningSim;
  service: RunningService;
  dataDir: string;
  close(): Promise<void>;
}

/** The simulator and one service in this process, with a throwaway PGlite directory. */
export async function startStack(
  options: {
    env?: Record<string, string>;
    sim?: SimOptions;
    pollMs?: number;
    logger?: ServiceOptions["logger"];
  } = {},
): Promise<Stack> {
  const sim = await startSim(options.sim);
  const dataDir = mkdtempSync(path.join(tmpdir(), "modeklar-e2e-"));
  const config = loadConfig(await serviceEnv(sim, { DATA_DIR: dataDir, ...options.env }));
  const service = await createService(config, {
    pollMs: options.pollMs ?? 50,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  return {
    sim,
    service,
    dataDir,
    close: async () => {
      await service.stop();
      await sim.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A person's access token for the Mødeklar API, through the real sign-in. */
export async function apiToken(sim: RunningSim, user: string): Promise<string> {
  const tokens = await signInAs(sim, { user, scope: `api://${DEMO_CLIENT_ID}/access_as_user` });
  return tokens.access_token;
}

/** The UTC date `offsetDays` from now, yyyy-mm-dd (0 is today, -1 yesterday). */
export const dayIn = (offsetDays: number): string =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** An hour of tomorrow in UTC, as Graph's dateTimeTimeZone. */
export function tomorrowAt(hour: number): { dateTime: string; timeZone: string } {
  return { dateTime: `${dayIn(1)}T${String(hour).padStart(2, "0")}:00:00`, timeZone: "UTC" };
}

/** Waits until `check` holds, polling; fails with `what` after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | null | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The simulator's control API as a person (or an outside organizer) acting in the tenant. */
export function control(sim: RunningSim, method: string, route: string, body?: unknown) {
  return simControl(sim)(method, route, body);
}
