import type { Client } from "@microsoft/microsoft-graph-client";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatGraphDateTime } from "../calendar/time";
import { startSim, type RunningSim } from "../index";
import { ADDRESSES, IDS, READER_CLIENT, ROOM_LIST } from "../seed/directory";
import { newGraphId, type StoredEvent } from "../state";
import { clientCredentialsToken, graphClient, graphError } from "../testing/graph";

let sim: RunningSim;
let appToken: string;
let readerToken: string;

const BYRAADSSALEN = "byraadssalen@fjordby.dk";
const FJORDEN = "moedelokale-1@fjordby.dk";
const ROOM_IDS = { byraadssalen: "22222222-2222-4222-8222-000000000101" };

type Room = Record<string, unknown> & { displayName: string; capacity: number };

const graph = (token = appToken): Client => graphClient(sim, token);

/** Puts a meeting straight into a calendar (the calendar part has its own tests for how meetings get there). */
function book(mailboxId: string, startUtc: string, endUtc: string, extra: Partial<StoredEvent> = {}): void {
  const at = (iso: string) => ({
    dateTime: formatGraphDateTime(DateTime.fromISO(iso, { zone: "UTC" })),
    timeZone: "UTC",
  });
  const event = {
    id: newGraphId(),
    subject: "Byrådsmøde",
    type: "singleInstance",
    showAs: "busy",
    isCancelled: false,
    sensitivity: "normal",
    location: { displayName: "Byrådssalen" },
    start: at(startUtc),
    end: at(endUtc),
    _seq: 0,
    ...extra,
  } as StoredEvent;
  sim.state.touchEvent(mailboxId, event, "created");
}

beforeAll(async () => {
  sim = await startSim({ seed: { emptyCalendar: true } });
  appToken = await clientCredentialsToken(sim);
  readerToken = await clientCredentialsToken(sim, READER_CLIENT.clientId, READER_CLIENT.secret);
  book(ROOM_IDS.byraadssalen, "2026-03-03T09:00:00Z", "2026-03-03T11:00:00Z");
  book(IDS.mayor, "2026-03-03T08:00:00Z", "2026-03-03T08:30:00Z", {
    subject: "Tandlæge",
    sensitivity: "private",
  });
  book(IDS.mayor, "2026-03-03T10:00:00Z", "2026-03-03T10:30:00Z", {
    subject: "Samtale",
    showAs: "tentative",
  });
});
afterAll(() => sim.close());

describe("GET /places/microsoft.graph.room", () => {
  it("lists the town hall's rooms with capacity, floor and equipment", async () => {
    const page = (await graph().api("/places/microsoft.graph.room").get()) as { value: Room[] };
    expect(page.value).toHaveLength(6);
    const salen = page.value.find((r) => r.emailAddress === BYRAADSSALEN);
    expect(salen).toEqual({
      "@odata.type": "#microsoft.graph.room",
      id: ROOM_IDS.byraadssalen,
      emailAddress: BYRAADSSALEN,
      displayName: "Byrådssalen",
      address: {
        street: "Rådhuspladsen 1",
        city: "Fjordby",
        state: null,
        postalCode: "4700",
        countryOrRegion: "Danmark",
      },
      geoCoordinates: null,
      phone: null,
      nickname: "Byrådssalen",
      label: null,
      capacity: 60,
      building: "Rådhuset",
      floorLabel: "2. sal",
      floorNumber: 2,
      isWheelChairAccessible: true,
      bookingType: "standard",
      tags: ["Byråd", "Tolkning"],
      audioDeviceName: "Mikrofonanlæg",
      videoDeviceName: "Streaming-kamera",
      displayDeviceName: "Storskærm",
    });
  });

  it("filters by capacity, selects properties and pages with $top", async () => {
    const big = (await graph()
      .api("/places/microsoft.graph.room")
      .filter("capacity ge 12")
      .select("displayName,capacity")
      .orderby("capacity desc")
      .get()) as { value: Room[] };
    expect(big.value.map((r) => [r.displayName, r.capacity])).toEqual([
      ["Byrådssalen", 60],
      ["Udvalgsværelset", 16],
      ["Borgmesterens mødelokale", 12],
    ]);
    const first = (await graph().api("/places/microsoft.graph.room").top(4).get()) as Record<string, unknown>;
    expect(first["@odata.nextLink"]).toContain("$skip=4");
  });

  it("lists room lists and the rooms of a room list by its email address", async () => {
    const lists = (await graph().api("/places/microsoft.graph.roomlist").get()) as { value: Room[] };
    expect(lists.value.map((l) => l["emailAddress"])).toEqual([ROOM_LIST.emailAddress]);
    const rooms = (await graph()
      .api(`/places/${ROOM_LIST.emailAddress}/microsoft.graph.roomlist/rooms`)
      .get()) as {
      value: Room[];
    };
    expect(rooms.value).toHaveLength(6);
    const one = (await graph().api(`/places/${FJORDEN}`).get()) as Room;
    expect(one.displayName).toBe("Mødelokale 1 (Fjorden)");
    expect(one["floorLabel"]).toBe("Stueetagen");
  });

  it("skips empty names in $select and refuses a property places do not have", async () => {
    const named = (await graph()
      .api("/places/microsoft.graph.room")
      .query({ $select: "displayName,,capacity" })
      .top(1)
      .get()) as { value: Room[] };
    expect(Object.keys(named.value[0] ?? {}).sort()).toEqual([
      "@odata.type",
      "capacity",
      "displayName",
      "id",
    ]);
    const err = await graphError(graph().api("/places/microsoft.graph.room").select("colour").get());
    expect([err.statusCode, err.code, err.message]).toEqual([
      400,
      "BadRequest",
      "Could not find a property named 'colour' on type 'microsoft.graph.place'.",
    ]);
  });

  it("refuses an app without Place.Read.All", async () => {
    const err = await graphError(graph(readerToken).api("/places/microsoft.graph.room").get());
    expect(err.statusCode).toBe(403);
  });
});

describe("POST /users/{id}/calendar/getSchedule", () => {
  const window = {
    startTime: { dateTime: "2026-03-03T09:00:00", timeZone: "Romance Standard Time" },
    endTime: { dateTime: "2026-03-03T13:00:00", timeZone: "Romance Standard Time" },
  };

  it("shows a booked room as busy and a free room as free, per 30-minute interval", async () => {
    const result = (await graph()
      .api(`/users/${ADDRESSES.secretary}/calendar/getSchedule`)
      .post({ schedules: [BYRAADSSALEN, FJORDEN], ...window, availabilityViewInterval: 30 })) as {
      value: Record<string, unknown>[];
    };
    const [salen, fjorden] = result.value;
    expect(salen?.["availabilityView"]).toBe("00222200");
    expect(salen?.["scheduleItems"]).toEqual([
      {
        isPrivate: false,
        status: "busy",
        subject: "Byrådsmøde",
        location: "Byrådssalen",
        start: { dateTime: "2026-03-03T09:00:00.0000000", timeZone: "UTC" },
        end: { dateTime: "2026-03-03T11:00:00.0000000", timeZone: "UTC" },
      },
    ]);
    expect(fjorden).toMatchObject({ scheduleId: FJORDEN, availabilityView: "00000000", scheduleItems: [] });
  });

  it("hides the subject of a private item, marks tentative ones, and answers in the preferred time zone", async () => {
    const result = (await graph()
      .api(`/users/${ADDRESSES.secretary}/calendar/getSchedule`)
      .header("Prefer", 'outlook.timezone="Romance Standard Time"')
      .post({ schedules: [ADDRESSES.mayor], ...window, availabilityViewInterval: 60 })) as {
      value: Record<string, unknown>[];
    };
    const [mayor] = result.value;
    expect(mayor?.["availabilityView"]).toBe("2010");
    expect(mayor?.["scheduleItems"]).toEqual([
      {
        isPrivate: true,
        status: "busy",
        start: { dateTime: "2026-03-03T09:00:00.0000000", timeZone: "Romance Standard Time" },
        end: { dateTime: "2026-03-03T09:30:00.0000000", timeZone: "Romance Standard Time" },
      },
      expect.objectContaining({ status: "tentative", subject: "Samtale" }),
    ]);
    expect(mayor?.["workingHours"]).toMatchObject({
      startTime: "08:00:00.0000000",
      timeZone: { name: "Romance Standard Time" },
    });
  });

  it("answers when the room's own calendar is addressed, as a room mailbox can be", async () => {
    const result = (await graph()
      .api(`/users/${BYRAADSSALEN}/calendar/getSchedule`)
      .post({ schedules: [BYRAADSSALEN], ...window })) as { value: Record<string, unknown>[] };
    expect(result.value[0]?.["availabilityView"]).toBe("00222200");
  });

  it("answers an unknown address with an error item, as Graph does", async () => {
    const result = (await graph()
      .api(`/users/${ADDRESSES.secretary}/calendar/getSchedule`)
      .post({ schedules: ["ukendt@fjordby.dk"], ...window })) as { value: Record<string, unknown>[] };
    expect(result.value[0]).toEqual({
      scheduleId: "ukendt@fjordby.dk",
      error: {
        message: "Unable to resolve e-mail address ukendt@fjordby.dk to an Active Directory object.",
        responseCode: "5009",
      },
    });
  });

  it("answers 400 for an interval outside 5..1440 minutes and for an unknown property", async () => {
    const interval = await graphError(
      graph()
        .api(`/users/${ADDRESSES.secretary}/calendar/getSchedule`)
        .post({ schedules: [FJORDEN], ...window, availabilityViewInterval: 2 }),
    );
    expect(interval.statusCode).toBe(400);
    const unknown = await graphError(
      graph()
        .api(`/users/${ADDRESSES.secretary}/calendar/getSchedule`)
        .post({ schedules: [FJORDEN], ...window, rooms: true }),
    );
    expect([unknown.statusCode, unknown.code]).toEqual([400, "RequestBodyRead"]);
  });
});
