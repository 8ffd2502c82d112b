import { describe, expect, it } from "vitest";
import { auditStoreContract } from "../../test/store/audit-store.contract";
import { openStore } from "./index";
import { journalStoreContract } from "../../test/store/journal-store.contract";
import { mirrorStoreContract } from "../../test/store/mirror-store.contract";
import { outboxStoreContract } from "../../test/store/outbox-store.contract";
import { pagesStoreContract } from "../../test/store/pages-store.contract";
import { planStoreContract } from "../../test/store/plan-store.contract";
import { reconcileStoreContract } from "../../test/store/reconcile-store.contract";
import { postgresExecutor } from "./postgres";
import {
  postgresServer,
  testDatabaseUrl as databaseUrl,
  testSchemaName as schemaName,
} from "../../test/store/test-servers.fixture";

mirrorStoreContract("PostgreSQL", postgresServer);
reconcileStoreContract("PostgreSQL", postgresServer);
planStoreContract("PostgreSQL", postgresServer);
pagesStoreContract("PostgreSQL", postgresServer);
auditStoreContract("PostgreSQL", postgresServer);
outboxStoreContract("PostgreSQL", postgresServer);
journalStoreContract("PostgreSQL", postgresServer);

describe("choosing PostgreSQL", () => {
  it("a DATABASE_URL makes the store use that PostgreSQL database", async () => {
    const schema = schemaName();
    const admin = postgresExecutor({ connectionString: databaseUrl, maxConnections: 1 });
    await admin.exec(`CREATE SCHEMA ${schema}`);
    try {
      const store = await openStore({ databaseUrl: `${databaseUrl}?options=-c%20search_path%3D${schema}` });
      await store.rememberNotification("n1");
      await store.close();
      const { rows } = await admin.query(`SELECT dedup_key FROM ${schema}.notifications_seen`);
      expect(rows).toEqual([{ dedup_key: "n1" }]);
    } finally {
      await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    }
  });
});
