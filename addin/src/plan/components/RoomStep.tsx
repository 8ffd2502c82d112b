import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
} from "@fluentui/react-components";
import { EQUIPMENT } from "@modeklar/shared";
import { useT } from "../../i18n";
import { roomAccepted } from "../steps";
import { Choices } from "./Choices";
import { FoundRooms } from "./FoundRooms";
import { usePlanContext, useSharedT } from "./context";
import { ReplaceRoomBar } from "./ReplaceRoomBar";
import { useRoomBooking } from "./useRoomBooking";

/** The room step: seats and equipment asked for, a search for free rooms, and booking one in Outlook. */
export function RoomStep() {
  const t = useT();
  const shared = useSharedT();
  const { facts, service } = usePlanContext();
  const { room, booked, seats, found, busy, problem, replacing, change, search, book, bookReplacing, keep } =
    useRoomBooking();
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
        <ReplaceRoomBar
          replacing={replacing}
          onReplace={() => void bookReplacing(replacing.chosen, replacing.old)}
          onKeep={keep}
        />
      )}
      {found && <FoundRooms found={found} onBook={book} />}
    </>
  );
}
