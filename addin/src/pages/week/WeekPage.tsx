import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle1,
  tokens,
} from "@fluentui/react-components";
import {
  isoWeekOf,
  weekCalendarFileName,
  WeeklyDecisionResultSchema,
  WeekViewSchema,
  type WeekView,
} from "@modeklar/shared";
import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from "react";
import type { ServiceSession } from "../../auth";
import { callService, noonOf, serviceJson, ServiceProblem, shortDateOf } from "../../components";
import { useLocale, useT } from "../../i18n";
import { FirstPassNotice } from "./FirstPassNotice";
import { JournalMissingNotice } from "./JournalMissingNotice";
import { WeekBoard, type Decision } from "./WeekBoard";

const FIRST_PASS_POLL_MS = 10_000;

const useStyles = makeStyles({
  bar: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    alignItems: "center",
    "@media print": { display: "none" },
  },
});

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** The page's own address says which week and how many weeks: ?week=2026-12-07&weeks=1. */
function weekFromAddress(): { week: string | null; weeks: number } {
  const params = new URLSearchParams(window.location.search);
  return { week: params.get("week"), weeks: Math.min(8, Math.max(1, Number(params.get("weeks") ?? 1) || 1)) };
}

/** The weekly calendar meeting: the week as the service sees it, decisions recorded as minutes. */
export function WeekPage({ session }: { session: ServiceSession }) {
  const t = useT();
  const locale = useLocale();
  const styles = useStyles();
  const service = useMemo(() => ({ session, locale }), [session, locale]);
  const [{ week, weeks }, setWeek] = useState(weekFromAddress);
  const [view, setView] = useState<WeekView | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [status, setStatus] = useState("");

  const load = useCallback(async () => {
    try {
      const query = new URLSearchParams({ weeks: String(weeks), ...(week ? { week } : {}) });
      const result = await serviceJson(service, `/week?${query}`, WeekViewSchema);
      performance.mark("modeklar:week-data");
      setView(result);
      setFailure(null);
    } catch (error) {
      setFailure(
        error instanceof ServiceProblem && error.status === 403
          ? t("pages.forbidden")
          : String(error instanceof Error ? error.message : error),
      );
    }
  }, [service, week, weeks, t]);

  useEffect(() => {
    void load();
  }, [load]);

  // While the first pass over the mailbox runs, its progress (and the priorities it sets) move on.
  const firstPassRunning = view?.firstPass !== undefined;
  useEffect(() => {
    if (!firstPassRunning) return;
    const timer = setInterval(() => void load(), FIRST_PASS_POLL_MS);
    return () => clearInterval(timer);
  }, [firstPassRunning, load]);

  // The benchmark reads how long the week took from its data to the screen.
  useLayoutEffect(() => {
    if (view && performance.getEntriesByName("modeklar:week-data").length > 0) {
      performance.measure("modeklar:week-render", "modeklar:week-data");
      performance.clearMarks("modeklar:week-data");
    }
  }, [view]);

  const move = (days: number) => {
    if (!view) return;
    const next = addDays(view.weekStart, days);
    window.history.replaceState(null, "", `?week=${next}&weeks=${weeks}`);
    setWeek({ week: next, weeks });
  };

  const decide = async ({ meeting, decision, priorityClass }: Decision) => {
    if (!view) return;
    try {
      await serviceJson(service, "/week/decisions", WeeklyDecisionResultSchema, {
        method: "POST",
        body: {
          eventId: meeting.id,
          weekStart: view.weekStart,
          decision,
          ...(priorityClass ? { priorityClass } : {}),
        },
      });
      setStatus(t("week.recorded"));
      await load();
    } catch (error) {
      setStatus(t("pages.failed", { reason: error instanceof Error ? error.message : String(error) }));
    }
  };

  const downloadIcs = async () => {
    if (!view) return;
    const response = await callService(service, `/week.ics?from=${view.weekStart}`);
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement("a");
    link.href = url;
    link.download = weekCalendarFileName(view.weekStart);
    link.click();
    URL.revokeObjectURL(url);
  };

  if (failure)
    return (
      <MessageBar intent="error">
        <MessageBarBody>{t("pages.failed", { reason: failure })}</MessageBarBody>
      </MessageBar>
    );
  if (!view) return <Spinner label={t("app.loading")} />;
  const last = addDays(view.weekStart, 7 * weeks - 1);
  return (
    <>
      <Subtitle1 as="p">
        {t("week.heading", {
          week: isoWeekOf(view.weekStart).week,
          from: shortDateOf(noonOf(view.weekStart), locale),
          to: shortDateOf(noonOf(last), locale),
        })}
      </Subtitle1>
      <div className={styles.bar}>
        <Button onClick={() => move(-7)}>{t("week.previous")}</Button>
        <Button onClick={() => move(7)}>{t("week.next")}</Button>
        <Button onClick={() => window.print()}>{t("week.print")}</Button>
        <Button onClick={() => void downloadIcs()}>{t("week.ics")}</Button>
      </div>
      <div role="status" aria-live="polite">
        {status}
      </div>
      {view.firstPass && <FirstPassNotice firstPass={view.firstPass} />}
      <JournalMissingNotice service={service} refresh={view} />
      <WeekBoard view={view} onDecide={(d) => void decide(d)} />
    </>
  );
}
