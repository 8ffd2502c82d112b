import { Button, MessageBar, MessageBarActions, MessageBarBody, Spinner } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { loadTaskPaneConfig, ServiceUnreachable, signIn, type ServiceSession } from "../../auth";
import { useT } from "../../i18n";
import type { MeetingItemHost } from "../../office";
import { PlanView, type ServiceAccess } from "../../plan";

type Access =
  | { state: "connecting" }
  /** The service did not answer at all. */
  | { state: "unreachable" }
  /** The service answered but no one is signed in (or signing in failed): the person signs in. */
  | { state: "signedOut"; session: ServiceSession | null; failed: boolean }
  | { state: "signedIn"; access: ServiceAccess };

/** Reaches the service and signs in silently where possible. */
export const connectToService = (): Promise<ServiceSession> => loadTaskPaneConfig().then((c) => signIn(c));

/**
 * Connects to the service once per pane (silently where possible), then shows the selected
 * meeting's plan. Signed out is not down: only a service that does not answer is "unreachable".
 */
export function MeetingPlan({
  meeting,
  language,
  connect = connectToService,
}: {
  meeting: MeetingItemHost;
  language: string;
  connect?: () => Promise<ServiceSession>;
}) {
  const t = useT();
  const [access, setAccess] = useState<Access>({ state: "connecting" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    connect().then(
      (session) =>
        current &&
        setAccess(
          session.signedIn
            ? { state: "signedIn", access: session }
            : { state: "signedOut", session, failed: false },
        ),
      (error: unknown) =>
        current &&
        setAccess(
          error instanceof ServiceUnreachable
            ? { state: "unreachable" }
            : { state: "signedOut", session: null, failed: attempt > 0 },
        ),
    );
    return () => {
      current = false;
    };
  }, [connect, attempt]);

  if (access.state === "connecting") return <Spinner size="small" label={t("app.loading")} />;
  if (access.state === "signedOut") {
    const { session } = access;
    const start = () => {
      // Without a session (signing in could not start) the pane connects again.
      if (!session) return setAttempt((n) => n + 1);
      session.token().then(
        () => setAccess({ state: "signedIn", access: session }),
        () => setAccess({ state: "signedOut", session, failed: true }),
      );
    };
    return (
      <>
        <MessageBar intent={access.failed ? "error" : "info"} layout="multiline">
          <MessageBarBody>{t(access.failed ? "plan.signInFailed" : "plan.signInWhy")}</MessageBarBody>
          <MessageBarActions>
            <Button appearance="primary" onClick={start}>
              {t("plan.signIn")}
            </Button>
          </MessageBarActions>
        </MessageBar>
        <PlanView meeting={meeting} access={null} signedOut language={language} />
      </>
    );
  }
  return (
    <PlanView
      meeting={meeting}
      access={access.state === "signedIn" ? access.access : null}
      language={language}
    />
  );
}
