import { defaultRuleSet, RuleSetSchema, type RuleSet } from "@modeklar/shared";
import type { ReconcileStore, RuleVersion } from "../store/reconcile";

export const FIRST_SETUP = "Mødeklar (første opsætning fra standardreglerne)";

export interface StoredRules {
  ruleSet: RuleSet;
  version: number;
  savedBy: string;
  savedAt: string;
}

function parsed(version: RuleVersion): StoredRules {
  return {
    ruleSet: { ...RuleSetSchema.parse(version.rules), version: version.version },
    version: version.version,
    savedBy: version.savedBy,
    savedAt: version.savedAt,
  };
}

/** The priority rules as stored and versioned; the first read sets them up from shared's default rules file. */
export class RuleBook {
  constructor(private readonly store: ReconcileStore) {}

  async current(): Promise<StoredRules> {
    const stored =
      (await this.store.currentRules()) ?? (await this.store.saveRules(defaultRuleSet(), FIRST_SETUP));
    return parsed(stored);
  }

  async save(ruleSet: RuleSet, savedBy: string): Promise<StoredRules> {
    return parsed(await this.store.saveRules(ruleSet, savedBy));
  }
}
