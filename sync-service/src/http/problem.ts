import type { NextFunction, Request, Response } from "express";
import { ZodError } from "zod";
import { GraphFailure } from "../graph/gateway";

/**
 * RFC 9457 problem details: every error the API answers is `application/problem+json`
 * with a title and a detail that says what was wrong, in words a person can act on.
 */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
    /** Response headers the problem carries (Retry-After). */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
  }
}

export const badRequest = (detail: string, extra?: Record<string, unknown>) =>
  new Problem(400, "Bad request", detail, extra);
export const unauthorized = (detail: string) => new Problem(401, "Unauthorized", detail);
export const forbidden = (detail: string, extra?: Record<string, unknown>) =>
  new Problem(403, "Forbidden", detail, extra);
export const notFound = (detail: string) => new Problem(404, "Not found", detail);
export const conflict = (detail: string, extra?: Record<string, unknown>) =>
  new Problem(409, "Conflict", detail, extra);

export const preconditionFailed = (detail: string, extra?: Record<string, unknown>) =>
  new Problem(412, "Precondition failed", detail, extra);
export const preconditionRequired = (detail: string) => new Problem(428, "Precondition required", detail);

/** When Graph names no time, a caller is asked to wait this long before trying again. */
const OUTLOOK_RETRY_AFTER_SECONDS = 30;

/**
 * The one mapping of Outlook's trouble (a `GraphFailure`) to an answer: not the caller's fault,
 * so never a 4xx and never "500 Internal error". Throttling or an outage that is worth trying
 * again is a 503 with Retry-After (Graph's own when it gave one); anything else a 502. A route
 * words it for its own action, and says `retry: false` when trying the request again would not
 * help (the outcome is unknown, or part of the action is already done).
 */
export function outlookProblem(
  failure: GraphFailure,
  words: { title?: string; detail?: string; retry?: boolean } = {},
): Problem {
  if (words.retry ?? failure.retryable) {
    const seconds = Math.max(1, Math.ceil(failure.retryAfterSeconds ?? OUTLOOK_RETRY_AFTER_SECONDS));
    return new Problem(
      503,
      words.title ?? "Outlook is not answering",
      words.detail ?? `Outlook is busy or not answering; nothing was done. Try again in ${seconds} s.`,
      {},
      { "retry-after": String(seconds) },
    );
  }
  return new Problem(
    502,
    words.title ?? "Outlook refused",
    words.detail ?? "Outlook refused the change; nothing was done.",
  );
}

/** Turns zod issues into one readable sentence naming each bad field, plus the list for programs. */
export function fromZod(error: ZodError, where = "body"): Problem {
  const errors = error.issues.map((issue) => ({
    field: [where, ...issue.path.map(String)].join("."),
    message: issue.message,
  }));
  const detail = errors.map((e) => `${e.field}: ${e.message}`).join("; ");
  return badRequest(detail, { errors });
}

export function sendProblem(res: Response, problem: Problem): void {
  if (problem.status === 401) res.setHeader("WWW-Authenticate", 'Bearer error="invalid_token"');
  for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
  res
    .status(problem.status)
    .type("application/problem+json")
    .send(
      JSON.stringify({
        type: "about:blank",
        title: problem.title,
        status: problem.status,
        ...(problem.detail ? { detail: problem.detail } : {}),
        ...problem.extra,
      }),
    );
}

/**
 * The last error handler: known problems as they are, Outlook's failures as 502/503
 * (outlookProblem), body-parser failures as 400, anything else as a 500 without internals.
 */
export function problemHandler(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  if (err instanceof Problem) return sendProblem(res, err);
  if (err instanceof ZodError) return sendProblem(res, fromZod(err));
  if (err instanceof GraphFailure) {
    req.log?.warn({ status: err.status, code: err.code }, "Outlook failed a request");
    return sendProblem(res, outlookProblem(err));
  }
  const bodyError = err as { type?: string; status?: number; code?: string } | null;
  if (bodyError?.type === "entity.parse.failed") {
    return sendProblem(res, badRequest("The request body is not valid JSON."));
  }
  if (bodyError?.type === "entity.too.large") {
    return sendProblem(res, new Problem(413, "Payload too large", "The request body is too large."));
  }
  if (typeof bodyError?.code === "string" && bodyError.code.startsWith("Z_")) {
    return sendProblem(
      res,
      badRequest("The request body is marked as compressed (Content-Encoding: gzip or deflate) but is not."),
    );
  }
  if (err instanceof URIError) {
    return sendProblem(res, badRequest("The path is not valid UTF-8 percent-encoding."));
  }
  if (typeof bodyError?.status === "number" && bodyError.status >= 400 && bodyError.status < 500) {
    return sendProblem(
      res,
      new Problem(bodyError.status, "Bad request", "The request could not be read (its body or encoding)."),
    );
  }
  req.log?.error({ err }, "unhandled error");
  sendProblem(
    res,
    new Problem(500, "Internal error", "Something went wrong on our side; it has been logged."),
  );
}
