import {
  EQUIPMENT,
  RoomSearchRequestSchema,
  RoomSearchResponseSchema,
  type Equipment,
} from "@modeklar/shared";
import type { z } from "zod";
import type { MailboxGateway, RoomInfo } from "../../../graph";
import type { ApiBuilder } from "../../api";
import { badRequest } from "../../problem";
import type { PlanApiDeps } from "./deps";

const BUSY = new Set(["busy", "tentative", "oof", "workingElsewhere"]);

const ROOM_EQUIPMENT: Record<Equipment, keyof RoomInfo> = {
  display: "displayDeviceName",
  video: "videoDeviceName",
  audio: "audioDeviceName",
};
const equipmentOf = (room: RoomInfo): Equipment[] =>
  EQUIPMENT.filter((kind) => Boolean(room[ROOM_EQUIPMENT[kind]]));

/** The rooms with enough seats, the equipment asked for and step-free access if asked. */
async function fittingRooms(
  gateway: MailboxGateway,
  search: z.output<typeof RoomSearchRequestSchema>,
): Promise<RoomInfo[]> {
  return (await gateway.listRooms()).filter(
    (room) =>
      (room.capacity ?? 0) >= search.seats &&
      (!search.stepFree || room.isWheelChairAccessible === true) &&
      search.equipment.every((kind) => equipmentOf(room).includes(kind)),
  );
}

/** The rooms (by lower-case address) with anything busy in the window, by Graph's getSchedule. */
async function busyRooms(
  deps: PlanApiDeps,
  rooms: RoomInfo[],
  window: { start: string; end: string },
): Promise<Set<string>> {
  const schedules = await deps.gateway.getSchedule(
    deps.mayorMailbox,
    rooms.map((room) => room.emailAddress),
    window,
  );
  return new Set(
    schedules
      .filter((s) =>
        s.items.some(
          (item) =>
            BUSY.has(item.status) &&
            Date.parse(`${item.start.slice(0, 19)}Z`) < Date.parse(window.end) &&
            Date.parse(`${item.end.slice(0, 19)}Z`) > Date.parse(window.start),
        ),
      )
      .map((s) => s.scheduleId.toLowerCase()),
  );
}

export function roomRoutes(api: ApiBuilder, deps: PlanApiDeps): void {
  api.add({
    method: "post",
    path: "/rooms/available",
    summary:
      "Rooms free for the whole slot (Graph getSchedule) with enough seats, the equipment asked for and step-free access if asked.",
    audit: false,
    body: RoomSearchRequestSchema,
    response: RoomSearchResponseSchema,
    handler: async ({ body }) => {
      if (!(Date.parse(body.end) > Date.parse(body.start))) throw badRequest("body.end: must be after start");
      const rooms = await fittingRooms(deps.gateway, body);
      if (rooms.length === 0) return { rooms: [] };
      const window = { start: new Date(body.start).toISOString(), end: new Date(body.end).toISOString() };
      const busy = await busyRooms(deps, rooms, window);
      return {
        rooms: rooms
          .filter((room) => !busy.has(room.emailAddress.toLowerCase()))
          .sort((a, b) => (a.capacity ?? 0) - (b.capacity ?? 0))
          .map((room) => ({
            email: room.emailAddress,
            name: room.displayName,
            capacity: room.capacity,
            equipment: equipmentOf(room),
            stepFree: room.isWheelChairAccessible === true,
          })),
      };
    },
  });
}
