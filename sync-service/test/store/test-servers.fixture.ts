import { randomUUID } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import type { TestServer } from "./mirror-store.contract";
import { pgliteExecutor } from "../../src/store/pglite";
import { postgresExecutor } from "../../src/store/postgres";
import type { SqlExecutor } from "../../src/store/sql";

/** Where the PostgreSQL store tests run (a throwaway schema each). */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export const testSchemaName = () => `modeklar_test_${randomUUID().replaceAll("-", "")}`;

/**
 * A new PGlite takes seconds to start, so one in-memory instance serves a test file and each
 * test gets a schema of its own in it.
 */
export const pgliteServer = async (): Promise<TestServer> => {
  const db = new PGlite();
  await db.waitReady;
  const shared = pgliteExecutor(db);
  return {
    async freshDatabase() {
      const schema = testSchemaName();
      await shared.exec(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
      return {
        connect: () => ({ ...shared, close: async () => undefined }),
        drop: () => shared.exec(`SET search_path TO public; DROP SCHEMA ${schema} CASCADE`),
      };
    },
    close: () => shared.close(),
  };
};

/** Each test gets a throwaway schema; every pool of it has search_path set at connect time. */
export const postgresServer = async (): Promise<TestServer> => {
  const admin = postgresExecutor({ connectionString: testDatabaseUrl, maxConnections: 2 });
  return {
    async freshDatabase() {
      const schema = testSchemaName();
      await admin.exec(`CREATE SCHEMA ${schema}`);
      const pools: SqlExecutor[] = [];
      return {
        connect() {
          const pool = postgresExecutor({
            connectionString: testDatabaseUrl,
            searchPath: schema,
            maxConnections: 4,
          });
          pools.push(pool);
          return pool;
        },
        async drop() {
          await Promise.all(pools.map((pool) => pool.close()));
          await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
        },
      };
    },
    close: () => admin.close(),
  };
};
