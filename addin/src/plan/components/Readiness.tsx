import { Badge, makeStyles, Text, tokens } from "@fluentui/react-components";
import { describeReadiness, readiness, type FullMeeting, type MeetingPlan } from "@modeklar/shared";
import { useLocale, useT } from "../../i18n";
import { useSharedT } from "./context";

const useStyles = makeStyles({
  readiness: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  conflicts: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

/** How ready the meeting is, its priority, and the meetings it collides with. */
export function Readiness({ plan, meeting }: { plan: MeetingPlan; meeting: FullMeeting | null }) {
  const styles = useStyles();
  const t = useT();
  const shared = useSharedT();
  const ready = describeReadiness(readiness(plan), useLocale());
  const conflicts = meeting?.conflicts ?? [];
  return (
    <section aria-label={t("plan.readiness")}>
      <div className={styles.readiness}>
        <Text weight="semibold">{ready.summary}</Text>
        {meeting?.priority && (
          <Badge appearance="filled" color={meeting.priority.class === 1 ? "danger" : "informative"}>
            {shared("priority.class", { class: meeting.priority.class })}
          </Badge>
        )}
      </div>
      {ready.waiting && (
        <Text as="p" block size={200}>
          {ready.waiting}
        </Text>
      )}
      {ready.missing && (
        <Text as="p" block size={200}>
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
                  {shared(`conflict.${c.kind}`, {
                    first: c.first.subject,
                    second: c.second.subject,
                    available: c.minutesAvailable ?? "",
                    needed: c.minutesNeeded ?? "",
                  })}
                </Text>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
