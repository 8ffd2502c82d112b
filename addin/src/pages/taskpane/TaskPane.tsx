import { Button, Spinner, Subtitle2, Text, tokens } from "@fluentui/react-components";
import { lazy, Suspense, useEffect, useRef, useState, type CSSProperties } from "react";
import { pageLocale, useT } from "../../i18n";
import {
  isOfficeFailure,
  OfficeFailure,
  type MeetingItemHost,
  type OfficeOperation,
  type OutlookHost,
} from "../../office";
import { PageShell } from "../../shell";
import { Notice } from "./Notice";

// The plan (and with it shared's domain code and MSAL) loads after the shell has rendered.
const MeetingPlan = lazy(() => import("./MeetingPlan").then((module) => ({ default: module.MeetingPlan })));

type Connection = { state: "connecting" } | { state: "outside" } | { state: "inOutlook"; host: OutlookHost };

/** The task pane's shell: connects to Outlook, or says plainly that the page is not in Outlook. */
export function TaskPane({ connect }: { connect: () => Promise<OutlookHost | null> }) {
  const [connection, setConnection] = useState<Connection>({ state: "connecting" });

  useEffect(() => {
    let current = true;
    connect().then(
      (host) => current && setConnection(host ? { state: "inOutlook", host } : { state: "outside" }),
      () => current && setConnection({ state: "outside" }),
    );
    return () => {
      current = false;
    };
  }, [connect]);

  const locale = pageLocale(connection.state === "inOutlook" ? connection.host.displayLanguage : undefined);
  return (
    <PageShell locale={locale} title="page.taskpane.title">
      {connection.state === "connecting" && <Loading />}
      {connection.state === "outside" && <OutsideOutlook />}
      {connection.state === "inOutlook" && <SelectedMeeting host={connection.host} />}
    </PageShell>
  );
}

function Loading() {
  const t = useT();
  return <Spinner size="small" label={t("app.loading")} />;
}

function OutsideOutlook() {
  const t = useT();
  return (
    <Notice intent="info" title={t("outsideOutlook.title")}>
      {t("outsideOutlook.body")}
    </Notice>
  );
}

/** Follows the selection while the pane is pinned. */
function SelectedMeeting({ host }: { host: OutlookHost }) {
  const [meeting, setMeeting] = useState(() => host.currentMeeting());
  const [watchFailure, setWatchFailure] = useState<OfficeFailure | null>(null);
  const [watchAttempt, setWatchAttempt] = useState(0);

  useEffect(() => {
    if (!host.supports("pinning")) return;
    const stopping = host.onItemChanged(setMeeting).then(
      (stop) => {
        setWatchFailure(null);
        return stop;
      },
      (error: unknown) => {
        setWatchFailure(asFailure(error, "watchItem"));
        return null;
      },
    );
    return () => {
      // The pane is going away or re-subscribing: a handler Outlook fails to drop has no one to tell.
      void stopping.then((stop) => stop?.().catch(() => undefined));
    };
  }, [host, watchAttempt]);

  // Opening the pane brings the keyboard into it, once: a pinned pane following the selection stays put.
  const focusedOnce = useRef(false);
  const t = useT();
  return (
    <>
      {watchFailure && (
        <FailureMessage failure={watchFailure} onRetry={() => setWatchAttempt((n) => n + 1)} />
      )}
      {meeting ? (
        <>
          <MeetingHeading meeting={meeting} focusOnce={focusedOnce} />
          <Suspense fallback={<Loading />}>
            <MeetingPlan meeting={meeting} language={host.displayLanguage} />
          </Suspense>
        </>
      ) : (
        <Text>{t("page.taskpane.noMeeting")}</Text>
      )}
    </>
  );
}

function MeetingHeading({
  meeting,
  focusOnce,
}: {
  meeting: MeetingItemHost;
  focusOnce: { current: boolean };
}) {
  const [subject, setSubject] = useState<string | null>(null);
  const [failure, setFailure] = useState<OfficeFailure<string> | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  // The meeting's name is where the keyboard and a screen reader start: the plan follows it.
  useEffect(() => {
    if (subject === null || focusOnce.current || !heading.current) return;
    focusOnce.current = true;
    window.focus();
    heading.current.focus();
  }, [subject, focusOnce]);

  useEffect(() => {
    let current = true;
    setSubject(null);
    setFailure(null);
    meeting.getSubject().then(
      (value) => current && setSubject(value),
      (error: unknown) => current && setFailure(asFailure<string>(error, "readMeeting")),
    );
    return () => {
      current = false;
    };
  }, [meeting]);

  if (failure) {
    const retry = () =>
      failure.retry().then(
        (value) => {
          setFailure(null);
          setSubject(value);
        },
        (error: unknown) => setFailure(asFailure<string>(error, "readMeeting")),
      );
    return <FailureMessage failure={failure} onRetry={retry} />;
  }
  return subject === null ? (
    <Loading />
  ) : (
    <h2 ref={heading} tabIndex={-1} style={HEADING}>
      <Subtitle2>{subject}</Subtitle2>
    </h2>
  );
}

// The focus lands here when the pane opens; the ring shows it (Fluent's focus colour).
const HEADING: CSSProperties = {
  margin: 0,
  outlineColor: tokens.colorStrokeFocus2,
  outlineOffset: tokens.strokeWidthThick,
};

/** The adapter rejects only with OfficeFailures; anything else is shown as a plain failure. */
function asFailure<T>(error: unknown, operation: OfficeOperation): OfficeFailure<T> {
  return isOfficeFailure(error) ? (error as OfficeFailure<T>) : new OfficeFailure<T>("failed", operation);
}

/** An Office failure in the user's language, with "Try again" when trying again can help. */
function FailureMessage({ failure, onRetry }: { failure: OfficeFailure<unknown>; onRetry: () => unknown }) {
  const t = useT();
  return (
    <Notice
      intent="error"
      action={
        failure.retryable && (
          <Button size="small" onClick={onRetry}>
            {t("app.retry")}
          </Button>
        )
      }
    >
      {failure.describe(t)}
    </Notice>
  );
}
