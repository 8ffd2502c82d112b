import type { AddressInfo } from "node:net";
import { DEMO_CLIENT_ID, signInAs, type RunningSim } from "@modeklar/m365-sim";
import express from "express";
import { ApiBuilder } from "../../src/http/api";
import { TokenValidator } from "../../src/http/auth";
import { problemHandler } from "../../src/http/problem";
import type { AuditRecorder } from "../../src/store";

/** What a route test's call answers: the status, the content type, the ETag and the JSON body ({} when empty). */
export interface ApiAnswer {
  status: number;
  type: string;
  etag: string;
  body: Record<string, unknown>;
}

export interface ServedApi {
  /** The API's base URL, ending in `/api`. */
  url: string;
  /** Calls the API as one of the signed-in people, with a JSON body when there is one. */
  call(
    method: string,
    path: string,
    body?: unknown,
    options?: { as?: string; headers?: Record<string, string> },
  ): Promise<ApiAnswer>;
  close(): Promise<void>;
}

/**
 * The API as a route test serves it: the routes `mount` adds, behind the simulator's token
 * validation and the given audit log, on a free local port, with the named people signed in
 * (`people`: who → mailbox address) for the add-in's scope.
 */
export async function serveApi(
  sim: RunningSim,
  options: { audit: AuditRecorder; people: Record<string, string> },
  mount: (builder: ApiBuilder) => void,
): Promise<ServedApi> {
  const builder = new ApiBuilder(
    new TokenValidator({ authority: `${sim.authorityHost}/${sim.tenantId}`, clientId: DEMO_CLIENT_ID }),
    { audit: options.audit },
  );
  mount(builder);
  const app = express().use("/api", express.json(), builder.router).use(problemHandler);
  const server = app.listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  const url = `http://localhost:${(server.address() as AddressInfo).port}/api`;
  const scope = `api://${DEMO_CLIENT_ID}/access_as_user`;
  const tokens: Record<string, string> = {};
  for (const [who, user] of Object.entries(options.people)) {
    tokens[who] = (await signInAs(sim, { user, scope })).access_token;
  }
  return {
    url,
    async call(method, path, body, { as = Object.keys(tokens)[0]!, headers = {} } = {}) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${tokens[as]}`, "content-type": "application/json", ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return {
        status: response.status,
        type: response.headers.get("content-type") ?? "",
        etag: response.headers.get("etag") ?? "",
        body: (text ? JSON.parse(text) : {}) as Record<string, unknown>,
      };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
