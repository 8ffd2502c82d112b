/**
 * The little SQL surface the store needs. PGlite and PostgreSQL both speak it with the
 * same SQL: PGlite is Postgres compiled to WebAssembly.
 */

export interface QueryResult<R> {
  rows: R[];
  /** Rows inserted, updated or deleted (or returned, for a SELECT). */
  rowCount: number;
}

export interface SqlSession {
  /** One statement with `$1`-style parameters: strings, numbers, booleans, null or string arrays. */
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /** A script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

export interface SqlExecutor extends SqlSession {
  /** Runs `work` in one transaction on one connection: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
