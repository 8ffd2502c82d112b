import { Agent, request } from "node:https";
import type { SimContext } from "../context";

/**
 * A request from the simulator to itself ($batch parts go back through the front door), made
 * trusting the CA that signed the simulator's own certificate: whatever CA the process was
 * told to trust (NODE_EXTRA_CA_CERTS) and wherever the certificates live (CERT_DIR).
 */

export interface SelfAnswer {
  status: number;
  header(name: string): string | undefined;
  text: string;
}

const agents = new WeakMap<SimContext, Agent>();

function agentFor(ctx: SimContext): Agent {
  let agent = agents.get(ctx);
  if (!agent) {
    agent = new Agent({ keepAlive: true, ...(ctx.ca ? { ca: ctx.ca } : {}) });
    agents.set(ctx, agent);
  }
  return agent;
}

export function requestSelf(
  ctx: SimContext,
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
): Promise<SelfAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: init.method, headers: init.headers, agent: agentFor(ctx) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () => {
          const headers = res.headers;
          resolve({
            status: res.statusCode ?? 0,
            header: (name) => {
              const value = headers[name.toLowerCase()];
              return Array.isArray(value) ? value.join(", ") : value;
            },
            text: Buffer.concat(chunks).toString("utf8"),
          });
        });
      },
    );
    outgoing.on("error", reject);
    outgoing.end(init.body);
  });
}

/** Closes the kept-alive connections of a simulator that is shutting down. */
export function closeSelfRequests(ctx: SimContext): void {
  agents.get(ctx)?.destroy();
  agents.delete(ctx);
}
