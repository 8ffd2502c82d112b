import { describe, expect, it } from "vitest";
import { SubjectTagSchema, subjectTag, taggedSubject } from "./subject-tag";

describe("the journal mailbox's subject tag", () => {
  it("puts the case number in the tag before the item's own subject", () => {
    expect(taggedSubject("[Sag {journalnummer}]", "00.01.00-A00-1-24", "Støj fra byggepladsen")).toBe(
      "[Sag 00.01.00-A00-1-24] Støj fra byggepladsen",
    );
    expect(subjectTag("F2#{journalnummer}", "00.01.00-A00-1-24")).toBe("F2#00.01.00-A00-1-24");
  });

  it("does not tag a subject twice when it already carries the tag", () => {
    expect(
      taggedSubject("[Sag {journalnummer}]", "00.01.00-A00-1-24", "SV: [Sag 00.01.00-A00-1-24] Støj"),
    ).toBe("SV: [Sag 00.01.00-A00-1-24] Støj");
  });

  it("is only a tag when it names the case number exactly once", () => {
    expect(SubjectTagSchema.safeParse("[Sag {journalnummer}]").success).toBe(true);
    expect(SubjectTagSchema.safeParse("[Sag]").error?.issues[0]?.message).toBe("validation.subjectTag");
    expect(SubjectTagSchema.safeParse("{journalnummer} {journalnummer}").success).toBe(false);
  });
});
