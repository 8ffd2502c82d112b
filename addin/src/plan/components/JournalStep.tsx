import { Button, Checkbox, Field, Input } from "@fluentui/react-components";
import {
  isValidCaseNumber,
  kleOfCaseNumber,
  type Journal,
  type MeetingJournal,
  type MessageKey,
} from "@modeklar/shared";
import { useEffect, useState } from "react";
import { useT } from "../../i18n";
import { describeFailure } from "../describe-failure";
import { journalErrors, touched } from "../steps";
import { usePlanContext, useSharedT } from "./context";
import { JournalDocuments } from "./JournalDocuments";

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
  const { service, session } = usePlanContext();
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
  const journalise = async () => {
    if (!api.journalise) return;
    setBusy(true);
    setStatus("");
    try {
      setState(await api.journalise(meetingId, caseNumber, includePrivate));
      setStatus(t("journal.sent", { caseNumber }));
      // Filed in its case: the step is done, whatever it said before.
      session.edit((plan) => ({ ...plan, journal: { ...plan.journal, state: "confirmed" } }));
    } catch (error) {
      setStatus(describeFailure(error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <JournalDocuments journal={state.journal} />
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
