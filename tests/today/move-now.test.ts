import { DateTime } from "luxon";
import { afterEach, describe, expect, it } from "vitest";
import { moveNow, parseToday } from "./move-now";

let restore = () => {};
afterEach(() => restore());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("moving today for a test run (TEST_TODAY)", () => {
  it("moves Date.now, new Date() and luxon's now to the chosen instant, and time keeps running", async () => {
    const saturday = new Date("2026-11-28T00:30:00+01:00");
    restore = moveNow(saturday);
    expect(Math.abs(Date.now() - saturday.getTime())).toBeLessThan(1_000);
    expect(DateTime.now().setZone("Europe/Copenhagen").toFormat("cccc yyyy-LL-dd")).toBe(
      "Saturday 2026-11-28",
    );
    const before = new Date();
    await sleep(30);
    expect(new Date().getTime() - before.getTime()).toBeGreaterThanOrEqual(25);
  });

  it("leaves dates made from a value as they are, and every date is still a Date", () => {
    restore = moveNow(new Date("2026-03-29T01:30:00+01:00"));
    expect(new Date("2027-01-01T00:00:00Z").toISOString()).toBe("2027-01-01T00:00:00.000Z");
    expect(new Date(0).getTime()).toBe(0);
    expect(Date.UTC(2026, 0, 1)).toBe(1_767_225_600_000);
    expect(new Date()).toBeInstanceOf(Date);
    expect(structuredClone(new Date(5))).toBeInstanceOf(Date);
    expect(typeof Date()).toBe("string");
  });

  it("gives the real clock back when undone", () => {
    restore = moveNow(new Date("2026-05-14T09:00:00+02:00"));
    restore();
    expect(Math.abs(Date.now() - performance.timeOrigin - performance.now())).toBeLessThan(1_000);
  });

  it("reads TEST_TODAY as a day at 10.00 in Copenhagen or as an instant with its offset, and refuses anything else", () => {
    expect(parseToday("2026-05-14").toISOString()).toBe("2026-05-14T08:00:00.000Z");
    expect(parseToday("2026-11-28").toISOString()).toBe("2026-11-28T09:00:00.000Z");
    expect(parseToday("2026-10-25T02:30:00+02:00").toISOString()).toBe("2026-10-25T00:30:00.000Z");
    for (const bad of ["lørdag", "2026-13-01", "2026-03-29T01:30:00"]) {
      expect(() => parseToday(bad), bad).toThrow("TEST_TODAY must be a day (YYYY-MM-DD) or an instant");
    }
  });
});
