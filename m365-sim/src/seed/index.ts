import type { SimState } from "../state";
import { seedCalendar } from "./calendar";
import { ROOM_LIST, seedAccessPolicies, seedApps, seedGroups, seedRooms, seedUsers } from "./directory";
import { seedMail } from "./mail";
import type { SeedOptions } from "./options";

export type { SeedOptions };

/** Fills the state with the demo tenant. Deterministic for a given anchor and scale. */
export function seedState(state: SimState, options: SeedOptions): void {
  for (const user of seedUsers()) {
    state.users.set(user.id, user);
    state.mailbox(user.id);
  }
  for (const room of seedRooms()) {
    state.rooms.set(room.id, room);
    state.mailbox(room.id);
  }
  state.roomLists.set(ROOM_LIST.id, ROOM_LIST);
  for (const app of seedApps(options.redirectUris ?? [])) state.apps.set(app.clientId, app);
  for (const group of seedGroups()) state.groups.set(group.emailAddress.toLowerCase(), group);
  state.accessPolicies = seedAccessPolicies();
  if (options.emptyCalendar) return;
  seedCalendar(state, options);
  seedMail(state, options);
}
