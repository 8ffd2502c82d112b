import { describe, expect, it } from "vitest";
import { escapeText, foldLine, weekCalendar } from "./calendar-file";

describe("the week as an iCalendar file", () => {
  it("escapes commas, semicolons, backslashes and line breaks in text", () => {
    expect(escapeText("Møde; KL, DI\\x\nnæste")).toBe("Møde\\; KL\\, DI\\\\x\\nnæste");
  });

  it("folds long lines at 75 octets without splitting a Danish letter", () => {
    const line = `SUMMARY:${"æøå".repeat(40)}`;
    const folded = foldLine(line);
    const parts = folded.split("\r\n");
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((p) => p.startsWith(" "))).toBe(true);
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join("")).toBe(line);
  });

  it("ends every line with CRLF and gives times in UTC and all-day meetings as dates", () => {
    const ics = weekCalendar(
      [
        {
          uid: "abc",
          summary: "Kalendermøde",
          start: "2026-12-11T08:00:00.000Z",
          end: "2026-12-11T09:00:00.000Z",
          isAllDay: false,
          location: "Borgmesterens mødelokale",
          status: "CONFIRMED",
          isPrivate: false,
          priorityClass: 1,
        },
        {
          uid: "def",
          summary: "Julefrokost",
          start: "2026-12-10T23:00:00.000Z",
          end: "2026-12-11T23:00:00.000Z",
          isAllDay: true,
          location: "",
          status: "TENTATIVE",
          isPrivate: true,
        },
      ],
      "Uge 50",
      new Date("2026-12-04T10:00:00Z"),
    );
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(ics).toContain("DTSTART:20261211T080000Z\r\n");
    expect(ics).toContain("DTSTART;VALUE=DATE:20261211\r\n");
    expect(ics).toContain("DTEND;VALUE=DATE:20261212\r\n");
    expect(ics).toContain("CLASS:PRIVATE\r\n");
    expect(ics).toContain("PRIORITY:1\r\n");
  });
});
