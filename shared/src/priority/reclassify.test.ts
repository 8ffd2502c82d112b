import { describe, expect, it } from "vitest";
import type { PriorityItem } from "./classify";
import { defaultRuleSet } from "./default-rules";
import { reclassify } from "./reclassify";
import { RuleSetSchema } from "./rules";

const items: PriorityItem[] = [
  { id: "council", subject: "Byrådsmøde", organizer: { address: "byraadssekretariatet@fjordby.dk" } },
  { id: "village", subject: "Landsbyrådets årsmøde", organizer: { address: "landsbyraad@noerreby.dk" } },
  {
    id: "school",
    subject: "Indvielse af den nye skolegård",
    organizer: { address: "skoleleder@fjordby-skole.dk" },
  },
  { id: "region", subject: "Dialogmøde", organizer: { address: "vaekstforum@regionsjaelland.dk" } },
];

describe("a dry run of a rule change", () => {
  it("lists exactly the items whose class or reason would change", () => {
    const before = defaultRuleSet();
    const after = RuleSetSchema.parse({
      ...before,
      rules: [
        ...before.rules,
        { id: "landsby", class: 2, reason: "landsbyråd", match: { subject: ["landsbyråd"] } },
      ],
    });
    const changes = reclassify(items, before, after);
    expect(changes.map((c) => c.itemId)).toEqual(["village"]);
    expect(changes[0]?.before.class).toBe(3);
    expect(changes[0]?.after).toMatchObject({ class: 2, reason: "landsbyråd", ruleId: "landsby" });
  });

  it("a change of reason alone is listed too", () => {
    const before = defaultRuleSet();
    const after = RuleSetSchema.parse({
      ...before,
      rules: before.rules.map((rule) =>
        rule.id === "region" ? { ...rule, reason: "Region Sjælland" } : rule,
      ),
    });
    expect(reclassify(items, before, after).map((c) => c.itemId)).toEqual(["region"]);
  });

  it("the same rules change nothing", () => {
    expect(reclassify(items, defaultRuleSet(), defaultRuleSet())).toEqual([]);
  });
});
