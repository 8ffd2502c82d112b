import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnvExample } from "../doctor/env-example";
import { RETENTION_SETTINGS } from "../retention/settings";
import { eachMigratedDatabase } from "../../test/store/migrated-database.fixture";
import { MEETING_TABLES } from "./retention";
import type { SqlExecutor } from "./sql";
import { pgliteServer } from "../../test/store/test-servers.fixture";

const root = path.resolve(import.meta.dirname, "../../..");
const doc = readFileSync(path.join(root, "docs/records-of-processing.md"), "utf8");
const envVariables = new Set(
  parseEnvExample(readFileSync(path.join(root, ".env.example"), "utf8")).map((v) => v.name),
);

/** The rows of the table between `<!-- name:start -->` and `<!-- name:end -->`, as cells, header and rule left out. */
function rows(name: string): string[][] {
  const start = doc.indexOf(`<!-- ${name}:start -->`);
  const end = doc.indexOf(`<!-- ${name}:end -->`);
  if (start < 0 || end < start) throw new Error(`docs/records-of-processing.md has no ${name} table`);
  return doc
    .slice(start, end)
    .split("\n")
    .filter((line) => line.startsWith("|"))
    .slice(2)
    .map((line) =>
      line
        .slice(1, -1)
        .split("|")
        .map((cell) => cell.trim()),
    );
}

const tableOf = (row: string[]) => /^`([a-z_]+)`$/.exec(row[0] ?? "")?.[1] ?? `(not a table: ${row[0]})`;
const personal = { da: rows("personal-data:da"), en: rows("personal-data:en") };
const other = { da: rows("no-personal-data:da"), en: rows("no-personal-data:en") };
const personalTables = personal.da.map(tableOf);
const otherTables = other.da.map(tableOf);
/** The period column (the last) of each personal table's row, by language. */
const periodOf = (language: "da" | "en", table: string) =>
  personal[language].find((row) => tableOf(row) === table)?.at(-1) ?? "";

/** Columns whose values are about people: a table holding one cannot be listed as without personal data. */
const PERSONAL_COLUMN =
  /(_by$|^from_|^actor_|^guest$|^text$|^subject$|^plan$|^body$|^snapshot$|^cause$|^data$|^case_number$)/;

describe("the records of processing (docs/records-of-processing.md)", () => {
  let db: SqlExecutor;
  eachMigratedDatabase(pgliteServer, (fresh) => {
    db = fresh;
  });

  const schemaTables = async () =>
    (
      await db.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables
          WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
      )
    ).rows.map((r) => r.table_name);

  it("names every table the migrations create, each once, as holding personal data or not, and no table that is not there", async () => {
    const documented = [...personalTables, ...otherTables];
    expect(new Set(documented).size).toBe(documented.length);
    expect([...documented].sort()).toEqual(await schemaTables());
  });

  it("says the same in Danish and in English", () => {
    expect(personal.en.map(tableOf)).toEqual(personalTables);
    expect(other.en.map(tableOf)).toEqual(otherTables);
    for (const table of personalTables)
      expect(periodOf("en", table).match(/`[A-Z_]+`/g), table).toEqual(
        periodOf("da", table).match(/`[A-Z_]+`/g),
      );
  });

  it("lists as without personal data no table with a column about people", async () => {
    const { rows: columns } = await db.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()`,
    );
    const aboutPeople = [
      ...new Set(
        columns
          .filter((c) => c.column_name !== "leased_by" && PERSONAL_COLUMN.test(c.column_name))
          .map((c) => c.table_name),
      ),
    ];
    expect(aboutPeople.filter((table) => otherTables.includes(table))).toEqual([]);
  });

  it("names only settings that exist, and every retention period the service has", () => {
    const named = [...doc.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1] ?? "");
    expect(named.filter((name) => !envVariables.has(name))).toEqual([]);
    for (const { variable } of Object.values(RETENTION_SETTINGS)) {
      expect(envVariables.has(variable), `${variable} in .env.example`).toBe(true);
      expect(
        personalTables.some((table) => periodOf("da", table).includes(`\`${variable}\``)),
        variable,
      ).toBe(true);
    }
  });

  it("gives each table retention deletes by a meeting's end the period retention uses for it", () => {
    for (const { table, kind } of MEETING_TABLES)
      expect(periodOf("da", table), table).toContain(`\`${RETENTION_SETTINGS[kind].variable}\``);
    expect(periodOf("da", "mirror_items")).toContain("`RETENTION_MAIL_DAYS`");
    expect(periodOf("da", "outbox")).toContain("`RETENTION_MAIL_DAYS`");
    expect(periodOf("da", "audit_log")).toContain("`RETENTION_AUDIT_DAYS`");
    expect(periodOf("da", "journal_filings")).toContain("`RETENTION_AUDIT_DAYS`");
  });
});
