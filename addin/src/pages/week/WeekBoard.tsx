import {
  Badge,
  Body1,
  Button,
  Caption1,
  makeStyles,
  Menu,
  MenuButton,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Subtitle1,
  Subtitle2,
  Text,
  tokens,
} from "@fluentui/react-components";
import type { PriorityClass, WeeklyDecision, WeekMeeting, WeekView } from "@modeklar/shared";
import { dateTimeOf, dayOf, noonOf, PriorityBadge, timeOf, weekNumberOf } from "../../components";
import { useEffect, useRef, useState } from "react";
import { useLocale, useT } from "../../i18n";

export interface Decision {
  meeting: WeekMeeting;
  decision: WeeklyDecision;
  priorityClass?: PriorityClass;
}

const PRIORITY_STRIPE: Record<PriorityClass, string> = {
  1: tokens.colorPaletteRedBorderActive,
  2: tokens.colorPaletteMarigoldBorderActive,
  3: tokens.colorNeutralStroke1,
};

const useStyles = makeStyles({
  board: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  day: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    "@media print": { breakInside: "avoid-page" },
  },
  dayHeading: { "@media print": { breakAfter: "avoid" } },
  meetings: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, padding: 0, margin: 0 },
  meeting: {
    listStyleType: "none",
    display: "grid",
    gridTemplateColumns: "6.5rem 1fr auto",
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    borderLeftWidth: tokens.strokeWidthThickest,
    borderLeftStyle: "solid",
    overflowWrap: "anywhere",
    "@media print": {
      breakInside: "avoid",
      backgroundColor: "transparent",
      gridTemplateColumns: "5.5rem 1fr",
    },
  },
  details: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, minWidth: 0 },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  conflict: { color: tokens.colorPaletteRedForeground1 },
  missing: { color: tokens.colorNeutralForeground3 },
  noPrint: { "@media print": { display: "none" } },
  sectionList: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

/**
 * A plain button until first opened, then a Fluent Menu: one Menu per meeting costs too much
 * when the board shows four weeks of meetings.
 */
function DecisionMenu({
  meeting,
  decisions,
  onDecide,
}: {
  meeting: WeekMeeting;
  decisions: WeeklyDecision[];
  onDecide: (d: Decision) => void;
}) {
  const t = useT();
  const [opened, setOpened] = useState(false);
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const label = t("week.decisionFor", { subject: meeting.subject });
  // The Menu's button replaces the plain one, so keyboard focus moves along with it.
  useEffect(() => {
    if (opened) trigger.current?.focus();
  }, [opened]);
  if (!opened) {
    return (
      <Button
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={false}
        onClick={() => {
          setOpened(true);
          setOpen(true);
        }}
      >
        {t("week.decide")}
      </Button>
    );
  }
  return (
    <Menu open={open} onOpenChange={(_, data) => setOpen(data.open)}>
      <MenuTrigger disableButtonEnhancement>
        <MenuButton ref={trigger} aria-label={label}>
          {t("week.decide")}
        </MenuButton>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {decisions.map((decision) => (
            <MenuItem key={decision} onClick={() => onDecide({ meeting, decision })}>
              {t(`decision.${decision}`)}
            </MenuItem>
          ))}
          {([1, 2, 3] as const).map((priorityClass) => (
            <MenuItem
              key={`pin-${priorityClass}`}
              onClick={() => onDecide({ meeting, decision: "pinPriority", priorityClass })}
            >
              {`${t("decision.pinPriority")}: ${t(`priority.${priorityClass}`)}`}
            </MenuItem>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

function MeetingLine({ meeting, onDecide }: { meeting: WeekMeeting; onDecide?: (d: Decision) => void }) {
  const t = useT();
  const locale = useLocale();
  const styles = useStyles();
  const { readiness } = meeting;
  const decisions: WeeklyDecision[] =
    meeting.attendance === "pending"
      ? ["accept", "decline", "sendChiefOfStaff", "orderMaterial"]
      : ["sendChiefOfStaff", "orderMaterial"];
  return (
    <li
      className={styles.meeting}
      style={{ borderLeftColor: PRIORITY_STRIPE[meeting.priority.class] }}
      data-meeting={meeting.id}
    >
      <Text weight="semibold">
        {meeting.isAllDay ? "" : `${timeOf(meeting.start, locale)}–${timeOf(meeting.end, locale)}`}
      </Text>
      <div className={styles.details}>
        <Subtitle2 as="h3">{meeting.subject}</Subtitle2>
        <div className={styles.row}>
          <PriorityBadge priorityClass={meeting.priority.class} />
          {meeting.attendance === "pending" && (
            <Text weight="semibold" size={200}>
              {t("week.pending")}
            </Text>
          )}
          {meeting.isPrivate && (
            <Badge appearance="outline" color="informative">
              {t("week.private")}
            </Badge>
          )}
          <Caption1>
            {readiness.needed === 0
              ? t("week.readinessNone")
              : t("week.readiness", { done: readiness.done, needed: readiness.needed })}
          </Caption1>
        </div>
        <Caption1>{t("priority.reason", { reason: meeting.priority.reason })}</Caption1>
        {meeting.location && <Caption1>{meeting.location}</Caption1>}
        {readiness.missing.length > 0 && (
          <Caption1 className={styles.missing}>
            {t("week.missing", { steps: readiness.missing.map((step) => t(`step.${step}`)).join(", ") })}
          </Caption1>
        )}
        {meeting.conflicts.map((conflict) => (
          <Caption1 key={`${conflict.kind}-${conflict.withId}`} className={styles.conflict}>
            {conflict.text} {conflict.action}
          </Caption1>
        ))}
        {meeting.suggested && <Caption1>{t(`answer.suggested.${meeting.suggested}`)}</Caption1>}
      </div>
      {onDecide && (
        <div className={styles.noPrint}>
          <DecisionMenu meeting={meeting} decisions={decisions} onDecide={onDecide} />
        </div>
      )}
    </li>
  );
}

/** The week day by day, the weeks after in overview, the deadlines and the minutes: on screen and on A4. */
export function WeekBoard({ view, onDecide }: { view: WeekView; onDecide?: (d: Decision) => void }) {
  const t = useT();
  const locale = useLocale();
  const styles = useStyles();
  return (
    <div className={styles.board}>
      {view.days.map((day) => (
        <section
          key={day.date}
          className={styles.day}
          aria-labelledby={`day-${day.date}`}
          data-day={day.date}
        >
          <Subtitle1 as="h2" id={`day-${day.date}`} className={styles.dayHeading}>
            {dayOf(noonOf(day.date), locale)}
          </Subtitle1>
          {day.meetings.length === 0 ? (
            <Body1>{t("week.noMeetings")}</Body1>
          ) : (
            <ul className={styles.meetings}>
              {day.meetings.map((meeting) => (
                <MeetingLine key={meeting.id} meeting={meeting} {...(onDecide ? { onDecide } : {})} />
              ))}
            </ul>
          )}
        </section>
      ))}
      <section className={styles.day} aria-labelledby="deadlines">
        <Subtitle1 as="h2" id="deadlines" className={styles.dayHeading}>
          {t("week.deadlines")}
        </Subtitle1>
        {view.deadlines.length === 0 ? (
          <Body1>{t("week.noDeadlines")}</Body1>
        ) : (
          <ul className={styles.sectionList}>
            {view.deadlines.map((deadline) => (
              <li key={`${deadline.kind}-${deadline.itemId}`}>
                <Body1>
                  {dateTimeOf(deadline.due, locale)}: {t(`deadline.${deadline.kind}`)} – {deadline.title}
                </Body1>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className={styles.day} aria-labelledby="overview">
        <Subtitle1 as="h2" id="overview" className={styles.dayHeading}>
          {t("week.overview")}
        </Subtitle1>
        <ul className={styles.sectionList}>
          {view.overview.map((week) => (
            <li key={week.weekStart}>
              <Body1>
                <Text weight="semibold">
                  {t("week.overviewWeek", { week: weekNumberOf(week.weekStart) })}:{" "}
                </Text>
                {t("week.overviewLine", week)}
              </Body1>
            </li>
          ))}
        </ul>
      </section>
      <section className={styles.day} aria-labelledby="minutes">
        <Subtitle1 as="h2" id="minutes" className={styles.dayHeading}>
          {t("week.minutes")}
        </Subtitle1>
        {view.minutes.length === 0 ? (
          <Body1>{t("week.noMinutes")}</Body1>
        ) : (
          <ul className={styles.sectionList}>
            {view.minutes.map((minute) => (
              <li key={minute.id} data-minute={minute.eventId}>
                <Body1>
                  {minute.subject}: {t(`decision.${minute.decision}`)}
                  {typeof minute.detail["class"] === "number"
                    ? ` (${t(`priority.${minute.detail["class"] as PriorityClass}`)})`
                    : ""}{" "}
                  – {minute.decidedBy}, {dateTimeOf(minute.decidedAt, locale)}
                </Body1>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
