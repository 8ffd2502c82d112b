import type { SimState } from "../state";
import { createEvent, receiveInvitation } from "./actions";
import type { CalendarEvent, EventInput } from "./model";
import { partyOf } from "./parties";

/**
 * Someone sends an invitation: a person or room in the tenant organizes it in their own
 * calendar; an organizer outside the tenant (a ministry, the region) reaches only the
 * invitees' calendars. The seed and the control API's "act as" both invite this way.
 */
export function inviteAs(state: SimState, address: string, input: EventInput): CalendarEvent[] {
  const party = partyOf(state, address);
  if (party.mailboxId) return [createEvent(state, party.mailboxId, input)];
  return receiveInvitation(
    state,
    { name: input.organizer?.emailAddress.name ?? party.name, address: party.address },
    input,
  );
}
