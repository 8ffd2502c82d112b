import { describe, expect, it } from "vitest";
import { caseNumberIn, CaseNumberFormatSchema, KL_CASE_NUMBER_FORMAT } from "./case-number";

describe("the municipality's case number format", () => {
  it("takes a KL journal plan number, trimmed, and refuses other forms", () => {
    expect(caseNumberIn(" 00.01.00-A00-1-24 ", KL_CASE_NUMBER_FORMAT)).toBe("00.01.00-A00-1-24");
    expect(caseNumberIn("27.12.04-P20-314-23", KL_CASE_NUMBER_FORMAT)).toBe("27.12.04-P20-314-23");
    for (const wrong of ["2024-0123456", "00.01.00-A00-1-2024", "sag 12", ""]) {
      expect(caseNumberIn(wrong, KL_CASE_NUMBER_FORMAT), wrong).toBeNull();
    }
  });

  it("lets a municipality with another case system set its own pattern and example", () => {
    const format = CaseNumberFormatSchema.parse({ pattern: "^\\d{4}-\\d{7}$", example: "2024-0123456" });
    expect(caseNumberIn("2026-0000042", format)).toBe("2026-0000042");
    expect(caseNumberIn("00.01.00-A00-1-24", format)).toBeNull();
  });

  it("refuses an example that does not have the form it is meant to show", () => {
    const result = CaseNumberFormatSchema.safeParse({
      pattern: "^\\d{4}-\\d{7}$",
      example: "00.01.00-A00-1-24",
    });
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["example", "validation.caseExample"],
    ]);
  });

  it("refuses a pattern that is not a regular expression", () => {
    const result = CaseNumberFormatSchema.safeParse({ pattern: "^(\\d", example: "1" });
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(["pattern"]);
  });
});
