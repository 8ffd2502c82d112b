import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";

/**
 * Exchange's global object id (GOID) as hex, the shape Graph gives iCalUId. Bytes 16–19
 * hold the occurrence date for an instance of a series and zeros for the series itself,
 * which is why every occurrence has its own iCalUId, shared by all attendees' copies.
 */
const GOID_PREFIX = "040000008200E00074C5B7101A82E008";

export function newICalUId(now: DateTime): string {
  const fileTime = (BigInt(now.toMillis()) + 11_644_473_600_000n) * 10_000n;
  const stamp = Buffer.alloc(8);
  stamp.writeBigUInt64LE(fileTime);
  const random = randomUUID().replace(/-/g, "").toUpperCase();
  return `${GOID_PREFIX}00000000${stamp.toString("hex").toUpperCase()}000000000000000010000000${random}`;
}

export function occurrenceICalUId(seriesICalUId: string, originalStart: DateTime): string {
  const utc = originalStart.setZone("UTC");
  const date =
    utc.year.toString(16).padStart(4, "0") +
    utc.month.toString(16).padStart(2, "0") +
    utc.day.toString(16).padStart(2, "0");
  return seriesICalUId.slice(0, 32) + date.toUpperCase() + seriesICalUId.slice(40);
}

/** An occurrence's id: its series master's id and its original start, so it is the same on every read. */
export function occurrenceId(masterId: string, originalStart: DateTime): string {
  return `${masterId}.${originalStart.setZone("UTC").toFormat("yyyyLLdd'T'HHmmss")}`;
}

export function parseOccurrenceId(id: string): { masterId: string; originalStart: DateTime } | undefined {
  const match = /^(.+)\.(\d{8}T\d{6})$/.exec(id);
  if (!match?.[1] || !match[2]) return undefined;
  const originalStart = DateTime.fromFormat(match[2], "yyyyLLdd'T'HHmmss", { zone: "UTC" });
  return originalStart.isValid ? { masterId: match[1], originalStart } : undefined;
}
