import { makeStyles, MessageBar, MessageBarBody, Spinner, Text, tokens } from "@fluentui/react-components";
import { useMemo } from "react";
import { useT } from "../../i18n";
import { planService } from "../api";
import { usePlan } from "../usePlan";
import { BriefingStep } from "./BriefingStep";
import { CateringStep } from "./CateringStep";
import { PlanContext } from "./context";
import { JournalStep } from "./JournalStep";
import { MaterialStep } from "./MaterialStep";
import { Readiness } from "./Readiness";
import { ReceptionStep } from "./ReceptionStep";
import { RoomStep } from "./RoomStep";
import { SaveStatus } from "./SaveStatus";
import { StepSection } from "./StepSection";
import type { LoadedMeeting } from "./useMeetingFacts";
import { useRoomAnswer, useRoomOfMeeting } from "./useRoomAnswer";

/** Where the service is and how to get a token for it; null when it cannot be reached. */
export interface ServiceAccess {
  apiBase: string;
  token(): Promise<string>;
}

const useStyles = makeStyles({
  plan: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    // Fluent marks a focused field by a thin underline only: every field gets the same clear
    // ring as buttons and checkboxes (WCAG 2.4.7), in the theme's focus colour in light and dark.
    "& .fui-Input:focus-within, & .fui-Textarea:focus-within, & .fui-Select:focus-within": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: tokens.strokeWidthThin,
      borderRadius: tokens.borderRadiusMedium,
    },
  },
});

/** The plan of a meeting Outlook has described: its readiness, its saving and every step. */
export function LoadedPlan({
  facts,
  access,
  signedOut,
  language,
  now,
}: {
  facts: LoadedMeeting;
  access: ServiceAccess | null;
  signedOut: boolean;
  language: string;
  now: () => Date;
}) {
  const styles = useStyles();
  const t = useT();
  const service = useMemo(
    () =>
      access && facts.graphId
        ? {
            api: planService({ apiBase: access.apiBase, token: () => access.token(), language }),
            meetingId: facts.graphId,
          }
        : null,
    [access, facts.graphId, language],
  );
  const session = usePlan({ meeting: facts.meeting, meetingKey: facts.key, service, by: "", now });
  const inService = useRoomAnswer(session, facts, service);
  const context = useMemo(
    () => ({
      session,
      facts: { ...facts, graphAttendees: inService?.attendees ?? [] },
      service,
      now,
    }),
    [session, facts, inService, service, now],
  );
  useRoomOfMeeting(session, context.facts);

  if (session.saveState === "loading") return <Spinner size="small" label={t("plan.save.loading")} />;
  return (
    <PlanContext.Provider value={context}>
      <div className={styles.plan}>
        <Readiness plan={session.plan} meeting={inService} />
        {!access && !signedOut && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>{t("plan.offline")}</MessageBarBody>
          </MessageBar>
        )}
        {access && !facts.graphId && <Text>{t("plan.unsavedMeeting")}</Text>}
        <SaveStatus session={session} />
        <StepSection step="room">
          <RoomStep />
        </StepSection>
        <StepSection step="catering">
          <CateringStep />
        </StepSection>
        <StepSection step="reception">
          <ReceptionStep />
        </StepSection>
        <StepSection step="material">
          <MaterialStep />
        </StepSection>
        <StepSection step="journal">
          <JournalStep />
        </StepSection>
        <StepSection step="briefing">
          <BriefingStep meetingKey={facts.key} />
        </StepSection>
      </div>
    </PlanContext.Provider>
  );
}
