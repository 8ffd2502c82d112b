import { describe, expect, it } from "vitest";
import type { Deadline } from "./deadline";
import { groupDeadlines, severityOf, sortDeadlines, withSeverity } from "./lists";

// Wednesday 20 May 2026, 09:00 in Copenhagen (the day before Kristi Himmelfart is 13 May; Pinse is 24–25 May).
const now = "2026-05-20T07:00:00.000Z";

describe("how urgent a deadline is", () => {
  it.each([
    ["one that passed an hour ago is overdue", "2026-05-20T06:00:00.000Z", "overdue"],
    ["one later today is due today", "2026-05-20T20:00:00.000Z", "today"],
    ["one on Friday is soon", "2026-05-22T10:00:00.000Z", "soon"],
    ["one on the Tuesday after Pinse is later (Monday is a holiday)", "2026-05-26T10:00:00.000Z", "later"],
  ])("%s", (_sentence, due, severity) => {
    expect(severityOf(due, now)).toBe(severity);
  });
});

describe("the deadline list", () => {
  const make = (kind: Deadline["kind"], due: string, title: string) =>
    withSeverity({ kind, due, title, itemId: title, mailbox: "borgmester@fjordby.dk" }, now);
  const list = [
    make("inquiryReply", "2026-06-02T14:00:00.000Z", "Henvendelse om vejbump"),
    make("cateringCutoff", "2026-05-21T10:00:00.000Z", "Økonomiudvalgsmøde"),
    make("invitationAnswer", "2026-05-21T10:00:00.000Z", "KL: Temamøde"),
    make("materialDue", "2026-05-19T10:00:00.000Z", "Byrådsmøde"),
    make("guestListDue", "2026-05-20T12:00:00.000Z", "Besøg af ministeren"),
    make("flaggedMail", "2026-05-24T10:00:00.000Z", "Svar til DI"),
  ];

  it("is sorted earliest first, same moment by kind", () => {
    expect(sortDeadlines(list).map((d) => d.title)).toEqual([
      "Byrådsmøde",
      "Besøg af ministeren",
      "KL: Temamøde",
      "Økonomiudvalgsmøde",
      "Svar til DI",
      "Henvendelse om vejbump",
    ]);
  });

  it("is grouped into overdue, today, the rest of this week and later", () => {
    const groups = groupDeadlines(list, now);
    const titles = (items: Deadline[]) => items.map((d) => d.title);
    expect(titles(groups.overdue)).toEqual(["Byrådsmøde"]);
    expect(titles(groups.today)).toEqual(["Besøg af ministeren"]);
    expect(titles(groups.thisWeek)).toEqual(["KL: Temamøde", "Økonomiudvalgsmøde", "Svar til DI"]);
    expect(titles(groups.later)).toEqual(["Henvendelse om vejbump"]);
  });

  it("each entry carries its severity", () => {
    expect(list.map((d) => d.severity)).toEqual(["later", "soon", "soon", "overdue", "today", "later"]);
  });
});
