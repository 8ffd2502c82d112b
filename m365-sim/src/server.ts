import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { createSimApp } from "./app";
import { defaultCertDir, ensureDevCertificates } from "./certs";
import type { SimContext } from "./context";
import { DEMO_TENANT_ID } from "./directory";
import { closeSelfRequests } from "./graph/self-request";
import { hostUrlOf } from "./host";
import { seedState, type SeedOptions } from "./seed";
import { SigningKeys } from "./signing-keys";
import { SimState } from "./state";

export interface SimOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  port?: number;
  certDir?: string;
  /** Seed options; `false` starts an empty tenant (directory only). */
  seed?: SeedOptions | false;
}

export interface RunningSim {
  /** `https://localhost:<port>`: AUTHORITY_HOST and the Graph host. */
  url: string;
  authorityHost: string;
  graphBaseUrl: string;
  /** `${url}/host/`: the Outlook host page for the add-in; its Office.js is `${hostUrl}office.js`. */
  hostUrl: string;
  tenantId: string;
  caPath: string;
  ctx: SimContext;
  state: SimState;
  close(): Promise<void>;
}

export async function startSim(options: SimOptions = {}): Promise<RunningSim> {
  const certs = await ensureDevCertificates(options.certDir ?? defaultCertDir());
  const state = new SimState();
  const keys = await SigningKeys.create();
  let url = "";
  const seedOptions: SeedOptions = options.seed === false ? { emptyCalendar: true } : (options.seed ?? {});
  const ctx: SimContext = {
    state,
    keys,
    tenantId: DEMO_TENANT_ID,
    baseUrl: () => url,
    issuer: () => `${url}/${DEMO_TENANT_ID}/v2.0`,
    ca: certs.ca,
    seed: (world) => seedState(world, seedOptions),
  };
  ctx.seed(state);

  const server: Server = createServer({ key: certs.key, cert: certs.cert }, createSimApp(ctx));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  url = `https://localhost:${port}`;

  return {
    url,
    authorityHost: url,
    graphBaseUrl: `${url}/v1.0`,
    hostUrl: hostUrlOf(url),
    tenantId: DEMO_TENANT_ID,
    caPath: certs.caPath,
    ctx,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        closeSelfRequests(ctx);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
