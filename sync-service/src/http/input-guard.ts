import type { NextFunction, Request, Response } from "express";
import { badRequest } from "./problem";

/**
 * What no request of Mødeklar's ever needs, refused at the door with a 400 that says what was
 * wrong: text PostgreSQL cannot store (NUL, lone surrogates), bytes that are not UTF-8, and
 * JSON nested deeper than any of its bodies. Checked once here instead of in every schema, so
 * a new route and a new field are covered without a thought.
 */

/** The deepest of Mødeklar's bodies (a rule set's match lists) is 6 levels; 32 leaves room. */
export const MAX_JSON_DEPTH = 32;
/** Graph ids are a few hundred characters at most. */
const MAX_ID_LENGTH = 512;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a text cannot be taken, or null when it can. */
export function textProblem(text: string): string | null {
  if (text.includes("\u0000")) return "contains a NUL character";
  if (LONE_SURROGATE.test(text)) return "is not valid Unicode (a lone surrogate)";
  return null;
}

/** The first problem in a parsed JSON value, walked without recursion so any depth is safe. */
export function jsonProblem(value: unknown, where: string): string | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: where, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    if (typeof current === "string") {
      const problem = textProblem(current);
      if (problem) return `${path} ${problem}`;
    } else if (current !== null && typeof current === "object") {
      if (depth >= MAX_JSON_DEPTH) return `${where} is nested deeper than ${MAX_JSON_DEPTH} levels`;
      for (const [key, child] of Object.entries(current)) {
        const keyProblem = textProblem(key);
        if (keyProblem) return `${path}: a field name ${keyProblem}`;
        stack.push({
          value: child,
          path: Array.isArray(current) ? `${path}[${key}]` : `${path}.${key}`,
          depth: depth + 1,
        });
      }
    }
  }
  return null;
}

/** express.json's `verify`: the raw body must be UTF-8 before it is read as JSON. */
export function requireUtf8(_req: Request, _res: Response, body: Buffer): void {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    throw badRequest("The request body is not valid UTF-8 text.");
  }
}

/** The query string's percent-encoded bytes must be UTF-8 too (a plain parser would turn them into U+FFFD). */
function queryProblem(url: string): string | null {
  const query = url.includes("?") ? url.slice(url.indexOf("?") + 1) : "";
  for (const part of query.split(/[&=]/)) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(part.replace(/\+/g, " "));
    } catch {
      return "the query string is not valid UTF-8 percent-encoding";
    }
    const problem = textProblem(decoded);
    if (problem) return `the query string ${problem}`;
  }
  return null;
}

/** Checks the query and the parsed body of every request it guards. */
export function inputGuard(req: Request, _res: Response, next: NextFunction): void {
  const problem =
    queryProblem(req.originalUrl) ?? (req.body === undefined ? null : jsonProblem(req.body, "body"));
  next(problem ? badRequest(`${problem}.`) : undefined);
}

/** A path parameter is an id: no NUL or control characters, not a path segment of its own, not endless. */
export function idProblem(name: string, value: string): string | null {
  if (value.length === 0 || value.length > MAX_ID_LENGTH)
    return `${name}: must be 1 to ${MAX_ID_LENGTH} characters`;
  const text = textProblem(value);
  if (text) return `${name} ${text}`;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0001-\u001f\u007f]/.test(value)) return `${name} contains a control character`;
  if (value === "." || value === "..") return `${name}: is not an id`;
  return null;
}
