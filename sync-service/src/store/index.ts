import { join } from "node:path";
import { openPglite } from "./pglite";
import { postgresExecutor } from "./postgres";
import { sqlMirrorStore, type StoreOptions } from "./sql-store";
import type { MirrorStore } from "./types";

export type * from "./types";
export { ManualClock, systemClock, type Clock } from "./clock";
export { contentHash } from "./content";
export { retryDelayMs } from "./backoff";
export { migrations, migrate, type Migration } from "./migrations";
export type { QueryResult, SqlExecutor, SqlSession } from "./sql";
export { openPglite, pgliteExecutor } from "./pglite";
export { postgresExecutor, type PostgresOptions } from "./postgres";
export { sqlMirrorStore, type StoreOptions } from "./sql-store";

export interface OpenStoreOptions extends StoreOptions {
  /** PostgreSQL connection string; when unset the store is PGlite on local disk. */
  databaseUrl?: string | null;
  /** The service's data directory; PGlite keeps its database in `<dataDir>/pglite`. */
  dataDir?: string;
}

/** Opens the store the configuration asks for and brings its schema up to date. */
export async function openStore(options: OpenStoreOptions = {}): Promise<MirrorStore> {
  const { databaseUrl, dataDir = "./data", ...storeOptions } = options;
  const db = databaseUrl
    ? postgresExecutor({ connectionString: databaseUrl })
    : await openPglite(join(dataDir, "pglite"));
  const store = sqlMirrorStore(db, storeOptions);
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
