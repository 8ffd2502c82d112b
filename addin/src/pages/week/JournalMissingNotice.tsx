import { Link, makeStyles, MessageBar, MessageBarBody } from "@fluentui/react-components";
import { DeadlinesResponseSchema } from "@modeklar/shared";
import { useEffect, useState } from "react";
import { serviceJson, type PageService } from "../../components";
import { useT } from "../../i18n";

// On paper a link leads nowhere: the printed week keeps the count and leaves out the way there.
const useStyles = makeStyles({ link: { "@media print": { display: "none" } } });

/**
 * How many inquiries and meetings held are past their journal deadline ("mangler journalisering" on the one
 * deadline list), with the way to the list where they are journalised. Nothing when none are.
 */
export function JournalMissingNotice({ service, refresh }: { service: PageService; refresh: unknown }) {
  const t = useT();
  const styles = useStyles();
  const [count, setCount] = useState(0);
  useEffect(() => {
    let live = true;
    serviceJson(service, "/deadlines", DeadlinesResponseSchema)
      .then(({ deadlines }) => {
        if (live) setCount(deadlines.filter((d) => d.kind === "journalMissing").length);
      })
      // The count is a hint beside the week: the week itself says when the service cannot be reached.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [service, refresh]);
  if (count === 0) return null;
  return (
    <MessageBar intent="warning">
      <MessageBarBody>
        {count === 1 ? t("week.journalMissingOne") : t("week.journalMissing", { count })}{" "}
        <Link className={styles.link} href="inquiries.html">
          {t("week.journalMissingLink")}
        </Link>
      </MessageBarBody>
    </MessageBar>
  );
}
