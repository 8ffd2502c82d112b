import type { SqlSession } from "../sql";

export interface Migration {
  /** Applied in ascending order; never reuse or renumber one that has shipped. */
  version: number;
  name: string;
  sql: string;
  /** Runs after `sql`, in the same transaction: fills new columns from existing rows. */
  backfill?: (tx: SqlSession) => Promise<void>;
}
