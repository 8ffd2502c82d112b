import { PhoneInvitationsResponseSchema } from "@modeklar/shared";
import type { ApiBuilder } from "../../api";
import { readerOf } from "../../reader";
import { phoneView } from "../../views/phone-invitations";
import type { PagesDeps } from "./deps";

export function phoneRoutes(api: ApiBuilder, deps: PagesDeps): void {
  api.add({
    method: "get",
    path: "/phone/invitations",
    summary:
      "The mayor's unanswered invitations, most important first, with the priority's reason, the secretary's note, conflicts and travel.",
    response: PhoneInvitationsResponseSchema,
    handler: async (request) => ({ invitations: await phoneView(deps, readerOf(request, deps.privacy)) }),
  });
}
