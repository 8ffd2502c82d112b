import type { AvailableRoom, BookedRoom } from "@modeklar/shared";
import { useState } from "react";
import { useT } from "../../i18n";
import { describeFailure } from "../describe-failure";
import { headCountOf, roomsOf } from "../meeting-facts";
import { touched } from "../steps";
import { usePlanContext } from "./context";

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Rooms booked or released from this pane since the meeting was read. */
interface RoomChanges {
  added: BookedRoom[];
  released: string[];
}

/** A room chosen for a meeting that holds other rooms: booked only when the secretary says so. */
export interface RoomReplacement {
  chosen: AvailableRoom;
  old: BookedRoom[];
}

/**
 * The room step's work: the rooms the meeting holds, the search for free ones, and booking
 * one in Outlook (as a resource attendee), releasing the old ones only when asked.
 */
export function useRoomBooking() {
  const t = useT();
  const { session, facts, service } = usePlanContext();
  const room = session.plan.room;
  const [found, setFound] = useState<AvailableRoom[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [changes, setChanges] = useState<RoomChanges>({ added: [], released: [] });
  const [replacing, setReplacing] = useState<RoomReplacement | null>(null);

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

  return {
    room,
    booked,
    seats,
    found,
    busy,
    problem,
    replacing,
    change,
    search,
    book,
    bookReplacing,
    keep: () => setReplacing(null),
  };
}
