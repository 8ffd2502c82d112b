import { describe, expect, it } from "vitest";
import { JournalSettingsSchema, isValidCaseNumber, kleOfCaseNumber } from "./journal";

describe("case numbers (journalnumre)", () => {
  it.each([
    ["00.01.00-A00-1-24", true],
    ["27.12.04-P20-314-23", true],
    ["00.01.00-Ø01-12-25", true],
    ["00.01.00-A00-1-2024", false],
    ["0.01.00-A00-1-24", false],
    ["00.01.00-00-1-24", false],
    ["sag 123", false],
  ])("%s is a valid KL-style case number: %s", (caseNumber, valid) => {
    expect(isValidCaseNumber(caseNumber)).toBe(valid);
  });

  it("a municipality with another format sets its own pattern", () => {
    const settings = JournalSettingsSchema.parse({ caseNumberPattern: "^\\d{4}-\\d{7}$" });
    expect(isValidCaseNumber("2024-0123456", settings.caseNumberPattern)).toBe(true);
    expect(isValidCaseNumber("00.01.00-A00-1-24", settings.caseNumberPattern)).toBe(false);
  });

  it("a pattern that is not a regular expression is refused", () => {
    const result = JournalSettingsSchema.safeParse({ caseNumberPattern: "^(\\d" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["caseNumberPattern"]);
  });

  it("the KLE subject code is read from the start of a KL-style case number", () => {
    expect(kleOfCaseNumber("00.01.00-A00-1-24")).toBe("00.01.00");
    expect(kleOfCaseNumber("2024-0123456")).toBeUndefined();
  });
});
