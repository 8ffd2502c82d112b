import { retentionStoreContract } from "../../test/store/retention-store.contract";
import { pgliteServer, postgresServer } from "../../test/store/test-servers.fixture";

// Retention's own file (not only beside the other contracts): scripts/any-day.ts runs it on the awkward days.
retentionStoreContract("PGlite", pgliteServer);
retentionStoreContract("PostgreSQL", postgresServer);
