import { classify, type Classification, type PriorityItem } from "./classify";
import type { RuleSet } from "./rules";

export interface Reclassification {
  itemId: string;
  before: Classification;
  after: Classification;
}

/** A dry run of a rule change: the items whose class or reason would change, before anything is saved. */
export function reclassify(
  items: readonly PriorityItem[],
  oldRules: RuleSet,
  newRules: RuleSet,
): Reclassification[] {
  const changes: Reclassification[] = [];
  for (const item of items) {
    const before = classify(item, oldRules);
    const after = classify(item, newRules);
    if (before.class !== after.class || before.reason !== after.reason)
      changes.push({ itemId: item.id, before, after });
  }
  return changes;
}
