import type { ServiceConfig } from "../config";
import { migrations, schemaState } from "../store";
import { line, text, type CheckLine } from "./report";

/**
 * PostgreSQL answers and its schema is at this build's migrations. The embedded PGlite is left
 * alone: the running service holds it, and a second process must not open it.
 */
export async function checkDatabase(config: ServiceConfig): Promise<CheckLine> {
  if (!config.databaseUrl) {
    return line(
      "database",
      "warn",
      text("doctor.database.embedded", { dir: config.dataDir }),
      text("doctor.database.embedded.fix"),
    );
  }
  const { postgresExecutor } = await import("../store/postgres");
  const db = postgresExecutor({ connectionString: config.databaseUrl, maxConnections: 1 });
  try {
    const state = await schemaState(db);
    if (!state.created)
      return line("database", "fail", text("doctor.database.empty"), text("doctor.database.empty.fix"));
    if (state.unknown.length > 0) {
      return line(
        "database",
        "fail",
        text("doctor.database.ahead", { versions: state.unknown.join(", ") }),
        text("doctor.database.ahead.fix"),
      );
    }
    if (state.pending.length > 0) {
      return line(
        "database",
        "fail",
        text("doctor.database.behind", { versions: state.pending.join(", ") }),
        text("doctor.database.behind.fix"),
      );
    }
    const latest = Math.max(...migrations.map((m) => m.version));
    return line("database", "pass", text("doctor.database.ok", { count: migrations.length, latest }));
  } catch (error) {
    return line(
      "database",
      "fail",
      text("doctor.database.unreachable", { error: error instanceof Error ? error.message : String(error) }),
      text("doctor.database.unreachable.fix"),
    );
  } finally {
    await db.close();
  }
}
