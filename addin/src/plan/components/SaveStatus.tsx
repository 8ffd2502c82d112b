import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
} from "@fluentui/react-components";
import { useT } from "../../i18n";
import { describeFailure } from "../describe-failure";
import type { PlanSession } from "../usePlan";
import { useSharedT } from "./context";

/** Whether the plan is saved; a failed save with "Save now"; someone else's save as a conflict to resolve. */
export function SaveStatus({ session }: { session: PlanSession }) {
  const t = useT();
  const shared = useSharedT();
  return (
    <div role="status" aria-live="polite">
      {session.conflict ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t("plan.conflict.title")}</MessageBarTitle>
            {shared("plan.conflict", { person: session.conflict.by })}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={session.takeTheirs}>
              {t("plan.conflict.takeTheirs")}
            </Button>
            <Button size="small" onClick={session.keepMine}>
              {t("plan.conflict.keepMine")}
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : session.saveState === "failed" ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            {t("plan.save.failed", { reason: describeFailure(session.failure, t) })}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={session.saveNow}>
              {t("plan.save.now")}
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : (
        <Text size={200}>
          {session.restored && session.saveState !== "saved" ? `${t("plan.restored")} ` : ""}
          {t(`plan.save.${session.saveState === "conflict" ? "unsaved" : session.saveState}`)}
        </Text>
      )}
    </div>
  );
}
