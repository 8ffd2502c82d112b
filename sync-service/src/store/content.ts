import { createHash } from "node:crypto";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Same value, object keys sorted at every level, so equal content serialises equally. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === "object") {
    const source = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(source)
        .sort()
        .map((key) => [key, canonical(source[key])]),
    );
  }
  return value;
}

/** SHA-256 of the JSON with stable key order: a full resync of unchanged items hashes equal. */
export function contentHash(data: Record<string, unknown>): string {
  return createHash("sha256")
    .update(JSON.stringify(canonical(data)))
    .digest("hex");
}

/**
 * PostgreSQL's jsonb refuses the NUL character; one such character in a mail body must not
 * block the whole mailbox's sync, so it is dropped from strings and keys.
 */
export function storable(value: unknown): Json {
  if (typeof value === "string") return value.replaceAll("\u0000", "");
  if (Array.isArray(value)) return value.map(storable);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k.replaceAll("\u0000", ""), storable(v)]),
    );
  }
  if (typeof value === "number" || typeof value === "boolean" || value === null) return value;
  return null;
}

/** Delta updates may carry only some properties: they replace those top-level properties and keep the rest. */
export function mergeItem(
  stored: Record<string, unknown> | undefined,
  incoming: Record<string, unknown>,
): Record<string, Json> {
  return storable({ ...stored, ...incoming }) as Record<string, Json>;
}
