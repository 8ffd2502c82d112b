import type { Request, Response } from "express";
import { badRequest, preconditionFailed, preconditionRequired } from "./problem";

/**
 * Versioned replacement of a whole record (rules, settings, travel table): the reader gets its
 * version as an ETag, and a writer replaces it only with the version it read (If-Match, or the
 * body's version field), so two people editing at once never silently overwrite each other.
 */

export function sendVersion(res: Response, version: number): void {
  res.setHeader("etag", `"${version}"`);
}

/** The version the writer read: If-Match (`"3"` or `W/"3"`) or the body's own field; one of them is required. */
export function versionRead(req: Request, bodyVersion?: number): number {
  const header = req.header("if-match");
  if (header === undefined) {
    if (bodyVersion !== undefined) return bodyVersion;
    throw preconditionRequired("Send the version you read: If-Match with the ETag the GET answered.");
  }
  const match = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(header);
  if (!match) throw badRequest('If-Match: expected the ETag the GET answered, e.g. "3".');
  const version = Number(match[1]);
  if (bodyVersion !== undefined && bodyVersion !== version) {
    throw badRequest("If-Match and the body's version name different versions.");
  }
  return version;
}

/** 412: someone saved after the writer read; the answer says which version is stored now. */
export function staleVersion(what: string, current: number) {
  return preconditionFailed(`${what} were saved as version ${current} meanwhile; load them again.`, {
    version: current,
  });
}
