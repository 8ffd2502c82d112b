import { IcsQuerySchema, WeekQuerySchema, WeekViewSchema, weekCalendarFileName } from "@modeklar/shared";
import { z } from "zod";
import type { ApiBuilder } from "../../api";
import { readerOf } from "../../reader";
import { nextWeekStart } from "../../views/local-time";
import { weekView } from "../../views/week";
import { weekCalendarFile } from "../../views/week-calendar-file";
import type { PagesDeps } from "./deps";

/** The weekly calendar meeting's view, and the week as a calendar file. */
export function weekRoutes(api: ApiBuilder, deps: PagesDeps): void {
  api.add({
    method: "get",
    path: "/week",
    summary:
      "The weekly calendar meeting's view: the week day by day with priority, readiness, conflicts and suggested answers, an overview of the weeks after, deadlines and minutes.",
    query: WeekQuerySchema,
    response: WeekViewSchema,
    handler: async (request) =>
      weekView(
        deps,
        request.query.week ?? nextWeekStart(deps.now()),
        request.query.weeks,
        readerOf(request, deps.privacy),
      ),
  });
}

export function weekCalendarRoute(api: ApiBuilder, deps: PagesDeps): void {
  api.add({
    method: "get",
    path: "/week.ics",
    summary: "The week's meetings as an iCalendar file (RFC 5545), times in UTC.",
    query: IcsQuerySchema,
    response: z.string(),
    contentType: "text/calendar; charset=utf-8",
    handler: async (request) => {
      const weekStart = request.query.from ?? nextWeekStart(deps.now());
      const file = await weekCalendarFile(deps, weekStart, readerOf(request, deps.privacy));
      request.res.setHeader(
        "content-disposition",
        `attachment; filename="${weekCalendarFileName(weekStart)}"`,
      );
      return file;
    },
  });
}
