import { MessageBar, MessageBarBody, Spinner } from "@fluentui/react-components";
import { useT } from "../../i18n";
import type { MeetingItemHost } from "../../office";
import { describeFailure } from "../describe-failure";
import { LoadedPlan, type ServiceAccess } from "./LoadedPlan";
import { useMeetingFacts } from "./useMeetingFacts";

export type { ServiceAccess } from "./LoadedPlan";

export interface PlanViewProps {
  meeting: MeetingItemHost;
  access: ServiceAccess | null;
  /** The service answered but no one is signed in: the pane asks for a sign-in, it is not "unreachable". */
  signedOut?: boolean;
  language: string;
  now?: () => Date;
}

/** Reads what the plan needs to know about the meeting from Outlook, then shows the plan. */
export function PlanView({
  meeting,
  access,
  signedOut = false,
  language,
  now = () => new Date(),
}: PlanViewProps) {
  const t = useT();
  const read = useMeetingFacts(meeting);
  if (read.state === "failed")
    return (
      <MessageBar intent="error">
        <MessageBarBody>{describeFailure(read.error, t)}</MessageBarBody>
      </MessageBar>
    );
  if (read.state === "reading") return <Spinner size="small" label={t("app.loading")} />;
  return (
    <LoadedPlan facts={read.facts} access={access} signedOut={signedOut} language={language} now={now} />
  );
}
