import { Field, Input } from "@fluentui/react-components";
import { kleOfCaseNumber, type Journal, type MessageKey } from "@modeklar/shared";
import { useT } from "../../i18n";
import { journalErrors, touched } from "../steps";
import { usePlanContext, useSharedT } from "./context";

export function JournalStep({ caseNumberPattern }: { caseNumberPattern?: string }) {
  const t = useT();
  const shared = useSharedT();
  const { session } = usePlanContext();
  const journal = session.plan.journal;
  const errors = journalErrors(journal, caseNumberPattern);
  const change = (values: Partial<Journal>) =>
    session.edit((plan) => ({ ...plan, journal: touched({ ...plan.journal, ...values }) }));
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
    </>
  );
}
