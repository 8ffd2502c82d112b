import type { Clock } from "../clock";
import { iso, jsonb } from "../rows";
import type { SqlSession } from "../sql";

export interface RuleVersion {
  version: number;
  /** The rule set as saved (shared's RuleSet JSON). */
  rules: unknown;
  savedBy: string;
  savedAt: string;
}

/** The priority rules, kept in numbered versions: a save never overwrites another's. */
export interface RuleVersions {
  /** Saves a new version of the rules; returns it. Versions count 1, 2, 3… */
  saveRules(rules: unknown, savedBy: string): Promise<RuleVersion>;
  /** Saves version `baseVersion + 1` only if `baseVersion` is the newest: null when someone saved meanwhile. */
  replaceRules(rules: unknown, savedBy: string, baseVersion: number): Promise<RuleVersion | null>;
  currentRules(): Promise<RuleVersion | null>;
  /** The newest version's number (null before the first save): a cheap "did the rules change". */
  rulesVersion(): Promise<number | null>;
  ruleHistory(): Promise<Omit<RuleVersion, "rules">[]>;
}

export function sqlRuleVersions(db: SqlSession, clock: Clock): RuleVersions {
  const now = () => clock.now().toISOString();
  return {
    async saveRules(rules, savedBy) {
      // Two editors saving at once: the loser's insert hits the primary key and takes the next number.
      for (;;) {
        const { rows } = await db.query<{ version: number; saved_at: Date | string }>(
          `INSERT INTO priority_rule_versions (version, rules, saved_by, saved_at)
           SELECT COALESCE(MAX(version), 0) + 1, $1::jsonb, $2, $3 FROM priority_rule_versions
           ON CONFLICT (version) DO NOTHING
           RETURNING version, saved_at`,
          [jsonb(rules), savedBy, now()],
        );
        const row = rows[0];
        if (row) return { version: row.version, rules, savedBy, savedAt: iso(row.saved_at) };
      }
    },
    async replaceRules(rules, savedBy, baseVersion) {
      // Two editors based on the same version: both name the same new number, the key lets one in.
      const { rows } = await db.query<{ version: number; saved_at: Date | string }>(
        `INSERT INTO priority_rule_versions (version, rules, saved_by, saved_at)
         SELECT $4::integer + 1, $1::jsonb, $2, $3
          WHERE (SELECT COALESCE(MAX(version), 0) FROM priority_rule_versions) = $4::integer
         ON CONFLICT (version) DO NOTHING
         RETURNING version, saved_at`,
        [jsonb(rules), savedBy, now(), baseVersion],
      );
      const row = rows[0];
      return row ? { version: row.version, rules, savedBy, savedAt: iso(row.saved_at) } : null;
    },
    async currentRules() {
      const { rows } = await db.query<{ version: number; rules: unknown; saved_by: string; saved_at: Date }>(
        "SELECT version, rules, saved_by, saved_at FROM priority_rule_versions ORDER BY version DESC LIMIT 1",
      );
      const row = rows[0];
      return row
        ? { version: row.version, rules: row.rules, savedBy: row.saved_by, savedAt: iso(row.saved_at) }
        : null;
    },
    async rulesVersion() {
      const { rows } = await db.query<{ version: number | null }>(
        "SELECT MAX(version) AS version FROM priority_rule_versions",
      );
      return rows[0]?.version ?? null;
    },
    async ruleHistory() {
      const { rows } = await db.query<{ version: number; saved_by: string; saved_at: Date }>(
        "SELECT version, saved_by, saved_at FROM priority_rule_versions ORDER BY version DESC",
      );
      return rows.map((row) => ({ version: row.version, savedBy: row.saved_by, savedAt: iso(row.saved_at) }));
    },
  };
}
