import {
  Badge,
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  tokens,
} from "@fluentui/react-components";
import { describeReadiness, readiness, type FullMeeting } from "@modeklar/shared";
import { useEffect, useMemo, useState } from "react";
import { useLocale, useT } from "../../i18n";
import { isOfficeFailure, type MeetingItemHost } from "../../office";
import { planService, ServiceProblem } from "../api";
import { roomsOf } from "../meeting-facts";
import { roomAccepted } from "../steps";
import { usePlan, type PlanSession } from "../usePlan";
import { BriefingStep } from "./BriefingStep";
import { CateringStep } from "./CateringStep";
import { PlanContext, useSharedT, type MeetingFacts } from "./context";
import { JournalStep } from "./JournalStep";
import { MaterialStep } from "./MaterialStep";
import { ReceptionStep } from "./ReceptionStep";
import { RoomStep } from "./RoomStep";
import { StepSection } from "./StepSection";

/** Where the service is and how to get a token for it; null when it cannot be reached. */
export interface ServiceAccess {
  apiBase: string;
  token(): Promise<string>;
}

export interface PlanViewProps {
  meeting: MeetingItemHost;
  access: ServiceAccess | null;
  /** The service answered but no one is signed in: the pane asks for a sign-in, it is not "unreachable". */
  signedOut?: boolean;
  language: string;
  now?: () => Date;
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
  readiness: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  conflicts: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

const ROOM_POLL_MS = 3_000;

/** Reads what the plan needs to know about the meeting from Outlook, then shows the plan. */
export function PlanView({
  meeting,
  access,
  signedOut = false,
  language,
  now = () => new Date(),
}: PlanViewProps) {
  const t = useT();
  const [facts, setFacts] = useState<(MeetingFacts & { key: string; graphId: string | null }) | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    setFacts(null);
    setFailure(null);
    Promise.all([
      meeting.getStart(),
      meeting.getEnd(),
      meeting.getAttendees(),
      meeting.getItemId(),
      meeting.getGraphId(),
      // Outlook may not tell the organizer (older requirement sets): the head count then counts one.
      meeting.getOrganizer().then(
        (person) => person.email || null,
        () => null,
      ),
    ]).then(
      ([start, end, attendees, itemId, graphId, organizer]) =>
        current &&
        setFacts({
          meeting,
          view: meeting.view,
          start,
          end,
          attendees: [...attendees.required, ...attendees.optional],
          organizer,
          rooms: attendees.rooms,
          graphAttendees: [],
          key: graphId ?? itemId ?? `new-${start.toISOString()}`,
          graphId,
        }),
      (error: unknown) => current && setFailure(isOfficeFailure(error) ? error.describe(t) : String(error)),
    );
    return () => {
      current = false;
    };
  }, [meeting, t]);

  if (failure)
    return (
      <MessageBar intent="error">
        <MessageBarBody>{failure}</MessageBarBody>
      </MessageBar>
    );
  if (!facts) return <Spinner size="small" label={t("app.loading")} />;
  return <LoadedPlan facts={facts} access={access} signedOut={signedOut} language={language} now={now} />;
}

function LoadedPlan({
  facts,
  access,
  signedOut,
  language,
  now,
}: {
  facts: MeetingFacts & { key: string; graphId: string | null };
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
  const [inService, setInService] = useState<FullMeeting | null>(null);
  const roomState = session.plan.room.state;
  const roomEmail = session.plan.room.roomEmail;

  // Graph knows the room's answer (Office.js lists no resources): re-read until the room has answered.
  useEffect(() => {
    if (!service) return;
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = () =>
      service.api.meeting(service.meetingId, facts.start, facts.end).then(
        (found) => {
          if (!current) return;
          setInService(found);
          if (roomState === "ordered" && !roomAccepted(found?.attendees ?? [], roomEmail)) {
            timer = setTimeout(read, ROOM_POLL_MS);
          }
        },
        () => undefined,
      );
    void read();
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [service, facts.start, facts.end, roomState, roomEmail]);

  const accepted = roomAccepted(inService?.attendees ?? [], roomEmail);
  const { edit } = session;
  useEffect(() => {
    if (accepted && roomState === "ordered")
      edit((plan) => ({ ...plan, room: { ...plan.room, state: "confirmed" } }));
  }, [accepted, roomState, edit]);

  const context = useMemo(
    () => ({
      session,
      facts: { ...facts, graphAttendees: inService?.attendees ?? [] },
      service,
      now,
    }),
    [session, facts, inService, service, now],
  );

  // A meeting that already holds a room starts the room step from it: booked, or accepted.
  const meetingRoom = roomsOf(context.facts)[0];
  const loaded = session.saveState !== "loading";
  useEffect(() => {
    if (!loaded || roomEmail || !meetingRoom) return;
    edit((plan) => ({
      ...plan,
      room: { ...plan.room, roomEmail: meetingRoom.email, roomName: meetingRoom.name, state: "ordered" },
    }));
  }, [loaded, roomEmail, meetingRoom, edit]);

  if (session.saveState === "loading") return <Spinner size="small" label={t("plan.save.loading")} />;
  return (
    <PlanContext.Provider value={context}>
      <div className={styles.plan}>
        <Readiness session={session} meeting={inService} />
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

function Readiness({ session, meeting }: { session: PlanSession; meeting: FullMeeting | null }) {
  const styles = useStyles();
  const t = useT();
  const shared = useSharedT();
  const ready = describeReadiness(readiness(session.plan), useLocale());
  const conflicts = meeting?.conflicts ?? [];
  return (
    <section aria-label={t("plan.readiness")}>
      <div className={styles.readiness}>
        <Text weight="semibold">{ready.summary}</Text>
        {meeting?.priority && (
          <Badge appearance="filled" color={meeting.priority.class === 1 ? "danger" : "informative"}>
            {shared("priority.class").replace("{class}", String(meeting.priority.class))}
          </Badge>
        )}
      </div>
      {ready.waiting && (
        <Text as="p" size={200}>
          {ready.waiting}
        </Text>
      )}
      {ready.missing && (
        <Text as="p" size={200}>
          {ready.missing}
        </Text>
      )}
      {conflicts.length > 0 && (
        <>
          <Text weight="semibold" as="h3">
            {t("plan.conflicts")}
          </Text>
          <ul className={styles.conflicts}>
            {conflicts.map((c) => (
              <li key={`${c.first.id}-${c.second.id}`}>
                <Text>
                  {shared(`conflict.${c.kind}`)
                    .replace("{first}", c.first.subject)
                    .replace("{second}", c.second.subject)
                    .replace("{available}", String(c.minutesAvailable ?? ""))
                    .replace("{needed}", String(c.minutesNeeded ?? ""))}
                </Text>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function SaveStatus({ session }: { session: PlanSession }) {
  const t = useT();
  const shared = useSharedT();
  const reason =
    session.failure instanceof ServiceProblem
      ? session.failure.status === 0
        ? t("plan.networkFailed")
        : session.failure.detail
      : isOfficeFailure(session.failure)
        ? session.failure.describe(t)
        : "";
  return (
    <div role="status" aria-live="polite">
      {session.conflict ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t("plan.conflict.title")}</MessageBarTitle>
            {shared("plan.conflict").replace("{person}", session.conflict.by)}
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
          <MessageBarBody>{t("plan.save.failed", { reason })}</MessageBarBody>
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
