import { makeStyles, tokens, typographyStyles } from "@fluentui/react-components";
import { isoWeekOf, type PriorityClass, type WeekView } from "@modeklar/shared";
import type { ReactNode } from "react";
import { dateTimeOf, dayOf, noonOf } from "../../components";
import { useLocale, useT } from "../../i18n";
import type { Decision } from "./DecisionMenu";
import { MeetingLine } from "./MeetingLine";

export type { Decision } from "./DecisionMenu";

const useStyles = makeStyles({
  board: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  section: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    // Chromium lays out a day only when it nears the screen: four weeks cost little more than one.
    contentVisibility: "auto",
    containIntrinsicSize: "auto 40rem",
    "@media print": { breakInside: "avoid-page", contentVisibility: "visible" },
  },
  heading: { ...typographyStyles.subtitle1, margin: 0, "@media print": { breakAfter: "avoid" } },
  text: { ...typographyStyles.body1, margin: 0 },
  meetings: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, padding: 0, margin: 0 },
  compactMeetings: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: 0,
    margin: 0,
  },
  list: { ...typographyStyles.body1, margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  strong: typographyStyles.body1Strong,
});

/** A headed part of the board: its list, or (`empty`) the sentence saying there is nothing. */
function BoardSection({
  id,
  heading,
  empty,
  children,
  ...rest
}: {
  id: string;
  heading: string;
  empty: string | null;
  children: ReactNode;
  "data-day"?: string;
}) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-labelledby={id} {...rest}>
      <h2 id={id} className={styles.heading}>
        {heading}
      </h2>
      {empty === null ? children : <p className={styles.text}>{empty}</p>}
    </section>
  );
}

const dayAfter = (date: string, days: number) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/**
 * Next week day by day, the weeks after it more compact, then the deadlines, the overview and
 * the minutes: on screen and on A4.
 */
export function WeekBoard({ view, onDecide }: { view: WeekView; onDecide?: (d: Decision) => void }) {
  const t = useT();
  const locale = useLocale();
  const styles = useStyles();
  const laterWeeks = dayAfter(view.weekStart, 7);
  return (
    <div className={styles.board}>
      {view.days.map((day) => {
        const compact = day.date >= laterWeeks;
        return (
          <BoardSection
            key={day.date}
            id={`day-${day.date}`}
            data-day={day.date}
            heading={dayOf(noonOf(day.date), locale)}
            empty={day.meetings.length === 0 ? t("week.noMeetings") : null}
          >
            <ul className={compact ? styles.compactMeetings : styles.meetings}>
              {day.meetings.map((meeting) => (
                <MeetingLine
                  key={meeting.id}
                  meeting={meeting}
                  compact={compact}
                  {...(onDecide ? { onDecide } : {})}
                />
              ))}
            </ul>
          </BoardSection>
        );
      })}
      <BoardSection
        id="deadlines"
        heading={t("week.deadlines")}
        empty={view.deadlines.length === 0 ? t("week.noDeadlines") : null}
      >
        <ul className={styles.list}>
          {view.deadlines.map((deadline) => (
            <li key={`${deadline.kind}-${deadline.itemId}`}>
              {dateTimeOf(deadline.due, locale)}: {t(`deadline.${deadline.kind}`)} – {deadline.title}
            </li>
          ))}
        </ul>
      </BoardSection>
      <BoardSection id="overview" heading={t("week.overview")} empty={null}>
        <ul className={styles.list}>
          {view.overview.map((week) => (
            <li key={week.weekStart}>
              <span className={styles.strong}>
                {t("week.overviewWeek", { week: isoWeekOf(week.weekStart).week })}:{" "}
              </span>
              {t("week.overviewLine", week)}
            </li>
          ))}
        </ul>
      </BoardSection>
      <BoardSection
        id="minutes"
        heading={t("week.minutes")}
        empty={view.minutes.length === 0 ? t("week.noMinutes") : null}
      >
        <ul className={styles.list}>
          {view.minutes.map((minute) => (
            <li key={minute.id} data-minute={minute.eventId}>
              {minute.subject}: {t(`decision.${minute.decision}`)}
              {typeof minute.detail["class"] === "number"
                ? ` (${t(`priority.${minute.detail["class"] as PriorityClass}`)})`
                : ""}{" "}
              – {minute.decidedBy}, {dateTimeOf(minute.decidedAt, locale)}
            </li>
          ))}
        </ul>
      </BoardSection>
    </div>
  );
}
