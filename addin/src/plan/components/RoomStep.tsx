import {
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  tokens,
} from "@fluentui/react-components";
import { EQUIPMENT, type AvailableRoom, type Equipment } from "@modeklar/shared";
import { useState } from "react";
import { useT } from "../../i18n";
import { isOfficeFailure } from "../../office";
import { ServiceProblem } from "../api";
import { touched } from "../steps";
import { usePlanContext, useSharedT } from "./context";

const useStyles = makeStyles({
  options: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalM,
    border: "none",
    margin: 0,
    padding: 0,
  },
  rooms: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  room: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalS,
  },
});

export function RoomStep() {
  const styles = useStyles();
  const t = useT();
  const shared = useSharedT();
  const { session, facts, service } = usePlanContext();
  const room = session.plan.room;
  const [found, setFound] = useState<AvailableRoom[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const change = (values: Partial<typeof room>) =>
    session.edit((plan) => ({ ...plan, room: touched({ ...plan.room, ...values }) }));
  const toggle = (kind: Equipment, on: boolean) =>
    change({ equipment: on ? [...room.equipment, kind] : room.equipment.filter((e) => e !== kind) });

  async function search() {
    if (!service) return;
    setBusy(true);
    setProblem(null);
    try {
      setFound(
        await service.api.availableRooms({
          start: facts.start.toISOString(),
          end: facts.end.toISOString(),
          seats: room.seatsNeeded ?? facts.attendees.length + 1,
          equipment: room.equipment,
          stepFree: room.stepFree,
        }),
      );
    } catch (error) {
      setProblem(
        error instanceof ServiceProblem && error.status !== 0 ? error.detail : t("plan.networkFailed"),
      );
    } finally {
      setBusy(false);
    }
  }

  async function book(chosen: AvailableRoom) {
    setProblem(null);
    try {
      await facts.meeting.addRoom({ email: chosen.email });
      change({ roomEmail: chosen.email, roomName: chosen.name, state: "ordered" });
      setFound(null);
    } catch (error) {
      setProblem(isOfficeFailure(error) ? error.describe(t) : t("plan.networkFailed"));
    }
  }

  if (facts.view === "attendee") {
    return (
      <>
        {room.roomName && <Text>{room.roomName}</Text>}
        <Text>{t("room.attendeeView")}</Text>
      </>
    );
  }
  return (
    <>
      {room.roomName && (
        <Text role="status">
          {t(room.state === "confirmed" ? "room.accepted" : "room.booked", { room: room.roomName })}
        </Text>
      )}
      <Field label={t("room.seats")}>
        <Input
          type="number"
          min={1}
          value={String(room.seatsNeeded ?? facts.attendees.length + 1)}
          onChange={(_, data) => change({ seatsNeeded: Math.max(1, Number(data.value) || 1) })}
        />
      </Field>
      <fieldset className={styles.options}>
        <legend>{t("room.equipment")}</legend>
        {EQUIPMENT.map((kind) => (
          <Checkbox
            key={kind}
            label={shared(`equipment.${kind}`)}
            checked={room.equipment.includes(kind)}
            onChange={(_, data) => toggle(kind, data.checked === true)}
          />
        ))}
        <Checkbox
          label={t("room.stepFree")}
          checked={room.stepFree}
          onChange={(_, data) => change({ stepFree: data.checked === true })}
        />
      </fieldset>
      <Button onClick={() => void search()} disabled={!service || busy}>
        {t("room.search")}
      </Button>
      {busy && <Spinner size="tiny" label={t("room.searching")} />}
      {problem && (
        <MessageBar intent="error">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      {found && (
        <div aria-live="polite">
          <Text weight="semibold">{t("room.results")}</Text>
          {found.length === 0 ? (
            <Text as="p">{t("room.none")}</Text>
          ) : (
            <ul className={styles.rooms}>
              {found.map((option) => (
                <li key={option.email} className={styles.room}>
                  <Text>
                    {option.name} · {t("room.capacity", { seats: option.capacity ?? "?" })}
                  </Text>
                  <Button
                    size="small"
                    aria-label={t("room.bookRoom", { room: option.name })}
                    onClick={() => void book(option)}
                  >
                    {t("room.book")}
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </>
  );
}
