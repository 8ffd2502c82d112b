import fc from "fast-check";
import { DateTime } from "luxon";
import { isWorkingDay } from "../calendar/working-days";
import { describe, expect, it } from "vitest";
import {
  cateringCutoff,
  guestListDue,
  inquiryReplyDue,
  invitationAnswerDue,
  journalDue,
  isBeforeCutoff,
  materialDue,
} from "./compute";

const ZONE = "Europe/Copenhagen";
/** "2026-05-26 10:00" in Copenhagen as an ISO instant. */
const cph = (local: string) =>
  DateTime.fromFormat(local, "yyyy-MM-dd HH:mm", { zone: ZONE }).toUTC().toISO() as string;
const asLocal = (iso: string) => DateTime.fromISO(iso).setZone(ZONE).toFormat("ccc yyyy-MM-dd HH:mm");
const kitchen = { workingDaysBefore: 2, atTime: "12:00" };

describe("the catering cut-off", () => {
  it.each([
    ["a Thursday meeting is ordered by Tuesday 12:00", "2026-03-05 10:00", "Tue 2026-03-03 12:00"],
    ["a Monday meeting is ordered by Thursday 12:00", "2026-03-09 10:00", "Thu 2026-03-05 12:00"],
    [
      "a Tuesday meeting after 2. pinsedag is ordered by Thursday 12:00",
      "2026-05-26 10:00",
      "Thu 2026-05-21 12:00",
    ],
    [
      "a Tuesday meeting after Easter is ordered by Tuesday the week before",
      "2026-04-07 09:00",
      "Tue 2026-03-31 12:00",
    ],
    [
      "a Monday meeting after Kristi Himmelfart is ordered by Wednesday before it",
      "2026-05-18 09:00",
      "Wed 2026-05-13 12:00",
    ],
    ["a 2 January meeting is ordered by 29 December", "2026-01-02 09:00", "Mon 2025-12-29 12:00"],
    [
      "a meeting on 8 June is ordered by Grundlovsdag, which closes at 12:00",
      "2026-06-08 09:00",
      "Thu 2026-06-04 12:00",
    ],
    [
      "across the spring DST change the cut-off stays 12:00 local",
      "2026-03-31 09:00",
      "Fri 2026-03-27 12:00",
    ],
    [
      "across the autumn DST change the cut-off stays 12:00 local",
      "2026-10-27 09:00",
      "Fri 2026-10-23 12:00",
    ],
  ])("%s", (_sentence, meeting, expected) => {
    expect(asLocal(cateringCutoff(cph(meeting), kitchen))).toBe(expected);
  });

  it("a kitchen that wants orders by 14:00 on Grundlovsdag gets them by its 12:00 closing", () => {
    expect(asLocal(cateringCutoff(cph("2026-06-08 09:00"), { workingDaysBefore: 1, atTime: "14:00" }))).toBe(
      "Fri 2026-06-05 12:00",
    );
  });

  it("an order one minute late is refused and one on time accepted", () => {
    const cutoff = cateringCutoff(cph("2026-05-26 10:00"), kitchen);
    expect(isBeforeCutoff(cph("2026-05-21 12:00"), cutoff)).toBe(true);
    expect(isBeforeCutoff(cph("2026-05-21 12:01"), cutoff)).toBe(false);
  });
});

describe("other deadlines", () => {
  it("meeting material 3 working days before a meeting on 28 December is due on 21 December at 12:00", () => {
    expect(asLocal(materialDue(cph("2026-12-28 13:00"), 3))).toBe("Mon 2026-12-21 12:00");
  });

  it("the guest list reaches reception the working day before at 14:00", () => {
    expect(asLocal(guestListDue(cph("2026-04-07 10:00")))).toBe("Wed 2026-04-01 14:00");
  });

  it.each([
    ["an inquiry on a Monday is answered within 10 working days", "2026-03-02 09:00", "Mon 2026-03-16 16:00"],
    ["an inquiry the week before Easter skips the holidays", "2026-03-30 09:00", "Thu 2026-04-16 16:00"],
    ["an inquiry on a Saturday counts from Monday", "2026-03-07 11:00", "Fri 2026-03-20 16:00"],
    ["an inquiry before Christmas skips the closed days", "2026-12-21 09:00", "Fri 2027-01-08 16:00"],
  ])("%s", (_sentence, received, expected) => {
    expect(asLocal(inquiryReplyDue(cph(received)))).toBe(expected);
  });

  it.each([
    ["a Friday inquiry, 5 working days", "2026-12-04 09:12", 5, "Fri 2026-12-11 16:00"],
    [
      "a meeting held the day before Christmas Eve, 3 working days",
      "2026-12-23 15:00",
      3,
      "Wed 2026-12-30 16:00",
    ],
    ["an answer sent on a Sunday, 1 working day", "2026-12-06 20:00", 1, "Mon 2026-12-07 16:00"],
  ])("%s must be journalised by the end of the working day it names", (_what, since, days, expected) => {
    expect(asLocal(journalDue(cph(since), days))).toBe(expected);
  });

  it("an invitation is answered 3 working days after it arrived when the meeting is far off", () => {
    expect(asLocal(invitationAnswerDue(cph("2026-06-15 10:00"), cph("2026-05-04 08:30")))).toBe(
      "Thu 2026-05-07 12:00",
    );
  });

  it("an invitation for a meeting soon is answered 2 working days before it", () => {
    expect(asLocal(invitationAnswerDue(cph("2026-05-12 10:00"), cph("2026-05-05 08:30")))).toBe(
      "Fri 2026-05-08 12:00",
    );
  });
});

describe("the mayor's reply deadline", () => {
  const due = (meeting: string, received: string) =>
    asLocal(invitationAnswerDue(cph(meeting), cph(received)));

  it.each([
    [
      "an invitation that arrives on a Sunday night is due at noon on Monday, never at the minute it arrived",
      "2026-12-08 10:00",
      "2026-12-06 00:18",
      "Mon 2026-12-07 12:00",
    ],
    [
      "an invitation that arrives on a Saturday is due at noon on Monday",
      "2026-12-08 10:00",
      "2026-12-05 09:00",
      "Mon 2026-12-07 12:00",
    ],
    [
      "an invitation that arrives after noon on a Friday is due at noon on Monday",
      "2026-12-08 10:00",
      "2026-12-04 15:00",
      "Mon 2026-12-07 12:00",
    ],
    [
      "an invitation that arrives on a working-day morning for a meeting the same afternoon is due at noon",
      "2026-05-11 15:00",
      "2026-05-11 08:00",
      "Mon 2026-05-11 12:00",
    ],
    [
      "an invitation that arrives before Easter is due after the Easter holidays",
      "2026-04-08 10:00",
      "2026-04-01 13:00",
      "Tue 2026-04-07 12:00",
    ],
    [
      "an invitation that arrives on Juleaftensdag (closed) is due on the next working day",
      "2026-12-29 10:00",
      "2026-12-24 09:00",
      "Mon 2026-12-28 12:00",
    ],
    [
      "an invitation that arrives on Grundlovsdag morning is due when the town hall closes at noon",
      "2026-06-08 10:00",
      "2026-06-05 08:00",
      "Fri 2026-06-05 12:00",
    ],
    [
      "an invitation that arrives the Friday before summer time begins is due on Monday at noon summer time",
      "2026-03-31 10:00",
      "2026-03-27 14:00",
      "Mon 2026-03-30 12:00",
    ],
    [
      "an invitation that arrives the Saturday night before winter time begins is due on Monday at noon winter time",
      "2026-10-27 10:00",
      "2026-10-24 23:30",
      "Mon 2026-10-26 12:00",
    ],
  ])("%s", (_sentence, meeting, received, expected) => {
    expect(due(meeting, received)).toBe(expected);
  });

  it("is 12.00 local time on both sides of a daylight-saving change (11.00 and 10.00 UTC)", () => {
    expect(invitationAnswerDue(cph("2026-03-31 10:00"), cph("2026-03-26 08:00"))).toBe(
      "2026-03-27T11:00:00.000Z",
    );
    expect(invitationAnswerDue(cph("2026-03-31 10:00"), cph("2026-03-27 14:00"))).toBe(
      "2026-03-30T10:00:00.000Z",
    );
  });

  it("was due before it arrived when no working-day noon is left before the meeting", () => {
    // Friday afternoon for Monday 9.00: the rule's time (Thursday 12.00) is what the pages call overdue.
    expect(due("2026-12-07 09:00", "2026-12-04 15:00")).toBe("Thu 2026-12-03 12:00");
    // Saturday for a Sunday event: Friday 12.00, never the Sunday.
    expect(due("2026-12-06 10:00", "2026-12-05 11:00")).toBe("Thu 2026-12-03 12:00");
  });

  it("is always at noon on a working day, whenever the invitation arrives and the meeting is", () => {
    const from = Date.parse("2020-01-01T00:00:00Z");
    const to = Date.parse("2035-12-31T00:00:00Z");
    fc.assert(
      fc.property(
        fc.integer({ min: from, max: to }),
        fc.integer({ min: 1, max: 60 * 24 * 40 }),
        (receivedMs, minutesAhead) => {
          const received = new Date(receivedMs).toISOString();
          const meeting = new Date(receivedMs + minutesAhead * 60_000).toISOString();
          const answer = DateTime.fromISO(invitationAnswerDue(meeting, received)).setZone(ZONE);
          const date = answer.toISODate() as string;
          expect(isWorkingDay(date), `${received} → ${answer.toISO()}`).toBe(true);
          expect(answer.toFormat("HH:mm")).toBe("12:00");
        },
      ),
      { numRuns: 500 },
    );
  });
});
