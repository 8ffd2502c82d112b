import {
  Body1,
  Button,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  tokens,
} from "@fluentui/react-components";
import { PhoneInvitationsResponseSchema, type PhoneInvitation } from "@modeklar/shared";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { ServiceSession } from "../../auth";
import { serviceJson, ServiceProblem } from "../../components";
import { useLocale, useT } from "../../i18n";
import { InvitationCard } from "./InvitationCard";
import { useAnswers } from "./useAnswers";

const useStyles = makeStyles({
  list: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, padding: 0, margin: 0 },
  item: { listStyleType: "none" },
  touch: { minHeight: "44px" },
});

/** The mayor's unanswered invitations on her phone: answer in one tap, undo for a few seconds, works offline. */
export function PhoneInvitations({
  session,
  now = () => new Date(),
}: {
  session: ServiceSession;
  now?: () => Date;
}) {
  const t = useT();
  const locale = useLocale();
  const styles = useStyles();
  const service = useMemo(() => ({ session, locale }), [session, locale]);
  const [invitations, setInvitations] = useState<PhoneInvitation[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [online, setOnline] = useState(() => navigator.onLine);

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

  const { outbox, held, status, answered, answer, undo } = useAnswers(service, load);

  // The service's list is the truth once it no longer holds an invitation answered here.
  useEffect(() => {
    if (invitations) outbox.settle(new Set(invitations.map((i) => i.id)));
  }, [invitations, outbox]);

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

  const open = invitations?.filter((i) => !answered.has(i.id)) ?? [];
  const at = now();
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
              <Button className={styles.touch} onClick={() => undo(h)}>
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
          <Body1>
            {open.length === 0
              ? t("phone.none")
              : open.length === 1
                ? t("phone.one")
                : t("phone.count", { count: open.length })}
          </Body1>
          <ul className={styles.list} aria-label={t("page.mobile.title")}>
            {open.map((invitation) => (
              <li key={invitation.id} className={styles.item}>
                <InvitationCard
                  invitation={invitation}
                  now={at}
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
