import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/store/clock";
import { migrate, migrations } from "../../src/store/migrations";
import type { SqlExecutor } from "../../src/store/sql";
import { sqlMirrorStore, type StoreOptions } from "../../src/store/sql-store";
import type { DeltaPage, Job, MirrorStore } from "../../src/store/types";

/** A fresh, empty database for one test, which several service instances can connect to. */
export interface TestDatabase {
  /** A connection (pool) of its own, as one service instance has; closed by `drop`. */
  connect(): SqlExecutor;
  drop(): Promise<void>;
}

export interface TestServer {
  freshDatabase(): Promise<TestDatabase>;
  close(): Promise<void>;
}

const mayor = "borgmester@odense.example";
const secretary = "sekretariat@odense.example";
const minute = 60_000;

const page = (p: Partial<DeltaPage>): DeltaPage => ({ upserts: [], removals: [], ...p });
const done = (p: Partial<DeltaPage> = {}): DeltaPage => page({ deltaLink: "delta-1", ...p });
const more = (p: Partial<DeltaPage> = {}): DeltaPage => page({ nextLink: "next-1", ...p });

const meeting = (id: string, data: Record<string, unknown> = {}) => ({
  id,
  changeKey: `ck-${id}`,
  data: { id, subject: `Meeting ${id}`, showAs: "busy", ...data },
});

/** Fails the first statement matching `pattern`, inside whatever transaction runs it. */
function failingOn(db: SqlExecutor, pattern: RegExp): SqlExecutor {
  return {
    ...db,
    transaction: (work) =>
      db.transaction((tx) =>
        work({
          exec: (script) => tx.exec(script),
          query: (text, params) => {
            if (pattern.test(text)) throw new Error("connection lost");
            return tx.query(text, params);
          },
        }),
      ),
  };
}

/** The behaviour every MirrorStore driver must have; run once per driver. */
export function mirrorStoreContract(name: string, startServer: () => Promise<TestServer>): void {
  describe(`the mirror store on ${name}`, () => {
    let server: TestServer;
    let database: TestDatabase;
    let clock: ManualClock;

    beforeAll(async () => {
      server = await startServer();
    });
    afterAll(() => server.close());
    beforeEach(async () => {
      database = await server.freshDatabase();
      clock = new ManualClock();
    });
    afterEach(() => database.drop());

    async function instance(options: StoreOptions & { executor?: SqlExecutor } = {}): Promise<MirrorStore> {
      const store = sqlMirrorStore(options.executor ?? database.connect(), {
        clock,
        random: () => 0.5,
        ...options,
      });
      await store.migrate();
      return store;
    }

    describe("migrations", () => {
      it("running the migrations again changes nothing", async () => {
        const db = database.connect();
        const store = await instance({ executor: db });
        await store.applyDeltaPage(mayor, "events", done({ upserts: [meeting("a")] }));
        await store.migrate();
        const { rows } = await db.query<{ version: number }>(
          "SELECT version FROM schema_migrations ORDER BY 1",
        );
        expect(rows.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
        expect(await store.countItems(mayor, "events")).toBe(1);
      });

      it("two instances starting at the same moment migrate the schema once", async () => {
        const first = sqlMirrorStore(database.connect(), { clock });
        const second = sqlMirrorStore(database.connect(), { clock });
        await Promise.all([first.migrate(), second.migrate(), first.migrate()]);
        const { rows } = await database
          .connect()
          .query<{ version: number }>("SELECT version FROM schema_migrations ORDER BY 1");
        expect(rows.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
        await second.applyDeltaPage(mayor, "events", done({ upserts: [meeting("a")] }));
        expect(await first.countItems(mayor, "events")).toBe(1);
      });
    });

    describe("delta pages", () => {
      it("a new item is reported as created and kept with its change key", async () => {
        const store = await instance();
        const result = await store.applyDeltaPage(mayor, "events", done({ upserts: [meeting("a")] }));
        expect(result).toEqual({ changes: [{ id: "a", change: "created" }], unchanged: 0 });
        expect(await store.getItem(mayor, "events", "a")).toEqual(meeting("a"));
        expect(await store.getItem(mayor, "messages", "a")).toBeNull();
      });

      it("a partial update changes only the properties it carries", async () => {
        const store = await instance();
        await store.applyDeltaPage(mayor, "messages", done({ upserts: [meeting("m", { isRead: false })] }));
        const result = await store.applyDeltaPage(
          mayor,
          "messages",
          done({ upserts: [{ id: "m", changeKey: "ck-2", data: { isRead: true } }] }),
        );
        expect(result.changes).toEqual([{ id: "m", change: "updated" }]);
        expect(await store.getItem(mayor, "messages", "m")).toEqual({
          id: "m",
          changeKey: "ck-2",
          data: { id: "m", subject: "Meeting m", showAs: "busy", isRead: true },
        });
      });

      it("an item delivered again with the same content is not a change, whatever its key order", async () => {
        const store = await instance();
        await store.applyDeltaPage(
          mayor,
          "events",
          done({ upserts: [meeting("a", { location: { a: 1, b: 2 } })] }),
        );
        const same = { id: "a", changeKey: "ck-a", data: { location: { b: 2, a: 1 }, showAs: "busy" } };
        const result = await store.applyDeltaPage(mayor, "events", done({ upserts: [same] }));
        expect(result).toEqual({ changes: [], unchanged: 1 });
      });

      it("a removal deletes the item and is reported only when the item was mirrored", async () => {
        const store = await instance();
        await store.applyDeltaPage(mayor, "events", done({ upserts: [meeting("a"), meeting("b")] }));
        const result = await store.applyDeltaPage(mayor, "events", done({ removals: ["a", "never-seen"] }));
        expect(result).toEqual({ changes: [{ id: "a", change: "removed" }], unchanged: 0 });
        expect((await store.listItems(mayor, "events")).map((i) => i.id)).toEqual(["b"]);
      });

      it("an item removed in the same page it appears in is not kept", async () => {
        const store = await instance();
        const result = await store.applyDeltaPage(
          mayor,
          "events",
          done({ upserts: [meeting("a"), meeting("b")], removals: ["a"] }),
        );
        expect(result.changes).toEqual([{ id: "b", change: "created" }]);
        expect(await store.countItems(mayor, "events")).toBe(1);
      });

      it("a mail whose text holds a NUL character is stored without it instead of blocking the sync", async () => {
        const store = await instance();
        await store.applyDeltaPage(
          mayor,
          "messages",
          done({ upserts: [meeting("m", { bodyPreview: "a\u0000b" })] }),
        );
        expect((await store.getItem(mayor, "messages", "m"))?.data.bodyPreview).toBe("ab");
      });

      it("mailboxes and streams are mirrored separately", async () => {
        const store = await instance();
        await store.applyDeltaPage(mayor, "events", done({ upserts: [meeting("a")] }));
        await store.applyDeltaPage(secretary, "events", done({ upserts: [meeting("a"), meeting("b")] }));
        await store.applyDeltaPage(mayor, "messages", done({ upserts: [meeting("x")] }));
        expect(await store.countItems(mayor, "events")).toBe(1);
        expect(await store.countItems(secretary, "events")).toBe(2);
        expect(await store.countItems(mayor, "messages")).toBe(1);
        expect(await store.getCursor(secretary, "messages")).toBeNull();
      });

      it("sent mail is a stream of its own, found by its conversation", async () => {
        const store = await instance();
        const sent = (id: string, conversationId?: string) => ({
          id,
          changeKey: `ck-${id}`,
          data: { id, ...(conversationId ? { conversationId } : {}) },
        });
        await store.applyDeltaPage(mayor, "messages", done({ upserts: [sent("in", "c1")] }));
        await store.applyDeltaPage(
          mayor,
          "sent",
          done({ upserts: [sent("s2", "c1"), sent("s1", "c1"), sent("s3", "c2"), sent("s4")] }),
        );
        expect(await store.countItems(mayor, "sent")).toBe(4);
        const found = await store.itemsInConversations(mayor, "sent", ["c1", "c9"]);
        expect(found.map((item) => item.id)).toEqual(["s1", "s2"]);
        expect(await store.itemsInConversations(mayor, "sent", [])).toEqual([]);
        expect((await store.itemsInConversations(secretary, "sent", ["c1"])).length).toBe(0);
      });

      it("the next link and the delta link are saved with the page, each clearing the other", async () => {
        const store = await instance();
        await store.applyDeltaPage(mayor, "events", page({ nextLink: "page-2" }));
        expect(await store.getCursor(mayor, "events")).toMatchObject({ nextLink: "page-2", deltaLink: null });
        await store.applyDeltaPage(mayor, "events", page({ deltaLink: "delta-A" }));
        expect(await store.getCursor(mayor, "events")).toMatchObject({
          nextLink: null,
          deltaLink: "delta-A",
          lastCompletedAt: clock.now().toISOString(),
        });
      });

      it("a page must say whether more pages follow or the round is complete", async () => {
        const store = await instance();
        await expect(store.applyDeltaPage(mayor, "events", page({}))).rejects.toThrow(/exactly one/);
        await expect(
          store.applyDeltaPage(mayor, "events", page({ nextLink: "n", deltaLink: "d" })),
        ).rejects.toThrow(/exactly one/);
      });

      it("starting a full resync bumps the generation, clears the links and keeps the window as given", async () => {
        const store = await instance();
        const window = { start: "2025-02-01T00:00:00.000+01:00", end: "2025-09-01T00:00:00.000+02:00" };
        expect(await store.beginFullSync(mayor, "events", window)).toEqual({
          nextLink: null,
          deltaLink: null,
          generation: 1,
          fullSync: true,
          windowStart: window.start,
          windowEnd: window.end,
          lastCompletedAt: null,
        });
        await store.applyDeltaPage(mayor, "events", done());
        const again = await store.beginFullSync(mayor, "events", window);
        expect(again).toMatchObject({ generation: 2, fullSync: true, deltaLink: null, nextLink: null });
        expect(await store.getCursor(mayor, "events")).toEqual(again);
      });

      it("a full resync removes what it did not see and reports unchanged items as unchanged", async () => {
        const store = await instance();
        const window = { start: null, end: null };
        await store.beginFullSync(mayor, "events", window);
        await store.applyDeltaPage(
          mayor,
          "events",
          done({ upserts: [meeting("a"), meeting("b"), meeting("c")] }),
        );

        await store.beginFullSync(mayor, "events", window);
        const first = await store.applyDeltaPage(mayor, "events", more({ upserts: [meeting("a")] }));
        expect(first).toEqual({ changes: [], unchanged: 1 });
        expect(await store.countItems(mayor, "events")).toBe(3);

        clock.advance(minute);
        const last = await store.applyDeltaPage(
          mayor,
          "events",
          done({ upserts: [meeting("b", { subject: "Moved" }), meeting("d")] }),
        );
        expect(last).toEqual({
          changes: [
            { id: "b", change: "updated" },
            { id: "d", change: "created" },
            { id: "c", change: "removed" },
          ],
          unchanged: 0,
        });
        expect((await store.listItems(mayor, "events")).map((i) => i.id)).toEqual(["a", "b", "d"]);
        expect(await store.getCursor(mayor, "events")).toMatchObject({
          fullSync: false,
          generation: 2,
          deltaLink: "delta-1",
          lastCompletedAt: clock.now().toISOString(),
        });
      });

      it("a full resync of an unchanged mailbox reports no change at all", async () => {
        const store = await instance();
        const items = Array.from({ length: 50 }, (_, i) => meeting(`e${i}`));
        await store.beginFullSync(mayor, "events", { start: null, end: null });
        await store.applyDeltaPage(mayor, "events", done({ upserts: items }));
        await store.beginFullSync(mayor, "events", { start: null, end: null });
        await store.applyDeltaPage(mayor, "events", more({ upserts: items.slice(0, 25) }));
        const result = await store.applyDeltaPage(mayor, "events", done({ upserts: items.slice(25) }));
        expect(result).toEqual({ changes: [], unchanged: 25 });
        expect(await store.countItems(mayor, "events")).toBe(50);
      });

      it("an incremental round after a full resync removes nothing it was not told to", async () => {
        const store = await instance();
        await store.beginFullSync(mayor, "events", { start: null, end: null });
        await store.applyDeltaPage(mayor, "events", done({ upserts: [meeting("a"), meeting("b")] }));
        const result = await store.applyDeltaPage(mayor, "events", done({ upserts: [meeting("c")] }));
        expect(result.changes).toEqual([{ id: "c", change: "created" }]);
        expect(await store.countItems(mayor, "events")).toBe(3);
      });

      it.each([
        ["saving the cursor", /UPDATE delta_cursors/],
        ["removing unseen items", /seen_generation < \$3/],
      ])("a failure while %s leaves neither the items nor the cursor changed", async (_step, pattern) => {
        const db = database.connect();
        const store = await instance({ executor: db });
        await store.beginFullSync(mayor, "events", { start: null, end: null });
        await store.applyDeltaPage(mayor, "events", done({ upserts: [meeting("a"), meeting("b")] }));
        await store.beginFullSync(mayor, "events", { start: null, end: null });
        const itemsBefore = await store.listItems(mayor, "events");
        const cursorBefore = await store.getCursor(mayor, "events");

        const crashing = sqlMirrorStore(failingOn(db, pattern), { clock });
        await expect(
          crashing.applyDeltaPage(
            mayor,
            "events",
            done({ upserts: [meeting("a", { subject: "Changed" }), meeting("c")], removals: ["b"] }),
          ),
        ).rejects.toThrow("connection lost");

        expect(await store.listItems(mayor, "events")).toEqual(itemsBefore);
        expect(await store.getCursor(mayor, "events")).toEqual(cursorBefore);
        const retried = await store.applyDeltaPage(
          mayor,
          "events",
          done({ upserts: [meeting("a", { subject: "Changed" }), meeting("c")], removals: ["b"] }),
        );
        expect(retried.changes).toEqual([
          { id: "a", change: "updated" },
          { id: "c", change: "created" },
          { id: "b", change: "removed" },
        ]);
      });

      it("pages applied at the same time by two instances are all kept", async () => {
        const [one, two] = [await instance(), await instance()];
        await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            (i % 2 ? one : two).applyDeltaPage(mayor, "events", more({ upserts: [meeting(`p${i}`)] })),
          ),
        );
        expect(await one.countItems(mayor, "events")).toBe(8);
      });
    });

    describe("reading events by time, by ids and in batches", () => {
      const at = (dateTime: string, timeZone = "UTC") => ({ dateTime, timeZone });
      const timed = (
        id: string,
        start: string,
        end: string,
        zone = "UTC",
        extra: Record<string, unknown> = {},
      ) => meeting(id, { start: at(start, zone), end: at(end, zone), ...extra });
      const ids = (items: { id: string }[]) => items.map((item) => item.id);
      /** The mayor's calendar holding `events`, as one last delta page brings them. */
      const calendarOf = (store: MirrorStore, events: ReturnType<typeof meeting>[]) =>
        store.applyDeltaPage(mayor, "events", done({ upserts: events }));
      const march = { from: "2026-03-02T00:00:00.000Z", to: "2026-03-03T00:00:00.000Z" };

      it("a range holds the events overlapping it, in order of start, and nothing touching only its edges", async () => {
        const store = await instance();
        await calendarOf(store, [
          timed("ends-at-from", "2026-03-01T23:00:00.0000000", "2026-03-02T00:00:00.0000000"),
          timed("starts-at-to", "2026-03-03T00:00:00.0000000", "2026-03-03T01:00:00.0000000"),
          timed("overnight", "2026-03-01T22:00:00.0000000", "2026-03-02T01:00:00.0000000"),
          timed("b-noon", "2026-03-02T12:00:00.0000000", "2026-03-02T13:00:00.0000000"),
          timed("a-noon", "2026-03-02T12:00:00.0000000", "2026-03-02T12:30:00.0000000"),
          timed("week-long", "2026-02-27T00:00:00.0000000", "2026-03-06T00:00:00.0000000"),
          timed("all-day", "2026-03-02T00:00:00.0000000", "2026-03-03T00:00:00.0000000", "UTC", {
            isAllDay: true,
          }),
          timed("instant", "2026-03-02T09:00:00.0000000", "2026-03-02T09:00:00.0000000"),
          // 00:30 in Copenhagen is 23:30 UTC the day before: outside the range.
          timed(
            "copenhagen",
            "2026-03-02T00:30:00.0000000",
            "2026-03-02T00:59:00.0000000",
            "Europe/Copenhagen",
          ),
          timed(
            "copenhagen-late",
            "2026-03-03T00:30:00.0000000",
            "2026-03-03T01:30:00.0000000",
            "Europe/Copenhagen",
          ),
          meeting("no-times"),
          meeting("bad-times", { start: at("not a time"), end: at("2026-03-02T10:00:00") }),
          meeting("year-zero", { start: at("0000-03-02T10:00:00"), end: at("2026-03-02T10:00:00") }),
        ]);
        await store.applyDeltaPage(
          secretary,
          "events",
          done({ upserts: [timed("b-noon", "2026-03-02T12:00:00", "2026-03-02T13:00:00")] }),
        );
        await store.applyDeltaPage(
          mayor,
          "messages",
          done({ upserts: [timed("mail", "2026-03-02T12:00:00", "2026-03-02T13:00:00")] }),
        );

        const found = await store.listEventsInRange(mayor, march);
        expect(ids(found)).toEqual([
          "week-long",
          "overnight",
          "all-day",
          "instant",
          "a-noon",
          "b-noon",
          "copenhagen-late",
        ]);
        expect(found[4]).toEqual(await store.getItem(mayor, "events", "a-noon"));
        // An event that lasts no time ends where it starts: it is in a range that holds its moment
        // strictly inside, not in one that begins at it.
        const around = { from: "2026-03-02T08:59:59.999Z", to: "2026-03-02T09:00:00.001Z" };
        expect(ids(await store.listEventsInRange(mayor, around))).toEqual([
          "week-long",
          "all-day",
          "instant",
        ]);
        const fromIt = { from: "2026-03-02T09:00:00Z", to: "2026-03-02T09:00:00.001Z" };
        expect(ids(await store.listEventsInRange(mayor, fromIt))).toEqual(["week-long", "all-day"]);
        // Bounds beyond the years a time can have are taken as the ends of time, not refused.
        const always = { from: "0000-01-01T00:00:00Z", to: "+275760-09-13T00:00:00.000Z" };
        expect(await store.listEventsInRange(mayor, always)).toHaveLength(10);
        await expect(store.listEventsInRange(mayor, { from: "soon", to: march.to })).rejects.toThrow(
          RangeError,
        );
      });

      it("an event moved by a partial update, or removed, moves with it", async () => {
        const store = await instance();
        await calendarOf(store, [
          timed("a", "2026-03-02T10:00:00", "2026-03-02T11:00:00"),
          timed("b", "2026-03-02T10:00:00", "2026-03-02T11:00:00"),
        ]);
        await store.applyDeltaPage(
          mayor,
          "events",
          done({
            upserts: [
              { id: "a", data: { start: at("2026-03-04T10:00:00"), end: at("2026-03-04T11:00:00") } },
            ],
            removals: ["b"],
          }),
        );
        expect(await store.listEventsInRange(mayor, march)).toEqual([]);
        const moved = await store.listEventsInRange(mayor, {
          from: "2026-03-04T00:00:00Z",
          to: "2026-03-05T00:00:00Z",
        });
        expect(moved).toEqual([
          {
            id: "a",
            changeKey: "ck-a",
            data: {
              id: "a",
              subject: "Meeting a",
              showAs: "busy",
              start: at("2026-03-04T10:00:00"),
              end: at("2026-03-04T11:00:00"),
            },
          },
        ]);
      });

      it("events mirrored before the times were kept get them when the schema is brought up to date", async () => {
        const db = database.connect();
        await migrate(
          db,
          migrations.filter((m) => m.version < 7),
        );
        // More rows than one backfill batch, in two mailboxes, plus a mail that has no times.
        await db.exec(`
          INSERT INTO mirror_items (mailbox, stream, id, data, content_hash, seen_generation, updated_at)
          SELECT CASE WHEN n % 2 = 0 THEN '${mayor}' ELSE '${secretary}' END, 'events', 'e' || lpad(n::text, 4, '0'),
            jsonb_build_object(
              'start', jsonb_build_object('dateTime', '2026-03-02T' || lpad((n % 24)::text, 2, '0') || ':00:00.0000000', 'timeZone', 'UTC'),
              'end', jsonb_build_object('dateTime', '2026-03-02T' || lpad((n % 24)::text, 2, '0') || ':30:00.0000000', 'timeZone', 'UTC')),
            'h', 1, now()
          FROM generate_series(1, 1203) AS n;
          INSERT INTO mirror_items (mailbox, stream, id, data, content_hash, seen_generation, updated_at)
          VALUES ('${mayor}', 'events', 'cph', '{"start":{"dateTime":"2026-03-02T00:30:00","timeZone":"Europe/Copenhagen"},"end":{"dateTime":"2026-03-02T02:00:00","timeZone":"Europe/Copenhagen"}}', 'h', 1, now()),
                 ('${mayor}', 'messages', 'mail', '{"start":{"dateTime":"2026-03-02T10:00:00","timeZone":"UTC"},"end":{"dateTime":"2026-03-02T11:00:00","timeZone":"UTC"}}', 'h', 1, now());
        `);
        const store = await instance({ executor: db });
        expect(await store.listEventsInRange(mayor, march)).toHaveLength(602);
        expect(await store.listEventsInRange(secretary, march)).toHaveLength(602);
        expect(
          ids(
            await store.listEventsInRange(mayor, {
              from: "2026-03-01T23:00:00Z",
              to: "2026-03-02T00:00:00Z",
            }),
          ),
        ).toEqual(["cph"]);
        // 22:00 UTC on the day: n = 22, 46, … 1198, the even ones (the mayor's).
        const late = await store.listEventsInRange(mayor, {
          from: "2026-03-02T22:00:00Z",
          to: "2026-03-02T23:00:00Z",
        });
        expect(late).toHaveLength(50);
        expect(late[0]?.id).toBe("e0022");
      });

      it("items asked for by id come in the order asked, once each, without the unknown ones", async () => {
        const store = await instance();
        await store.applyDeltaPage(
          mayor,
          "events",
          done({ upserts: [meeting("a"), meeting("b"), meeting("c")] }),
        );
        await store.applyDeltaPage(mayor, "messages", done({ upserts: [meeting("m")] }));
        const found = await store.getItems(mayor, "events", ["c", "nope", "a", "c", "m"]);
        expect(found).toEqual([meeting("c"), meeting("a")]);
        expect(await store.getItems(mayor, "events", [])).toEqual([]);
        expect(await store.getItems(secretary, "events", ["a"])).toEqual([]);
      });

      it("a scan yields every item of the stream once, in order of id, never reading more than a batch at a time", async () => {
        const db = database.connect();
        const largest: number[] = [];
        const counting: SqlExecutor = {
          ...db,
          query: async (text, params) => {
            const result = await db.query(text, params);
            if (/FROM mirror_items/.test(text)) largest.push(result.rows.length);
            return result as never;
          },
        };
        const writer = await instance({ executor: db });
        const items = Array.from({ length: 11 }, (_, i) => meeting(`i${String(i).padStart(2, "0")}`));
        await writer.applyDeltaPage(mayor, "messages", done({ upserts: [...items].reverse() }));
        await writer.applyDeltaPage(mayor, "events", done({ upserts: [meeting("event")] }));
        await writer.applyDeltaPage(secretary, "messages", done({ upserts: [meeting("other")] }));

        const reader = sqlMirrorStore(counting, { clock });
        const seen = [];
        for await (const item of reader.scanItems(mayor, "messages", { batchSize: 4 })) seen.push(item);
        expect(seen).toEqual(items);
        expect(largest.length).toBeGreaterThanOrEqual(3);
        expect(Math.max(...largest)).toBeLessThanOrEqual(4);

        const exact = [];
        for await (const item of reader.scanItems(mayor, "messages", { batchSize: 11 })) exact.push(item.id);
        expect(exact).toEqual(ids(items));
        const none = [];
        for await (const item of reader.scanItems(secretary, "events")) none.push(item);
        expect(none).toEqual([]);
      });
    });

    describe("jobs", () => {
      const deltaRound = { kind: "delta", key: `delta:${mayor}:events`, payload: { mailbox: mayor } };

      it("asking twice for work that is still waiting leaves one job, due at the earlier time", async () => {
        const store = await instance();
        await store.enqueueJob({ ...deltaRound, runAt: new Date(clock.now().getTime() + 5 * minute) });
        await store.enqueueJob({ ...deltaRound, payload: { mailbox: "other" } });
        await store.enqueueJob({ ...deltaRound, runAt: new Date(clock.now().getTime() + 9 * minute) });
        const leased = await store.leaseJobs("w1", 10, minute);
        expect(leased).toHaveLength(1);
        expect(leased[0]).toMatchObject({ kind: "delta", payload: { mailbox: mayor }, attempts: 1 });
        expect(leased[0]?.runAt).toBe(clock.now().toISOString());
      });

      it("work asked for while the same job runs gets a job of its own, so the change is not lost", async () => {
        const store = await instance();
        await store.enqueueJob(deltaRound);
        const [running] = await store.leaseJobs("w1", 10, minute);
        await store.enqueueJob(deltaRound);
        await store.enqueueJob(deltaRound);
        const next = await store.leaseJobs("w2", 10, minute);
        expect(next).toHaveLength(1);
        expect(next[0]?.id).not.toBe(running?.id);
      });

      it("a job is not handed out before its time", async () => {
        const store = await instance();
        await store.enqueueJob({ ...deltaRound, runAt: new Date(clock.now().getTime() + minute) });
        expect(await store.leaseJobs("w1", 10, minute)).toEqual([]);
        clock.advance(minute);
        expect(await store.leaseJobs("w1", 10, minute)).toHaveLength(1);
      });

      it("a worker can ask only for the kinds of job it does", async () => {
        const store = await instance();
        await store.enqueueJob(deltaRound);
        await store.enqueueJob({ kind: "renew-subscription", key: "renew:1" });
        const renewals = await store.leaseJobs("w1", 10, minute, ["renew-subscription"]);
        expect(renewals.map((j) => j.kind)).toEqual(["renew-subscription"]);
        expect((await store.leaseJobs("w1", 10, minute)).map((j) => j.kind)).toEqual(["delta"]);
      });

      it("two workers leasing at the same time never get the same job", async () => {
        const [one, two] = [await instance(), await instance()];
        for (let i = 0; i < 24; i++) await one.enqueueJob({ kind: "delta", key: `k${i}` });
        const handedOut: Job[] = [];
        const work = async (store: MirrorStore, worker: string) => {
          for (;;) {
            const jobs = await store.leaseJobs(worker, 3, minute);
            if (jobs.length === 0) return;
            handedOut.push(...jobs);
          }
        };
        await Promise.all([work(one, "w1"), work(two, "w2"), work(one, "w3"), work(two, "w4")]);
        expect(handedOut).toHaveLength(24);
        expect(new Set(handedOut.map((j) => j.id)).size).toBe(24);
      });

      it("a finished job is gone", async () => {
        const store = await instance();
        await store.enqueueJob(deltaRound);
        const [job] = await store.leaseJobs("w1", 1, minute);
        await store.finishJob(job!.id, "w1", { ok: true });
        clock.advance(10 * minute);
        expect(await store.leaseJobs("w1", 10, minute)).toEqual([]);
        expect(await store.listDeadJobs()).toEqual([]);
      });

      it("a job whose worker died is taken over once its lease expires", async () => {
        const store = await instance();
        await store.enqueueJob(deltaRound);
        const [job] = await store.leaseJobs("w1", 1, minute);
        clock.advance(minute - 1);
        expect(await store.leaseJobs("w2", 1, minute)).toEqual([]);
        clock.advance(2);
        const [takenOver] = await store.leaseJobs("w2", 1, minute);
        expect(takenOver).toMatchObject({ id: job?.id, attempts: 2 });
      });

      it("a job whose workers keep dying is dead-lettered instead of being run again", async () => {
        const store = await instance({ maxAttempts: 2 });
        await store.enqueueJob(deltaRound);
        await store.leaseJobs("w1", 1, minute);
        clock.advance(2 * minute);
        expect(await store.leaseJobs("w2", 1, minute)).toMatchObject([{ attempts: 2 }]);
        clock.advance(2 * minute);
        expect(await store.leaseJobs("w3", 1, minute)).toEqual([]);
        expect((await store.listDeadJobs()).map((j) => j.lastError)).toEqual([
          "abandoned after 2 attempts whose worker stopped without finishing",
        ]);
      });

      it("a worker whose lease was taken over cannot finish the job", async () => {
        const store = await instance();
        await store.enqueueJob(deltaRound);
        const [job] = await store.leaseJobs("w1", 1, minute);
        clock.advance(2 * minute);
        await store.leaseJobs("w2", 1, minute);
        await store.finishJob(job!.id, "w1", { ok: true });
        await store.finishJob(job!.id, "w1", { ok: false, error: "stale", retryable: false });
        expect(await store.listDeadJobs()).toEqual([]);
        clock.advance(2 * minute);
        expect(await store.leaseJobs("w3", 1, minute)).toMatchObject([{ id: job?.id, attempts: 3 }]);
      });

      it("a failed job is tried again after a growing backoff, with its error kept", async () => {
        const store = await instance();
        await store.enqueueJob(deltaRound);
        const [job] = await store.leaseJobs("w1", 1, minute);
        await store.finishJob(job!.id, "w1", { ok: false, error: "503 from Graph", retryable: true });

        // With jitter fixed at the middle, the first retry waits 750 ms and the second 1.5 s.
        clock.advance(749);
        expect(await store.leaseJobs("w1", 1, minute)).toEqual([]);
        clock.advance(1);
        const [second] = await store.leaseJobs("w1", 1, minute);
        expect(second).toMatchObject({ id: job?.id, attempts: 2, lastError: "503 from Graph" });

        await store.finishJob(job!.id, "w1", { ok: false, error: "429 from Graph", retryable: true });
        clock.advance(1_499);
        expect(await store.leaseJobs("w1", 1, minute)).toEqual([]);
        clock.advance(1);
        expect(await store.leaseJobs("w1", 1, minute)).toMatchObject([
          { attempts: 3, lastError: "429 from Graph" },
        ]);
      });

      it("a job that keeps failing is dead-lettered with the reason after its last attempt", async () => {
        const store = await instance({ maxAttempts: 3 });
        await store.enqueueJob(deltaRound);
        for (let attempt = 1; attempt <= 3; attempt++) {
          const [job] = await store.leaseJobs("w1", 1, minute);
          expect(job?.attempts).toBe(attempt);
          await store.finishJob(job!.id, "w1", { ok: false, error: "503 from Graph", retryable: true });
          clock.advance(10 * minute);
        }
        expect(await store.leaseJobs("w1", 1, minute)).toEqual([]);
        const dead = await store.listDeadJobs();
        expect(dead).toEqual([
          expect.objectContaining({
            kind: "delta",
            key: deltaRound.key,
            attempts: 3,
            lastError: "gave up after 3 attempts: 503 from Graph",
            deadAt: new Date(clock.now().getTime() - 10 * minute).toISOString(),
          }),
        ]);
      });

      it("a job that failed for a reason retrying cannot fix is dead-lettered at once", async () => {
        const store = await instance();
        await store.enqueueJob(deltaRound);
        const [job] = await store.leaseJobs("w1", 1, minute);
        await store.finishJob(job!.id, "w1", {
          ok: false,
          error: "403: mailbox not allowed",
          retryable: false,
        });
        expect((await store.listDeadJobs()).map((j) => j.lastError)).toEqual(["403: mailbox not allowed"]);
        clock.advance(10 * minute);
        expect(await store.leaseJobs("w1", 1, minute)).toEqual([]);
      });

      it("a dead job does not stop the same work being asked for again", async () => {
        const store = await instance();
        await store.enqueueJob(deltaRound);
        const [job] = await store.leaseJobs("w1", 1, minute);
        await store.finishJob(job!.id, "w1", { ok: false, error: "bad", retryable: false });
        await store.enqueueJob(deltaRound);
        expect(await store.leaseJobs("w1", 1, minute)).toMatchObject([{ key: deltaRound.key, attempts: 1 }]);
      });

      it("a failed job whose work was asked for again meanwhile folds into the waiting job", async () => {
        const store = await instance();
        await store.enqueueJob(deltaRound);
        const [job] = await store.leaseJobs("w1", 1, minute);
        await store.enqueueJob({ ...deltaRound, runAt: new Date(clock.now().getTime() + 5 * minute) });
        await store.finishJob(job!.id, "w1", { ok: false, error: "503", retryable: true });
        clock.advance(750);
        const retried = await store.leaseJobs("w1", 10, minute);
        expect(retried).toHaveLength(1);
        expect(retried[0]?.id).not.toBe(job?.id);
      });
    });

    describe("mailbox leases", () => {
      const mailboxes = ["a@odense.example", "b@odense.example", "c@odense.example", "d@odense.example"];

      it("two instances claiming at once end up with one owner per mailbox", async () => {
        const [one, two] = [await instance(), await instance()];
        const claims = await Promise.all(
          mailboxes.flatMap((m) => [
            one.acquireMailboxLease(m, "instance-1", minute).then((won) => ({ m, who: "instance-1", won })),
            two.acquireMailboxLease(m, "instance-2", minute).then((won) => ({ m, who: "instance-2", won })),
          ]),
        );
        const owners = await one.mailboxLeases();
        expect(owners.map((o) => o.mailbox)).toEqual(mailboxes);
        for (const lease of owners) {
          const winners = claims.filter((c) => c.m === lease.mailbox && c.won).map((c) => c.who);
          expect(winners).toEqual([lease.instance]);
        }
      });

      it("an instance keeps renewing its own lease and another cannot take it", async () => {
        const [one, two] = [await instance(), await instance()];
        expect(await one.acquireMailboxLease(mayor, "instance-1", minute)).toBe(true);
        clock.advance(minute / 2);
        expect(await one.acquireMailboxLease(mayor, "instance-1", minute)).toBe(true);
        clock.advance(minute / 2 + 1);
        expect(await two.acquireMailboxLease(mayor, "instance-2", minute)).toBe(false);
        expect(await two.mailboxLeases()).toEqual([
          {
            mailbox: mayor,
            instance: "instance-1",
            expiresAt: new Date(clock.now().getTime() + minute / 2 - 1).toISOString(),
          },
        ]);
      });

      it("the mailboxes of an instance that stopped renewing are taken over when the lease expires", async () => {
        const [one, two] = [await instance(), await instance()];
        await one.acquireMailboxLease(mayor, "instance-1", minute);
        await two.acquireMailboxLease(secretary, "instance-2", minute);
        clock.advance(minute / 2);
        await two.acquireMailboxLease(secretary, "instance-2", minute);
        clock.advance(minute / 2 + 1);
        expect(await two.acquireMailboxLease(mayor, "instance-2", minute)).toBe(true);
        expect(await one.acquireMailboxLease(mayor, "instance-1", minute)).toBe(false);
        expect((await one.mailboxLeases()).map((l) => l.instance)).toEqual(["instance-2", "instance-2"]);
      });

      it("a released mailbox can be taken at once, but only its holder can release it", async () => {
        const [one, two] = [await instance(), await instance()];
        await one.acquireMailboxLease(mayor, "instance-1", minute);
        await two.releaseMailboxLease(mayor, "instance-2");
        expect(await two.acquireMailboxLease(mayor, "instance-2", minute)).toBe(false);
        await one.releaseMailboxLease(mayor, "instance-1");
        expect(await two.acquireMailboxLease(mayor, "instance-2", minute)).toBe(true);
      });
    });

    describe("notifications", () => {
      it("a notification delivered to both instances is handled once", async () => {
        const [one, two] = [await instance(), await instance()];
        const firsts = await Promise.all([
          one.rememberNotification("sub-1:event-1:ck-1"),
          two.rememberNotification("sub-1:event-1:ck-1"),
          one.rememberNotification("sub-1:event-1:ck-1"),
        ]);
        expect(firsts.filter(Boolean)).toHaveLength(1);
        expect(await two.rememberNotification("sub-1:event-1:ck-2")).toBe(true);
      });

      it("notifications are remembered for a day", async () => {
        const store = await instance();
        await store.rememberNotification("n1");
        clock.advance(23 * 60 * minute);
        expect(await store.rememberNotification("n1")).toBe(false);
        clock.advance(25 * 60 * minute);
        expect(await store.rememberNotification("n1")).toBe(true);
      });
    });

    describe("subscriptions", () => {
      const subscription = {
        id: "sub-1",
        mailbox: mayor,
        kind: "events" as const,
        resource: `/users/${mayor}/events`,
        clientStateHash: "5e8ff9bf55ba3508199d22e984129be6",
        expiresAt: "2025-03-06T08:00:00.000Z",
      };

      it("a subscription is saved, renewed, listed per mailbox and deleted", async () => {
        const store = await instance();
        await store.saveSubscription(subscription);
        await store.saveSubscription({ ...subscription, id: "sub-2", mailbox: secretary });
        await store.saveSubscription({ ...subscription, expiresAt: "2025-03-09T08:00:00.000Z" });
        expect(await store.getSubscription("sub-1")).toEqual({
          ...subscription,
          expiresAt: "2025-03-09T08:00:00.000Z",
        });
        expect((await store.listSubscriptions(mayor)).map((s) => s.id)).toEqual(["sub-1"]);
        expect((await store.listSubscriptions()).map((s) => s.id)).toEqual(["sub-1", "sub-2"]);
        await store.deleteSubscription("sub-1");
        expect(await store.getSubscription("sub-1")).toBeNull();
      });
    });
  });
}
