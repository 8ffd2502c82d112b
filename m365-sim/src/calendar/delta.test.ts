import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { seedState } from "../seed";
import { IDS } from "../seed/directory";
import { SimState } from "../state";
import { createEvent, deleteEvent, updateEvent } from "./actions";
import { continueRound, deltaPage, openToken, startRound, type DeltaItem } from "./delta";
import { eventsOf, expandCalendarView } from "./view";

/**
 * calendarView delta over a large calendar: a round from a deltaLink reads only what
 * changed after it, and must still report exactly those changes (the HTTP behaviour is
 * covered in graph/calendar.test.ts).
 */

const ANCHOR = "2027-03-01";
const SCALE = 10_000;
const monday = DateTime.fromISO(ANCHOR, { zone: "Europe/Copenhagen" });
const from = monday.minus({ weeks: 2 }).toUTC();
const to = monday.plus({ weeks: 6 }).toUTC();

/** Every page of one round; the deltaToken that ends it. */
function round(state: SimState, first: ReturnType<typeof startRound>, pageSize: number) {
  const items: DeltaItem[] = [];
  let token = first;
  for (;;) {
    const page = deltaPage(state, token, pageSize);
    items.push(...page.items);
    if (page.deltaToken) return { items, deltaToken: page.deltaToken };
    token = openToken(state, page.skipToken ?? "", IDS.mayor);
  }
}

const next = (state: SimState, deltaToken: string, pageSize = 10) =>
  round(state, continueRound(state, openToken(state, deltaToken, IDS.mayor)), pageSize);

const summary = (items: { kind: DeltaItem["kind"]; id: string }[]) =>
  items.map((item) => `${item.kind} ${item.id}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

describe("calendarView delta on a large seeded calendar", () => {
  it("answers an incremental round with exactly the changes since its token", () => {
    const state = new SimState();
    seedState(state, { anchor: ANCHOR, scale: SCALE });
    const full = round(state, startRound(state, IDS.mayor, from, to), 1000);
    const view = expandCalendarView(state, IDS.mayor, from, to);
    expect(view.length).toBeGreaterThan(SCALE);
    expect(summary(full.items)).toEqual(summary(view.map((e) => ({ kind: "changed" as const, id: e.id }))));

    const quiet = next(state, full.deltaToken);
    expect(quiet.items).toEqual([]);

    const singles = [...eventsOf(state, IDS.mayor).values()].filter((e) => e.type === "singleInstance");
    const target = singles[Math.floor(singles.length / 2)];
    const gone = singles[Math.floor(singles.length / 3)];
    if (!target || !gone) throw new Error("the seed has no single meetings");
    updateEvent(state, IDS.mayor, target.id, { categories: ["Intern"] });
    updateEvent(state, IDS.mayor, target.id, { categories: ["Presse"] });
    const changed = next(state, quiet.deltaToken);
    expect(summary(changed.items)).toEqual([`changed ${target.id}`]);
    const [item] = changed.items;
    expect(item?.kind === "changed" ? item.event.categories : undefined).toEqual(["Presse"]);

    deleteEvent(state, IDS.mayor, gone.id);
    const series = createEvent(state, IDS.mayor, {
      subject: "Ugentlig status",
      start: { dateTime: `${monday.toISODate() ?? ""}T08:00:00`, timeZone: "Europe/Copenhagen" },
      end: { dateTime: `${monday.toISODate() ?? ""}T08:30:00`, timeZone: "Europe/Copenhagen" },
      recurrence: {
        pattern: { type: "weekly", interval: 1, daysOfWeek: ["monday"] },
        range: { type: "numbered", startDate: monday.toISODate() ?? "", numberOfOccurrences: 3 },
      },
    });
    const later = next(state, changed.deltaToken, 2);
    const occurrences = expandCalendarView(state, IDS.mayor, from, to).filter(
      (e) => e.seriesMasterId === series.id,
    );
    expect(occurrences).toHaveLength(3);
    expect(summary(later.items)).toEqual(
      summary([
        { kind: "removed" as const, id: gone.id },
        ...occurrences.map((e) => ({ kind: "changed" as const, id: e.id })),
      ]),
    );
  });
});
