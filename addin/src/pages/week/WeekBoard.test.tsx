import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { WeekMeeting, WeekView } from "@modeklar/shared";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { I18nProvider } from "../../i18n";
import { WeekBoard } from "./WeekBoard";

function meeting(id: string, subject: string, start: string): WeekMeeting {
  return {
    id,
    subject,
    start,
    end: start.replace("T08", "T09"),
    isAllDay: false,
    location: "Byrådssalen",
    organizer: "Henrik Møller Dahl",
    isPrivate: false,
    attendance: "pending",
    priority: { class: 1, reason: "direktionen", ruleId: null, source: "rule" },
    readiness: { done: 1, needed: 3, waiting: ["catering"], missing: ["material"] },
    conflicts: [
      {
        kind: "overlap",
        withId: "x",
        withSubject: "Andet",
        text: "«Møde» overlapper «Andet»",
        action: "Vælg ét.",
      },
    ],
    suggested: "accept",
  };
}

const nextWeek = meeting("a", "Direktionsmøde", "2026-12-07T08:00:00Z");
const weekAfter = meeting("b", "Budgetseminar", "2026-12-14T08:00:00Z");
const view: WeekView = {
  weekStart: "2026-12-07",
  days: [
    { date: "2026-12-07", meetings: [nextWeek] },
    { date: "2026-12-14", meetings: [weekAfter] },
  ],
  overview: [
    { weekStart: "2026-12-14", meetings: 9, pending: 2, conflicts: 1, notReady: 3 },
    { weekStart: "2026-12-28", meetings: 1, pending: 0, conflicts: 0, notReady: 0 },
  ],
  deadlines: [],
  minutes: [],
};

function showBoard(onDecide = vi.fn()) {
  render(
    <FluentProvider theme={webLightTheme}>
      <I18nProvider locale="da">
        <WeekBoard view={view} onDecide={onDecide} />
      </I18nProvider>
    </FluentProvider>,
  );
  return onDecide;
}

/** The animations running on an element or any element around it. */
function runningAnimations(element: Element): Animation[] {
  const running: Animation[] = [];
  for (let at: Element | null = element; at; at = at.parentElement)
    running.push(...at.getAnimations().filter((a) => a.playState === "running"));
  return running;
}

const line = (subject: string) => screen.getByRole("heading", { name: subject }).closest("li")!;

afterEach(cleanup);

describe("the week board", () => {
  it("shows next week's meetings fact by fact and the weeks after in one line of facts, none left out", () => {
    showBoard();
    const full = line("Direktionsmøde");
    expect(within(full).getByText("1 af 3 klar")).toBeDefined();
    expect(within(full).getByText("Venter på svar: forplejning")).toBeDefined();
    expect(within(full).getByText("Mangler: mødemateriale")).toBeDefined();
    expect(within(full).getByText("Begrundelse: direktionen")).toBeDefined();
    expect(within(full).getByText("Forslag: deltag")).toBeDefined();

    const compact = line("Budgetseminar");
    expect(
      within(compact).getByText(
        "Høj prioritet · Ikke besvaret · 1 af 3 klar · Venter på svar: forplejning · Mangler: mødemateriale · Byrådssalen · Forslag: deltag",
      ),
    ).toBeDefined();
    expect(within(compact).getByText("«Møde» overlapper «Andet» Vælg ét.")).toBeDefined();
    expect(within(compact).getByRole("button", { name: "Beslut om Budgetseminar" })).toBeDefined();
    expect(compact.querySelector("time")?.getAttribute("datetime")).toBe(weekAfter.start);
  });

  it("numbers the weeks after as ISO 8601 does: 14 December 2026 is week 51, 28 December week 53", () => {
    showBoard();
    const overview = screen.getByRole("region", { name: "De næste uger" });
    expect(within(overview).getByText("Uge 51:")).toBeDefined();
    expect(within(overview).getByText("Uge 53:")).toBeDefined();
  });

  it("opens a meeting's decisions on the first press and hands on the one chosen", async () => {
    const onDecide = showBoard();
    fireEvent.click(within(line("Budgetseminar")).getByRole("button", { name: "Beslut om Budgetseminar" }));
    const accept = await screen.findByRole("menuitem", { name: "Deltag" });
    // The menu's opening animation ends first: happy-dom reports one cut short as an unhandled rejection.
    await waitFor(() => expect(runningAnimations(accept)).toEqual([]));
    fireEvent.click(accept);
    expect(onDecide).toHaveBeenCalledWith({ meeting: weekAfter, decision: "accept" });
    await waitFor(() => expect(screen.queryByRole("menu")).toBeNull());
  });
});
