import { describe, expect, it } from "vitest";
import { danishClock, danishDate, danishDateTime } from "./danish-time";

describe("Danish dates and times in letters", () => {
  it("writes a moment with the day's name, the month in words and kl. 10.00, in Copenhagen time", () => {
    expect(danishDateTime("2026-12-08T09:00:00Z")).toBe("tirsdag 8. december 2026 kl. 10.00");
    // Summer time: 08.30 UTC is 10.30 in Copenhagen.
    expect(danishDateTime("2026-06-15T08:30:00Z")).toBe("mandag 15. juni 2026 kl. 10.30");
    expect(danishDateTime("2026-12-08T09:00:00Z", { year: false })).toBe("tirsdag 8. december kl. 10.00");
  });

  it("writes a day and a typed time of day the Danish way", () => {
    expect(danishDate("2026-03-03")).toBe("tirsdag 3. marts 2026");
    expect(danishClock("09:45")).toBe("09.45");
  });
});
