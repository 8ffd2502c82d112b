import { ConfidentialClientApplication } from "@azure/msal-node";
import { Client, GraphError } from "@microsoft/microsoft-graph-client";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, GRAPH_RESOURCE } from "../directory";
import type { RunningSim } from "../server";

/**
 * What the simulator's Graph tests share: a token and a Graph client made exactly as the sync
 * service makes them (MSAL client credentials, the official client over HTTPS), and the `/_sim`
 * control API for acting as other people.
 */

/** MSAL for a confidential client of the sim's tenant. */
export function msalApp(sim: RunningSim, clientId = DEMO_CLIENT_ID, clientSecret = DEMO_CLIENT_SECRET) {
  return new ConfidentialClientApplication({
    auth: {
      clientId,
      clientSecret,
      authority: `${sim.authorityHost}/${sim.tenantId}`,
      knownAuthorities: [new URL(sim.url).host],
    },
  });
}

/** A client-credentials token for Graph from the sim's token endpoint, through MSAL. */
export async function clientCredentialsToken(
  sim: RunningSim,
  clientId = DEMO_CLIENT_ID,
  clientSecret = DEMO_CLIENT_SECRET,
): Promise<string> {
  const result = await msalApp(sim, clientId, clientSecret).acquireTokenByClientCredential({
    scopes: [`${GRAPH_RESOURCE}/.default`],
  });
  return result!.accessToken;
}

/** The Graph client as the sync service builds it: base URL without version, the sim's host as custom host. */
export function graphClient(sim: RunningSim, token: string | (() => string | Promise<string>)): Client {
  return Client.init({
    baseUrl: sim.url,
    defaultVersion: "v1.0",
    customHosts: new Set([new URL(sim.url).hostname]),
    authProvider: (done) => {
      Promise.resolve(typeof token === "string" ? token : token()).then(
        (t) => done(null, t),
        (err: unknown) => done(err, null),
      );
    },
  });
}

/** The GraphError a call fails with; a call that succeeds fails the test. */
export async function graphError(call: Promise<unknown>): Promise<GraphError> {
  try {
    await call;
  } catch (err) {
    if (err instanceof GraphError) return err;
    throw err;
  }
  throw new Error("expected the Graph call to fail");
}

/** A request to the sim's control API (`/_sim`), JSON when it has a body. */
export function simControl(sim: RunningSim, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${sim.url}/_sim${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** A token minted by the control API (`POST /_sim/token`), for the tests that need no MSAL. */
export async function mintedToken(
  sim: RunningSim,
  body: unknown = { clientId: DEMO_CLIENT_ID },
): Promise<string> {
  const response = await simControl(sim, "POST", "/token", body);
  return ((await response.json()) as { access_token: string }).access_token;
}
