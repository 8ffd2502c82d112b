import { Field, makeStyles, ProgressBar } from "@fluentui/react-components";
import type { FirstPass } from "@modeklar/shared";
import { useLocale, useT } from "../../i18n";

const useStyles = makeStyles({
  notice: { "@media print": { display: "none" } },
});

/**
 * While reconcile's first pass over the mayor's mailbox runs, the weekly view says how far it
 * has come: priorities on the page may still change, and Outlook gets categories only on what
 * a person will still look at.
 */
export function FirstPassNotice({ firstPass }: { firstPass: FirstPass }) {
  const t = useT();
  const locale = useLocale();
  const styles = useStyles();
  const count = (n: number) => n.toLocaleString(locale === "da" ? "da-DK" : "en-GB");
  const share = firstPass.total === 0 ? 0 : firstPass.reconciled / firstPass.total;
  const label =
    firstPass.state === "waiting"
      ? t("week.firstPassWaiting")
      : t("week.firstPassRunning", {
          reconciled: count(firstPass.reconciled),
          total: count(firstPass.total),
          percent: Math.floor(share * 100),
        });
  return (
    <Field className={styles.notice} label={t("week.firstPass")} hint={label} validationState="none">
      <ProgressBar
        {...(firstPass.state === "waiting" ? {} : { value: share })}
        thickness="large"
        aria-label={label}
      />
    </Field>
  );
}
