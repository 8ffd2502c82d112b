import { ADDIN_ID } from "@modeklar/shared";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs } from "../../identity/testing";
import { ADDRESSES, IDS } from "../../seed/directory";
import { startSim, type RunningSim } from "../../server";
import { graphEvent } from "../item";
import { graphClient, performCall, readEvent, type OpenMeeting } from "./host-calls";

const SCOPE = "User.Read Calendars.ReadWrite Calendars.ReadWrite.Shared";
let sim: RunningSim;
let secretary: string;
let mayor: string;

beforeAll(async () => {
  sim = await startSim();
  secretary = (await signInAs(sim, { user: ADDRESSES.secretary, scope: SCOPE })).access_token;
  mayor = (await signInAs(sim, { user: ADDRESSES.mayor, scope: SCOPE })).access_token;
});
afterAll(() => sim.close());

/** The mayor's new meeting, the way the secretary would open it in the host page. */
async function openedBy(token: string, options: { organizer?: boolean } = {}): Promise<OpenMeeting> {
  const graph = graphClient(sim.graphBaseUrl, () => token);
  const start = DateTime.fromJSDate(sim.state.clock.now()).plus({ days: 30 }).startOf("hour");
  const created = graphEvent.parse(
    await graph.send("POST", `/users/${IDS.mayor}/events`, {
      body: {
        subject: "Møde om havnefronten",
        start: { dateTime: start.toUTC().toFormat("yyyy-LL-dd'T'HH:mm:ss"), timeZone: "UTC" },
        end: {
          dateTime: start.plus({ hours: 1 }).toUTC().toFormat("yyyy-LL-dd'T'HH:mm:ss"),
          timeZone: "UTC",
        },
        attendees: [{ type: "required", emailAddress: { address: ADDRESSES.chiefOfStaff } }],
      },
    }),
  );
  const meeting = (who: string, mailbox: { id: string; mail: string }, eventId: string): OpenMeeting => ({
    graph,
    addinId: ADDIN_ID,
    tenantDomain: "fjordby.dk",
    restUrl: sim.graphBaseUrl,
    signedIn: who,
    mailbox,
    eventId,
  });
  if (options.organizer !== false) {
    return meeting(ADDRESSES.secretary, { id: IDS.mayor, mail: ADDRESSES.mayor }, created.id);
  }
  // The chief of staff's copy of the invitation, opened by the chief of staff.
  const chief = (await signInAs(sim, { user: ADDRESSES.chiefOfStaff, scope: SCOPE })).access_token;
  const chiefGraph = graphClient(sim.graphBaseUrl, () => chief);
  const copies = (await chiefGraph.send(
    "GET",
    `/me/events?$filter=${encodeURIComponent(`subject eq 'Møde om havnefronten'`)}`,
  )) as { value: Array<{ id: string }> };
  const copy = copies.value.at(-1);
  if (!copy) throw new Error("The invitation did not arrive.");
  return {
    ...meeting(ADDRESSES.chiefOfStaff, { id: IDS.chiefOfStaff, mail: ADDRESSES.chiefOfStaff }, copy.id),
    graph: chiefGraph,
  };
}

describe("what the host does for the task pane", () => {
  it("saves custom properties as the add-in's extended property and loads them back", async () => {
    const meeting = await openedBy(secretary);
    expect(await performCall(meeting, { method: "loadCustomProperties" })).toEqual({ ok: true, value: {} });
    const saved = await performCall(meeting, {
      method: "saveCustomProperties",
      loaded: {},
      values: { plan: "v1" },
    });
    expect(saved.ok).toBe(true);
    expect(await performCall(meeting, { method: "loadCustomProperties" })).toEqual({
      ok: true,
      value: { plan: "v1" },
    });
  });

  it("refuses a save over custom properties someone else saved since they were loaded", async () => {
    const asSecretary = await openedBy(secretary);
    const asMayor = {
      ...asSecretary,
      signedIn: ADDRESSES.mayor,
      graph: graphClient(sim.graphBaseUrl, () => mayor),
    };
    await performCall(asMayor, {
      method: "saveCustomProperties",
      loaded: {},
      values: { plan: "the mayor's" },
    });
    const result = await performCall(asSecretary, {
      method: "saveCustomProperties",
      loaded: {},
      values: { plan: "the secretary's" },
    });
    expect(result).toMatchObject({ ok: false, error: { name: "SaveError", code: 9021 } });
    if (!result.ok) expect(result.error.message).toMatch(/Someone else changed/);
    expect(await performCall(asSecretary, { method: "loadCustomProperties" })).toEqual({
      ok: true,
      value: { plan: "the mayor's" },
    });
  });

  it("books a room by inviting it as a resource, and the free room accepts", async () => {
    const meeting = await openedBy(secretary);
    const room = "moedelokale-1@fjordby.dk";
    const result = await performCall(meeting, {
      method: "addLocations",
      locations: [{ id: room, type: "room" }],
    });
    expect(result.ok && result.item?.locations).toEqual([
      { id: room, type: "room", displayName: "Mødelokale 1 (Fjorden)", emailAddress: room },
    ]);
    const event = await readEvent(meeting);
    expect(event.attendees?.find((a) => a.emailAddress.address === room)).toMatchObject({
      type: "resource",
      status: { response: "accepted" },
    });

    const removed = await performCall(meeting, {
      method: "removeLocations",
      locations: [{ id: room, type: "room" }],
    });
    expect(removed.ok && removed.item?.locations).toEqual([]);
    expect((await readEvent(meeting)).attendees?.some((a) => a.type === "resource")).toBe(false);
  });

  it("changes the organizer's subject and attendees, keeping the rooms", async () => {
    const meeting = await openedBy(secretary);
    const room = "moedelokale-2@fjordby.dk";
    await performCall(meeting, { method: "addLocations", locations: [{ id: room, type: "room" }] });
    const result = await performCall(meeting, {
      method: "updateItem",
      changes: { subject: "Havnefronten – opfølgning", requiredAttendees: [ADDRESSES.director] },
    });
    expect(result.ok && result.item?.subject).toBe("Havnefronten – opfølgning");
    const event = await readEvent(meeting);
    expect(event.attendees?.map((a) => [a.type, a.emailAddress.address])).toEqual([
      ["required", ADDRESSES.director],
      ["resource", room],
    ]);
  });

  it("lets only the organizer's calendar change the meeting", async () => {
    const meeting = await openedBy(secretary, { organizer: false });
    const result = await performCall(meeting, {
      method: "addLocations",
      locations: [{ id: "moedelokale-1@fjordby.dk", type: "room" }],
    });
    expect(result).toMatchObject({ ok: false, error: { name: "AccessRestricted" } });
  });

  it("answers Graph's refusal as a failed result instead of throwing", async () => {
    const meeting = { ...(await openedBy(secretary)), eventId: "AAMkAGI2-missing" };
    const result = await performCall(meeting, { method: "loadCustomProperties" });
    expect(result).toMatchObject({ ok: false, error: { name: "InternalServerError" } });
  });
});
