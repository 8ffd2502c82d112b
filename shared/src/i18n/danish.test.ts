import { describe, expect, it } from "vitest";
import { catalog } from "./catalog";
// The glossary as text (Vite's ?raw), not read from disk: shared runs without Node's modules.
import glossary from "./glossary.md?raw";
import { avoidedWords, untranslatedWords, wordsNotToUse } from "./untranslated";

describe("the domain's Danish", () => {
  it("has no English word left untranslated, outside the words both languages share", () => {
    expect(untranslatedWords(catalog("da"), catalog("en"))).toEqual([]);
  });

  it("uses the glossary's terms, never the words it says not to use", () => {
    expect(wordsNotToUse(glossary)).toEqual(
      expect.arrayContaining(["briefing", "arrangør", "e-mail", "fagcenter"]),
    );
    expect(avoidedWords(catalog("da"), wordsNotToUse(glossary))).toEqual([]);
  });

  it("finds an English message copied into the Danish catalogue, and an English word inside a Danish compound", () => {
    const en = { "step.briefing": "Briefing note", "plan.saved": "The plan could not be saved" };
    expect(untranslatedWords({ "plan.saved": "The plan could not be saved" }, en)).toEqual([
      "plan.saved: the",
      "plan.saved: could",
      "plan.saved: not",
      "plan.saved: be",
      "plan.saved: saved",
    ]);
    expect(untranslatedWords({ "office.tooLarge": "Flyt lange tekster til briefingnoten." }, en)).toEqual([
      "office.tooLarge: briefingnoten",
    ]);
    expect(avoidedWords({ k: "Kun mødets arrangør kan booke" }, wordsNotToUse(glossary))).toEqual([
      "k: arrangør",
    ]);
  });
});
