import type { SqlSession } from "./sql";

/** Both drivers return timestamptz as Date; the interface speaks ISO strings. */
export function iso(value: Date | string): string {
  return new Date(value).toISOString();
}

export function isoOrNull(value: Date | string | null): string | null {
  return value === null ? null : iso(value);
}

/** A value as the JSON text a `$n::jsonb` parameter takes. */
export const jsonb = (value: unknown): string => JSON.stringify(value);

/** The row a statement finds or returns (at most one, by its key), as `to` makes it; null when there is none. */
export async function queryOne<R, T>(
  db: SqlSession,
  text: string,
  params: readonly unknown[],
  to: (row: R) => T,
): Promise<T | null> {
  const { rows } = await db.query<R>(text, params);
  return rows[0] ? to(rows[0]) : null;
}
