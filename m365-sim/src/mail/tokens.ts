import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { GraphError } from "../odata";
import type { SimState } from "../state";

/**
 * Paging and delta state tokens: the round's state sealed (AES-256-GCM) with the
 * simulator's secret, so they are opaque to clients as Graph's are and cannot be forged.
 * https://learn.microsoft.com/en-us/graph/delta-query-overview#state-tokens
 */

export function sealToken(state: SimState, payload: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", state.tokenSecret, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(payload), "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

/** Opens a token; an unreadable one is Graph's 410 for a sync state it does not know. */
export function openToken(state: SimState, token: string): unknown {
  try {
    const raw = Buffer.from(token, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", state.tokenSecret, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
    return JSON.parse(text) as unknown;
  } catch {
    throw syncStateGone();
  }
}

export function syncStateGone(): GraphError {
  return new GraphError(
    410,
    "SyncStateNotFound",
    "The sync state generation is not found. Please restart the sync from the beginning.",
  );
}
