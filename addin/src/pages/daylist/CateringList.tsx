import {
  Badge,
  Body1,
  Button,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle1,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@fluentui/react-components";
import {
  CateringConfirmResultSchema,
  CateringListResponseSchema,
  DIETARY_NEEDS,
  type CateringLine,
} from "@modeklar/shared";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { ServiceSession } from "../../auth";
import { dayOf, noonOf, serviceJson, ServiceProblem, timeOf } from "../../components";
import { useLocale, useT, type Translate } from "../../i18n";
import { useListStyles } from "./ReceptionList";

function costCentreText(line: CateringLine, t: Translate): string {
  if (!line.costCentre) return "";
  return line.costCentre.kind === "ean"
    ? t("cateringList.ean", { ean: line.costCentre.ean })
    : t("cateringList.account", { account: line.costCentre.account });
}

function dietaryText(line: CateringLine, t: Translate): string {
  const needs = DIETARY_NEEDS.flatMap((need) =>
    line.dietary[need] ? [`${line.dietary[need]} ${t(`cateringList.diet.${need}`)}`] : [],
  );
  return [...needs, line.dietaryNote].filter(Boolean).join(", ");
}

function OrdersTable({
  lines,
  onConfirm,
  label,
}: {
  lines: CateringLine[];
  onConfirm: (l: CateringLine) => void;
  label: string;
}) {
  const t = useT();
  const locale = useLocale();
  const styles = useListStyles();
  return (
    <Table aria-label={label}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t("cateringList.serveAt")}</TableHeaderCell>
          <TableHeaderCell>{t("cateringList.place")}</TableHeaderCell>
          <TableHeaderCell>{t("cateringList.count")}</TableHeaderCell>
          <TableHeaderCell>{t("cateringList.items")}</TableHeaderCell>
          <TableHeaderCell>{t("cateringList.dietary")}</TableHeaderCell>
          <TableHeaderCell>{t("cateringList.costCentre")}</TableHeaderCell>
          <TableHeaderCell>{t("cateringList.confirm")}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {lines.map((line) => (
          <TableRow key={line.meetingId} data-order={line.meetingId}>
            <TableCell>
              {timeOf(line.serveAt, locale)}
              {line.change && (
                <>
                  {" "}
                  <Badge appearance="filled" color={line.change === "cancelled" ? "danger" : "warning"}>
                    {t(line.change === "cancelled" ? "cateringList.cancelled" : "cateringList.changed")}
                  </Badge>
                </>
              )}
            </TableCell>
            <TableCell>{line.location}</TableCell>
            <TableCell>{line.count}</TableCell>
            <TableCell>
              {[...line.items.map((item) => t(`cateringList.item.${item}`)), line.otherItems]
                .filter(Boolean)
                .join(", ")}
            </TableCell>
            <TableCell>{dietaryText(line, t)}</TableCell>
            <TableCell>{costCentreText(line, t)}</TableCell>
            <TableCell>
              {line.state === "confirmed" && !line.change ? (
                <Badge appearance="filled" color="success">
                  {t("cateringList.confirmed")}
                </Badge>
              ) : line.change === "cancelled" ? null : (
                <Button
                  className={styles.action}
                  aria-label={t("cateringList.confirmLong", {
                    time: timeOf(line.serveAt, locale),
                    place: line.location,
                  })}
                  onClick={() => onConfirm(line)}
                >
                  {t("cateringList.confirm")}
                </Button>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The kitchen's orders by day and time; changes and cancellations first; confirm with a tap. */
export function CateringList({ session }: { session: ServiceSession }) {
  const t = useT();
  const locale = useLocale();
  const styles = useListStyles();
  const service = useMemo(() => ({ session, locale }), [session, locale]);
  const [lines, setLines] = useState<CateringLine[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [status, setStatus] = useState("");

  const load = useCallback(async () => {
    try {
      setLines((await serviceJson(service, "/daylists/catering", CateringListResponseSchema)).orders);
    } catch (error) {
      setFailure(
        error instanceof ServiceProblem && error.status === 403
          ? t("pages.forbidden")
          : String(error instanceof Error ? error.message : error),
      );
    }
  }, [service, t]);
  useEffect(() => {
    void load();
  }, [load]);

  const confirm = async (line: CateringLine) => {
    try {
      await serviceJson(
        service,
        `/daylists/catering/${encodeURIComponent(line.meetingId)}/confirm`,
        CateringConfirmResultSchema,
        {
          method: "POST",
        },
      );
      setStatus(t("cateringList.confirmedNow"));
      await load();
    } catch (error) {
      setStatus(t("pages.failed", { reason: error instanceof Error ? error.message : String(error) }));
    }
  };

  if (failure)
    return (
      <MessageBar intent="error">
        <MessageBarBody>{t("pages.failed", { reason: failure })}</MessageBarBody>
      </MessageBar>
    );
  if (!lines) return <Spinner label={t("app.loading")} />;
  const changes = lines.filter((l) => l.change);
  const days = [...new Set(lines.filter((l) => !l.change).map((l) => l.date))];
  return (
    <>
      <div role="status" aria-live="polite">
        {status}
      </div>
      {changes.length > 0 && (
        <section className={styles.day} aria-labelledby="changes">
          <Subtitle1 as="h2" id="changes">
            {t("cateringList.changes")}
          </Subtitle1>
          <OrdersTable lines={changes} onConfirm={(l) => void confirm(l)} label={t("cateringList.changes")} />
        </section>
      )}
      {lines.length === 0 && <Body1>{t("cateringList.none")}</Body1>}
      {days.map((date) => (
        <section key={date} className={styles.day} aria-labelledby={`day-${date}`}>
          <Subtitle1 as="h2" id={`day-${date}`}>
            {dayOf(noonOf(date), locale)}
          </Subtitle1>
          <OrdersTable
            lines={lines.filter((l) => !l.change && l.date === date)}
            onConfirm={(l) => void confirm(l)}
            label={dayOf(noonOf(date), locale)}
          />
        </section>
      ))}
    </>
  );
}
