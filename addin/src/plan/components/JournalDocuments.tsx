import { Body1, MessageBar, MessageBarBody } from "@fluentui/react-components";
import type { JournalDocument, JournalOverview } from "@modeklar/shared";
import { useLocale, useT } from "../../i18n";
import { useSharedT } from "./context";

const waiting = (document: JournalDocument) =>
  document.state === "notJournalised" || document.state === "failed";

/**
 * The meeting's documents for its case, each with where it stands (a mail of material by its
 * subject, as there may be several), and once past due which of them are missing from the journal.
 */
export function JournalDocuments({ journal }: { journal: JournalOverview }) {
  const t = useT();
  const locale = useLocale();
  const shared = useSharedT();
  const when = (instant: string) =>
    new Date(instant).toLocaleString(locale === "da" ? "da-DK" : "en-GB", {
      dateStyle: "short",
      timeStyle: "short",
      timeZone: "Europe/Copenhagen",
    });
  const name = (document: JournalDocument) =>
    document.kind === "material"
      ? t("journal.documentTitled", { document: shared("journal.document.material"), title: document.title })
      : shared(`journal.document.${document.kind}`);
  const missing = journal.missing ? journal.documents.filter(waiting) : [];

  return (
    <>
      {missing.length > 0 && journal.due && (
        <MessageBar intent="warning">
          <MessageBarBody>
            {t("journal.missing", { due: when(journal.due), documents: missing.map(name).join(", ") })}
          </MessageBarBody>
        </MessageBar>
      )}
      <ul style={{ margin: 0, paddingInlineStart: "1.2rem" }} aria-label={t("journal.documents")}>
        {journal.documents.map((document) => (
          <li key={document.key}>
            <Body1>
              {t("journal.state", {
                document: name(document),
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
    </>
  );
}
