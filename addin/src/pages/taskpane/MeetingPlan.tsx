import { Button, MessageBar, MessageBarActions, MessageBarBody, Spinner } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { loadTaskPaneConfig, signIn, type ServiceSession } from "../../auth";
import { useT } from "../../i18n";
import type { MeetingItemHost } from "../../office";
import { PlanView, type ServiceAccess } from "../../plan";

type Access =
  | { state: "connecting" }
  | { state: "offline" }
  | { state: "signedOut"; session: ServiceSession }
  | { state: "signedIn"; access: ServiceAccess };

/** Connects to the service once per pane (silently where possible), then shows the selected meeting's plan. */
export function MeetingPlan({ meeting, language }: { meeting: MeetingItemHost; language: string }) {
  const t = useT();
  const [access, setAccess] = useState<Access>({ state: "connecting" });
  const [signInFailed, setSignInFailed] = useState(false);

  useEffect(() => {
    let current = true;
    loadTaskPaneConfig()
      .then(signIn)
      .then(
        (session) =>
          current &&
          setAccess(
            session.signedIn ? { state: "signedIn", access: session } : { state: "signedOut", session },
          ),
        () => current && setAccess({ state: "offline" }),
      );
    return () => {
      current = false;
    };
  }, []);

  if (access.state === "connecting") return <Spinner size="small" label={t("app.loading")} />;
  if (access.state === "signedOut") {
    const session = access.session;
    return (
      <>
        <MessageBar intent={signInFailed ? "error" : "info"} layout="multiline">
          <MessageBarBody>{t("plan.signInWhy")}</MessageBarBody>
          <MessageBarActions>
            <Button
              appearance="primary"
              onClick={() =>
                session.token().then(
                  () => setAccess({ state: "signedIn", access: session }),
                  () => setSignInFailed(true),
                )
              }
            >
              {t("plan.signIn")}
            </Button>
          </MessageBarActions>
        </MessageBar>
        <PlanView meeting={meeting} access={null} language={language} />
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
