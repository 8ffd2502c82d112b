import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  Text,
} from "@fluentui/react-components";
import { EQUIPMENT, type AvailableRoom, type BookedRoom } from "@modeklar/shared";
import { useState } from "react";
import { useT } from "../../i18n";
import { describeFailure } from "../describe-failure";
import { headCountOf, roomsOf } from "../meeting-facts";
import { roomAccepted, touched } from "../steps";
import { Choices } from "./Choices";
import { useListStyles } from "./list-styles";
import { usePlanContext, useSharedT } from "./context";

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Rooms booked or released from this pane since the meeting was read. */
interface RoomChanges {
  added: BookedRoom[];
  released: string[];
}

export function RoomStep() {
  const list = useListStyles();
  const t = useT();
  const shared = useSharedT();
  const { session, facts, service } = usePlanContext();
  const room = session.plan.room;
  const [found, setFound] = useState<AvailableRoom[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [changes, setChanges] = useState<RoomChanges>({ added: [], released: [] });
  const [replacing, setReplacing] = useState<{ chosen: AvailableRoom; old: BookedRoom[] } | null>(null);

  // The meeting's rooms: what Outlook and Graph list, with this pane's bookings and releases.
  const booked = [...roomsOf(facts), ...changes.added].filter(
    (r, index, all) =>
      !changes.released.some((gone) => same(gone, r.email)) &&
      all.findIndex((other) => same(other.email, r.email)) === index,
  );
  const seats = room.seatsNeeded ?? headCountOf(facts, session.plan);

  const change = (values: Partial<typeof room>) =>
    session.edit((plan) => ({ ...plan, room: touched({ ...plan.room, ...values }) }));

  async function search() {
    if (!service) return;
    setBusy(true);
    setProblem(null);
    try {
      setFound(
        await service.api.availableRooms({
          start: facts.start.toISOString(),
          end: facts.end.toISOString(),
          seats,
          equipment: room.equipment,
          stepFree: room.stepFree,
        }),
      );
    } catch (error) {
      setProblem(describeFailure(error, t));
    } finally {
      setBusy(false);
    }
  }

  /** Books the room; a meeting that has a room already is never given a second one silently. */
  function book(chosen: AvailableRoom) {
    const old = booked.filter((r) => !same(r.email, chosen.email));
    if (old.length > 0) setReplacing({ chosen, old });
    else void bookReplacing(chosen, []);
  }

  async function bookReplacing(chosen: AvailableRoom, old: BookedRoom[]) {
    setProblem(null);
    setReplacing(null);
    try {
      for (const gone of old) {
        await facts.meeting.removeRoom({ email: gone.email });
        setChanges((c) => ({ ...c, released: [...c.released, gone.email] }));
      }
      await facts.meeting.addRoom({ email: chosen.email });
      setChanges((c) => ({
        added: [...c.added, { email: chosen.email, name: chosen.name }],
        released: c.released.filter((gone) => !same(gone, chosen.email)),
      }));
      change({ roomEmail: chosen.email, roomName: chosen.name, state: "ordered" });
      setFound(null);
    } catch (error) {
      setProblem(describeFailure(error, t));
    }
  }

  const roomLines = booked.map((r) => (
    <Text key={r.email} as="p">
      {t(roomAccepted(facts.graphAttendees, r.email) ? "room.accepted" : "room.booked", { room: r.name })}
    </Text>
  ));

  if (facts.view === "attendee") {
    return (
      <>
        {roomLines}
        <Text>{t("room.attendeeView")}</Text>
      </>
    );
  }
  return (
    <>
      <div role="status">{roomLines}</div>
      <Field label={t("room.seats")}>
        <Input
          type="number"
          min={1}
          value={String(seats)}
          onChange={(_, data) => change({ seatsNeeded: Math.max(1, Number(data.value) || 1) })}
        />
      </Field>
      <Choices
        legend={t("room.equipment")}
        options={EQUIPMENT}
        labelOf={(kind) => shared(`equipment.${kind}`)}
        chosen={room.equipment}
        onChange={(equipment) => change({ equipment })}
      >
        <Checkbox
          label={t("room.stepFree")}
          checked={room.stepFree}
          onChange={(_, data) => change({ stepFree: data.checked === true })}
        />
      </Choices>
      <Button onClick={() => void search()} disabled={!service || busy}>
        {t(booked.length > 0 ? "room.searchOther" : "room.search")}
      </Button>
      {busy && <Spinner size="tiny" label={t("room.searching")} />}
      {problem && (
        <MessageBar intent="error">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      {replacing && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            {t("room.replaceWarning", {
              room: replacing.old.map((r) => r.name).join(", "),
              chosen: replacing.chosen.name,
            })}
          </MessageBarBody>
          <MessageBarActions>
            <Button
              size="small"
              appearance="primary"
              onClick={() => void bookReplacing(replacing.chosen, replacing.old)}
            >
              {t("room.replace", { chosen: replacing.chosen.name })}
            </Button>
            <Button size="small" onClick={() => setReplacing(null)}>
              {t("room.keep", { room: replacing.old.map((r) => r.name).join(", ") })}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {found && (
        <div aria-live="polite">
          <Text weight="semibold">{t("room.results")}</Text>
          {found.length === 0 ? (
            <Text as="p">{t("room.none")}</Text>
          ) : (
            <ul className={list.list}>
              {found.map((option) => (
                <li key={option.email} className={list.line}>
                  <Text>
                    {option.name} · {t("room.capacity", { seats: option.capacity ?? "?" })}
                  </Text>
                  <Button
                    size="small"
                    aria-label={t("room.bookRoom", { room: option.name })}
                    onClick={() => book(option)}
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
