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

/** The last error handler: known problems as they are, body-parser failures as 400, anything else as a 500 without internals. */
export function problemHandler(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  if (err instanceof Problem) return sendProblem(res, err);
  if (err instanceof ZodError) return sendProblem(res, fromZod(err));
  if (err instanceof GraphFailure) {
    // Outlook's trouble, not the caller's: a retryable one says when to try again.
    if (err.retryable) res.setHeader("retry-after", "30");
    return sendProblem(
      res,
      err.retryable
        ? new Problem(
            503,
            "Outlook is not answering",
            "Outlook did not answer in time. Try again in a moment.",
          )
        : new Problem(502, "Outlook refused", "Outlook refused the change; nothing was done."),
    );
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
