import fc from "fast-check";
import type { JsonSchema } from "./openapi";

/**
 * Strings that have broken web services before: NUL and lone surrogates (PostgreSQL refuses
 * both), SQL, OData and header injection, path traversal, markup, very long and right-to-left
 * text.
 */
export const NASTY_STRINGS = [
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfffy",
  "'; DROP TABLE audit_log; --",
  "Robert'); DELETE FROM meeting_plans WHERE ('1'='1",
  "' OR 1=1 --",
  "$filter=subject eq 'x'&$select=body",
  "..",
  "../../messages",
  "%2e%2e%2f",
  "%00",
  "\r\nX-Injected: 1",
  "<script>alert(1)</script>",
  "${jndi:ldap://127.0.0.1/a}",
  "\u202eevil",
  "😀".repeat(50),
  "x".repeat(70_000),
  "",
  " ",
  "-1",
  "1e309",
  "2026-02-30T25:61:00Z",
  "null",
];

const nasty = fc.constantFrom(...NASTY_STRINGS);

/** A value shaped by the JSON schema (mostly), with nasty strings and edge numbers where values go. */
export function valueFor(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const any = fc.jsonValue({ maxDepth: 2 });
  if (!schema || depth > 6) return fc.oneof(any, nasty);
  const alternatives = (schema["anyOf"] ?? schema["oneOf"]) as JsonSchema[] | undefined;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => valueFor(s, depth + 1)));
  if ("const" in schema) return fc.oneof({ weight: 4, arbitrary: fc.constant(schema["const"]) }, any);
  if (Array.isArray(schema["enum"]))
    return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...(schema["enum"] as unknown[])) }, nasty);
  switch (schema["type"]) {
    case "object": {
      const properties = (schema["properties"] ?? {}) as Record<string, JsonSchema>;
      const shaped = fc.record(
        Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, valueFor(s, depth + 1)])),
        { requiredKeys: (schema["required"] as string[] | undefined) ?? [] },
      );
      return fc.oneof({ weight: 6, arbitrary: shaped }, any);
    }
    case "array":
      return fc.oneof(
        {
          weight: 6,
          arbitrary: fc.array(valueFor(schema["items"] as JsonSchema, depth + 1), { maxLength: 3 }),
        },
        any,
      );
    case "string":
      return fc.oneof(
        { weight: 2, arbitrary: nasty },
        fc.string({ maxLength: 30 }),
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        fc.constant("2026-12-07"),
      );
    case "integer":
    case "number":
      return fc.oneof(
        fc.integer({ min: -2, max: 1000 }),
        fc.constantFrom(0, -1, 2 ** 31, 2 ** 53, Number.MAX_VALUE, 0.5),
        nasty,
      );
    case "boolean":
      return fc.oneof({ weight: 4, arbitrary: fc.boolean() }, any);
    default:
      return fc.oneof(any, nasty);
  }
}
