import {
  InvitationAnswerResultSchema,
  InvitationAnswerSchema,
  PendingInvitationsResponseSchema,
} from "@modeklar/shared";
import { GraphFailure, toFailure, type EventResponse } from "../../graph";
import type { ApiBuilder } from "../api";
import { requireSight, viewerOf } from "../privacy";
import { conflict, notFound, outlookProblem, type Problem } from "../problem";
import type { InvitationResponseRecord } from "../../store/invitation-responses";
import type { ReadApiDeps } from "./deps";
import { isCancelled, isOrganizer, type EventData } from "../../mirror/events";
import { readerOf } from "../reader";
import { pendingInvitations } from "../views/pending-invitations";

const GRAPH_ANSWER: Record<"accept" | "tentative" | "decline", EventResponse> = {
  accept: "accept",
  tentative: "tentativelyAccept",
  decline: "decline",
};

/** Graph refused before doing anything (4xx, throttled, unavailable): nothing was sent. */
const refusedBeforeSending = (err: unknown) =>
  err instanceof GraphFailure && err.status >= 400 && (err.status < 500 || err.status === 503);

/** The mayor's own meeting (or a cancelled one) has no invitation to answer: a 409 before Outlook is asked. */
export function notAnInvitation(event: EventData): Problem | null {
  if (isOrganizer(event))
    return conflict("The mayor organised this meeting: there is no invitation to answer.");
  if (isCancelled(event)) return conflict("The meeting is cancelled: there is no invitation to answer.");
  return null;
}

/** A key claimed before: when its answer was sent, or a 409 if it was another answer or is not known to have gone. */
function sentBefore(record: InvitationResponseRecord, eventId: string, response: string): string {
  if (record.eventId !== eventId || record.response !== response) {
    throw conflict("This idempotency key was used for another answer. Use a new key per answer.");
  }
  if (record.state !== "sent" || !record.sentAt) {
    throw conflict(
      "This answer is being sent, or whether it reached Outlook is not known. Look in Outlook before answering again.",
    );
  }
  return record.sentAt;
}

/** What the client hears when Outlook did not take the answer, by whether it may have gone. */
function answerProblem(err: unknown): Problem {
  if (err instanceof GraphFailure && err.status === 404) {
    return notFound("The meeting is no longer in the mayor's calendar.");
  }
  if (err instanceof GraphFailure && (err.status === 400 || err.status === 409)) {
    return conflict(`Outlook refused the answer; nothing was sent: ${err.message}`);
  }
  const failure = toFailure(err);
  return refusedBeforeSending(err)
    ? outlookProblem(failure, {
        title: "Outlook did not take the answer",
        detail: failure.retryable
          ? "Outlook is busy; nothing was sent. Try again in a moment."
          : "Outlook refused the answer; nothing was sent. Try again.",
      })
    : // It may have gone: the key stays claimed and a retry is refused until someone looks.
      outlookProblem(failure, {
        retry: false,
        title: "Outlook did not take the answer",
        detail: "Outlook did not confirm the answer. Look in Outlook before answering again.",
      });
}

export function invitationRoutes(api: ApiBuilder, deps: ReadApiDeps): void {
  api.add({
    method: "get",
    path: "/invitations/pending",
    summary: "Invitations the mayor has not answered yet, soonest first.",
    response: PendingInvitationsResponseSchema,
    handler: async (request) => ({
      invitations: await pendingInvitations(deps, readerOf(request, deps.privacy)),
    }),
  });

  api.add({
    method: "post",
    path: "/invitations/:id/respond",
    summary:
      "Answers an invitation on the mayor's behalf. A repeated idempotency key never sends the answer again.",
    body: InvitationAnswerSchema,
    response: InvitationAnswerResultSchema,
    audit: { action: "invitation.accept", target: "meeting", param: "id" },
    handler: async ({ body, params, principal, audit }) => {
      audit.describe({
        action: `invitation.${body.response}`,
        fields: ["response", ...(body.comment ? ["comment"] : []), "sendResponse"],
      });
      const eventId = params["id"] ?? "";
      const event = await deps.mirror.getItem(deps.mayorMailbox, "events", eventId);
      // Answering what one may not read is refused before anything is claimed.
      if (event) requireSight(viewerOf(principal, deps.privacy)(event.data), "subject");
      const claim = await deps.invitationResponses.claim({
        idempotencyKey: body.idempotencyKey,
        mailbox: deps.mayorMailbox,
        eventId,
        response: body.response,
        requestedBy: principal.oid,
      });
      if (!claim.claimed) {
        const sentAt = sentBefore(claim.record, eventId, body.response);
        // The answer was sent (and recorded) the first time: a repeat sends and records nothing.
        audit.nothingWritten();
        return { eventId, response: body.response, sentAt, repeated: true };
      }
      const refusal = !event
        ? notFound("There is no such meeting in the mayor's calendar.")
        : notAnInvitation(event.data);
      if (refusal) {
        await deps.invitationResponses.release(body.idempotencyKey);
        throw refusal;
      }
      try {
        await deps.gateway.respondToEvent(
          deps.mayorMailbox,
          eventId,
          GRAPH_ANSWER[body.response],
          body.comment ?? "",
          body.sendResponse,
        );
      } catch (err) {
        if (refusedBeforeSending(err)) await deps.invitationResponses.release(body.idempotencyKey);
        throw answerProblem(err);
      }
      await audit.commit();
      await deps.invitationResponses.markSent(body.idempotencyKey);
      return { eventId, response: body.response, sentAt: deps.now().toISOString(), repeated: false };
    },
  });
}
