import { PriorityClassSchema } from "@modeklar/shared";
import { z } from "zod";
import type { ApiBuilder } from "../../api";
import { who } from "../../auth";
import { notFound } from "../../problem";
import type { ReconcileRoutes } from "./context";

const Instant = z.string();

/** The secretary's pins: a class for a meeting (its series, for one of a series), over every rule. */
export function pinRoutes(api: ApiBuilder, { reconciler, mirror, mailbox }: ReconcileRoutes): void {
  api.add({
    method: "put",
    path: "/priorities/pins/:itemId",
    summary: "The secretary's pin: this class for this meeting, over every rule.",
    body: z.object({ class: PriorityClassSchema }),
    response: z.object({
      itemId: z.string(),
      class: PriorityClassSchema,
      pinnedBy: z.string(),
      pinnedAt: Instant,
    }),
    audit: { action: "pin.set", target: "meeting", param: "itemId" },
    handler: async ({ body, params, principal, audit }) => {
      audit.describe({ fields: ["class"] });
      const itemId = params["itemId"] ?? "";
      if (!(await mirror.getItem(mailbox, "events", itemId)))
        throw notFound(`No meeting ${itemId} in the mirror.`);
      const pin = await reconciler.pin(itemId, body.class, who(principal));
      return { itemId, class: pin.class, pinnedBy: pin.pinnedBy, pinnedAt: pin.pinnedAt };
    },
  });

  api.add({
    method: "delete",
    path: "/priorities/pins/:itemId",
    summary: "Lifts the pin: the rules decide again.",
    response: z.undefined(),
    status: 204,
    audit: { action: "pin.lift", target: "meeting", param: "itemId" },
    handler: async ({ params, audit }) => {
      audit.describe({ fields: ["class"] });
      const itemId = params["itemId"] ?? "";
      if (!(await reconciler.unpin(itemId))) throw notFound(`Meeting ${itemId} has no pin.`);
      return undefined;
    },
  });
}
