import type { NextFunction, Request, Response } from "express";
import type { z } from "zod";
import { GraphError } from "../odata";

/**
 * The control API answers errors as RFC 9457 problem details (`application/problem+json`),
 * not as Graph errors: it is the simulator's own API, not Microsoft's.
 */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
  ) {
    super(detail);
  }
}

const TYPE_BASE = "https://modeklar.local/problems/sim/";

export function sendProblem(res: Response, status: number, title: string, detail: string): void {
  const type = `${TYPE_BASE}${title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")}`;
  res.status(status).type("application/problem+json").send(JSON.stringify({ type, title, status, detail }));
}

/** Parses a body or query with a zod schema; a mismatch is a 400 problem naming the fields. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const detail = parsed.error.issues
    .map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`)
    .join("; ");
  throw new Problem(400, "Invalid request", detail);
}

export function problemHandler(err: unknown, _req: Request, res: Response, _next: NextFunction): void {
  if (err instanceof Problem) return sendProblem(res, err.status, err.title, err.detail);
  const type = (err as { type?: string } | null)?.type;
  if (type === "entity.parse.failed")
    return sendProblem(res, 400, "Invalid request", "The body is not valid JSON.");
  console.error("m365-sim: control API error", err);
  sendProblem(res, 500, "Internal error", "The simulator could not complete the request.");
}

/** Graph-side failures (unknown item, not the organizer, bad values) become problem details. */
export function asProblem(run: (req: Request, res: Response) => void) {
  return (req: Request, res: Response, next: NextFunction) => {
    try {
      run(req, res);
    } catch (err) {
      if (err instanceof GraphError) return next(new Problem(err.status, err.code, err.message));
      next(err);
    }
  };
}
