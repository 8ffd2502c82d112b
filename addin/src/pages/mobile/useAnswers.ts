import { InvitationAnswerResultSchema, type InvitationAnswer, type PhoneInvitation } from "@modeklar/shared";
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { serviceJson, ServiceProblem, type PageService } from "../../components";
import { useT } from "../../i18n";
import { AnswerOutbox, type QueuedAnswer, type SendOutcome } from "./outbox";

/** Seconds the mayor has to undo an answer before it leaves the phone. */
export const UNDO_SECONDS = 5;

export type Answer = InvitationAnswer["response"];

/** An answer inside its undo window: nothing has left the phone yet. */
export interface HeldAnswer {
  answer: QueuedAnswer;
  sendAt: number;
}

async function sendAnswer(service: PageService, answer: QueuedAnswer): Promise<SendOutcome> {
  try {
    await serviceJson(
      service,
      `/invitations/${encodeURIComponent(answer.invitationId)}/respond`,
      InvitationAnswerResultSchema,
      {
        method: "POST",
        body: {
          response: answer.response,
          idempotencyKey: answer.idempotencyKey,
          sendResponse: true,
          ...(answer.comment ? { comment: answer.comment } : {}),
        },
      },
    );
    return { kind: "sent" };
  } catch (error) {
    if (error instanceof ServiceProblem && (error.isTransient || error.status === 401))
      return { kind: "retry" };
    return { kind: "refused", reason: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The mayor's answers: held for a few seconds to be undone, then into the outbox, which
 * sends them now or when the connection is back. An invitation leaves the list the moment
 * it is answered and comes back only if the answer is undone or refused.
 */
export function useAnswers(service: PageService, reload: () => Promise<void>) {
  const t = useT();
  const [held, setHeld] = useState<HeldAnswer[]>([]);
  const [status, setStatus] = useState("");
  const [now, setNow] = useState(() => Date.now());
  // A second tap may come before React has drawn the first: it must not answer again.
  const taken = useRef(new Set<string>());

  const outbox = useMemo(
    () =>
      new AnswerOutbox(
        window.localStorage,
        (answer) => sendAnswer(service, answer),
        (answer, outcome) => {
          if (outcome.kind === "sent") setStatus(t("answer.sent", { subject: answer.subject }));
          else if (outcome.kind === "retry") setStatus(t("answer.queued", { subject: answer.subject }));
          else {
            taken.current.delete(answer.invitationId);
            setStatus(t("answer.failed", { subject: answer.subject, reason: outcome.reason }));
          }
          if (outcome.kind !== "retry") void reload();
        },
      ),
    [service, t, reload],
  );
  useSyncExternalStore(outbox.subscribe, outbox.snapshot);

  useEffect(() => {
    if (held.length === 0) return;
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(timer);
  }, [held.length]);

  useEffect(() => {
    const due = held.filter((h) => h.sendAt <= now);
    if (due.length === 0) return;
    setHeld((all) => all.filter((h) => h.sendAt > now));
    for (const h of due) outbox.add(h.answer);
    void outbox.flush();
  }, [now, held, outbox]);

  const answer = useCallback((invitation: PhoneInvitation, response: Answer, comment: string) => {
    if (taken.current.has(invitation.id)) return;
    taken.current.add(invitation.id);
    const queued: QueuedAnswer = {
      idempotencyKey: crypto.randomUUID(),
      invitationId: invitation.id,
      subject: invitation.subject,
      response,
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    };
    const at = Date.now();
    setNow(at);
    setHeld((all) => [...all, { answer: queued, sendAt: at + UNDO_SECONDS * 1000 }]);
  }, []);

  const undo = useCallback((held: HeldAnswer) => {
    taken.current.delete(held.answer.invitationId);
    setHeld((all) => all.filter((h) => h.answer.idempotencyKey !== held.answer.idempotencyKey));
  }, []);

  const answered = new Set([...held.map((h) => h.answer.invitationId), ...outbox.answeredIds()]);
  return {
    outbox,
    held: held.map((h) => ({ ...h, secondsLeft: Math.max(1, Math.ceil((h.sendAt - now) / 1000)) })),
    status,
    answered,
    answer,
    undo,
  };
}
