import { mkdir } from "node:fs/promises";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import type { QueryResult, SqlExecutor, SqlSession } from "./sql";

function session(db: PGlite | Transaction): SqlSession {
  return {
    async query<R>(text: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      const result = await db.query<R>(text, [...params]);
      return { rows: result.rows, rowCount: result.affectedRows || result.rows.length };
    },
    async exec(script: string): Promise<void> {
      await db.exec(script);
    },
  };
}

/**
 * PGlite is one connection. Its `query`, `exec` and `transaction` already queue behind a
 * single lock, so a statement issued while another caller's transaction is open waits for
 * it instead of landing inside it.
 */
export function pgliteExecutor(db: PGlite): SqlExecutor {
  return {
    ...session(db),
    transaction: (work) => db.transaction((tx) => work(session(tx))),
    close: () => db.close(),
  };
}

/** Opens (creating on first use, which takes a few seconds) a PGlite database in `directory`, or in memory without one. */
export async function openPglite(directory?: string): Promise<SqlExecutor> {
  if (directory) await mkdir(directory, { recursive: true });
  // Postgres' default 128 MB buffer cache would more than double the process's memory for a
  // mirror of a few mailboxes; the operating system caches the data directory anyway.
  const db = new PGlite({
    ...(directory ? { dataDir: directory } : {}),
    postgresqlconf: ["shared_buffers=16MB"],
  });
  await db.waitReady;
  return pgliteExecutor(db);
}
