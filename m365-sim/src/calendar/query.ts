import { DateTime } from "luxon";
import { compareValues, GraphError, type Comparison } from "../odata";
import type { CalendarEvent } from "./model";
import { formatGraphDateTime } from "./time";

/**
 * The OData query options Mødeklar uses on events, read as Graph reads them.
 * https://learn.microsoft.com/en-us/graph/query-parameters
 */

export type EventFilter = (event: CalendarEvent) => boolean;

const invalidFilter = (raw: string) => new GraphError(400, "BadRequest", `Invalid filter clause: ${raw}`);
const unquote = (value: string) => value.replace(/''/g, "'");
const QUOTED = String.raw`'((?:[^']|'')*)'`;

function asGraphDateTime(raw: string, whole: string): string {
  const parsed = DateTime.fromISO(raw, { zone: "UTC" });
  if (!parsed.isValid) throw invalidFilter(whole);
  return formatGraphDateTime(parsed);
}

const CLAUSES: { pattern: RegExp; build: (m: RegExpExecArray, whole: string) => EventFilter }[] = [
  {
    pattern: new RegExp(String.raw`(start|end)/dateTime\s+(eq|ne|gt|ge|lt|le)\s+${QUOTED}`, "iy"),
    build: (m, whole) => {
      const which = m[1]?.toLowerCase() === "start" ? "start" : "end";
      const value = asGraphDateTime(unquote(m[3] ?? ""), whole);
      const op = (m[2]?.toLowerCase() ?? "eq") as Comparison;
      return (e) => compareValues(e[which]?.dateTime ?? "", op, value);
    },
  },
  {
    pattern: new RegExp(String.raw`categories/any\((\w+):\s*\1\s+eq\s+${QUOTED}\)`, "iy"),
    build: (m) => {
      const value = unquote(m[2] ?? "");
      return (e) => (e.categories ?? []).includes(value);
    },
  },
  {
    pattern:
      /(isCancelled|isOrganizer|isAllDay|responseRequested|hasAttachments|isReminderOn)\s+(eq|ne)\s+(true|false)/iy,
    build: (m) => {
      const field = (m[1] ?? "") as "isCancelled";
      const wanted = (m[3]?.toLowerCase() === "true") === (m[2]?.toLowerCase() === "eq");
      const key = Object.keys(FIELD_CASE).find(
        (k) => k.toLowerCase() === field.toLowerCase(),
      ) as "isCancelled";
      return (e) => (e[key] ?? false) === wanted;
    },
  },
  {
    pattern: new RegExp(
      String.raw`(subject|type|sensitivity|showAs|importance|iCalUId|seriesMasterId|transactionId|responseStatus/response)\s+(eq|ne)\s+${QUOTED}`,
      "iy",
    ),
    build: (m) => {
      const field = m[1]?.toLowerCase() ?? "";
      const op = (m[2]?.toLowerCase() ?? "eq") as Comparison;
      const value = unquote(m[3] ?? "");
      const read = (e: CalendarEvent): string =>
        field === "responsestatus/response"
          ? (e.responseStatus?.response ?? "")
          : String(
              (e as unknown as Record<string, unknown>)[
                Object.keys(FIELD_CASE).find((k) => k.toLowerCase() === field) ?? ""
              ] ?? "",
            );
      return (e) => compareValues(read(e), op, value);
    },
  },
  {
    pattern: /(createdDateTime|lastModifiedDateTime)\s+(eq|ne|gt|ge|lt|le)\s+(\S+)/iy,
    build: (m, whole) => {
      const field = m[1]?.toLowerCase() === "createddatetime" ? "createdDateTime" : "lastModifiedDateTime";
      const value = DateTime.fromISO(m[3] ?? "", { zone: "UTC" });
      if (!value.isValid) throw invalidFilter(whole);
      const op = (m[2]?.toLowerCase() ?? "eq") as Comparison;
      const iso = value.toUTC().toISO() ?? "";
      return (e) =>
        compareValues(
          DateTime.fromISO(e[field] ?? "", { zone: "UTC" })
            .toUTC()
            .toISO() ?? "",
          op,
          iso,
        );
    },
  },
];

/** Exact spelling of the filterable fields, for case-insensitive lookups. */
const FIELD_CASE = {
  isCancelled: 1,
  isOrganizer: 1,
  isAllDay: 1,
  responseRequested: 1,
  hasAttachments: 1,
  isReminderOn: 1,
  subject: 1,
  type: 1,
  sensitivity: 1,
  showAs: 1,
  importance: 1,
  iCalUId: 1,
  seriesMasterId: 1,
  transactionId: 1,
};

/** `$filter`: clauses joined by `and`. Anything else answers Graph's 400. */
export function parseFilter(raw: string | undefined): EventFilter | undefined {
  if (!raw) return undefined;
  const filters: EventFilter[] = [];
  let at = 0;
  const text = raw.trim();
  while (at < text.length) {
    let matched = false;
    for (const clause of CLAUSES) {
      clause.pattern.lastIndex = at;
      const m = clause.pattern.exec(text);
      if (!m) continue;
      filters.push(clause.build(m, raw));
      at = clause.pattern.lastIndex;
      matched = true;
      break;
    }
    if (!matched) throw invalidFilter(raw);
    const joiner = /\s+and\s+|\s*$/iy;
    joiner.lastIndex = at;
    const j = joiner.exec(text);
    if (!j) throw invalidFilter(raw);
    at = joiner.lastIndex;
    if (j[0] === "") break;
  }
  return (event) => filters.every((f) => f(event));
}

const ORDERABLE: Record<string, (e: CalendarEvent) => string> = {
  "start/datetime": (e) => e.start?.dateTime ?? "",
  "end/datetime": (e) => e.end?.dateTime ?? "",
  lastmodifieddatetime: (e) => e.lastModifiedDateTime ?? "",
  createddatetime: (e) => e.createdDateTime ?? "",
  subject: (e) => e.subject ?? "",
};

/** `$orderby`: comma-separated keys with `asc`/`desc`. */
export function parseOrderBy(
  raw: string | undefined,
): ((a: CalendarEvent, b: CalendarEvent) => number) | undefined {
  if (!raw) return undefined;
  const keys = raw.split(",").map((part) => {
    const [name = "", direction = "asc"] = part.trim().split(/\s+/);
    const read = ORDERABLE[name.toLowerCase()];
    if (!read || !/^(asc|desc)$/i.test(direction)) {
      throw new GraphError(400, "BadRequest", `Invalid orderby clause: ${raw}`);
    }
    return { read, sign: direction.toLowerCase() === "desc" ? -1 : 1 };
  });
  return (a, b) => {
    for (const { read, sign } of keys) {
      const x = read(a);
      const y = read(b);
      if (x !== y) return x < y ? -sign : sign;
    }
    return 0;
  };
}

/** `$top` for Outlook items: 1..1000. */
export function parseTop(raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new GraphError(400, "BadRequest", `Invalid value '${String(raw)}' for $top query option.`);
  }
  if (value > 1000) {
    throw new GraphError(
      400,
      "ErrorInvalidParameter",
      `The value '${value}' of parameter 'Top' is invalid. Top must be between 1 and 1000.`,
    );
  }
  return value;
}

export function parseSkip(raw: unknown): number {
  if (raw === undefined) return 0;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new GraphError(400, "BadRequest", `Invalid value '${String(raw)}' for $skip query option.`);
  }
  return value;
}
