import { Router, type Request, type Response } from "express";
import { z } from "zod";
import type { SimContext } from "../context";
import { badRequest, graphErrorBody, requestIdOf } from "../odata";
import { BATCH_OF_HEADER } from "./pipeline";
import { requestSelf } from "./self-request";

/**
 * JSON batching: up to 20 requests in one POST to `/$batch`, each answered on its own
 * (the batch itself is 200 even when parts fail), `dependsOn` for ordering, 424 for the
 * dependents of a failed request.
 * https://learn.microsoft.com/graph/json-batching
 *
 * Each part is sent back through the simulator over HTTPS with the caller's token, so
 * authorization, If-Match, throttling and the request log apply to it as to any request
 * (trusting the simulator's own CA, ./self-request).
 */

export const BATCH_LIMIT = 20;

/**
 * Graph hands at most four parts of a batch to Outlook at a time; the parts still count
 * against the mailbox's four concurrent requests, so a parallel caller can see a part throttled.
 */
const PARTS_AT_ONCE = 4;

const partSchema = z.object({
  id: z.string().min(1),
  method: z.string().min(1),
  url: z.string().min(1),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.unknown().optional(),
  dependsOn: z.array(z.string()).optional(),
});
type BatchPart = z.infer<typeof partSchema>;

interface PartResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

/** Response headers Graph repeats inside a batch response. */
const KEPT_HEADERS = ["Content-Type", "Retry-After", "Location", "ETag", "Preference-Applied"];

function parseBatch(body: unknown): BatchPart[] {
  const requests = (body as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests)) throw badRequest("Invalid batch payload format.");
  if (requests.length > BATCH_LIMIT) {
    throw badRequest(`The number of requests in a batch cannot exceed ${BATCH_LIMIT}.`);
  }
  const parts: BatchPart[] = [];
  for (const raw of requests) {
    const parsed = partSchema.safeParse(raw);
    if (!parsed.success) {
      const field = String(parsed.error.issues[0]?.path[0] ?? "request");
      throw badRequest(`Invalid batch payload format: the '${field}' of a request is missing or invalid.`);
    }
    parts.push(parsed.data);
  }
  const ids = new Set<string>();
  for (const part of parts) {
    const id = part.id.toLowerCase();
    if (ids.has(id))
      throw badRequest(`Batch request ids must be unique; '${part.id}' appears more than once.`);
    ids.add(id);
  }
  for (const part of parts) {
    for (const dependency of part.dependsOn ?? []) {
      if (!ids.has(dependency.toLowerCase())) {
        throw badRequest(`Request '${part.id}' depends on '${dependency}', which is not in the batch.`);
      }
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(part.url)) {
      throw badRequest(`The url of request '${part.id}' must be relative, e.g. /users/{id}/events.`);
    }
  }
  assertNoCycle(parts);
  return parts;
}

function assertNoCycle(parts: BatchPart[]): void {
  const byId = new Map(parts.map((p) => [p.id.toLowerCase(), p]));
  const state = new Map<string, "visiting" | "done">();
  const visit = (id: string) => {
    if (state.get(id) === "done") return;
    if (state.get(id) === "visiting") throw badRequest("The dependsOn chain of the batch contains a cycle.");
    state.set(id, "visiting");
    for (const dependency of byId.get(id)?.dependsOn ?? []) visit(dependency.toLowerCase());
    state.set(id, "done");
  };
  for (const id of byId.keys()) visit(id);
}

function errorPart(req: Request, res: Response, id: string, status: number, code: string, message: string) {
  return {
    id,
    status,
    headers: { "Content-Type": "application/json" },
    body: graphErrorBody(req, res, code, message),
  } satisfies PartResponse;
}

async function runPart(ctx: SimContext, req: Request, res: Response, part: BatchPart): Promise<PartResponse> {
  const headers: Record<string, string> = { ...part.headers };
  const hasBody = part.body !== undefined && part.body !== null;
  const contentType = Object.entries(headers).find(([name]) => name.toLowerCase() === "content-type")?.[1];
  if (hasBody && !contentType) {
    return errorPart(
      req,
      res,
      part.id,
      400,
      "BadRequest",
      "A Content-Type header is required in the headers of a batch request that has a body.",
    );
  }
  const authorization = req.header("authorization");
  if (authorization) headers["Authorization"] = authorization;
  headers[BATCH_OF_HEADER] = requestIdOf(res);
  const url = `${ctx.baseUrl()}/v1.0/${part.url.replace(/^\/+/, "")}`;
  const answer = await requestSelf(ctx, url, {
    method: part.method.toUpperCase(),
    headers,
    ...(hasBody ? { body: typeof part.body === "string" ? part.body : JSON.stringify(part.body) } : {}),
  });
  const kept: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = answer.header(name);
    if (value) kept[name] = value;
  }
  const text = answer.text;
  const isJson = (answer.header("content-type") ?? "").includes("json");
  const body = text === "" ? undefined : isJson ? (JSON.parse(text) as unknown) : text;
  return { id: part.id, status: answer.status, headers: kept, ...(body === undefined ? {} : { body }) };
}

/** Runs the parts in dependency order, a few at a time; dependents of a failed part get 424. */
async function runBatch(ctx: SimContext, req: Request, res: Response, parts: BatchPart[]) {
  const results = new Map<string, PartResponse>();
  const pending = new Map(parts.map((p) => [p.id.toLowerCase(), p]));
  while (pending.size > 0) {
    const ready = [...pending.values()].filter((p) =>
      (p.dependsOn ?? []).every((d) => results.has(d.toLowerCase())),
    );
    const wave = ready.slice(0, PARTS_AT_ONCE);
    await Promise.all(
      wave.map(async (part) => {
        pending.delete(part.id.toLowerCase());
        const failed = (part.dependsOn ?? []).find((d) => {
          const status = results.get(d.toLowerCase())?.status ?? 0;
          return status < 200 || status > 299;
        });
        const result = failed
          ? errorPart(
              req,
              res,
              part.id,
              424,
              "FailedDependency",
              `The request depends on '${failed}', which failed.`,
            )
          : await runPart(ctx, req, res, part).catch(() =>
              errorPart(req, res, part.id, 500, "InternalServerError", "The request could not be completed."),
            );
        results.set(part.id.toLowerCase(), result);
      }),
    );
  }
  return parts.map((p) => results.get(p.id.toLowerCase())!);
}

export function batchRoutes(ctx: SimContext): Router {
  const router = Router();
  router.post(["/$batch", "/%24batch"], async (req, res) => {
    const parts = parseBatch(req.body);
    res.status(200).json({ responses: await runBatch(ctx, req, res, parts) });
  });
  return router;
}
