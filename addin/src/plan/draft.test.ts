import { emptyPlan } from "@modeklar/shared";
import { describe, expect, it } from "vitest";
import { Drafts, type DraftStorage } from "./draft";

function memoryStorage(): DraftStorage & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  };
}

const draft = (caseNumber: string) => ({
  plan: { ...emptyPlan(), journal: { state: "todo" as const, caseNumber } },
  briefing: null,
  baseRevision: 3,
  savedAt: "2026-12-01T09:00:00.000Z",
});

describe("drafts", () => {
  it("keeps what was typed per meeting until it is saved", () => {
    const drafts = new Drafts(memoryStorage());
    drafts.save("AAMkAD-1", draft("00.01.00-A00-1-24"));
    drafts.save("AAMkAD-2", draft("00.01.00-A00-2-24"));
    expect(drafts.load("AAMkAD-1")?.plan.journal.caseNumber).toBe("00.01.00-A00-1-24");
    drafts.clear("AAMkAD-1");
    expect(drafts.load("AAMkAD-1")).toBeNull();
    expect(drafts.load("AAMkAD-2")?.baseRevision).toBe(3);
  });

  it("survives a new pane: the browser's storage holds the draft", () => {
    const storage = memoryStorage();
    new Drafts(storage).save("AAMkAD-1", draft("00.01.00-A00-1-24"));
    expect(new Drafts(storage).load("AAMkAD-1")?.plan.journal.caseNumber).toBe("00.01.00-A00-1-24");
  });

  it("ignores a draft it cannot read instead of failing", () => {
    const storage = memoryStorage();
    storage.setItem("modeklar.draft.AAMkAD-1", "{not json");
    storage.setItem("modeklar.draft.AAMkAD-2", JSON.stringify({ plan: "old format" }));
    const drafts = new Drafts(storage);
    expect(drafts.load("AAMkAD-1")).toBeNull();
    expect(drafts.load("AAMkAD-2")).toBeNull();
  });

  it("says so when the browser refuses to store a draft", () => {
    const full: DraftStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
      removeItem: () => undefined,
    };
    expect(new Drafts(full).save("AAMkAD-1", draft("x"))).toBe(false);
    expect(new Drafts(null).save("AAMkAD-1", draft("x"))).toBe(false);
  });
});
