import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, rename, rm, rmdir } from "node:fs/promises";
import { promisify } from "node:util";
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

// Postgres' default 128 MB buffer cache would more than double the process's memory for a
// mirror of a few mailboxes; the operating system caches the data directory anyway.
const POSTGRESQL_CONF = ["shared_buffers=16MB"];

/**
 * Creates a PGlite database in `directory` in a short-lived child process. Creating one runs
 * initdb, which holds some 800 MB for a few seconds and leaves the process that ran it ~250 MB
 * larger for good (its WebAssembly memory and freed heap are not given back); a child gives
 * all of it back when it exits, and the service then opens the finished directory. The child
 * writes to a sibling directory that is renamed into place, so a crash halfway leaves no
 * half-made database behind.
 */
export async function createPgliteDirectory(directory: string): Promise<void> {
  const building = `${directory}.creating-${process.pid}-${Date.now()}`;
  const script = `
    const { PGlite } = await import(${JSON.stringify(import.meta.resolve("@electric-sql/pglite"))});
    const db = new PGlite({ dataDir: process.argv[1], postgresqlconf: ${JSON.stringify(POSTGRESQL_CONF)} });
    await db.waitReady;
    await db.close();
  `;
  try {
    await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script, building], {
      // The child needs none of the parent's loaders or flags.
      env: { ...process.env, NODE_OPTIONS: "" },
      maxBuffer: 1024 * 1024,
    });
    if (existsSync(directory)) await rmdir(directory);
    await rename(building, directory);
  } catch (err) {
    await rm(building, { recursive: true, force: true });
    throw err;
  }
}

/** Opens (creating on first use, which takes a few seconds) a PGlite database in `directory`, or in memory without one. */
export async function openPglite(directory?: string): Promise<SqlExecutor> {
  if (directory) {
    await mkdir(directory, { recursive: true });
    // An empty directory is a new database; anything else is PGlite's to open (or refuse).
    if ((await readdir(directory)).length === 0) await createPgliteDirectory(directory);
  }
  const db = new PGlite({
    ...(directory ? { dataDir: directory } : {}),
    postgresqlconf: POSTGRESQL_CONF,
  });
  await db.waitReady;
  return pgliteExecutor(db);
}
