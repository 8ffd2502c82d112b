import { DateTime } from "luxon";
import { extendedPropertyIds } from "../extended-properties";
import { compareValues, GraphError, parseSelect, type Comparison, type SelectRules } from "../odata";
import {
  EVENT_MESSAGE_PROPERTIES,
  MESSAGE_PROPERTIES,
  SELECT_ONLY_PROPERTIES,
  type ExtendedProperty,
} from "./model";

/**
 * The OData query options Mødeklar and Outlook clients use on messages, read as Graph
 * reads them: `$select`, `$filter`, `$orderby`, `$top`, `$skip`, `$expand`, `$count`.
 * https://learn.microsoft.com/en-us/graph/query-parameters
 * https://learn.microsoft.com/en-us/graph/api/user-list-messages
 */

/** A message as filters see it: its Graph resource plus its extended properties. */
export type FilterSubject = Record<string, unknown> & { singleValueExtendedProperties: ExtendedProperty[] };
export type MessageFilter = (message: FilterSubject) => boolean;

export interface MessageQuery {
  select?: string[];
  filter?: MessageFilter;
  orderBy?: { property: string; descending: boolean }[];
  top?: number;
  skip: number;
  count: boolean;
  /** `$expand=singleValueExtendedProperties($filter=id eq '…')`: the ids asked for (empty: all). */
  extendedProperties?: string[];
  /** `$expand=microsoft.graph.eventMessage/event`. */
  expandEvent: boolean;
}

export const MAX_TOP = 1000;

const SELECTABLE = new Set<string>([
  ...MESSAGE_PROPERTIES,
  ...SELECT_ONLY_PROPERTIES,
  ...EVENT_MESSAGE_PROPERTIES,
  "singleValueExtendedProperties",
]);

/** `$select` on messages: Graph's 400 names the message type, and empty names are left out. */
export const MESSAGE_SELECT: SelectRules = {
  allowed: SELECTABLE,
  type: "microsoft.graph.message",
  code: "RequestBroker--ParseUri",
  blankNames: "skip",
};

const invalidFilter = () =>
  new GraphError(400, "ErrorInvalidUrlQueryFilter", "The query filter contains one or more invalid nodes.");

function queryValue(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name] ?? query[name.replace(/^\$/, "")];
  if (Array.isArray(value)) return typeof value[0] === "string" ? value[0] : undefined;
  return typeof value === "string" ? value : undefined;
}

export function parseTop(raw: string | undefined, max = MAX_TOP): number | undefined {
  if (raw === undefined) return undefined;
  const top = Number(raw);
  if (!/^\d+$/.test(raw))
    throw new GraphError(400, "BadRequest", `Invalid value '${raw}' for $top query option.`);
  if (top < 1 || top > max) {
    throw new GraphError(
      400,
      "ErrorInvalidParameter",
      `The value '${raw}' of parameter 'Top' is invalid. Top must be between 1 and ${max}.`,
    );
  }
  return top;
}

export function parseSkip(raw: string | undefined): number {
  if (raw === undefined) return 0;
  if (!/^\d+$/.test(raw))
    throw new GraphError(400, "BadRequest", `Invalid value '${raw}' for $skip query option found.`);
  return Number(raw);
}

/** Splits at a separator that is outside quotes and parentheses. */
export function splitTopLevel(text: string, separator: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "'") quoted = !quoted;
    else if (!quoted && char === "(") depth++;
    else if (!quoted && char === ")") depth--;
    else if (!quoted && depth === 0) {
      separator.lastIndex = i;
      const match = separator.exec(text);
      if (match && match.index === i) {
        parts.push(text.slice(start, i));
        start = i + match[0].length;
        i = start - 1;
      }
    }
  }
  parts.push(text.slice(start));
  return parts.map((part) => part.trim());
}

type Literal = string | number | boolean | null;

function parseLiteral(raw: string): Literal {
  const text = raw.trim();
  const quoted = /^'((?:[^']|'')*)'$/.exec(text);
  if (quoted) return (quoted[1] ?? "").replace(/''/g, "'");
  if (/^(true|false)$/i.test(text)) return text.toLowerCase() === "true";
  if (/^null$/i.test(text)) return null;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+)?(Z|[+-]\d{2}:\d{2})?$/.test(text)) return text;
  throw invalidFilter();
}

function valueAt(subject: unknown, path: string[]): unknown {
  let value = subject;
  for (const step of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

/** Dates compare as instants, strings case-insensitively (as Exchange does), the rest as they are. */
function compare(left: unknown, op: Comparison, right: Literal): boolean {
  let a: unknown = left;
  let b: unknown = right;
  if (typeof a === "string" && typeof b === "string") {
    const da = DateTime.fromISO(a, { zone: "UTC" });
    const db = DateTime.fromISO(b, { zone: "UTC" });
    if (/^\d{4}-\d{2}-\d{2}/.test(b) && da.isValid && db.isValid) {
      a = da.toMillis();
      b = db.toMillis();
    } else {
      a = a.toLowerCase();
      b = b.toLowerCase();
    }
  }
  if (a === undefined) a = null;
  return compareValues(a, op, b);
}

type Predicate = (subject: unknown) => boolean;

function parseExpression(text: string, variable?: string): Predicate {
  const trimmed = text.trim();
  const ors = splitTopLevel(trimmed, / or /giy);
  if (ors.length > 1) {
    const parts = ors.map((part) => parseExpression(part, variable));
    return (subject) => parts.some((part) => part(subject));
  }
  const ands = splitTopLevel(trimmed, / and /giy);
  if (ands.length > 1) {
    const parts = ands.map((part) => parseExpression(part, variable));
    return (subject) => parts.every((part) => part(subject));
  }
  const grouped = /^\((.*)\)$/s.exec(trimmed);
  if (grouped && splitTopLevel(trimmed, /\s/gy).length === 1)
    return parseExpression(grouped[1] ?? "", variable);
  const not = /^not\s+(.*)$/is.exec(trimmed);
  if (not) {
    const inner = parseExpression(not[1] ?? "", variable);
    return (subject) => !inner(subject);
  }
  const any = /^([\w/]+)\/any\((\w+)\s*:\s*(.*)\)$/is.exec(trimmed);
  if (any) {
    const path = pathOf(any[1] ?? "", variable);
    const inner = parseExpression(any[3] ?? "", any[2]);
    return (subject) => {
      const items = valueAt(subject, path);
      return Array.isArray(items) && items.some((item) => inner(item));
    };
  }
  const comparison = /^([\w/]+)\s+(eq|ne|gt|ge|lt|le)\s+(.+)$/is.exec(trimmed);
  if (!comparison) throw invalidFilter();
  const path = pathOf(comparison[1] ?? "", variable);
  const op = (comparison[2] ?? "eq").toLowerCase() as Comparison;
  const literal = parseLiteral(comparison[3] ?? "");
  return (subject) => compare(valueAt(subject, path), op, literal);
}

/** Properties Graph returns but cannot filter messages on. */
const UNFILTERABLE = new Set(["internetmessageheaders"]);

function pathOf(raw: string, variable: string | undefined): string[] {
  const steps = raw.split("/");
  if (UNFILTERABLE.has((steps[0] ?? "").toLowerCase())) throw invalidFilter();
  if (variable !== undefined && steps[0] === variable) return steps.slice(1);
  if (variable !== undefined && steps.length === 1 && steps[0] !== variable) throw invalidFilter();
  return steps;
}

export function parseFilter(raw: string | undefined): MessageFilter | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  const predicate = parseExpression(raw);
  return (message) => predicate(message);
}

export function parseOrderBy(raw: string | undefined): MessageQuery["orderBy"] {
  if (raw === undefined) return undefined;
  return raw.split(",").map((part) => {
    const [property = "", direction = "asc", ...rest] = part.trim().split(/\s+/);
    if (rest.length > 0 || !SELECTABLE.has(property) || !/^(asc|desc)$/i.test(direction)) {
      throw new GraphError(400, "BadRequest", `Invalid $orderby expression '${part.trim()}'.`);
    }
    return { property, descending: direction.toLowerCase() === "desc" };
  });
}

/** `$expand` items: `singleValueExtendedProperties($filter=id eq '…')` and `microsoft.graph.eventMessage/event`. */
function parseExpand(raw: string | undefined): Pick<MessageQuery, "extendedProperties" | "expandEvent"> {
  const out: Pick<MessageQuery, "extendedProperties" | "expandEvent"> = { expandEvent: false };
  if (raw === undefined) return out;
  for (const item of splitTopLevel(raw, /,/gy)) {
    const match = /^(\w[\w./]*)(?:\((.*)\))?$/s.exec(item);
    const name = match?.[1] ?? "";
    if (name === "microsoft.graph.eventMessage/event" || name === "event") {
      out.expandEvent = true;
      continue;
    }
    if (name !== "singleValueExtendedProperties") {
      throw new GraphError(
        400,
        "BadRequest",
        `Parsing OData Select and Expand failed: Could not find a property named '${name}' on type 'microsoft.graph.message'.`,
      );
    }
    const ids = extendedPropertyIds(match?.[2]);
    out.extendedProperties = [...(out.extendedProperties ?? []), ...ids];
  }
  return out;
}

/** Reads the message query options of a request (Express's `req.query`). */
export function parseMessageQuery(query: Record<string, unknown>): MessageQuery {
  const count = queryValue(query, "$count");
  if (count !== undefined && !/^(true|false)$/i.test(count)) {
    throw new GraphError(400, "BadRequest", `Invalid value '${count}' for $count query option found.`);
  }
  return {
    select: parseSelect(queryValue(query, "$select"), MESSAGE_SELECT),
    filter: parseFilter(queryValue(query, "$filter")),
    orderBy: parseOrderBy(queryValue(query, "$orderby")),
    top: parseTop(queryValue(query, "$top")),
    skip: parseSkip(queryValue(query, "$skip")),
    count: count?.toLowerCase() === "true",
    ...parseExpand(queryValue(query, "$expand")),
  };
}

/** Orders messages by `$orderby` (default: newest received first, as Outlook lists them), id last for stability. */
export function compareMessages(orderBy: MessageQuery["orderBy"]) {
  const keys = orderBy ?? [{ property: "receivedDateTime", descending: true }];
  return (a: Record<string, unknown>, b: Record<string, unknown>): number => {
    for (const { property, descending } of keys) {
      const va = a[property];
      const vb = b[property];
      const sa = typeof va === "string" ? va.toLowerCase() : (va as number | boolean | null | undefined);
      const sb = typeof vb === "string" ? vb.toLowerCase() : (vb as number | boolean | null | undefined);
      if (sa === sb) continue;
      if (sa === null || sa === undefined) return descending ? 1 : -1;
      if (sb === null || sb === undefined) return descending ? -1 : 1;
      const order = sa < sb ? -1 : 1;
      return descending ? -order : order;
    }
    const ia = String(a["id"]);
    const ib = String(b["id"]);
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  };
}

/** `$select` projection: id and etag always, the rest as asked. */
export function project(
  resource: Record<string, unknown>,
  select: string[] | undefined,
): Record<string, unknown> {
  if (!select) {
    const { internetMessageHeaders: _headers, ...rest } = resource;
    return rest;
  }
  const out: Record<string, unknown> = {};
  if (resource["@odata.type"]) out["@odata.type"] = resource["@odata.type"];
  out["@odata.etag"] = resource["@odata.etag"];
  out["id"] = resource["id"];
  for (const name of select) if (name in resource) out[name] = resource[name];
  return out;
}

/** The next page's link as Graph writes it: the same query options (`$` kept literal), `$skip` moved on. */
export function nextPageLink(url: string, query: Record<string, unknown>, skip: number): string {
  const params = Object.entries(query)
    .filter(([key, value]) => key !== "$skip" && typeof value === "string")
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`);
  return `${url}?${[...params, `$skip=${skip}`].join("&")}`;
}
