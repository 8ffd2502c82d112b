// The weekly view's benchmark data: 4 weeks × 60 meetings, shared by the board and its baseline table.
import type { WeekMeeting, WeekView } from "@modeklar/shared";

const WEEKS = 4;
const PER_WEEK = 60;
const monday = Date.UTC(2026, 11, 7, 7, 0);

function meeting(week: number, n: number): WeekMeeting {
  const day = n % 5;
  const slot = Math.floor(n / 5);
  const start = monday + (week * 7 + day) * 86_400_000 + slot * 45 * 60_000;
  const priorityClass = ((n % 3) + 1) as 1 | 2 | 3;
  return {
    id: `m-${week}-${n}`,
    subject: `Møde ${week + 1}.${n + 1} om kommunens budget og den nye skolestruktur`,
    start: new Date(start).toISOString(),
    end: new Date(start + 60 * 60_000).toISOString(),
    isAllDay: false,
    location: n % 4 === 0 ? "Regionshuset, Alléen 15, 4180 Sorø" : "Borgmesterens mødelokale",
    organizer: "Henrik Møller Dahl",
    isPrivate: n % 17 === 0,
    attendance: n % 6 === 0 ? "pending" : "accepted",
    priority: { class: priorityClass, reason: "direktionen", ruleId: null, source: "rule" },
    readiness: {
      done: n % 4,
      needed: 4,
      waiting: (["catering", "reception", "material", "briefing"] as const).slice(n % 4, (n % 4) + 1),
      missing: (["catering", "reception", "material", "briefing"] as const).slice((n % 4) + 1),
    },
    conflicts:
      n % 5 === 0
        ? [
            {
              kind: "overlap",
              withId: "x",
              withSubject: "Andet møde",
              text: "«Møde» overlapper «Andet møde»",
              action: "Vælg ét af møderne",
            },
          ]
        : [],
    ...(n % 6 === 0 ? { suggested: "tentative" as const } : {}),
  };
}

export const meetings: WeekMeeting[] = Array.from({ length: WEEKS }, (_, week) =>
  Array.from({ length: PER_WEEK }, (_, n) => meeting(week, n)),
).flat();

const dates = [...new Set(meetings.map((m) => m.start.slice(0, 10)))].sort();

export const view: WeekView = {
  weekStart: "2026-12-07",
  days: dates.map((date) => ({ date, meetings: meetings.filter((m) => m.start.startsWith(date)) })),
  overview: [],
  deadlines: [],
  minutes: [],
};

/**
 * Ends the measure begun at "modeklar:week-data" once the page is laid out: reading a box
 * forces Chromium's style and layout, so both the board and the baseline pay for them.
 */
export function measureRendered(): void {
  void document.documentElement.getBoundingClientRect();
  performance.measure("modeklar:week-render", "modeklar:week-data");
}
