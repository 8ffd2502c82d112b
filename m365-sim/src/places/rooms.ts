import type { Room, RoomList } from "../directory";
import type { SimState } from "../state";

/**
 * Rooms and room lists as the places API describes them.
 * https://learn.microsoft.com/en-us/graph/api/resources/room
 * https://learn.microsoft.com/en-us/graph/api/resources/roomlist
 */

/** The room resource's properties (room lists have a subset), as `$select` may name them. */
export const PLACE_PROPERTIES = [
  "id",
  "emailAddress",
  "displayName",
  "address",
  "geoCoordinates",
  "phone",
  "nickname",
  "label",
  "capacity",
  "building",
  "floorLabel",
  "floorNumber",
  "isWheelChairAccessible",
  "bookingType",
  "tags",
  "audioDeviceName",
  "videoDeviceName",
  "displayDeviceName",
] as const;

/** Danish floor names: the ground floor is "stueetagen", the others "n. sal". */
export const floorLabelOf = (floor: number) => (floor === 0 ? "Stueetagen" : `${floor}. sal`);

export function roomResource(room: Room): Record<string, unknown> {
  return {
    "@odata.type": "#microsoft.graph.room",
    id: room.id,
    emailAddress: room.emailAddress,
    displayName: room.displayName,
    address: { ...room.address, state: null },
    geoCoordinates: null,
    phone: null,
    nickname: room.displayName,
    label: null,
    capacity: room.capacity,
    building: room.building,
    floorLabel: floorLabelOf(room.floorNumber),
    floorNumber: room.floorNumber,
    isWheelChairAccessible: room.isWheelChairAccessible,
    bookingType: room.bookingType,
    tags: [...room.tags],
    audioDeviceName: room.audioDeviceName,
    videoDeviceName: room.videoDeviceName,
    displayDeviceName: room.displayDeviceName,
  };
}

export function roomListResource(state: SimState, list: RoomList): Record<string, unknown> {
  const address = roomsIn(state, list)[0]?.address;
  return {
    "@odata.type": "#microsoft.graph.roomList",
    id: list.id,
    displayName: list.displayName,
    address: address ? { ...address, state: null } : null,
    geoCoordinates: null,
    phone: null,
    emailAddress: list.emailAddress,
  };
}

export function roomsIn(state: SimState, list: RoomList): Room[] {
  return [...state.rooms.values()].filter(
    (room) => room.roomListEmail.toLowerCase() === list.emailAddress.toLowerCase(),
  );
}

const matches = (reference: string) => (place: { id: string; emailAddress: string }) =>
  place.id.toLowerCase() === reference.toLowerCase() ||
  place.emailAddress.toLowerCase() === reference.toLowerCase();

export function findRoom(state: SimState, reference: string): Room | undefined {
  return [...state.rooms.values()].find(matches(reference));
}

export function findRoomList(state: SimState, reference: string): RoomList | undefined {
  return [...state.roomLists.values()].find(matches(reference));
}
