import { Body1, Button, MessageBar, MessageBarBody, Spinner } from "@fluentui/react-components";
import type { ReactNode } from "react";
import type { ServiceSession } from "../auth";
import { useT } from "../i18n";
import { useServiceSession } from "./useServiceSession";

/** Shows its content once the person is signed in to the service; until then a sign-in button. */
export function SignInGate({ children }: { children: (session: ServiceSession) => ReactNode }) {
  const t = useT();
  const state = useServiceSession();
  switch (state.status) {
    case "loading":
      return <Spinner label={t("app.loading")} />;
    case "failed":
      return (
        <MessageBar intent="error">
          <MessageBarBody>{t("pages.failed", { reason: state.reason })}</MessageBarBody>
        </MessageBar>
      );
    case "signedOut":
      return (
        <>
          <Body1>{t("pages.signInWhy")}</Body1>
          <Button appearance="primary" size="large" onClick={state.signIn}>
            {t("pages.signIn")}
          </Button>
        </>
      );
    case "ready":
      return <>{children(state.session)}</>;
  }
}
