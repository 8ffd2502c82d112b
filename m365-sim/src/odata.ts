import { randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { z } from "zod";

/**
 * Microsoft Graph's error shape:
 * { error: { code, message, innerError: { date, request-id, client-request-id } } }
 * https://learn.microsoft.com/en-us/graph/errors
 */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string, code = "BadRequest") => new GraphError(400, code, message);
export const notFound = (
  message = "The specified object was not found in the store.",
  code = "ErrorItemNotFound",
) => new GraphError(404, code, message);
export const forbidden = (
  message = "Access is denied. Check credentials and try again.",
  code = "ErrorAccessDenied",
) => new GraphError(403, code, message);

/**
 * How one resource type reads `$select`: the names it has and the 400 Graph answers for any
 * other name, whose code differs by workload (Outlook items: `RequestBroker--ParseUri`).
 */
export interface SelectRules {
  /** The properties `$select` may name. */
  allowed: ReadonlySet<string>;
  /** The type the 400 names, e.g. `microsoft.graph.event`. */
  type: string;
  code: string;
  /**
   * `skip`: empty names are left out (`$select=a,,b` is `a,b`, `$select=` selects nothing).
   * `refuse`: an empty name is answered with the 400, and a blank `$select` is no `$select`.
   */
  blankNames: "skip" | "refuse";
}

/** `$select=a,b`: the names asked for, or Graph's 400 for a name the type does not have. */
export function parseSelect(raw: unknown, rules: SelectRules): string[] | undefined {
  if (typeof raw !== "string") return undefined;
  if (rules.blankNames === "refuse" && raw.trim() === "") return undefined;
  const named = raw.split(",").map((name) => name.trim());
  const names = rules.blankNames === "skip" ? named.filter(Boolean) : named;
  for (const name of names) {
    if (!rules.allowed.has(name)) {
      throw new GraphError(
        400,
        rules.code,
        `Could not find a property named '${name}' on type '${rules.type}'.`,
      );
    }
  }
  return names;
}

/** `$filter`'s comparison operators. */
export type Comparison = "eq" | "ne" | "gt" | "ge" | "lt" | "le";

/** `a op b` as `$filter` reads it: null (an absent value) equals only null and is never ordered. */
export function compareValues(a: unknown, op: Comparison, b: unknown): boolean {
  switch (op) {
    case "eq":
      return a === b;
    case "ne":
      return a !== b;
    case "gt":
      return a !== null && b !== null && (a as number) > (b as number);
    case "ge":
      return a !== null && b !== null && (a as number) >= (b as number);
    case "lt":
      return a !== null && b !== null && (a as number) < (b as number);
    case "le":
      return a !== null && b !== null && (a as number) <= (b as number);
  }
}

/** Graph's 400 for a request body that does not fit the type (first zod issue). */
export function requestBodyError(issue: z.core.$ZodIssue | undefined, typeName: string): GraphError {
  if (issue?.code === "unrecognized_keys") {
    return new GraphError(
      400,
      "RequestBodyRead",
      `The property '${issue.keys[0]}' does not exist on type '${typeName}'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
    );
  }
  if (issue?.code === "custom") return new GraphError(400, "RequestBodyRead", issue.message);
  const path = issue?.path.join(".") ?? "";
  if (issue?.code === "invalid_type" && issue.input === undefined) {
    return new GraphError(400, "ErrorInvalidRequest", `The property '${path}' is required.`);
  }
  return new GraphError(
    400,
    "RequestBodyRead",
    `Invalid value for property '${path}' of type '${typeName}'.`,
  );
}

/** Enum values as Graph reads them: case-insensitive, answered in camelCase. */
export function graphEnum<const T extends readonly [string, ...string[]]>(values: T, typeName: string) {
  return z.string().transform((raw, ctx) => {
    const hit = values.find((v) => v.toLowerCase() === raw.toLowerCase());
    if (!hit) {
      ctx.addIssue({
        code: "custom",
        message: `Cannot convert the literal '${raw}' to the expected type 'microsoft.graph.${typeName}'.`,
      });
      return z.NEVER;
    }
    return hit as T[number];
  });
}

export function requireObject(body: unknown): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new GraphError(400, "RequestBodyRead", "Empty Payload. JSON content expected.");
  }
  return body as Record<string, unknown>;
}

export function requestIdOf(res: Response): string {
  let id = res.getHeader("request-id");
  if (typeof id !== "string") {
    id = randomUUID();
    res.setHeader("request-id", id);
  }
  return id;
}

export function graphErrorBody(req: Request, res: Response, code: string, message: string) {
  const clientRequestId = req.header("client-request-id");
  return {
    error: {
      code,
      message,
      innerError: {
        date: new Date().toISOString().replace(/\.\d{3}Z$/, ""),
        "request-id": requestIdOf(res),
        "client-request-id": clientRequestId ?? requestIdOf(res),
      },
    },
  };
}

export function sendGraphError(req: Request, res: Response, error: GraphError): void {
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  res.status(error.status).json(graphErrorBody(req, res, error.code, error.message));
}

/** Express error handler for Graph routes: every failure leaves as a Graph error body, never a stack trace. */
export function graphErrorHandler(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  if (err instanceof GraphError) return sendGraphError(req, res, err);
  const type = (err as { type?: string } | null)?.type;
  if (type === "entity.parse.failed") {
    return sendGraphError(
      req,
      res,
      new GraphError(
        400,
        "BadRequest",
        "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
      ),
    );
  }
  if (type === "entity.too.large") {
    return sendGraphError(
      req,
      res,
      new GraphError(413, "RequestEntityTooLarge", "The request payload is too large."),
    );
  }
  console.error("m365-sim: unexpected error", err);
  sendGraphError(req, res, new GraphError(500, "InternalServerError", "An internal server error occurred."));
}

/** Parses `Prefer` header values: `odata.maxpagesize=5, outlook.timezone="Europe/Copenhagen"`. */
export function parsePrefer(req: Request): Map<string, string> {
  const prefs = new Map<string, string>();
  for (const header of req.headers.prefer ? [req.headers.prefer].flat() : []) {
    for (const part of header.split(",")) {
      const [rawKey, ...rest] = part.split("=");
      if (!rawKey) continue;
      prefs.set(rawKey.trim().toLowerCase(), rest.join("=").trim().replace(/^"|"$/g, ""));
    }
  }
  return prefs;
}
