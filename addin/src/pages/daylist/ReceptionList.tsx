import { Badge, Body1, Button, Subtitle1, TableRow } from "@fluentui/react-components";
import { ArrivalResultSchema, ReceptionListResponseSchema, type ReceptionGuest } from "@modeklar/shared";
import type { ServiceSession } from "../../auth";
import { dayOf, noonOf, serviceJson, timeOf } from "../../components";
import { useLocale, useT } from "../../i18n";
import { DayCell, DayListView, DayTable, useDayList, useListStyles } from "./DayList";

/** The reception's guests today and tomorrow; a tap marks a guest arrived and tells the host. */
export function ReceptionList({ session }: { session: ServiceSession }) {
  const t = useT();
  const locale = useLocale();
  const styles = useListStyles();
  const list = useDayList(session, "/daylists/reception", ReceptionListResponseSchema);

  const arrived = (guest: ReceptionGuest) =>
    list.act(
      (service) =>
        serviceJson(
          service,
          `/daylists/reception/${encodeURIComponent(guest.meetingId)}/arrivals`,
          ArrivalResultSchema,
          { method: "POST", body: { guest: guest.name } },
        ),
      t("receptionList.hostNotified", { name: guest.name }),
    );

  const column = {
    arrival: t("receptionList.arrival"),
    name: t("receptionList.name"),
    org: t("receptionList.org"),
    host: t("receptionList.hostCol"),
    place: t("receptionList.place"),
    extras: t("receptionList.extras"),
    arrived: t("receptionList.markArrived"),
  };
  return (
    <DayListView list={list}>
      {({ days }) =>
        days.map((day, index) => (
          <section key={day.date} className={styles.day} aria-labelledby={`day-${day.date}`}>
            <Subtitle1 as="h2" id={`day-${day.date}`}>
              {t(index === 0 ? "receptionList.today" : "receptionList.tomorrow", {
                date: dayOf(noonOf(day.date), locale),
              })}
            </Subtitle1>
            {day.guests.length === 0 ? (
              <Body1>{t("receptionList.none")}</Body1>
            ) : (
              <DayTable columns={Object.values(column)} aria-labelledby={`day-${day.date}`}>
                {day.guests.map((guest) => (
                  <TableRow key={`${guest.meetingId}-${guest.name}`}>
                    <DayCell label={column.arrival}>{timeOf(guest.arrivalAt, locale)}</DayCell>
                    <DayCell label={column.name}>{guest.name}</DayCell>
                    <DayCell label={column.org}>{guest.organisation}</DayCell>
                    <DayCell label={column.host}>{guest.host}</DayCell>
                    <DayCell label={column.place}>{guest.location}</DayCell>
                    <DayCell label={column.extras}>
                      <span className={styles.extras}>
                        {guest.badge && <Badge appearance="tint">{t("receptionList.badgeYes")}</Badge>}
                        {guest.parking && <Badge appearance="tint">{t("receptionList.parkingYes")}</Badge>}
                      </span>
                    </DayCell>
                    <DayCell label={column.arrived}>
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
                    </DayCell>
                  </TableRow>
                ))}
              </DayTable>
            )}
          </section>
        ))
      }
    </DayListView>
  );
}
