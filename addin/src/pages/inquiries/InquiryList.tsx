import {
  Badge,
  Body1,
  Button,
  Caption1,
  Card,
  Field,
  Input,
  makeStyles,
  mergeClasses,
  Subtitle2,
  tokens,
} from "@fluentui/react-components";
import {
  caseNumberIn,
  InquiriesResponseSchema,
  InquirySchema,
  type CaseNumberFormat,
  type Inquiry,
} from "@modeklar/shared";
import { useState } from "react";
import type { ServiceSession } from "../../auth";
import { dateTimeOf, serviceJson, shortDateOf } from "../../components";
import { useLocale, useT } from "../../i18n";
import { DayListView, useDayList } from "../daylist/DayList";

const useStyles = makeStyles({
  list: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, maxWidth: "60rem" },
  head: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "baseline" },
  journal: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "end" },
  caseField: { flexGrow: 1, minWidth: "14rem" },
  action: { minHeight: "44px" },
  suggestions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
  // On paper a field and its buttons lead nowhere: the list prints each inquiry's state and deadline.
  screenOnly: { "@media print": { display: "none" } },
});

/** The inquiries with their journal: the case number (suggested), journalise, and where each stands. */
export function InquiryList({ session }: { session: ServiceSession }) {
  const t = useT();
  const styles = useStyles();
  const list = useDayList(session, "/inquiries", InquiriesResponseSchema);
  return (
    <DayListView list={list}>
      {(data) =>
        data.inquiries.length === 0 ? (
          <Body1>{t("inquiries.none")}</Body1>
        ) : (
          <ul className={styles.list} style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {data.inquiries.map((inquiry) => (
              <li key={inquiry.id}>
                <InquiryCard
                  inquiry={inquiry}
                  format={data.caseNumberFormat}
                  journalise={(caseNumber) =>
                    list.act(
                      (service) =>
                        serviceJson(service, `/inquiries/${inquiry.id}/journal`, InquirySchema, {
                          method: "POST",
                          body: { caseNumber },
                        }),
                      t("inquiries.done"),
                    )
                  }
                />
              </li>
            ))}
          </ul>
        )
      }
    </DayListView>
  );
}

function InquiryCard({
  inquiry,
  format,
  journalise,
}: {
  inquiry: Inquiry;
  format: CaseNumberFormat;
  journalise: (caseNumber: string) => Promise<void>;
}) {
  const t = useT();
  const locale = useLocale();
  const styles = useStyles();
  const [caseNumber, setCaseNumber] = useState(
    inquiry.caseNumber ?? inquiry.suggestions[0]?.caseNumber ?? "",
  );
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const wrong = tried && caseNumberIn(caseNumber, format) === null;
  const { journal } = inquiry;
  const answered = journal.documents.some((d) => d.kind === "answer");
  const headingId = `inquiry-${inquiry.id}`;
  const done = journal.state === "journalised" || journal.state === "sending";

  const submit = async () => {
    setTried(true);
    if (caseNumberIn(caseNumber, format) === null) return;
    setBusy(true);
    try {
      await journalise(caseNumber.trim());
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card aria-labelledby={headingId}>
      <div className={styles.head}>
        <Subtitle2 as="h2" id={headingId} style={{ margin: 0 }}>
          {inquiry.subject}
        </Subtitle2>
        <Badge appearance="tint" color={inquiry.status === "answered" ? "success" : "informative"}>
          {t(`inquiries.status.${inquiry.status}`)}
        </Badge>
      </div>
      <Caption1>
        {t("inquiries.from")}: {inquiry.fromName} &lt;{inquiry.fromAddress}&gt; · {t("inquiries.received")}:{" "}
        {shortDateOf(inquiry.receivedAt, locale)}
      </Caption1>
      <JournalState inquiry={inquiry} />
      {!done && (
        <form
          className={mergeClasses(styles.journal, styles.screenOnly)}
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <Field
            className={styles.caseField}
            label={t("inquiries.caseNumber")}
            hint={t("inquiries.caseNumberHint", { example: format.example })}
            validationState={wrong ? "error" : "none"}
            validationMessage={
              wrong
                ? t("inquiries.wrongForm", { value: caseNumber.trim(), example: format.example })
                : undefined
            }
          >
            <Input value={caseNumber} onChange={(_, data) => setCaseNumber(data.value)} />
          </Field>
          <Button className={styles.action} appearance="primary" type="submit" disabled={busy}>
            {answered ? t("inquiries.journaliseWithAnswer") : t("inquiries.journalise")}
          </Button>
        </form>
      )}
      {!done && inquiry.suggestions.length > 0 && (
        <div className={mergeClasses(styles.suggestions, styles.screenOnly)}>
          {inquiry.suggestions.map((s) => (
            <Button
              key={s.caseNumber}
              size="small"
              className={styles.action}
              onClick={() => setCaseNumber(s.caseNumber)}
            >
              {t("inquiries.suggested", { caseNumber: s.caseNumber })} (
              {s.reason === "sameSender"
                ? t("inquiries.suggestedSameSender")
                : t("inquiries.suggestedSameWords", { words: s.words.join(", ") })}
              )
            </Button>
          ))}
        </div>
      )}
      {journal.missing && journal.due && (
        <Badge appearance="filled" color="danger">
          {t("inquiries.missing", { due: dateTimeOf(journal.due, locale) })}
        </Badge>
      )}
    </Card>
  );
}

/** Each document's state: journaliseret (when, by whom, which case), sendes, ikke journaliseret. */
function JournalState({ inquiry }: { inquiry: Inquiry }) {
  const t = useT();
  const locale = useLocale();
  return (
    <ul style={{ margin: 0, paddingInlineStart: "1.2rem" }} aria-label={t("inquiries.journal")}>
      {inquiry.journal.documents.map((document) => (
        <li key={document.key}>
          <Body1>
            {document.title}:{" "}
            {document.state === "journalised" && document.journalisedAt
              ? t("inquiries.journalisedAt", {
                  when: dateTimeOf(document.journalisedAt, locale),
                  who: document.journalisedBy ?? "",
                  caseNumber: document.caseNumber ?? "",
                })
              : document.state === "sending"
                ? t("inquiries.sending")
                : document.state === "failed"
                  ? t("inquiries.failed")
                  : t("inquiries.notJournalised")}
          </Body1>
        </li>
      ))}
    </ul>
  );
}
