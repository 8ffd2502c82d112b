import { describeErrors, fieldErrors } from "@modeklar/shared";
import type { z } from "zod";
import { badRequest } from "../../problem";

/** A body checked by a domain schema: a 400 whose detail and `errors` name each bad field, in Danish. */
export function parseOr400<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const errors = fieldErrors(parsed.error).map((e) => ({
    ...e,
    field: e.field ? `${where}.${e.field}` : where,
  }));
  throw badRequest(`${where}: ${describeErrors(parsed.error)}`, { errors });
}

/**
 * A replacement of a whole record: it must name every field (an empty `{}` would otherwise
 * reset the record to its defaults) and then pass the record's own schema.
 */
export function parseWhole<T>(
  schema: z.ZodObject & z.ZodType<T>,
  value: unknown,
  where: string,
  optional: readonly string[] = [],
): T {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const missing = Object.keys(schema.shape).filter((key) => !optional.includes(key) && !(key in value));
    if (missing.length > 0) {
      throw badRequest(`${where}: a replacement names every field; missing ${missing.join(", ")}`, {
        errors: missing.map((key) => ({ field: `${where}.${key}`, message: "validation.required" })),
      });
    }
  }
  return parseOr400(schema, value, where);
}
