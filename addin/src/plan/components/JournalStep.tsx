import { Body1, Button, Checkbox, Field, Input } from "@fluentui/react-components";
import {
  isValidCaseNumber,
  kleOfCaseNumber,
  type Journal,
  type MeetingJournal,
  type MessageKey,
} from "@modeklar/shared";
import { useEffect, useState } from "react";
import { useLocale, useT } from "../../i18n";
import { describeFailure } from "../describe-failure";
import { journalErrors, touched } from "../steps";
import { usePlanContext, useSharedT } from "./context";

export function JournalStep({ caseNumberPattern }: { caseNumberPattern?: string }) {
  const t = useT();
  const shared = useSharedT();
  const { session } = usePlanContext();
  const journal = session.plan.journal;
  const errors = journalErrors(journal, caseNumberPattern);
  // A valid case number is the step done; anything else leaves it to do.
  const change = (values: Partial<Journal>) =>
    session.edit((plan) => {
      const next = touched({ ...plan.journal, ...values });
      const filed = !!next.caseNumber && Object.keys(journalErrors(next, caseNumberPattern)).length === 0;
      return { ...plan, journal: { ...next, state: filed ? "confirmed" : "todo" } };
    });
  const message = (field: string) => (errors[field] ? shared(errors[field] as MessageKey) : undefined);

  return (
    <>
      <Field
        label={t("journal.caseNumber")}
        hint={t("journal.caseNumberHint")}
        validationMessage={message("caseNumber")}
      >
        <Input
          value={journal.caseNumber ?? ""}
          onChange={(_, data) =>
            change({ caseNumber: data.value, ...(journal.kle ? {} : { kle: kleOfCaseNumber(data.value) }) })
          }
        />
      </Field>
      <Field label={t("journal.kle")} validationMessage={message("kle")}>
        <Input value={journal.kle ?? ""} onChange={(_, data) => change({ kle: data.value })} />
      </Field>
      <Journalise caseNumber={journal.caseNumber ?? ""} caseNumberPattern={caseNumberPattern} />
    </>
  );
}

/** Files the meeting in its case through the service, and shows where each document stands. */
function Journalise({ caseNumber, caseNumberPattern }: { caseNumber: string; caseNumberPattern?: string }) {
  const t = useT();
  const locale = useLocale();
  const shared = useSharedT();
  const { service } = usePlanContext();
  const [state, setState] = useState<MeetingJournal | null>(null);
  const [includePrivate, setIncludePrivate] = useState(false);
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);
  const api = service?.api;
  const meetingId = service?.meetingId;

  useEffect(() => {
    if (!api?.meetingJournal || !meetingId) return;
    api.meetingJournal(meetingId).then(setState, () => setState(null));
  }, [api, meetingId]);

  if (!api?.journalise || !meetingId || !state) return null;
  const valid = caseNumber !== "" && isValidCaseNumber(caseNumber, caseNumberPattern);
  const when = (instant: string) =>
    new Date(instant).toLocaleString(locale === "da" ? "da-DK" : "en-GB", {
      dateStyle: "short",
      timeStyle: "short",
      timeZone: "Europe/Copenhagen",
    });
  const journalise = async () => {
    if (!api.journalise) return;
    setBusy(true);
    setStatus("");
    try {
      setState(await api.journalise(meetingId, caseNumber, includePrivate));
      setStatus(t("journal.sent", { caseNumber }));
    } catch (error) {
      setStatus(describeFailure(error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ul style={{ margin: 0, paddingInlineStart: "1.2rem" }} aria-label={t("journal.journalise")}>
        {state.journal.documents.map((document) => (
          <li key={document.key}>
            <Body1>
              {t("journal.state", {
                document: shared(`journal.document.${document.kind}`),
                state:
                  document.state === "journalised" && document.journalisedAt
                    ? t("journal.stateJournalised", {
                        when: when(document.journalisedAt),
                        who: document.journalisedBy ?? "",
                      })
                    : document.state === "sending"
                      ? t("journal.stateSending")
                      : document.state === "failed"
                        ? t("journal.stateFailed")
                        : t("journal.stateNot"),
              })}
            </Body1>
          </li>
        ))}
      </ul>
      {state.isPrivate && (
        <Checkbox
          checked={includePrivate}
          onChange={(_, data) => setIncludePrivate(data.checked === true)}
          label={t("journal.private")}
        />
      )}
      <Field hint={t("journal.journaliseHint")}>
        <Button
          appearance="primary"
          disabled={
            busy || !valid || (state.isPrivate && !includePrivate) || state.journal.state === "journalised"
          }
          onClick={() => void journalise()}
        >
          {t("journal.journalise")}
        </Button>
      </Field>
      <div role="status" aria-live="polite">
        {status}
      </div>
    </>
  );
}
