import { defaultRuleSet, RuleSetSchema, type RuleSet } from "@modeklar/shared";
import type { RuleVersion, RuleVersions } from "../store/reconcile";

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

/**
 * The priority rules as stored and versioned; the first read sets them up from shared's
 * default rules file. A version is parsed once: each read asks the store only for the newest
 * version's number, so a save by another instance is seen on the next read.
 */
export class RuleBook {
  private cached: StoredRules | null = null;

  constructor(private readonly store: RuleVersions) {}

  async current(): Promise<StoredRules> {
    const version = await this.store.rulesVersion();
    if (version !== null && this.cached?.version === version) return this.cached;
    const stored =
      (await this.store.currentRules()) ?? (await this.store.saveRules(defaultRuleSet(), FIRST_SETUP));
    this.cached = parsed(stored);
    return this.cached;
  }

  /** Saves the rules as the next version if `baseVersion` is still the newest; null when it is not. */
  async replace(ruleSet: RuleSet, savedBy: string, baseVersion: number): Promise<StoredRules | null> {
    const saved = await this.store.replaceRules(ruleSet, savedBy, baseVersion);
    if (!saved) return null;
    this.cached = parsed(saved);
    return this.cached;
  }
}
