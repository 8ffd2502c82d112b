import { PageIterator, type Client, type PageCollection } from "@microsoft/microsoft-graph-client";
import type { Event, Message } from "@microsoft/microsoft-graph-types";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_CLIENT_ID, GRAPH_RESOURCE, signInAs, startSim, type RunningSim } from "../index";
import { ADDRESSES, IDS } from "../seed/directory";
import { clientCredentialsToken, graphClient, graphError, simControl } from "../testing/graph";

/**
 * The calendar part of Graph, exercised exactly as the sync service uses it: MSAL for an
 * app token, the official Graph client over HTTPS, and `/_sim` to act as other people.
 */

let sim: RunningSim;
let client: Client;

const ROOM_FJORDEN = "moedelokale-1@fjordby.dk";
const ROOM_MAYORS = "borgmesterens-moedelokale@fjordby.dk";
const EXT_PROP =
  "String {00020329-0000-0000-C000-000000000046} Name cecp-8a4f6c1e-2d3b-4a5c-9e7f-1b2c3d4e5f60";

/** A token fresh by the sim's clock, so tests that move the clock still authenticate. */
async function freshAppToken(): Promise<string> {
  const now = Math.floor(sim.state.clock.now().getTime() / 1000);
  return sim.ctx.keys.sign(
    {
      aud: GRAPH_RESOURCE,
      iss: sim.ctx.issuer(),
      tid: sim.tenantId,
      oid: "6b7c8d9e-0000-4000-8000-000000000001",
      azp: DEMO_CLIENT_ID,
      idtyp: "app",
      roles: ["Calendars.ReadWrite", "Mail.ReadWrite"],
    },
    3600,
    now,
  );
}

const graphWith = (token: () => Promise<string>): Client => graphClient(sim, token);
const control = (method: string, path: string, body?: unknown) => simControl(sim, method, path, body);

const copenhagen = (dateTime: string) => ({ dateTime, timeZone: "Romance Standard Time" });
const mayorEvents = `/users/${ADDRESSES.mayor}/events`;

async function createAsMayor(input: Record<string, unknown>): Promise<Event> {
  return (await client.api(mayorEvents).post(input)) as Event;
}

async function allPages(
  first: PageCollection,
  prefer?: string,
): Promise<{ items: Event[]; deltaLink?: string }> {
  const items: Event[] = [];
  const iterator = new PageIterator(
    client,
    first,
    (item: Event) => {
      items.push(item);
      return true;
    },
    prefer ? { headers: { Prefer: prefer } } : undefined,
  );
  await iterator.iterate();
  return { items, deltaLink: iterator.getDeltaLink() };
}

beforeAll(async () => {
  sim = await startSim({ seed: false });
  // Meetings and mail between the tenant's people, read with the app's token: no access policy here
  // (access-policy.test.ts tests the policy).
  sim.state.accessPolicies = [];
  const msalToken = await clientCredentialsToken(sim);
  client = graphWith(async () => msalToken);
});

afterAll(async () => {
  await sim.close();
});

beforeEach(() => {
  for (const box of sim.state.mailboxes.values()) {
    box.events.clear();
    box.messages.clear();
    box.tombstones.length = 0;
  }
});

describe("events", () => {
  it("come back in the event resource's shape, stored in UTC with Graph's seven fractional digits", async () => {
    const created = await createAsMayor({
      subject: "Møde med Kultur og Fritid",
      body: { contentType: "HTML", content: "<p>Drøftelse af <b>kulturnatten</b></p>" },
      start: copenhagen("2027-03-02T09:00:00"),
      end: copenhagen("2027-03-02T10:00:00"),
      location: { displayName: "Mødelokale 1 (Fjorden)" },
    });
    const event = (await client.api(`${mayorEvents}/${created.id}`).get()) as Event & Record<string, unknown>;
    expect(event).toMatchObject({
      subject: "Møde med Kultur og Fritid",
      bodyPreview: "Drøftelse af kulturnatten",
      body: { contentType: "html" },
      start: { dateTime: "2027-03-02T08:00:00.0000000", timeZone: "UTC" },
      end: { dateTime: "2027-03-02T09:00:00.0000000", timeZone: "UTC" },
      originalStartTimeZone: "Romance Standard Time",
      type: "singleInstance",
      isOrganizer: true,
      isCancelled: false,
      responseStatus: { response: "organizer" },
      organizer: { emailAddress: { address: ADDRESSES.mayor } },
      location: { displayName: "Mødelokale 1 (Fjorden)", locationType: "conferenceRoom" },
      seriesMasterId: null,
      recurrence: null,
    });
    expect(event["@odata.etag"]).toBe(`W/"${event.changeKey}"`);
    expect(event.iCalUId).toMatch(/^040000008200E00074C5B7101A82E008[0-9A-F]+$/);
    expect(Object.keys(event).some((key) => key.startsWith("_"))).toBe(false);
  });

  it("answer start and end in the zone asked for with Prefer: outlook.timezone, and say so", async () => {
    const created = await createAsMayor({
      subject: "Pressemøde",
      start: copenhagen("2027-06-01T11:00:00"),
      end: copenhagen("2027-06-01T11:30:00"),
    });
    const response = (await client
      .api(`${mayorEvents}/${created.id}`)
      .header("Prefer", 'outlook.timezone="Europe/Copenhagen"')
      .responseType("raw" as never)
      .get()) as globalThis.Response;
    expect(response.headers.get("preference-applied")).toBe('outlook.timezone="Europe/Copenhagen"');
    const event = (await response.json()) as Event;
    expect(event.start).toEqual({ dateTime: "2027-06-01T11:00:00.0000000", timeZone: "Europe/Copenhagen" });

    const windows = (await client
      .api(`${mayorEvents}/${created.id}`)
      .header("Prefer", 'outlook.timezone="Pacific Standard Time"')
      .get()) as Event;
    expect(windows.end).toEqual({
      dateTime: "2027-06-01T02:30:00.0000000",
      timeZone: "Pacific Standard Time",
    });
  });

  it("refuse unknown properties, bad dates, unknown time zones and end before start with Graph's 400s", async () => {
    const base = {
      subject: "X",
      start: copenhagen("2027-03-02T09:00:00"),
      end: copenhagen("2027-03-02T10:00:00"),
    };
    const unknown = await graphError(client.api(mayorEvents).post({ ...base, foo: 1 }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.code).toBe("RequestBodyRead");
    expect(unknown.message).toContain("The property 'foo' does not exist on type 'microsoft.graph.event'");

    const badDate = await graphError(
      client.api(mayorEvents).post({ ...base, start: copenhagen("2027-02-31T09:00") }),
    );
    expect([badDate.statusCode, badDate.code]).toEqual([400, "UnableToDeserializePostBody"]);

    const badZone = await graphError(
      client
        .api(mayorEvents)
        .post({ ...base, start: { dateTime: "2027-03-02T09:00:00", timeZone: "Mars/Olympus" } }),
    );
    expect([badZone.statusCode, badZone.code]).toEqual([400, "TimeZoneNotSupportedException"]);

    const backwards = await graphError(
      client.api(mayorEvents).post({ ...base, end: copenhagen("2027-03-02T08:00:00") }),
    );
    expect([backwards.statusCode, backwards.code]).toEqual([
      400,
      "ErrorCalendarEndDateIsEarlierThanStartDate",
    ]);

    const badEnum = await graphError(client.api(mayorEvents).post({ ...base, importance: "urgent" }));
    expect(badEnum.message).toContain("microsoft.graph.importance");
  });

  it("answer 400 to malformed JSON", async () => {
    const response = await fetch(`${sim.graphBaseUrl}${mayorEvents}`, {
      method: "POST",
      headers: { authorization: `Bearer ${await freshAppToken()}`, "content-type": "application/json" },
      body: '{"subject": "Ufærdig',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("BadRequest");
  });

  it("refuse $top above 1000", async () => {
    const err = await graphError(client.api(mayorEvents).top(1001).get());
    expect([err.statusCode, err.code]).toEqual([400, "ErrorInvalidParameter"]);
    const ok = (await client.api(mayorEvents).top(1000).get()) as PageCollection;
    expect(ok.value).toEqual([]);
  });

  it("create the event only once when a POST is retried with the same transactionId", async () => {
    const input = {
      subject: "Oprettet af Mødeklar",
      transactionId: "7a1f0c2e-mødeklar-retry",
      start: copenhagen("2027-03-05T09:00:00"),
      end: copenhagen("2027-03-05T09:30:00"),
    };
    const first = await createAsMayor(input);
    const retry = await createAsMayor(input);
    expect(retry.id).toBe(first.id);
    expect(((await client.api(mayorEvents).get()) as PageCollection).value).toHaveLength(1);
  });

  it("answer 412 ErrorIrresolvableConflict to a PATCH with a stale If-Match", async () => {
    const created = (await createAsMayor({
      subject: "Budgetforhandling",
      start: copenhagen("2027-03-03T13:00:00"),
      end: copenhagen("2027-03-03T14:00:00"),
    })) as Event & Record<string, string>;
    const etag = created["@odata.etag"] ?? "";
    const first = (await client
      .api(`${mayorEvents}/${created.id}`)
      .header("If-Match", etag)
      .patch({ subject: "Budgetforhandling (2. runde)" })) as Event & Record<string, string>;
    expect(first["@odata.etag"]).not.toBe(etag);
    const stale = await graphError(
      client.api(`${mayorEvents}/${created.id}`).header("If-Match", etag).patch({ subject: "For sent" }),
    );
    expect([stale.statusCode, stale.code]).toEqual([412, "ErrorIrresolvableConflict"]);
  });

  it("filter, order, select and expand extended properties the way the product asks", async () => {
    const a = await createAsMayor({
      subject: "Byrådsgruppemøde",
      categories: ["Byråd"],
      start: copenhagen("2027-03-04T16:00:00"),
      end: copenhagen("2027-03-04T17:00:00"),
    });
    await createAsMayor({
      subject: "Frokost",
      start: copenhagen("2027-03-04T12:00:00"),
      end: copenhagen("2027-03-04T12:30:00"),
    });
    await client
      .api(`${mayorEvents}/${a.id}`)
      .patch({ singleValueExtendedProperties: [{ id: EXT_PROP, value: "plan-1" }] });

    const byCategory = (await client
      .api(mayorEvents)
      .filter("categories/any(c:c eq 'Byråd') and isCancelled eq false")
      .get()) as PageCollection;
    expect(byCategory.value.map((e: Event) => e.subject)).toEqual(["Byrådsgruppemøde"]);

    const ordered = (await client
      .api(mayorEvents)
      .filter("start/dateTime ge '2027-03-04T00:00:00'")
      .orderby("start/dateTime desc")
      .select("subject")
      .get()) as PageCollection;
    expect(ordered.value.map((e: Event) => e.subject)).toEqual(["Byrådsgruppemøde", "Frokost"]);
    expect(Object.keys(ordered.value[0]).sort()).toEqual(["@odata.etag", "id", "subject"]);

    const expanded = (await client
      .api(`${mayorEvents}/${a.id}`)
      .expand(`singleValueExtendedProperties($filter=id eq '${EXT_PROP}')`)
      .get()) as Event;
    expect(expanded.singleValueExtendedProperties).toEqual([{ id: EXT_PROP, value: "plan-1" }]);
    const plain = (await client.api(`${mayorEvents}/${a.id}`).get()) as Event;
    expect(plain.singleValueExtendedProperties).toBeUndefined();

    const badFilter = await graphError(client.api(mayorEvents).filter("contains(subject,'x')").get());
    expect(badFilter.statusCode).toBe(400);
  });

  it("expands several extended properties of one event at once, the Name matched case-sensitively as Graph does", async () => {
    const other = "String {00020329-0000-0000-C000-000000000046} Name briefing";
    const a = await createAsMayor({
      subject: "Møde med Lions Club",
      start: copenhagen("2027-03-05T10:00:00"),
      end: copenhagen("2027-03-05T11:00:00"),
      singleValueExtendedProperties: [
        { id: EXT_PROP, value: "plan-2" },
        { id: other, value: "note" },
      ],
    });
    const both = (await client
      .api(`${mayorEvents}/${a.id}`)
      .expand(`singleValueExtendedProperties($filter=id eq '${EXT_PROP}' or id eq '${other}')`)
      .get()) as Event;
    expect(both.singleValueExtendedProperties).toEqual([
      { id: EXT_PROP, value: "plan-2" },
      { id: other, value: "note" },
    ]);
    // The property set's GUID and the keywords in any case; the name itself exactly.
    const guidInLowerCase = (await client
      .api(`${mayorEvents}/${a.id}`)
      .expand(
        `singleValueExtendedProperties($filter=id eq 'string {00020329-0000-0000-c000-000000000046} name briefing')`,
      )
      .get()) as Event;
    expect(guidInLowerCase.singleValueExtendedProperties).toEqual([{ id: other, value: "note" }]);
    const nameInOtherCase = (await client
      .api(`${mayorEvents}/${a.id}`)
      .expand(`singleValueExtendedProperties($filter=id eq '${other.replace("briefing", "Briefing")}')`)
      .get()) as Event;
    expect(nameInOtherCase.singleValueExtendedProperties).toBeUndefined();
    const bad = await graphError(
      client
        .api(`${mayorEvents}/${a.id}`)
        .expand("singleValueExtendedProperties($filter=value eq 'x')")
        .get(),
    );
    expect(bad.statusCode).toBe(400);
  });

  it("sends only the event type's v1.0 properties: iCalUId, never the beta-only uid", async () => {
    const a = await createAsMayor({
      subject: "Kaffemøde",
      start: copenhagen("2027-03-05T13:00:00"),
      end: copenhagen("2027-03-05T13:30:00"),
    });
    const got = (await client.api(`${mayorEvents}/${a.id}`).get()) as Record<string, unknown>;
    expect(got["iCalUId"]).toEqual(expect.any(String));
    expect(got).not.toHaveProperty("uid");
    expect(a).not.toHaveProperty("uid");
    const listed = (await client.api(mayorEvents).top(50).get()) as PageCollection;
    for (const event of listed.value as Record<string, unknown>[]) expect(event).not.toHaveProperty("uid");
    const selectUid = await graphError(client.api(`${mayorEvents}/${a.id}`).select("uid").get());
    expect(selectUid.statusCode).toBe(400);
  });
});

describe("calendarView", () => {
  it("requires both startDateTime and endDateTime", async () => {
    const err = await graphError(
      client
        .api(`/users/${ADDRESSES.mayor}/calendarView`)
        .query({ startDateTime: "2027-03-01T00:00:00Z" })
        .get(),
    );
    expect([err.statusCode, err.code]).toEqual([400, "ErrorInvalidParameter"]);
    expect(err.message).toContain("StartDateTime and EndDateTime");
    const bad = await graphError(
      client
        .api(`/users/${ADDRESSES.mayor}/calendarView`)
        .query({ startDateTime: "i morgen", endDateTime: "2027-03-02T00:00:00Z" })
        .get(),
    );
    expect([bad.statusCode, bad.code]).toEqual([400, "ErrorInvalidParameter"]);
  });

  it("pages with Prefer: odata.maxpagesize=5 through @odata.nextLink", async () => {
    for (let day = 1; day <= 12; day++) {
      const date = `2027-03-${String(day).padStart(2, "0")}`;
      await createAsMayor({
        subject: `Møde ${day}`,
        start: copenhagen(`${date}T10:00:00`),
        end: copenhagen(`${date}T11:00:00`),
      });
    }
    const first = (await client
      .api(`/users/${ADDRESSES.mayor}/calendarView`)
      .query({ startDateTime: "2027-03-01T00:00:00Z", endDateTime: "2027-04-01T00:00:00Z" })
      .header("Prefer", "odata.maxpagesize=5")
      .get()) as PageCollection;
    expect(first.value).toHaveLength(5);
    expect(first["@odata.nextLink"]).toContain("$skip=5");
    const { items } = await allPages(first, "odata.maxpagesize=5");
    expect(items.map((e) => e.subject)).toEqual(Array.from({ length: 12 }, (_, i) => `Møde ${i + 1}`));
  });

  it("expands a weekly series across daylight saving, with a moved occurrence as an exception and a deleted one gone", async () => {
    const series = await createAsMayor({
      subject: "Ugentligt direktionsmøde",
      start: copenhagen("2027-03-15T09:00:00"),
      end: copenhagen("2027-03-15T10:00:00"),
      recurrence: {
        pattern: { type: "weekly", interval: 1, daysOfWeek: ["monday"], firstDayOfWeek: "monday" },
        range: { type: "noEnd", startDate: "2027-03-15" },
      },
    });
    expect(series.type).toBe("seriesMaster");
    const view = async () =>
      (
        (await client
          .api(`/users/${ADDRESSES.mayor}/calendarView`)
          .query({ startDateTime: "2027-03-14T00:00:00Z", endDateTime: "2027-04-12T00:00:00Z" })
          .get()) as PageCollection
      ).value as Event[];
    const before = await view();
    expect(before.map((e) => e.start?.dateTime)).toEqual([
      "2027-03-15T08:00:00.0000000",
      "2027-03-22T08:00:00.0000000",
      "2027-03-29T07:00:00.0000000",
      "2027-04-05T07:00:00.0000000",
    ]);
    expect(before.every((e) => e.type === "occurrence" && e.seriesMasterId === series.id)).toBe(true);
    expect(new Set(before.map((e) => e.iCalUId)).size).toBe(4);
    expect((await view()).map((e) => e.id)).toEqual(before.map((e) => e.id));

    await client.api(`${mayorEvents}/${before[1]!.id}`).patch({
      start: copenhagen("2027-03-23T13:00:00"),
      end: copenhagen("2027-03-23T14:00:00"),
    });
    await client.api(`${mayorEvents}/${before[2]!.id}`).delete();

    const after = await view();
    expect(after.map((e) => [e.type, e.start?.dateTime])).toEqual([
      ["occurrence", "2027-03-15T08:00:00.0000000"],
      ["exception", "2027-03-23T12:00:00.0000000"],
      ["occurrence", "2027-04-05T07:00:00.0000000"],
    ]);
    const instances = (await client
      .api(`${mayorEvents}/${series.id}/instances`)
      .query({ startDateTime: "2027-03-14T00:00:00Z", endDateTime: "2027-04-12T00:00:00Z" })
      .get()) as PageCollection;
    expect(instances.value.map((e: Event) => e.id)).toEqual(after.map((e) => e.id));
    const list = (await client.api(mayorEvents).get()) as PageCollection;
    expect(list.value.map((e: Event) => e.type)).toEqual(["seriesMaster"]);
  });
});

describe("calendarView delta", () => {
  const window = { startDateTime: "2027-03-01T00:00:00Z", endDateTime: "2027-03-29T00:00:00Z" };
  const delta = `/users/${ADDRESSES.mayor}/calendarView/delta`;

  async function firstRound(): Promise<{ items: Event[]; deltaLink: string }> {
    const first = (await client
      .api(delta)
      .query(window)
      .header("Prefer", "odata.maxpagesize=2")
      .get()) as PageCollection;
    const { items, deltaLink } = await allPages(first, "odata.maxpagesize=2");
    return { items, deltaLink: deltaLink ?? "" };
  }

  it("syncs fully, then returns exactly what another person changed, then @removed after a delete", async () => {
    const invited = await control("POST", `/act/${ADDRESSES.director}/events`, {
      subject: "Direktionsmøde om budget",
      start: copenhagen("2027-03-08T09:00:00"),
      end: copenhagen("2027-03-08T10:00:00"),
      attendees: [{ type: "required", emailAddress: { address: ADDRESSES.mayor } }],
    });
    expect(invited.status).toBe(201);
    const organizerEvent = ((await invited.json()) as { value: Event[] }).value[0]!;
    const own = [1, 2, 3, 4, 5].map((day) =>
      createAsMayor({
        subject: `Eget møde ${day}`,
        start: copenhagen(`2027-03-0${day}T13:00:00`),
        end: copenhagen(`2027-03-0${day}T14:00:00`),
      }),
    );
    const mine = await Promise.all(own);

    const full = await firstRound();
    expect(full.items).toHaveLength(6);
    expect(full.deltaLink).toContain("$deltatoken=");

    const quiet = (await client.api(full.deltaLink).get()) as PageCollection;
    expect(quiet.value).toEqual([]);

    const moved = await control("PATCH", `/act/${ADDRESSES.director}/events/${organizerEvent.id}`, {
      start: copenhagen("2027-03-09T09:00:00"),
      end: copenhagen("2027-03-09T10:00:00"),
    });
    expect(moved.status).toBe(200);
    const round2 = (await client.api(quiet["@odata.deltaLink"] as string).get()) as PageCollection;
    expect(round2.value).toHaveLength(1);
    expect(round2.value[0]).toMatchObject({
      subject: "Direktionsmøde om budget",
      start: { dateTime: "2027-03-09T08:00:00.0000000" },
      isOrganizer: false,
    });

    const deleted = await control("DELETE", `/act/${ADDRESSES.mayor}/events/${mine[2]!.id}`);
    expect(deleted.status).toBe(204);
    const round3 = (await client.api(round2["@odata.deltaLink"] as string).get()) as PageCollection;
    expect(round3.value).toEqual([
      { "@odata.type": "#microsoft.graph.event", id: mine[2]!.id, "@removed": { reason: "deleted" } },
    ]);
  });

  it("reports an event moved out of the window as removed", async () => {
    const event = await createAsMayor({
      subject: "Flyttes",
      start: copenhagen("2027-03-10T10:00:00"),
      end: copenhagen("2027-03-10T11:00:00"),
    });
    const { deltaLink } = await firstRound();
    await client
      .api(`${mayorEvents}/${event.id}`)
      .patch({ start: copenhagen("2027-05-10T10:00:00"), end: copenhagen("2027-05-10T11:00:00") });
    const next = (await client.api(deltaLink).get()) as PageCollection;
    expect(next.value).toEqual([
      { "@odata.type": "#microsoft.graph.event", id: event.id, "@removed": { reason: "deleted" } },
    ]);
  });

  it("reports one cancelled occurrence of a series as removed, and a cancelled meeting as updated with isCancelled", async () => {
    const made = await control("POST", `/act/${ADDRESSES.director}/events`, {
      subject: "Ugemøde",
      start: copenhagen("2027-03-02T09:00:00"),
      end: copenhagen("2027-03-02T10:00:00"),
      attendees: [{ type: "required", emailAddress: { address: ADDRESSES.mayor } }],
      recurrence: {
        pattern: { type: "weekly", interval: 1, daysOfWeek: ["tuesday"] },
        range: { type: "numbered", startDate: "2027-03-02", numberOfOccurrences: 3 },
      },
    });
    const series = ((await made.json()) as { value: Event[] }).value[0]!;
    const single = await control("POST", `/act/${ADDRESSES.director}/events`, {
      subject: "Enkeltmøde",
      start: copenhagen("2027-03-05T09:00:00"),
      end: copenhagen("2027-03-05T10:00:00"),
      attendees: [{ type: "required", emailAddress: { address: ADDRESSES.mayor } }],
    });
    const meeting = ((await single.json()) as { value: Event[] }).value[0]!;
    const { items, deltaLink } = await firstRound();
    const mayorsOccurrences = items.filter((e) => e.subject === "Ugemøde");
    expect(mayorsOccurrences).toHaveLength(3);

    const organizerView = (await client
      .api(`/users/${ADDRESSES.director}/events/${series.id}/instances`)
      .query(window)
      .get()) as PageCollection;
    const second = organizerView.value[1] as Event;
    expect((await control("POST", `/act/${ADDRESSES.director}/events/${second.id}/cancel`, {})).status).toBe(
      204,
    );
    expect((await control("POST", `/act/${ADDRESSES.director}/events/${meeting.id}/cancel`, {})).status).toBe(
      204,
    );

    const next = (await client.api(deltaLink).get()) as PageCollection;
    const removed = next.value.filter((e: Record<string, unknown>) => "@removed" in e);
    expect(removed.map((e: Event) => e.id)).toEqual([mayorsOccurrences[1]!.id]);
    const updated = next.value.filter((e: Record<string, unknown>) => !("@removed" in e)) as Event[];
    expect(updated.map((e) => [e.subject, e.isCancelled])).toEqual([["Aflyst: Enkeltmøde", true]]);
  });

  it("loses no change when events change again while the client is paging", async () => {
    const made = await Promise.all(
      [1, 2, 3, 4].map((day) =>
        createAsMayor({
          subject: `Møde ${day}`,
          start: copenhagen(`2027-03-0${day}T10:00:00`),
          end: copenhagen(`2027-03-0${day}T11:00:00`),
        }),
      ),
    );
    const { deltaLink } = await firstRound();
    for (const event of made)
      await client.api(`${mayorEvents}/${event.id}`).patch({ categories: ["Ændret"] });

    const seen = new Map<string, Record<string, unknown>>();
    let page = (await client.api(deltaLink).header("Prefer", "odata.maxpagesize=2").get()) as PageCollection;
    for (const item of page.value) seen.set(item.id, item);
    await client.api(`${mayorEvents}/${made[0]!.id}`).patch({
      start: copenhagen("2027-06-01T10:00:00"),
      end: copenhagen("2027-06-01T11:00:00"),
    });
    await client.api(`${mayorEvents}/${made[1]!.id}`).patch({ subject: "Møde 2 (flyttet lokale)" });
    while (page["@odata.nextLink"]) {
      page = (await client
        .api(page["@odata.nextLink"])
        .header("Prefer", "odata.maxpagesize=2")
        .get()) as PageCollection;
      for (const item of page.value) seen.set(item.id, item);
    }
    expect(seen.get(made[0]!.id!)).toMatchObject({ "@removed": { reason: "deleted" } });
    expect(seen.get(made[1]!.id!)).toMatchObject({ subject: "Møde 2 (flyttet lokale)" });
    expect(seen.get(made[2]!.id!)).toMatchObject({ categories: ["Ændret"] });
    expect(seen.get(made[3]!.id!)).toMatchObject({ categories: ["Ændret"] });
  });

  it("skips no surviving event when one is deleted and another created between pages of a full sync", async () => {
    const made = await Promise.all(
      [1, 2, 3, 4, 5].map((day) =>
        createAsMayor({
          subject: `Møde ${day}`,
          start: copenhagen(`2027-03-0${day}T10:00:00`),
          end: copenhagen(`2027-03-0${day}T11:00:00`),
        }),
      ),
    );
    const prefer = "odata.maxpagesize=2";
    let page = (await client.api(delta).query(window).header("Prefer", prefer).get()) as PageCollection;
    const seen = new Set<string>(page.value.map((e: Event) => e.id ?? ""));
    expect(seen.size).toBe(2);
    const gone = page.value[0] as Event;
    await client.api(`${mayorEvents}/${gone.id}`).delete();
    const added = await createAsMayor({
      subject: "Nyt møde",
      start: copenhagen("2027-03-10T10:00:00"),
      end: copenhagen("2027-03-10T11:00:00"),
    });
    while (page["@odata.nextLink"]) {
      page = (await client.api(page["@odata.nextLink"]).header("Prefer", prefer).get()) as PageCollection;
      for (const item of page.value) seen.add(item.id);
    }
    const survivors = made.filter((e) => e.id !== gone.id).map((e) => e.id);
    expect(survivors).toHaveLength(4);
    for (const id of survivors) expect(seen).toContain(id);

    const next = (await client.api(page["@odata.deltaLink"] as string).get()) as PageCollection;
    const live = next.value.filter((e: Record<string, unknown>) => !("@removed" in e)) as Event[];
    expect(live.map((e) => e.id)).toContain(added.id);
    const removed = next.value.filter((e: Record<string, unknown>) => "@removed" in e) as Event[];
    expect(removed.map((e) => e.id)).toEqual([gone.id]);
  });

  it("answers 410 SyncStateNotFound once tokens before the floor are invalidated", async () => {
    const { deltaLink } = await firstRound();
    sim.state.deltaTokenFloor = sim.state.currentSeq() + 1;
    try {
      const err = await graphError(client.api(deltaLink).get());
      expect([err.statusCode, err.code]).toEqual([410, "SyncStateNotFound"]);
    } finally {
      sim.state.deltaTokenFloor = 0;
    }
  });

  it("answers 410 for a token older than seven days by the simulator's clock, and for a forged one", async () => {
    const fresh = graphWith(freshAppToken);
    const first = (await fresh.api(delta).query(window).get()) as PageCollection;
    const deltaLink = first["@odata.deltaLink"] as string;
    sim.state.clock.advance(8 * 24 * 3600 * 1000);
    try {
      const expired = await graphError(fresh.api(deltaLink).get());
      expect([expired.statusCode, expired.code]).toEqual([410, "SyncStateNotFound"]);
    } finally {
      sim.state.clock.reset();
    }
    const forged = await graphError(fresh.api(`${delta}?$deltatoken=bm90LWEtdG9rZW4.c2lnbmF0dXJl`).get());
    expect(forged.statusCode).toBe(410);
  });
});

describe("meetings between people", () => {
  async function inbox(address: string): Promise<(Message & Record<string, unknown>)[]> {
    const user = sim.state.findUser(address)!;
    return [...sim.state.mailbox(user.id).messages.values()] as unknown as (Message &
      Record<string, unknown>)[];
  }
  const copyIn = (address: string, subject: string) =>
    [...sim.state.mailbox(sim.state.findUser(address)!.id).events.values()].find(
      (e) => e.subject === subject,
    );

  it("puts an invitation in the attendee's calendar and inbox, and accepting updates both sides", async () => {
    const meeting = await createAsMayor({
      subject: "Opfølgning på budgetaftalen",
      start: copenhagen("2027-03-11T10:00:00"),
      end: copenhagen("2027-03-11T11:00:00"),
      attendees: [{ type: "required", emailAddress: { address: ADDRESSES.chiefOfStaff } }],
    });
    const copy = copyIn(ADDRESSES.chiefOfStaff, "Opfølgning på budgetaftalen")!;
    expect(copy).toMatchObject({
      iCalUId: meeting.iCalUId,
      isOrganizer: false,
      responseRequested: true,
      responseStatus: { response: "notResponded" },
      organizer: { emailAddress: { address: ADDRESSES.mayor } },
    });
    const request = (await inbox(ADDRESSES.chiefOfStaff)).find(
      (m) => m.meetingMessageType === "meetingRequest",
    )!;
    expect(request).toMatchObject({
      "@odata.type": "#microsoft.graph.eventMessage",
      subject: "Opfølgning på budgetaftalen",
      isRead: false,
      _folder: "inbox",
      _eventId: copy.id,
      from: { emailAddress: { address: ADDRESSES.mayor } },
    });

    await client
      .api(`/users/${ADDRESSES.chiefOfStaff}/events/${copy.id}/accept`)
      .post({ comment: "Jeg kommer", sendResponse: true });
    const mine = (await client.api(`/users/${ADDRESSES.chiefOfStaff}/events/${copy.id}`).get()) as Event;
    expect(mine.responseStatus?.response).toBe("accepted");
    const organizers = (await client.api(`${mayorEvents}/${meeting.id}`).get()) as Event;
    expect(organizers.attendees?.[0]?.status?.response).toBe("accepted");
    const answer = (await inbox(ADDRESSES.mayor)).find((m) => m.meetingMessageType === "meetingAccepted");
    expect(answer).toMatchObject({
      subject: "Accepteret: Opfølgning på budgetaftalen",
      bodyPreview: "Jeg kommer",
    });
  });

  it("declining without a response tells the organizer's calendar but sends no mail, and takes the meeting off", async () => {
    await createAsMayor({
      subject: "Frokostmøde",
      start: copenhagen("2027-03-12T12:00:00"),
      end: copenhagen("2027-03-12T13:00:00"),
      attendees: [{ type: "required", emailAddress: { address: ADDRESSES.director } }],
    });
    const copy = copyIn(ADDRESSES.director, "Frokostmøde")!;
    await client.api(`/users/${ADDRESSES.director}/events/${copy.id}/decline`).post({ sendResponse: false });
    const organizers = [...sim.state.mailbox(IDS.mayor).events.values()][0]!;
    expect(organizers.attendees?.[0]?.status?.response).toBe("declined");
    expect((await inbox(ADDRESSES.mayor)).length).toBe(0);
    expect(copyIn(ADDRESSES.director, "Frokostmøde")).toBeUndefined();
  });

  it("answers a single occurrence of a series without answering the rest, on both sides", async () => {
    const series = await control("POST", `/act/${ADDRESSES.director}/events`, {
      subject: "Ugentlig status",
      start: copenhagen("2027-03-01T14:00:00"),
      end: copenhagen("2027-03-01T14:30:00"),
      attendees: [{ type: "required", emailAddress: { address: ADDRESSES.mayor } }],
      recurrence: {
        pattern: { type: "weekly", interval: 1, daysOfWeek: ["monday"] },
        range: { type: "numbered", startDate: "2027-03-01", numberOfOccurrences: 3 },
      },
    });
    const master = ((await series.json()) as { value: Event[] }).value[0]!;
    const window = { startDateTime: "2027-03-01T00:00:00Z", endDateTime: "2027-03-22T00:00:00Z" };
    const view = async (address: string) =>
      ((await client.api(`/users/${address}/calendarView`).query(window).get()) as PageCollection)
        .value as Event[];
    const mine = await view(ADDRESSES.mayor);
    await client.api(`${mayorEvents}/${mine[1]!.id}/accept`).post({ sendResponse: false });
    await client.api(`${mayorEvents}/${mine[2]!.id}/decline`).post({ sendResponse: false });

    const after = await view(ADDRESSES.mayor);
    expect(after.map((e) => [e.type, e.responseStatus?.response])).toEqual([
      ["occurrence", "notResponded"],
      ["exception", "accepted"],
    ]);
    const organizers = await view(ADDRESSES.director);
    expect(organizers.map((e) => [e.type, e.attendees?.[0]?.status?.response])).toEqual([
      ["occurrence", "none"],
      ["exception", "accepted"],
      ["exception", "declined"],
    ]);
    expect(organizers[1]!.seriesMasterId).toBe(master.id);
  });

  it("lets only the organizer cancel, and marks the attendees' copies cancelled with a cancellation mail", async () => {
    const meeting = await createAsMayor({
      subject: "Styregruppemøde",
      start: copenhagen("2027-03-15T14:00:00"),
      end: copenhagen("2027-03-15T15:00:00"),
      attendees: [{ type: "required", emailAddress: { address: ADDRESSES.deputyMayor } }],
    });
    const copy = copyIn(ADDRESSES.deputyMayor, "Styregruppemøde")!;
    const refused = await graphError(
      client.api(`/users/${ADDRESSES.deputyMayor}/events/${copy.id}/cancel`).post({}),
    );
    expect([refused.statusCode, refused.code]).toEqual([400, "ErrorInvalidRequest"]);

    await client.api(`${mayorEvents}/${meeting.id}/cancel`).post({ comment: "Udsat til næste måned" });
    const cancelled = (await client.api(`/users/${ADDRESSES.deputyMayor}/events/${copy.id}`).get()) as Event;
    expect(cancelled.isCancelled).toBe(true);
    const mail = (await inbox(ADDRESSES.deputyMayor)).find(
      (m) => m.meetingMessageType === "meetingCancelled",
    );
    expect(mail?.bodyPreview).toBe("Udsat til næste måned");
    const gone = await graphError(client.api(`${mayorEvents}/${meeting.id}`).get());
    expect(gone.statusCode).toBe(404);
  });

  it("has a room accept a booking when it is free and decline one that clashes", async () => {
    const room = { type: "resource", emailAddress: { address: ROOM_FJORDEN } };
    const first = await createAsMayor({
      subject: "Møde i Fjorden",
      start: copenhagen("2027-03-16T10:00:00"),
      end: copenhagen("2027-03-16T11:00:00"),
      attendees: [room],
    });
    expect(first.attendees?.[0]?.status?.response).toBe("accepted");
    const clash = await control("POST", `/act/${ADDRESSES.director}/events`, {
      subject: "Dobbeltbooking",
      start: copenhagen("2027-03-16T10:30:00"),
      end: copenhagen("2027-03-16T11:30:00"),
      attendees: [room],
    });
    const second = ((await clash.json()) as { value: Event[] }).value[0]!;
    expect(second.attendees?.[0]?.status?.response).toBe("declined");
    const booked = (await (await control("GET", `/mailboxes/${ROOM_FJORDEN}/events`)).json()) as {
      value: Event[];
    };
    expect(booked.value.map((e) => e.subject)).toEqual(["Møde i Fjorden"]);
  });

  it("holds a reserved room as tentative until its delegate accepts for it", async () => {
    const meeting = await createAsMayor({
      subject: "Fortroligt møde",
      start: copenhagen("2027-03-17T10:00:00"),
      end: copenhagen("2027-03-17T11:00:00"),
      attendees: [{ type: "resource", emailAddress: { address: ROOM_MAYORS } }],
    });
    expect(meeting.attendees?.[0]?.status?.response).toBe("tentativelyAccepted");
    const held = (await (await control("GET", `/mailboxes/${ROOM_MAYORS}/events`)).json()) as {
      value: Event[];
    };
    const approve = await control("POST", `/act/${ROOM_MAYORS}/events/${held.value[0]!.id}/respond`, {
      response: "accept",
    });
    expect(approve.status).toBe(204);
    const after = (await client.api(`${mayorEvents}/${meeting.id}`).get()) as Event;
    expect(after.attendees?.[0]?.status?.response).toBe("accepted");
  });

  it("lets an organizer outside the tenant invite the mayor, move the meeting and cancel it", async () => {
    const response = await control("POST", `/act/formand@regionsjaelland.dk/events`, {
      subject: "Møde om sygehusplan",
      organizer: { emailAddress: { name: "Regionsrådsformand", address: "formand@regionsjaelland.dk" } },
      start: copenhagen("2027-03-18T10:00:00"),
      end: copenhagen("2027-03-18T12:00:00"),
      attendees: [{ type: "required", emailAddress: { address: ADDRESSES.mayor } }],
    });
    expect(response.status).toBe(201);
    const copy = copyIn(ADDRESSES.mayor, "Møde om sygehusplan")!;
    expect(copy.organizer?.emailAddress).toEqual({
      name: "Regionsrådsformand",
      address: "formand@regionsjaelland.dk",
    });
    expect(copy.isOrganizer).toBe(false);
    await client.api(`${mayorEvents}/${copy.id}/accept`).post({ sendResponse: false });

    const moved = await control("PATCH", `/act/formand@regionsjaelland.dk/events/${copy.iCalUId}`, {
      start: copenhagen("2027-03-18T13:00:00"),
      end: copenhagen("2027-03-18T15:00:00"),
    });
    expect(moved.status).toBe(200);
    const after = (await client.api(`${mayorEvents}/${copy.id}`).get()) as Event;
    expect(after.start?.dateTime).toBe("2027-03-18T12:00:00.0000000");
    expect(after.responseStatus?.response).toBe("notResponded");
    const requests = (await inbox(ADDRESSES.mayor)).filter((m) => m.meetingMessageType === "meetingRequest");
    expect(requests).toHaveLength(2);

    const cancelled = await control("DELETE", `/act/formand@regionsjaelland.dk/events/${copy.id}`);
    expect(cancelled.status).toBe(204);
    expect(((await client.api(`${mayorEvents}/${copy.id}`).get()) as Event).isCancelled).toBe(true);

    const problem = await control("POST", `/act/${ADDRESSES.mayor}/events/nope/respond`, {
      response: "maybe",
    });
    expect(problem.status).toBe(400);
    expect(problem.headers.get("content-type")).toContain("application/problem+json");
  });
});

describe("privacy", () => {
  it("shows a delegate the mayor's private appointment without its details, while apps see it all", async () => {
    await createAsMayor({
      subject: "Tandlæge",
      sensitivity: "private",
      body: { contentType: "text", content: "Rodbehandling" },
      start: copenhagen("2027-03-19T15:00:00"),
      end: copenhagen("2027-03-19T16:00:00"),
    });
    const { access_token } = await signInAs(sim, {
      user: ADDRESSES.secretary,
      scope: `${GRAPH_RESOURCE}/Calendars.ReadWrite.Shared openid`,
    });
    const asSecretary = graphWith(async () => access_token);
    const query = { startDateTime: "2027-03-19T00:00:00Z", endDateTime: "2027-03-20T00:00:00Z" };
    const seen = (await asSecretary
      .api(`/users/${IDS.mayor}/calendarView`)
      .query(query)
      .get()) as PageCollection;
    expect(seen.value[0]).toMatchObject({
      subject: "Privat aftale",
      bodyPreview: "",
      sensitivity: "private",
      showAs: "busy",
    });
    const byApp = (await client.api(`/users/${IDS.mayor}/calendarView`).query(query).get()) as PageCollection;
    expect(byApp.value[0]).toMatchObject({ subject: "Tandlæge", bodyPreview: "Rodbehandling" });

    const onBehalf = (await asSecretary.api(`/users/${IDS.mayor}/events`).post({
      subject: "Møde med skolebestyrelsen",
      start: copenhagen("2027-03-19T10:00:00"),
      end: copenhagen("2027-03-19T11:00:00"),
    })) as Event;
    expect(onBehalf.organizer?.emailAddress?.address).toBe(ADDRESSES.mayor);
    const own = (await asSecretary.api("/me/events").get()) as PageCollection;
    expect(own.value).toEqual([]);
    const refused = await graphError(asSecretary.api(`/users/${IDS.chiefOfStaff}/events`).get());
    expect(refused.statusCode).toBe(403);
  });
});
