import { BriefingSaveRequestSchema, BriefingSchema } from "@modeklar/shared";
import type { ApiBuilder } from "../../api";
import { who } from "../../auth";
import { languageOf } from "../../language";
import { conflict } from "../../problem";
import type { PlanApiDeps } from "./deps";
import { readingOf, requireMeeting, requireSightOf } from "./meeting-access";
import { savedMeanwhile } from "./revisions";

/** The mayor's briefing note for a meeting: read, and saved against the version the pane saw. */
export function briefingRoutes(api: ApiBuilder, deps: PlanApiDeps): void {
  api.add({
    method: "get",
    path: "/meetings/:id/briefing",
    summary: "The mayor's briefing note for the meeting (version 0 when there is none).",
    response: BriefingSchema,
    handler: async (request) => {
      await readingOf(deps, request, "briefing");
      const note = await deps.plans.getBriefing(deps.mayorMailbox, request.params["id"] ?? "");
      return { text: note?.text ?? "", version: note?.version ?? 0 };
    },
  });

  api.add({
    method: "put",
    path: "/meetings/:id/briefing",
    summary: "Saves the briefing note if nobody saved since baseVersion (else 409 with theirs).",
    body: BriefingSaveRequestSchema,
    response: BriefingSchema,
    audit: { action: "briefing.save", target: "meeting", param: "id" },
    handler: async ({ params, body, principal, audit, req }) => {
      const id = params["id"] ?? "";
      await requireMeeting(deps, id);
      await requireSightOf(deps, principal, id, "briefing");
      audit.describe({ fields: ["text"] });
      const saved = await deps.plans.saveBriefing({
        mailbox: deps.mayorMailbox,
        eventId: id,
        baseVersion: body.baseVersion,
        text: body.text,
        by: who(principal),
      });
      if (!saved.saved) {
        throw conflict(savedMeanwhile(saved.current?.updatedBy, languageOf(req.header("accept-language"))), {
          code: "briefingConflict",
          current: saved.current ? { text: saved.current.text, version: saved.current.version } : null,
        });
      }
      return { text: saved.current.text, version: saved.current.version };
    },
  });
}
