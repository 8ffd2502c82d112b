/** Both drivers return timestamptz as Date; the interface speaks ISO strings. */
export function iso(value: Date | string): string {
  return new Date(value).toISOString();
}

export function isoOrNull(value: Date | string | null): string | null {
  return value === null ? null : iso(value);
}

/** A value as the JSON text a `$n::jsonb` parameter takes. */
export const jsonb = (value: unknown): string => JSON.stringify(value);
