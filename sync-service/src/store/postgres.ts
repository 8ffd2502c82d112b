import pg from "pg";
import type { QueryResult, SqlExecutor, SqlSession } from "./sql";

interface Queryable {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

function session(client: Queryable): SqlSession {
  return {
    async query<R>(text: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      const result = await client.query(text, [...params]);
      return { rows: result.rows as R[], rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(script: string): Promise<void> {
      // Without parameters node-postgres sends the simple query protocol, which runs several statements.
      await client.query(script);
    },
  };
}

export interface PostgresOptions {
  connectionString: string;
  /** Schema for every connection of the pool (tests use a throwaway schema each). */
  searchPath?: string;
  maxConnections?: number;
}

export function postgresExecutor(options: PostgresOptions): SqlExecutor {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
  });
  // An idle connection that breaks (server restart) must not crash the service; the pool
  // drops it and the next query opens a new one.
  pool.on("error", () => undefined);

  return {
    ...session(pool),
    async transaction<T>(work: (tx: SqlSession) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work(session(client));
        await client.query("COMMIT");
        client.release();
        return result;
      } catch (error) {
        // A connection that cannot even roll back is discarded rather than reused.
        const broken = await client.query("ROLLBACK").then(
          () => undefined,
          (rollbackError: unknown) => rollbackError,
        );
        client.release(broken instanceof Error ? broken : undefined);
        throw error;
      }
    },
    close: () => pool.end(),
  };
}
