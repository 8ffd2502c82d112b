import { DeadlineSchema } from "@modeklar/shared";
import { z } from "zod";
import type { ApiBuilder } from "../../api";
import { privateReadsOf } from "../../audit-trail";
import type { ReconcileRoutes } from "./context";

/** The one list of everything due. */
export function deadlineRoutes(
  api: ApiBuilder,
  { reconciler, mirror, mailbox, readerOf }: ReconcileRoutes,
): void {
  api.add({
    method: "get",
    path: "/deadlines",
    summary: "One list of everything due, in Danish working days, overdue first.",
    response: z.object({ deadlines: z.array(DeadlineSchema) }),
    handler: async ({ principal, req, audit }) => {
      const shownTo = readerOf(principal, req);
      const deadlines = await reconciler.deadlines(shownTo);
      const meetings = await mirror.getItems(mailbox, "events", [...new Set(deadlines.map((d) => d.itemId))]);
      await audit.privateReads(privateReadsOf(shownTo.viewer, meetings));
      return {
        deadlines: deadlines.map(({ messageId: _messageId, ...deadline }) => deadline),
      };
    },
  });
}
