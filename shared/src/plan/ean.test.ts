import { describe, expect, it } from "vitest";
import { gs1CheckDigit, isValidEan } from "./ean";

describe("EAN location numbers for invoicing", () => {
  it.each([
    ["5798000000001", true],
    ["5798001234566", true],
    ["4006381333931", true],
    ["5798001234567", false],
    ["579800123456", false],
    ["57980012345660", false],
    ["579800123456a", false],
  ])("%s is valid: %s", (ean, valid) => {
    expect(isValidEan(ean)).toBe(valid);
  });

  it("the check digit follows GS1's 1-3 weighting from the left", () => {
    expect(gs1CheckDigit("579800000000")).toBe(1);
  });
});
