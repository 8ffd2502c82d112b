import { MeetingsQuerySchema, MeetingsResponseSchema } from "@modeklar/shared";
import type { ApiBuilder } from "../api";
import { badRequest } from "../problem";
import type { ReadApiDeps } from "./deps";
import { eventsBetween } from "../../mirror/events";
import { readerOf } from "../reader";
import { meetingFor } from "../views/meeting";

const LONGEST_RANGE_MS = 400 * 86_400_000;

export function meetingRoutes(api: ApiBuilder, deps: ReadApiDeps): void {
  api.add({
    method: "get",
    path: "/meetings",
    summary:
      "The mayor's meetings in a range, with their plans; of a private meeting only what the privacy policy shows the caller.",
    query: MeetingsQuerySchema,
    response: MeetingsResponseSchema,
    handler: async (request) => {
      const { query } = request;
      const span = Date.parse(query.to) - Date.parse(query.from);
      if (!(span > 0)) throw badRequest("query.to: must be after from");
      if (span > LONGEST_RANGE_MS) throw badRequest("query.to: the range may span at most 400 days");
      const items = await deps.mirror.listEventsInRange(deps.mayorMailbox, query);
      const { viewer, language, shows } = readerOf(request, deps.privacy);
      const events = eventsBetween(items, query.from, query.to);
      await shows(events);
      return { meetings: events.map((event) => meetingFor(event, deps.addinId, viewer, language)) };
    },
  });
}
