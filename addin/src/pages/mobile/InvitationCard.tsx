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
  Subtitle2,
  Text,
  tokens,
} from "@fluentui/react-components";
import { describeReadiness, type PhoneInvitation } from "@modeklar/shared";
import { useState } from "react";
import { dayOf, PriorityBadge, timeOf } from "../../components";
import { useLocale, useT } from "../../i18n";
import type { Answer } from "./useAnswers";

const useStyles = makeStyles({
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

/** "Svar senest mandag 7. december kl. 12.00", or "as soon as possible" once that has passed. */
function answerBy(invitation: PhoneInvitation, now: Date, t: ReturnType<typeof useT>, locale: "da" | "en") {
  if (Date.parse(invitation.answerDue) <= now.getTime()) return t("phone.answerNow");
  return t("phone.answerBy", {
    day: dayOf(invitation.answerDue, locale),
    time: timeOf(invitation.answerDue, locale),
  });
}

/** One invitation: what the mayor needs to decide, and the three answers in one tap. */
export function InvitationCard({
  invitation,
  now,
  onAnswer,
}: {
  invitation: PhoneInvitation;
  now: Date;
  onAnswer: (response: Answer, comment: string) => void;
}) {
  const t = useT();
  const locale = useLocale();
  const styles = useStyles();
  const [comment, setComment] = useState("");
  const headingId = `invitation-${invitation.id}`;
  const ready = describeReadiness(invitation.readiness, locale);
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
      <Caption1>{answerBy(invitation, now, t, locale)}</Caption1>
      {invitation.readiness.needed > 0 && (
        <Caption1>{[ready.summary, ready.waiting, ready.missing].filter(Boolean).join(" · ")}</Caption1>
      )}
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
