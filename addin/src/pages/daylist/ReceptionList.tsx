import {
  Badge,
  Body1,
  Button,
  makeStyles,
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
  tokens,
} from "@fluentui/react-components";
import {
  ArrivalResultSchema,
  ReceptionListResponseSchema,
  type ReceptionGuest,
  type ReceptionListResponse,
} from "@modeklar/shared";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { ServiceSession } from "../../auth";
import { dayOf, noonOf, serviceJson, ServiceProblem, timeOf } from "../../components";
import { useLocale, useT } from "../../i18n";

export const useListStyles = makeStyles({
  day: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, overflowX: "auto" },
  action: { minHeight: "44px", minWidth: "44px" },
  extras: { display: "flex", gap: tokens.spacingHorizontalXS, flexWrap: "wrap" },
});

/** The reception's guests today and tomorrow; a tap marks a guest arrived and tells the host. */
export function ReceptionList({ session }: { session: ServiceSession }) {
  const t = useT();
  const locale = useLocale();
  const styles = useListStyles();
  const service = useMemo(() => ({ session, locale }), [session, locale]);
  const [list, setList] = useState<ReceptionListResponse | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [status, setStatus] = useState("");

  const load = useCallback(async () => {
    try {
      setList(await serviceJson(service, "/daylists/reception", ReceptionListResponseSchema));
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

  const arrived = async (guest: ReceptionGuest) => {
    try {
      await serviceJson(
        service,
        `/daylists/reception/${encodeURIComponent(guest.meetingId)}/arrivals`,
        ArrivalResultSchema,
        {
          method: "POST",
          body: { guest: guest.name },
        },
      );
      setStatus(t("receptionList.hostNotified", { name: guest.name }));
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
  if (!list) return <Spinner label={t("app.loading")} />;
  return (
    <>
      <div role="status" aria-live="polite">
        {status}
      </div>
      {list.days.map((day, index) => (
        <section key={day.date} className={styles.day} aria-labelledby={`day-${day.date}`}>
          <Subtitle1 as="h2" id={`day-${day.date}`}>
            {t(index === 0 ? "receptionList.today" : "receptionList.tomorrow", {
              date: dayOf(noonOf(day.date), locale),
            })}
          </Subtitle1>
          {day.guests.length === 0 ? (
            <Body1>{t("receptionList.none")}</Body1>
          ) : (
            <Table aria-labelledby={`day-${day.date}`}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t("receptionList.arrival")}</TableHeaderCell>
                  <TableHeaderCell>{t("receptionList.name")}</TableHeaderCell>
                  <TableHeaderCell>{t("receptionList.org")}</TableHeaderCell>
                  <TableHeaderCell>{t("receptionList.hostCol")}</TableHeaderCell>
                  <TableHeaderCell>{t("receptionList.place")}</TableHeaderCell>
                  <TableHeaderCell>{t("receptionList.extras")}</TableHeaderCell>
                  <TableHeaderCell>{t("receptionList.markArrived")}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {day.guests.map((guest) => (
                  <TableRow key={`${guest.meetingId}-${guest.name}`}>
                    <TableCell>{timeOf(guest.arrivalAt, locale)}</TableCell>
                    <TableCell>{guest.name}</TableCell>
                    <TableCell>{guest.organisation}</TableCell>
                    <TableCell>{guest.host}</TableCell>
                    <TableCell>{guest.location}</TableCell>
                    <TableCell>
                      <span className={styles.extras}>
                        {guest.badge && <Badge appearance="tint">{t("receptionList.badgeYes")}</Badge>}
                        {guest.parking && <Badge appearance="tint">{t("receptionList.parkingYes")}</Badge>}
                      </span>
                    </TableCell>
                    <TableCell>
                      {guest.arrivedAt ? (
                        <Badge appearance="filled" color="success">
                          {t("receptionList.arrivedAt", { time: timeOf(guest.arrivedAt, locale) })}
                        </Badge>
                      ) : (
                        <Button
                          className={styles.action}
                          aria-label={t("receptionList.markArrivedLong", { name: guest.name })}
                          onClick={() => void arrived(guest)}
                        >
                          {t("receptionList.markArrived")}
                        </Button>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </section>
      ))}
    </>
  );
}
