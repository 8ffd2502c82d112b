import {
  Badge,
  Body1,
  Button,
  Caption1,
  Card,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle2,
  Text,
  tokens,
} from "@fluentui/react-components";
import {
  InvitationAnswerResultSchema,
  PhoneInvitationsResponseSchema,
  type InvitationAnswer,
  type PhoneInvitation,
} from "@modeklar/shared";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ServiceSession } from "../../auth";
import {
  dayOf,
  PriorityBadge,
  serviceJson,
  ServiceProblem,
  timeOf,
  type PageService,
} from "../../components";
import { useLocale, useT } from "../../i18n";
import { AnswerOutbox, type QueuedAnswer, type SendOutcome } from "./outbox";

/** Seconds the mayor has to undo an answer before it leaves the phone. */
export const UNDO_SECONDS = 5;

const useStyles = makeStyles({
  list: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, padding: 0, margin: 0 },
  item: { listStyleType: "none" },
  card: { gap: tokens.spacingVerticalS },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  answers: { display: "grid", gridTemplateColumns: "repeat(3, 1fr)", gap: tokens.spacingHorizontalS },
  answer: { minHeight: "48px", fontSize: tokens.fontSizeBase400 },
  note: {
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
    paddingLeft: tokens.spacingHorizontalS,
    whiteSpace: "pre-wrap",
  },
  touch: { minHeight: "44px" },
});

interface Held {
  answer: QueuedAnswer;
  secondsLeft: number;
}

type Answer = InvitationAnswer["response"];

function InvitationCard({
  invitation,
  onAnswer,
}: {
  invitation: PhoneInvitation;
  onAnswer: (response: Answer, comment: string) => void;
}) {
  const t = useT();
  const locale = useLocale();
  const styles = useStyles();
  const [comment, setComment] = useState("");
  const headingId = `invitation-${invitation.id}`;
  return (
    <Card className={styles.card} aria-labelledby={headingId}>
      <div className={styles.row}>
        <PriorityBadge priorityClass={invitation.priority.class} />
        {invitation.needsWeeklyDecision && (
          <Badge appearance="tint" color="important">
            {t("phone.weeklyDecision")}
          </Badge>
        )}
      </div>
      <Subtitle2 as="h2" id={headingId}>
        {invitation.subject}
      </Subtitle2>
      <Body1>
        {dayOf(invitation.start, locale)}, {timeOf(invitation.start, locale)}–{timeOf(invitation.end, locale)}
      </Body1>
      {invitation.organizer && (
        <Caption1>{t("phone.organizer", { name: invitation.organizer.name })}</Caption1>
      )}
      <Caption1>
        {invitation.location ? t("phone.place", { place: invitation.location }) : t("phone.noPlace")}
      </Caption1>
      <Caption1>{t("priority.reason", { reason: invitation.priority.reason })}</Caption1>
      {invitation.travelMinutes !== null && invitation.travelFrom && (
        <Caption1>
          {t("phone.travel", { minutes: invitation.travelMinutes, from: invitation.travelFrom })}
        </Caption1>
      )}
      <Caption1>
        {t("phone.answerBy", {
          due: `${dayOf(invitation.answerDue, locale)} ${timeOf(invitation.answerDue, locale)}`,
        })}
      </Caption1>
      {invitation.note && (
        <div className={styles.note}>
          <Text weight="semibold">{t("phone.note")}: </Text>
          <Text>{invitation.note}</Text>
        </div>
      )}
      {invitation.conflicts.map((conflict) => (
        <MessageBar key={`${conflict.kind}-${conflict.withId}`} intent="warning">
          <MessageBarBody>
            <Text weight="semibold">{t("phone.conflict")}: </Text>
            {conflict.text} {conflict.action}
          </MessageBarBody>
        </MessageBar>
      ))}
      <Caption1>{t(`answer.suggested.${invitation.suggested}`)}</Caption1>
      <Field label={t("answer.comment")}>
        <Input className={styles.touch} value={comment} onChange={(_e, data) => setComment(data.value)} />
      </Field>
      <div className={styles.answers}>
        {(["accept", "tentative", "decline"] as const).map((response) => (
          <Button
            key={response}
            className={styles.answer}
            appearance={response === "accept" ? "primary" : "secondary"}
            aria-label={t(`answer.${response}Long`, { subject: invitation.subject })}
            onClick={() => onAnswer(response, comment)}
          >
            {t(`answer.${response}`)}
          </Button>
        ))}
      </div>
    </Card>
  );
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

/** The mayor's unanswered invitations on her phone: answer in one tap, undo for a few seconds, works offline. */
export function PhoneInvitations({ session }: { session: ServiceSession }) {
  const t = useT();
  const locale = useLocale();
  const styles = useStyles();
  const service = useMemo(() => ({ session, locale }), [session, locale]);
  const [invitations, setInvitations] = useState<PhoneInvitation[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [held, setHeld] = useState<Held[]>([]);
  const [status, setStatus] = useState("");
  const [online, setOnline] = useState(() => navigator.onLine);
  const timers = useRef(new Map<string, number>());

  const load = useCallback(async () => {
    try {
      const result = await serviceJson(service, "/phone/invitations", PhoneInvitationsResponseSchema);
      setInvitations(result.invitations);
      setFailure(null);
    } catch (error) {
      if (error instanceof ServiceProblem && error.status === 403) setFailure(t("pages.forbidden"));
      else if (!(error instanceof ServiceProblem && error.status === 0))
        setFailure(error instanceof Error ? error.message : String(error));
    }
  }, [service, t]);

  const outbox = useMemo(
    () =>
      new AnswerOutbox(
        window.localStorage,
        (answer) => sendAnswer(service, answer),
        (answer, outcome) => {
          if (outcome.kind === "sent") setStatus(t("answer.sent", { subject: answer.subject }));
          else if (outcome.kind === "retry") setStatus(t("answer.queued", { subject: answer.subject }));
          else setStatus(t("answer.failed", { subject: answer.subject, reason: outcome.reason }));
          if (outcome.kind !== "retry") void load();
        },
      ),
    [service, t, load],
  );

  useEffect(() => {
    void outbox.flush().then(load);
    const back = () => {
      setOnline(true);
      void outbox.flush();
    };
    const gone = () => setOnline(false);
    window.addEventListener("online", back);
    window.addEventListener("offline", gone);
    return () => {
      window.removeEventListener("online", back);
      window.removeEventListener("offline", gone);
    };
  }, [outbox, load]);

  useEffect(() => {
    const running = timers.current;
    return () => running.forEach((timer) => window.clearInterval(timer));
  }, []);

  const answer = (invitation: PhoneInvitation, response: Answer, comment: string) => {
    const queued: QueuedAnswer = {
      idempotencyKey: crypto.randomUUID(),
      invitationId: invitation.id,
      subject: invitation.subject,
      response,
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    };
    setHeld((all) => [...all, { answer: queued, secondsLeft: UNDO_SECONDS }]);
    const timer = window.setInterval(() => {
      setHeld((all) =>
        all.flatMap((h) => {
          if (h.answer.idempotencyKey !== queued.idempotencyKey) return [h];
          if (h.secondsLeft > 1) return [{ ...h, secondsLeft: h.secondsLeft - 1 }];
          window.clearInterval(timer);
          timers.current.delete(queued.idempotencyKey);
          outbox.add(queued);
          void outbox.flush();
          return [];
        }),
      );
    }, 1000);
    timers.current.set(queued.idempotencyKey, timer);
  };

  const undo = (key: string) => {
    window.clearInterval(timers.current.get(key));
    timers.current.delete(key);
    setHeld((all) => all.filter((h) => h.answer.idempotencyKey !== key));
  };

  const answered = new Set([
    ...held.map((h) => h.answer.invitationId),
    ...outbox.pending().map((a) => a.invitationId),
  ]);
  const open = invitations?.filter((i) => !answered.has(i.id)) ?? [];

  return (
    <>
      {!online && (
        <MessageBar intent="warning">
          <MessageBarBody>{t("pages.offline")}</MessageBarBody>
        </MessageBar>
      )}
      <div role="status" aria-live="polite">
        {held.map((h) => (
          <MessageBar key={h.answer.idempotencyKey} intent="info">
            <MessageBarBody>
              {t(`answer.pending.${h.answer.response}`, {
                subject: h.answer.subject,
                seconds: h.secondsLeft,
              })}{" "}
              <Button className={styles.touch} onClick={() => undo(h.answer.idempotencyKey)}>
                {t("answer.undo")}
              </Button>
            </MessageBarBody>
          </MessageBar>
        ))}
        {status && <Caption1>{status}</Caption1>}
      </div>
      {failure && (
        <MessageBar intent="error">
          <MessageBarBody>{t("pages.failed", { reason: failure })}</MessageBarBody>
        </MessageBar>
      )}
      {invitations === null && !failure && <Spinner label={t("app.loading")} />}
      {invitations !== null && (
        <>
          <Body1>{open.length === 0 ? t("phone.none") : t("phone.count", { count: open.length })}</Body1>
          <ul className={styles.list} aria-label={t("page.mobile.title")}>
            {open.map((invitation) => (
              <li key={invitation.id} className={styles.item}>
                <InvitationCard
                  invitation={invitation}
                  onAnswer={(response, comment) => answer(invitation, response, comment)}
                />
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
