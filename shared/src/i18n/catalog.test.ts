import { describe, expect, it } from "vitest";
import { z } from "zod";
import { catalog, localeOf, t } from "./catalog";
import { describeErrors, fieldErrors } from "./validation";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message catalogs", () => {
  it("Danish and English have the same keys", () => {
    expect(Object.keys(catalog("en")).sort()).toEqual(Object.keys(catalog("da")).sort());
  });

  it("every English message uses the same placeholders as the Danish one", () => {
    const en = catalog("en");
    for (const [key, text] of Object.entries(catalog("da"))) {
      expect(placeholders(en[key as keyof typeof en]), key).toEqual(placeholders(text));
    }
  });

  it("no message is empty", () => {
    for (const locale of ["da", "en"] as const) {
      for (const text of Object.values(catalog(locale))) expect(text.trim()).not.toBe("");
    }
  });

  it("fills in the values a message names", () => {
    expect(t("da", "readiness.summary", { done: 2, needed: 4 })).toBe("2 af 4 klar");
    expect(t("en", "readiness.summary", { done: 2, needed: 4 })).toBe("2 of 4 ready");
    expect(t("da", "step.catering")).toBe("Forplejning");
  });

  it.each([
    ["da-DK", "da"],
    ["en-US", "en"],
    ["en-GB", "en"],
    ["de-DE", "da"],
    [undefined, "da"],
  ])("Outlook's display language %s gives %s", (tag, locale) => {
    expect(localeOf(tag)).toBe(locale);
  });
});

describe("validation messages", () => {
  const schema = z.object({
    rules: z.array(z.object({ time: z.string().regex(/^\d\d:\d\d$/, { message: "validation.localTime" }) })),
  });

  it("name the bad field and say what is wrong in the user's language", () => {
    const result = schema.safeParse({ rules: [{ time: "12:00" }, { time: "noon" }] });
    expect(result.success).toBe(false);
    expect(fieldErrors(result.error!, "en")).toEqual([
      { field: "rules[1].time", message: "is not a time of day (HH:MM)" },
    ]);
    expect(describeErrors(result.error!, "da")).toBe("rules[1].time: er ikke et klokkeslæt (TT:MM)");
  });

  it("keep zod's own message where the domain set none", () => {
    const result = schema.safeParse({ rules: "none" });
    expect(fieldErrors(result.error!, "en")[0]?.field).toBe("rules");
    expect(fieldErrors(result.error!, "en")[0]?.message).toMatch(/array/i);
  });
});
