import { useCallback, useEffect, useState } from "react";
import type { ServiceSession } from "../auth";

export type SessionState =
  | { status: "loading" }
  | { status: "signedOut"; signIn: () => void }
  | { status: "ready"; session: ServiceSession }
  | { status: "failed"; reason: string };

/**
 * The page's sign-in to the service (MSAL in the browser, account remembered): ready at
 * once when a token can be had silently, else a sign-in the person starts with a click.
 */
export function useServiceSession(): SessionState {
  const [state, setState] = useState<SessionState>({ status: "loading" });
  const start = useCallback(async () => {
    try {
      // MSAL loads after first paint so the page's first chunk stays small.
      const { loadTaskPaneConfig, signIn } = await import("../auth");
      const session = await signIn(await loadTaskPaneConfig());
      if (session.signedIn) {
        setState({ status: "ready", session });
        return;
      }
      setState({
        status: "signedOut",
        signIn: () => {
          session.token().then(
            () => setState({ status: "ready", session }),
            (error: unknown) =>
              setState({ status: "failed", reason: error instanceof Error ? error.message : String(error) }),
          );
        },
      });
    } catch (error) {
      setState({ status: "failed", reason: error instanceof Error ? error.message : String(error) });
    }
  }, []);
  useEffect(() => {
    void start();
  }, [start]);
  return state;
}
