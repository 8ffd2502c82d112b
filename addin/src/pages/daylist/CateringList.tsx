import { Badge, Body1, Button, Subtitle1, TableRow } from "@fluentui/react-components";
import {
  CateringConfirmResultSchema,
  CateringListResponseSchema,
  DIETARY_NEEDS,
  type CateringLine,
} from "@modeklar/shared";
import type { ServiceSession } from "../../auth";
import { dayOf, noonOf, serviceJson, timeOf } from "../../components";
import { useLocale, useT, type Translate } from "../../i18n";
import { DayCell, DayListView, DayTable, useDayList, useListStyles } from "./DayList";

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
  const column = {
    serveAt: t("cateringList.serveAt"),
    place: t("cateringList.place"),
    count: t("cateringList.count"),
    items: t("cateringList.items"),
    dietary: t("cateringList.dietary"),
    costCentre: t("cateringList.costCentre"),
    confirm: t("cateringList.confirm"),
  };
  return (
    <DayTable columns={Object.values(column)} aria-label={label}>
      {lines.map((line) => (
        <TableRow key={line.meetingId} data-order={line.meetingId}>
          <DayCell label={column.serveAt}>
            {timeOf(line.serveAt, locale)}
            {line.change && (
              <>
                {" "}
                <Badge appearance="filled" color={line.change === "cancelled" ? "danger" : "warning"}>
                  {t(line.change === "cancelled" ? "cateringList.cancelled" : "cateringList.changed")}
                </Badge>
              </>
            )}
          </DayCell>
          <DayCell label={column.place}>{line.location}</DayCell>
          <DayCell label={column.count}>{line.count}</DayCell>
          <DayCell label={column.items}>
            {[...line.items.map((item) => t(`cateringList.item.${item}`)), line.otherItems]
              .filter(Boolean)
              .join(", ")}
          </DayCell>
          <DayCell label={column.dietary}>{dietaryText(line, t)}</DayCell>
          <DayCell label={column.costCentre}>{costCentreText(line, t)}</DayCell>
          <DayCell label={column.confirm}>
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
          </DayCell>
        </TableRow>
      ))}
    </DayTable>
  );
}

/** The kitchen's orders by day and time; changes and cancellations first; confirm with a tap. */
export function CateringList({ session }: { session: ServiceSession }) {
  const t = useT();
  const locale = useLocale();
  const styles = useListStyles();
  const list = useDayList(session, "/daylists/catering", CateringListResponseSchema);

  const confirm = (line: CateringLine) =>
    void list.act(
      (service) =>
        serviceJson(
          service,
          `/daylists/catering/${encodeURIComponent(line.meetingId)}/confirm`,
          CateringConfirmResultSchema,
          { method: "POST" },
        ),
      t("cateringList.confirmedNow"),
    );

  return (
    <DayListView list={list}>
      {({ orders }) => {
        const changes = orders.filter((l) => l.change);
        const days = [...new Set(orders.filter((l) => !l.change).map((l) => l.date))];
        return (
          <>
            {changes.length > 0 && (
              <section className={styles.day} aria-labelledby="changes">
                <Subtitle1 as="h2" id="changes">
                  {t("cateringList.changes")}
                </Subtitle1>
                <OrdersTable lines={changes} onConfirm={confirm} label={t("cateringList.changes")} />
              </section>
            )}
            {orders.length === 0 && <Body1>{t("cateringList.none")}</Body1>}
            {days.map((date) => (
              <section key={date} className={styles.day} aria-labelledby={`day-${date}`}>
                <Subtitle1 as="h2" id={`day-${date}`}>
                  {dayOf(noonOf(date), locale)}
                </Subtitle1>
                <OrdersTable
                  lines={orders.filter((l) => !l.change && l.date === date)}
                  onConfirm={confirm}
                  label={dayOf(noonOf(date), locale)}
                />
              </section>
            ))}
          </>
        );
      }}
    </DayListView>
  );
}
