import { Badge, Body1, Button, Subtitle1, TableCell, TableRow } from "@fluentui/react-components";
import { ArrivalResultSchema, ReceptionListResponseSchema, type ReceptionGuest } from "@modeklar/shared";
import type { ServiceSession } from "../../auth";
import { dayOf, noonOf, serviceJson, timeOf } from "../../components";
import { useLocale, useT } from "../../i18n";
import { DayListView, DayTable, useDayList, useListStyles } from "./DayList";

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

  const columns = [
    t("receptionList.arrival"),
    t("receptionList.name"),
    t("receptionList.org"),
    t("receptionList.hostCol"),
    t("receptionList.place"),
    t("receptionList.extras"),
    t("receptionList.markArrived"),
  ];
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
              <DayTable columns={columns} aria-labelledby={`day-${day.date}`}>
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
              </DayTable>
            )}
          </section>
        ))
      }
    </DayListView>
  );
}
