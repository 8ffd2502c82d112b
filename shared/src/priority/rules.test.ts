import { describe, expect, it } from "vitest";
import { fieldErrors } from "../i18n/validation";
import { defaultRuleSet } from "./default-rules";
import { RuleSetSchema } from "./rules";

const errorsOf = (input: unknown) => {
  const result = RuleSetSchema.safeParse(input);
  if (result.success) throw new Error("expected the rule set to be refused");
  return fieldErrors(result.error, "en");
};

describe("the rules file", () => {
  it("the default rule set for a Danish mayor is valid and names the classes Prioritet 1/2/3", () => {
    const set = defaultRuleSet();
    expect(set.rules.length).toBeGreaterThan(5);
    expect(set.classNames[1]).toMatchObject({ category: "Prioritet 1", label: "Skal" });
    expect(set.classNames[3].label).toBe("Kan");
  });

  it("the classes' importance follows their weight: 1 high, 2 normal, 3 low, in the file and without one", () => {
    const importance = (set: { classNames: Record<1 | 2 | 3, { importance: string }> }) =>
      [1, 2, 3].map((c) => set.classNames[c as 1 | 2 | 3].importance);
    expect(importance(defaultRuleSet())).toEqual(["high", "normal", "low"]);
    expect(importance(RuleSetSchema.parse({ rules: [] }))).toEqual(["high", "normal", "low"]);
  });

  it.each([
    [
      { rules: [{ id: "a", class: 4, reason: "x", match: { subject: ["a"] } }] },
      "rules[0].class",
      "must be priority 1, 2 or 3",
    ],
    [
      { rules: [{ id: "a", class: 1, reason: "x", match: { organizer: ["not an address"] } }] },
      "rules[0].match.organizer[0]",
      "must be an e-mail address or a domain (e.g. kl.dk)",
    ],
    [
      { rules: [{ id: "a", class: 1, reason: "x", match: {} }] },
      "rules[0].match",
      "the rule needs at least one condition",
    ],
    [
      { rules: [{ id: "a", class: 1, reason: "", match: { subject: ["a"] } }] },
      "rules[0].reason",
      "is required",
    ],
    [
      {
        rules: [
          { id: "a", class: 1, reason: "x", match: { subject: ["a"] } },
          { id: "a", class: 2, reason: "y", match: { subject: ["b"] } },
        ],
      },
      "rules[1].id",
      "the id is used by another rule",
    ],
    [
      { rules: [{ id: "a", class: 1, reason: "x", match: { organisation: ["Ukendt A/S"] } }] },
      "rules[0].match.organisation[0]",
      "the organisation is not in the list of organisations",
    ],
    [
      { vips: [{ match: "minister@fm.dk", class: 0, label: "VIP" }] },
      "vips[0].class",
      "must be priority 1, 2 or 3",
    ],
  ])("an invalid rule set is refused naming the bad field (%#)", (input, field, message) => {
    expect(errorsOf(input)).toContainEqual({ field, message });
  });

  it("an unknown condition is refused rather than silently ignored", () => {
    const errors = errorsOf({ rules: [{ id: "a", class: 1, reason: "x", match: { subjekt: ["byråd"] } }] });
    expect(errors[0]?.field).toBe("rules[0].match");
  });
});
