import type { Room } from "../directory";
import type { SimState } from "../state";

/** Someone on a meeting: a person or shared mailbox in the tenant, a room, or a guest from outside. */
export interface Party {
  name: string;
  address: string;
  kind: "person" | "room" | "external";
  /** The mailbox that receives the meeting; absent for guests outside the tenant. */
  mailboxId?: string;
}

export function roomByAddress(state: SimState, address: string): Room | undefined {
  const needle = address.toLowerCase();
  for (const room of state.rooms.values()) {
    if (room.emailAddress.toLowerCase() === needle || room.id === address) return room;
  }
  return undefined;
}

/** Resolves an address (or id) the way Exchange resolves a recipient. */
export function partyOf(state: SimState, address: string, name?: string | null): Party {
  const user = state.findUser(address);
  if (user) return { name: user.displayName, address: user.mail, kind: "person", mailboxId: user.id };
  const room = roomByAddress(state, address);
  if (room) return { name: room.displayName, address: room.emailAddress, kind: "room", mailboxId: room.id };
  return { name: name || address, address, kind: "external" };
}

/** The owner of a mailbox (person, shared mailbox or room), as a party. */
export function ownerOf(state: SimState, mailboxId: string): Party {
  const user = state.users.get(mailboxId);
  if (user) return { name: user.displayName, address: user.mail, kind: "person", mailboxId };
  const room = state.rooms.get(mailboxId);
  if (room) return { name: room.displayName, address: room.emailAddress, kind: "room", mailboxId };
  throw new Error(`No mailbox ${mailboxId}`);
}

export const sameAddress = (a?: string | null, b?: string | null) =>
  !!a && !!b && a.toLowerCase() === b.toLowerCase();
