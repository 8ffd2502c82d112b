import { describe, expect, it } from "vitest";
import { matchesKeyword } from "./danish-text";

describe("Danish keyword matching", () => {
  it.each([
    ["Byrådsmødet den 12. marts", "byrådsmøde"],
    ["Forberedelse af byrådsmøder", "byrådsmøde"],
    ["Byrådsmødets dagsorden", "Byrådsmøde"],
    ["BYRÅDSMØDE", "byrådsmøde"],
    ["Byraadsmoedet i aften", "byrådsmøde"],
    ["Økonomiudvalgets budgetseminar", "økonomiudvalg"],
    ["Oekonomiudvalget", "Økonomiudvalg"],
    ["Direktionsmøde med borgmesteren", "direktion"],
    ["Møde med ministeren om klima", "minister"],
    ["Besøg fra Region Sjælland", "region sjælland"],
    ["Regionsrådet, Region Sjaelland", "Region Sjælland"],
    ["Byrådsmøde", "byråd"],
    ["Møde i KL's bestyrelse", "KL"],
  ])("%s matches %s", (text, keyword) => {
    expect(matchesKeyword(text, keyword)).toBe(true);
  });

  it.each([
    ["Klimamøde", "KL"],
    ["Kaffe i kantinen", "byrådsmøde"],
    ["Sjælland rundt, region ukendt", "region sjælland"],
    ["", "byråd"],
    ["Byrådsmøde", ""],
  ])("%s does not match %s", (text, keyword) => {
    expect(matchesKeyword(text, keyword)).toBe(false);
  });
});

describe("stems the stemmer cuts unevenly", () => {
  it("budget matches budgettet and anlægsbudgettet only at the front", () => {
    expect(matchesKeyword("Møde om budgettet", "budget")).toBe(true);
    expect(matchesKeyword("Budgetter for 2027", "budget")).toBe(true);
    expect(matchesKeyword("Anlægsbudgettet", "budget")).toBe(false);
  });
});
