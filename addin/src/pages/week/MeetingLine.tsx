import { makeStyles, tokens, typographyStyles } from "@fluentui/react-components";
import { describeReadiness, type PriorityClass, type WeekMeeting } from "@modeklar/shared";
import { PriorityBadge, timeOf } from "../../components";
import { useLocale, useT } from "../../i18n";
import { DecisionMenu, type Decision } from "./DecisionMenu";

const PRIORITY_STRIPE: Record<PriorityClass, string> = {
  1: tokens.colorPaletteRedBorderActive,
  2: tokens.colorPaletteMarigoldBorderActive,
  3: tokens.colorNeutralStroke1,
};

const NARROW = "@media (max-width: 30rem)";

// Plain elements in Fluent's type ramp: a board of four weeks has hundreds of lines, and a
// Fluent Text per field made its first render cost several times the page's budget.
const line = {
  listStyleType: "none",
  display: "grid",
  gap: tokens.spacingHorizontalM,
  alignItems: "start",
  borderLeftWidth: tokens.strokeWidthThickest,
  borderLeftStyle: "solid",
  overflowWrap: "anywhere",
  // On a phone the time goes above the subject, which then has the width.
  [NARROW]: { gridTemplateColumns: "1fr auto" },
} as const;

const useStyles = makeStyles({
  full: {
    ...line,
    gridTemplateColumns: "6.5rem 1fr auto",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    "@media print": {
      breakInside: "avoid",
      backgroundColor: "transparent",
      gridTemplateColumns: "5.5rem 1fr",
    },
  },
  compact: {
    ...line,
    gridTemplateColumns: "6.5rem 1fr auto",
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalM}`,
    "@media print": { breakInside: "avoid", gridTemplateColumns: "5.5rem 1fr" },
  },
  time: {
    ...typographyStyles.body1Strong,
    fontVariantNumeric: "tabular-nums",
    [NARROW]: { gridColumn: "1" },
  },
  details: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    minWidth: 0,
    [NARROW]: { gridColumn: "1" },
  },
  subject: { ...typographyStyles.subtitle2, margin: 0 },
  compactSubject: { ...typographyStyles.body1Strong, margin: 0 },
  row: {
    ...typographyStyles.caption1,
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    alignItems: "center",
    margin: 0,
  },
  strong: typographyStyles.caption1Strong,
  private: {
    ...typographyStyles.caption1,
    paddingInline: tokens.spacingHorizontalXS,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    color: tokens.colorNeutralForeground3,
  },
  caption: { ...typographyStyles.caption1, margin: 0 },
  missing: { ...typographyStyles.caption1, margin: 0, color: tokens.colorNeutralForeground3 },
  conflict: { ...typographyStyles.caption1, margin: 0, color: tokens.colorPaletteRedForeground1 },
  decide: { "@media print": { display: "none" }, [NARROW]: { gridColumn: "2", gridRow: "1 / span 2" } },
});

interface MeetingLineProps {
  meeting: WeekMeeting;
  /** The weeks after next week: one line of facts under the subject instead of one per fact. */
  compact?: boolean;
  onDecide?: (d: Decision) => void;
}

/** One meeting on the board: time, subject, priority, readiness (what waits, what is missing), conflicts. */
export function MeetingLine({ meeting, compact = false, onDecide }: MeetingLineProps) {
  const t = useT();
  const locale = useLocale();
  const styles = useStyles();
  const ready = describeReadiness(meeting.readiness, locale);
  const conflicts = meeting.conflicts.map((conflict) => (
    <p key={`${conflict.kind}-${conflict.withId}`} className={styles.conflict}>
      {conflict.text} {conflict.action}
    </p>
  ));
  return (
    <li
      className={compact ? styles.compact : styles.full}
      style={{ borderLeftColor: PRIORITY_STRIPE[meeting.priority.class] }}
      data-meeting={meeting.id}
    >
      <time className={styles.time} dateTime={meeting.start}>
        {meeting.isAllDay ? "" : `${timeOf(meeting.start, locale)}–${timeOf(meeting.end, locale)}`}
      </time>
      {compact ? (
        <div className={styles.details}>
          <h3 className={styles.compactSubject}>{meeting.subject}</h3>
          <p className={styles.caption}>
            {[
              t(`priority.${meeting.priority.class}`),
              meeting.attendance === "pending" ? t("week.pending") : "",
              meeting.isPrivate ? t("week.private") : "",
              ready.summary,
              ready.waiting,
              ready.missing,
              meeting.location,
              meeting.suggested ? t(`answer.suggested.${meeting.suggested}`) : "",
            ]
              .filter(Boolean)
              .join(" · ")}
          </p>
          {conflicts}
        </div>
      ) : (
        <div className={styles.details}>
          <h3 className={styles.subject}>{meeting.subject}</h3>
          <p className={styles.row}>
            <PriorityBadge priorityClass={meeting.priority.class} />
            {meeting.attendance === "pending" && <span className={styles.strong}>{t("week.pending")}</span>}
            {meeting.isPrivate && <span className={styles.private}>{t("week.private")}</span>}
            <span>{ready.summary}</span>
          </p>
          <p className={styles.caption}>{t("priority.reason", { reason: meeting.priority.reason })}</p>
          {meeting.location && <p className={styles.caption}>{meeting.location}</p>}
          {ready.waiting && <p className={styles.missing}>{ready.waiting}</p>}
          {ready.missing && <p className={styles.missing}>{ready.missing}</p>}
          {conflicts}
          {meeting.suggested && (
            <p className={styles.caption}>{t(`answer.suggested.${meeting.suggested}`)}</p>
          )}
        </div>
      )}
      {onDecide && (
        <div className={styles.decide}>
          <DecisionMenu meeting={meeting} onDecide={onDecide} />
        </div>
      )}
    </li>
  );
}
