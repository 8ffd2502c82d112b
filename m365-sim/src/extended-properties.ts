import { GraphError } from "./odata";

/**
 * `$expand=singleValueExtendedProperties($filter=id eq '…' or id eq '…')`, the one way Graph
 * hands out an item's extended properties, for events and messages alike.
 * https://learn.microsoft.com/graph/api/singlevaluelegacyextendedproperty-get
 */

export interface ExtendedProperty {
  id: string;
  value: string;
}

const invalidFilter = () =>
  new GraphError(400, "ErrorInvalidUrlQueryFilter", "The query filter contains one or more invalid nodes.");

/**
 * The ids asked for inside `singleValueExtendedProperties(…)`: `$filter=id eq '…'` clauses
 * joined by `or`; no options at all asks for every property (an empty list).
 */
export function extendedPropertyIds(options: string | undefined): string[] {
  if (!options?.trim()) return [];
  const filter = /^\$filter=(.*)$/is.exec(options.trim());
  if (!filter) throw invalidFilter();
  const text = (filter[1] ?? "").trim();
  const clause = /\s*id\s+eq\s+'((?:[^']|'')*)'\s*(or\b|$)/iy;
  const ids: string[] = [];
  let last = "or";
  while (clause.lastIndex < text.length && last) {
    const match = clause.exec(text);
    if (!match) throw invalidFilter();
    ids.push((match[1] ?? "").replace(/''/g, "'"));
    last = match[2] ?? "";
  }
  if (ids.length === 0 || last) throw invalidFilter();
  return ids;
}

/**
 * How Exchange compares property ids: the type, the property set's GUID and the keywords in any
 * case, a string Name exactly ("Filtering the string name (Name) in the id of an extended
 * property is case-sensitive").
 */
function comparable(id: string): string {
  const named = /^(\S+)\s+(\{[0-9a-f-]+\})\s+name\s+(.*)$/is.exec(id.trim());
  if (named) return `${named[1]?.toLowerCase()} ${named[2]?.toLowerCase()} name ${named[3]}`;
  return id.trim().toLowerCase();
}

/** The stored properties a request asked for (all of them for an empty list), as copies. */
export function pickExtendedProperties(
  stored: readonly ExtendedProperty[],
  wanted: readonly string[],
): ExtendedProperty[] {
  const keys = new Set(wanted.map(comparable));
  return stored.filter((p) => keys.size === 0 || keys.has(comparable(p.id))).map((p) => ({ ...p }));
}
