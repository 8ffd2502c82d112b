import type { SimState } from "../state";
import { seedCalendar } from "./calendar";
import { ROOM_LIST, seedAccessPolicies, seedApps, seedGroups, seedRooms, seedUsers } from "./directory";
import { seedMail } from "./mail";

export interface SeedOptions {
  /** Monday 00:00 Europe/Copenhagen of the seeded week (ISO date); default: this week's Monday. */
  anchor?: string;
  /** Extra generated calendar items and messages for benchmarks. */
  scale?: number;
  /** Directory, rooms and apps only; no calendar or mail. */
  emptyCalendar?: boolean;
  /** Redirect URIs to register for the Mødeklar app (the pages' sign-in return addresses). */
  redirectUris?: string[];
}

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
