import defaultRulesFile from "./default-rules.json";
import { RuleSetSchema, type RuleSet } from "./rules";

/** The first-setup rules for a Danish mayor: council, finance committee, executive board and ministers first. */
export function defaultRuleSet(): RuleSet {
  return RuleSetSchema.parse(defaultRulesFile);
}
