import { describe, expect, it } from "vitest";
import { overallState } from "./status";

describe("the journal state of an inquiry with its answer, or a meeting with its documents", () => {
  it("is journalised only when every document is", () => {
    expect(overallState(["journalised", "journalised"])).toBe("journalised");
    expect(overallState(["journalised", "notJournalised"])).toBe("notJournalised");
    expect(overallState(["journalised", "sending"])).toBe("sending");
    expect(overallState(["journalised", "failed"])).toBe("failed");
    expect(overallState([])).toBe("notJournalised");
  });
});
