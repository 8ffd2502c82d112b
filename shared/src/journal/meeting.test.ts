import { describe, expect, it } from "vitest";
import { meetingNeedsJournal, type MeetingForJournal } from "./meeting";

const now = new Date("2026-04-08T10:00:00Z");
const held: MeetingForJournal = {
  end: "2026-04-01T09:00:00Z",
  isCancelled: false,
  isPrivate: false,
  journal: { state: "todo", caseNumber: undefined },
  filedBefore: false,
};

describe("which meetings ask to be journalised", () => {
  it("a held meeting whose plan has the journal step or a case number", () => {
    expect(meetingNeedsJournal(held, now)).toBe(true);
    expect(
      meetingNeedsJournal({ ...held, journal: { state: "notNeeded", caseNumber: "00.01.00-A00-1-24" } }, now),
    ).toBe(true);
  });

  it("not a meeting without a case, one not yet over, nor a cancelled one", () => {
    expect(
      meetingNeedsJournal({ ...held, journal: { state: "notNeeded", caseNumber: undefined } }, now),
    ).toBe(false);
    expect(meetingNeedsJournal({ ...held, end: "2026-04-08T11:00:00Z" }, now)).toBe(false);
    expect(meetingNeedsJournal({ ...held, isCancelled: true }, now)).toBe(false);
  });

  it("a private meeting only once the secretary chose to file it", () => {
    expect(meetingNeedsJournal({ ...held, isPrivate: true }, now)).toBe(false);
    expect(meetingNeedsJournal({ ...held, isPrivate: true, filedBefore: true }, now)).toBe(true);
  });
});
