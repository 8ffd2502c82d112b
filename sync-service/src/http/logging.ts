import { randomUUID } from "node:crypto";
import { CONTENT_KEYS } from "@modeklar/shared";
import pino, { type DestinationStream, type Logger } from "pino";
import { pinoHttp } from "pino-http";

/**
 * Logs are an audience of their own ("operations" in the privacy policy), shown nothing of any
 * meeting: every key that carries meeting content (subject, body, people, notes, guests) is
 * dropped at any depth, and so are secrets (tokens, client states, cookies) and SQL parameters.
 * Request and response bodies and query strings are never logged.
 */
const SECRET_KEYS = [
  "authorization",
  "cookie",
  "clientState",
  "client_secret",
  "access_token",
  "refresh_token",
  "id_token",
  "validationToken",
  "password",
  // A database error carries the statement's parameters: mail subjects, notes, plans.
  "params",
  "parameters",
  "values",
];
const WITHHELD = new Set([...CONTENT_KEYS, ...SECRET_KEYS].map((key) => key.toLowerCase()));
const CENSOR = "[redacted]";
const DEEPEST = 8;

function scrub(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (value instanceof Error) return loggedError(value);
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value) || depth > DEEPEST) return CENSOR;
  seen.add(value);
  if (Array.isArray(value)) return value.map((entry) => scrub(entry, depth + 1, seen));
  return Object.fromEntries(
    Object.entries(value).map(([key, entry]) => [
      key,
      WITHHELD.has(key.toLowerCase()) ? CENSOR : scrub(entry, depth + 1, seen),
    ]),
  );
}

/** A logged object with every content and secret key replaced, however deep. */
export function withoutContent(object: Record<string, unknown>): Record<string, unknown> {
  return scrub(object, 0, new WeakSet()) as Record<string, unknown>;
}

/** Postgres' and PGlite's errors: SQLSTATE codes are five characters, and PGlite attaches the query. */
const isDatabaseError = (err: Error & { code?: unknown }) =>
  "query" in err || "params" in err || (typeof err.code === "string" && /^[0-9A-Z]{5}$/.test(err.code));

/**
 * An error as a log may carry it: its kind, code, status and where it happened. A database
 * error's message can quote a value ('invalid input syntax … "Fortroligt …"'), so it is logged
 * by its SQLSTATE only; the stack keeps its frames, not the message it starts with.
 */
export function loggedError(value: unknown, depth = 0): unknown {
  if (!(value instanceof Error)) return value;
  const err = value as Error & { code?: unknown; status?: unknown; cause?: unknown };
  const database = isDatabaseError(err);
  const code = typeof err.code === "string" || typeof err.code === "number" ? err.code : undefined;
  return {
    type: err.name,
    message: database ? `database error${code === undefined ? "" : ` ${code}`}` : err.message,
    ...(code === undefined ? {} : { code }),
    ...(typeof err.status === "number" ? { status: err.status } : {}),
    stack: (err.stack ?? "")
      .split("\n")
      .filter((line) => line.trimStart().startsWith("at "))
      .join("\n"),
    ...(err.cause !== undefined && depth < 3 ? { cause: loggedError(err.cause, depth + 1) } : {}),
  };
}

export function createLogger(level = "info", destination?: DestinationStream): Logger {
  const options = {
    level,
    formatters: { log: withoutContent },
    serializers: { err: loggedError, error: loggedError },
  };
  return destination ? pino(options, destination) : pino(options);
}

export function requestLogging(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const incoming = req.headers["x-request-id"];
      const id = typeof incoming === "string" && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
      res.setHeader("x-request-id", id);
      return id;
    },
    // Query strings may carry validation tokens and names: log the path only.
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split("?")[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: loggedError,
    },
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info",
  });
}
