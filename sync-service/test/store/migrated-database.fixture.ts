import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import type { TestDatabase, TestServer } from "./mirror-store.contract";
import { migrate } from "../../src/store/migrations";
import type { SqlExecutor } from "../../src/store/sql";

/**
 * The setup every store contract shares: one server per suite, a fresh migrated database per
 * test (dropped afterwards), handed to `ready` so the suite builds the store it tests.
 */
export function eachMigratedDatabase(
  startServer: () => Promise<TestServer>,
  ready: (db: SqlExecutor) => void,
): void {
  let server: TestServer;
  let database: TestDatabase;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    database = await server.freshDatabase();
    const db = database.connect();
    await migrate(db);
    ready(db);
  });
  afterEach(async () => {
    await database.drop();
  });
}
