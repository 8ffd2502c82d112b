import { readFileSync } from "node:fs";
import path from "node:path";
import { avoidedWords, untranslatedWords, wordsNotToUse } from "@modeklar/shared";
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { da } from "./da";
import { en } from "./en";
import { I18nProvider, useT } from "./I18nProvider";
import { localeOf, pageLocale, translate } from "./translate";

describe("the add-in's message catalogs", () => {
  it("have the same keys in Danish and English", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(da).sort());
  });

  it("have no empty text in either language", () => {
    for (const catalog of [da, en]) {
      for (const [key, text] of Object.entries(catalog)) expect(text.trim(), key).not.toBe("");
    }
  });

  it("use the same placeholders in both languages", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const key of Object.keys(da) as (keyof typeof da)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(da[key]));
    }
  });
});

describe("the add-in's Danish", () => {
  // One glossary for every Danish text of Mødeklar, beside the domain's catalogue.
  const glossary = readFileSync(
    path.join(import.meta.dirname, "../../../shared/src/i18n/glossary.md"),
    "utf8",
  );

  it("has no English word left untranslated, outside the words both languages share", () => {
    expect(untranslatedWords(da, en)).toEqual([]);
  });

  it("uses the glossary's terms, never the words it says not to use", () => {
    expect(avoidedWords(da, wordsNotToUse(glossary))).toEqual([]);
  });
});

describe("choosing the language", () => {
  it("shows Danish to a Danish Outlook and English to any other language", () => {
    expect(localeOf("da-DK")).toBe("da");
    expect(localeOf("da")).toBe("da");
    expect(localeOf("en-US")).toBe("en");
    expect(localeOf("en-GB")).toBe("en");
    expect(localeOf("de-DE")).toBe("en");
  });

  it("falls back to Danish when nothing names a language", () => {
    expect(localeOf(undefined)).toBe("da");
    expect(localeOf("")).toBe("da");
  });

  it("prefers Outlook's display language over the browser's", () => {
    expect(pageLocale("en-US")).toBe("en");
    expect(pageLocale("da-DK")).toBe("da");
    expect(pageLocale()).toBe(localeOf(navigator.language));
  });
});

describe("translating", () => {
  it("fills in named values", () => {
    expect(translate("da", "office.accessDenied", { owner: "borgmester@fjordby.dk" })).toBe(
      "Du har ikke adgang til at ændre dette møde i kalenderen hos borgmester@fjordby.dk.",
    );
    expect(translate("en", "office.failed", { operation: "save the meeting's plan" })).toBe(
      "Outlook could not save the meeting's plan. Try again in a moment.",
    );
  });

  it("gives components the page's language through useT", () => {
    function Heading() {
      const t = useT();
      return <h1>{t("page.taskpane.title")}</h1>;
    }
    render(
      <I18nProvider locale="en">
        <Heading />
      </I18nProvider>,
    );
    expect(screen.getByRole("heading").textContent).toBe("Meeting plan");
  });
});
