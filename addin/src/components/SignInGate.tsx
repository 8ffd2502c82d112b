import { Body1, Button, Spinner } from "@fluentui/react-components";
import { lazy, Suspense, type ReactNode } from "react";
import type { ServiceSession } from "../auth";
import { useT } from "../i18n";
import { useServiceSession } from "./useServiceSession";

// A failed sign-in is rare: its error bar loads when needed, not with every page's first chunk.
const ProblemBar = lazy(() => import("./ProblemBar").then((module) => ({ default: module.ProblemBar })));

/** Shows its content once the person is signed in to the service; until then a sign-in button. */
export function SignInGate({ children }: { children: (session: ServiceSession) => ReactNode }) {
  const t = useT();
  const state = useServiceSession();
  switch (state.status) {
    case "loading":
      return <Spinner label={t("app.loading")} />;
    case "failed": {
      const text = t("pages.failed", { reason: state.reason });
      return (
        <Suspense fallback={<Body1 role="alert">{text}</Body1>}>
          <ProblemBar text={text} />
        </Suspense>
      );
    }
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
