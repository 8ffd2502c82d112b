import { RuleSetSchema, TravelTableSchema } from "@modeklar/shared";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Reconciler } from "../../reconcile";
import type { Outbox } from "../../outbox/outbox";
import { ManualClock, sqlMirrorStore, sqlReconcileStore, type SqlExecutor } from "../../store";
import { openPglite } from "../../store/pglite";
import type { ReconcileStore } from "../../store/reconcile";
import type { MirrorStore } from "../../store/types";
import type { MailboxGateway } from "../../graph";
import { priorityOf } from "./calendar";
import type { TimedEvent } from "../../mirror/events";

const mayor = "borgmester@fjordby.dk";
let db: SqlExecutor;
let mirror: MirrorStore;
let store: ReconcileStore;
let reconciler: Reconciler;

beforeAll(async () => {
  db = await openPglite();
  const clock = new ManualClock("2026-03-02T07:00:00.000Z");
  mirror = sqlMirrorStore(db, { clock });
  await mirror.migrate();
  store = sqlReconcileStore(db, clock);
  // Only its reads are asked of here: nothing is written to Graph, no mail is owed.
  reconciler = new Reconciler({
    mirror,
    store,
    gateway: {} as MailboxGateway,
    outbox: {} as Outbox,
    mailbox: mayor,
    addinId: "addin",
    cateringMailbox: "kantine@fjordby.dk",
    receptionMailbox: "reception@fjordby.dk",
    log: pino({ level: "silent" }),
    now: () => new Date("2026-12-06T12:00:00.000Z"),
  });
});
afterAll(() => mirror.close());

const meeting = (id: string, data: Record<string, unknown>): TimedEvent => ({
  id,
  start: "2026-03-03T09:00:00.000Z",
  end: "2026-03-03T10:00:00.000Z",
  data: {
    subject: "Møde",
    start: { dateTime: "2026-03-03T09:00:00.0000000", timeZone: "UTC" },
    end: { dateTime: "2026-03-03T10:00:00.0000000", timeZone: "UTC" },
    ...data,
  },
});

describe("the pages classify as reconcile does", () => {
  it("with the rules in force, the travel table saved through the API and the pin on a series", async () => {
    const saved = TravelTableSchema.parse({ defaultMinutes: 45 });
    await reconciler.replaceTravel(saved, "Camilla", 0);
    await store.pin(mayor, "series-1", 1, "Camilla");
    const occurrence = meeting("occ-1", {
      type: "occurrence",
      seriesMasterId: "series-1",
      subject: "Kaffemøde",
    });
    // What it is about is in the body only: a body rule matches it there, as in the write-back.
    const council = meeting("e-2", {
      type: "singleInstance",
      subject: "Møde",
      bodyPreview: "",
      body: { contentType: "text", content: "Drøftelse af budgettet" },
    });
    const { ruleSet, version } = await reconciler.currentRules();
    await reconciler.replaceRules(
      RuleSetSchema.parse({
        ...ruleSet,
        rules: [
          { id: "budget", class: 2, reason: "budget", match: { body: ["budgettet"] } },
          ...ruleSet.rules,
        ],
      }),
      "Camilla",
      version,
    );
    const rules = await reconciler.calendarRules([occurrence, council]);
    expect(rules.travel).toEqual(saved);
    expect(rules.ruleSet.version).toBe((await reconciler.currentRules()).version);

    for (const event of [occurrence, council]) {
      await mirror.applyDeltaPage(mayor, "events", {
        upserts: [{ id: event.id, changeKey: "k", data: { ...event.data, id: event.id } }],
        removals: [],
        deltaLink: "link",
      });
    }
    const reconcile = new Map((await reconciler.classifyAll()).map((c) => [c.id, c.classification]));
    for (const event of [occurrence, council]) {
      expect(priorityOf(event, rules)).toEqual(reconcile.get(event.id));
    }
    expect(priorityOf(occurrence, rules)).toMatchObject({ class: 1, source: "pin" });
    expect(priorityOf(council, rules)).toMatchObject({ class: 2, reason: "budget" });
  });
});
