import { reclassify, RuleSetSchema, type PriorityItem } from "@modeklar/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventAsPriorityItem, isMeetingRequest } from "./items";
import { graphAs, MAYOR, SECRETARY, startSettledHarness, type Harness } from "../../test/reconcile/harness";

let h: Harness;

beforeAll(async () => {
  h = await startSettledHarness();
});
afterAll(() => h.close());

/** The start of reconcile's today (Wednesday of the seeded week, see the harness), in ms. */
const todayStartOfHarness = async () => Date.parse(h.todayStart());

const eventsBySubject = async (subject: string) =>
  (await h.mirror.listItems(MAYOR, "events")).filter((e) => e.data["subject"] === subject);

describe("priorities of the seeded week", () => {
  it.each([
    ["Ministermøde om kommunernes økonomi", 1, "afsender fra et ministerium"],
    ["Formøde før byrådsmødet", 1, "byrådsmøde"],
    ["KL: Temamøde om folkeskolens økonomi", 2, "KL"],
    ["Regionalt vækstforum – dialogmøde", 2, "partner: Region Sjælland"],
    ["Erhvervsrådets morgenmøde", 2, "lokal partner: Fjordby Erhvervsråd"],
    ["Møde med DI om erhvervsklimaet", 2, "erhvervsorganisation: Dansk Industri"],
    ["Indvielse af den nye skolegård", 3, "standardprioritet, da ingen regel passer"],
    ["Landsbyrådets årsmøde", 3, "standardprioritet, da ingen regel passer"],
  ])("the invitation “%s” is class %i because of %s, written on the event", async (subject, cls, reason) => {
    const classified = (await h.reconciler.classifyAll()).find((c) => c.subject === subject);
    expect(classified?.classification).toMatchObject({ class: cls, reason });
    const [event] = await eventsBySubject(subject);
    expect(event?.data["categories"]).toContain(`Prioritet ${cls}`);
    expect(event?.data["importance"]).toBe({ 1: "high", 2: "normal", 3: "low" }[cls]);
  });

  it("every seeded invitation awaiting an answer is classified", async () => {
    const pending = (await h.mirror.listItems(MAYOR, "events")).filter(
      (e) =>
        (e.data["responseStatus"] as { response?: string }).response === "notResponded" &&
        e.data["type"] === "singleInstance",
    );
    // The landmark invitations are there whatever the day; the month's others only on days
    // someone would invite to (never a public holiday).
    expect(pending.map((e) => e.data["subject"])).toEqual(
      expect.arrayContaining([
        "Erhvervsrådets morgenmøde",
        "Formøde før byrådsmødet",
        "Indvielse af den nye skolegård",
        "KL: Temamøde om folkeskolens økonomi",
        "Landsbyrådets årsmøde",
        "Ministermøde om kommunernes økonomi",
        "Møde med DI om erhvervsklimaet",
        "Regionalt vækstforum – dialogmøde",
      ]),
    );
    for (const event of pending) {
      expect(event.data["categories"], String(event.data["subject"])).toEqual(
        expect.arrayContaining([expect.stringMatching(/^Prioritet [123]$/)]),
      );
    }
  });

  it("a meeting that is over is classified, but nothing is written on it", async () => {
    const todayStart = await todayStartOfHarness();
    const over = (await h.mirror.listItems(MAYOR, "events")).filter(
      (e) =>
        e.data["type"] === "singleInstance" &&
        Date.parse(`${(e.data["end"] as { dateTime: string }).dateTime}Z`) < todayStart,
    );
    expect(over.length).toBeGreaterThan(0);
    const classified = new Set((await h.reconciler.classifyAll()).map((c) => c.id));
    for (const meeting of over) {
      if (meeting.data["isCancelled"] !== true) expect(classified.has(meeting.id)).toBe(true);
      expect(meeting.data["categories"]).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/^Prioritet/)]),
      );
    }
  });

  it("a meeting request carries a priority category only while its meeting is ahead and unanswered", async () => {
    const todayStart = await todayStartOfHarness();
    const events = new Map((await h.mirror.listItems(MAYOR, "events")).map((e) => [e.id, e.data]));
    const links = await h.store.meetingRequestLinks(MAYOR);
    const requests = (await h.mirror.listItems(MAYOR, "messages")).filter((m) => isMeetingRequest(m.data));
    const verdicts = requests.map((request) => {
      const event = events.get(links.get(request.id) ?? "");
      const end = event ? Date.parse(`${(event["end"] as { dateTime: string }).dateTime}Z`) : 0;
      const pending =
        (event?.["responseStatus"] as { response?: string } | undefined)?.response === "notResponded";
      const written = ((request.data["categories"] as string[]) ?? []).some((c) => c.startsWith("Prioritet"));
      return { lookedAt: pending && end >= todayStart && event?.["isCancelled"] !== true, written };
    });
    expect(verdicts.some((v) => v.lookedAt)).toBe(true);
    for (const verdict of verdicts) expect(verdict.written).toBe(verdict.lookedAt);
  });

  it("the meeting request in the mayor's inbox carries the same category as its meeting", async () => {
    const requests = (await h.mirror.listItems(MAYOR, "messages")).filter(
      (m) => isMeetingRequest(m.data) && String(m.data["subject"]).includes("Ministermøde"),
    );
    expect(requests.length).toBeGreaterThan(0);
    for (const request of requests) {
      expect(request.data["categories"]).toContain("Prioritet 1");
      expect(request.data["importance"]).toBe("high");
    }
  });

  it("the priority categories exist in the mayor's master list with their colours", async () => {
    const graph = await graphAs(h.sim, MAYOR);
    const { value } = (await graph("GET", `/users/${MAYOR}/outlook/masterCategories`)) as {
      value: { displayName: string; color: string }[];
    };
    expect(value).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ displayName: "Prioritet 1", color: "preset0" }),
        expect.objectContaining({ displayName: "Prioritet 2", color: "preset1" }),
        expect.objectContaining({ displayName: "Prioritet 3", color: "preset3" }),
      ]),
    );
  });
});

describe("writing back", () => {
  it("running reconcile twice makes no Graph writes the second time", async () => {
    await h.reconciler.reconcileAll();
    await h.sync();
    h.graphWrites();
    await h.reconciler.reconcileAll();
    await h.sync();
    expect(h.graphWrites()).toBe(0);
  });

  it("a category the secretary sets by hand in Outlook is never overwritten and becomes a pin", async () => {
    const [event] = await eventsBySubject("Indvielse af den nye skolegård");
    const graph = await graphAs(h.sim, SECRETARY);
    await graph("PATCH", `/users/${MAYOR}/events/${event?.id}`, { categories: ["Prioritet 1"] });
    await h.sync();
    await h.reconciler.reconcileAll();
    await h.sync();
    const [after] = await eventsBySubject("Indvielse af den nye skolegård");
    expect(after?.data["categories"]).toEqual(["Prioritet 1"]);
    expect((await h.store.pins(MAYOR)).get(event?.id ?? "")).toMatchObject({ class: 1 });
    const classified = (await h.reconciler.classifyAll()).find((c) => c.id === event?.id);
    expect(classified?.classification).toMatchObject({
      class: 1,
      source: "pin",
      reason: "låst af sekretariatet",
    });
  });

  it("a rule edit re-classifies exactly the affected items, and only they are written", async () => {
    const { ruleSet } = await h.reconciler.currentRules();
    const edited = RuleSetSchema.parse({
      ...ruleSet,
      rules: [
        { id: "landsby", class: 1, reason: "landsbyråd", match: { subject: ["landsbyråd"] } },
        ...ruleSet.rules,
      ],
    });
    const items: PriorityItem[] = (await h.mirror.listItems(MAYOR, "events")).map((e) =>
      eventAsPriorityItem(e.id, e.data),
    );
    const changes = reclassify(items, ruleSet, edited);
    const [landsby] = await eventsBySubject("Landsbyrådets årsmøde");
    expect(changes.map((c) => c.itemId)).toEqual([landsby?.id]);

    const { version } = await h.reconciler.currentRules();
    expect(await h.reconciler.replaceRules(edited, "Camilla Nørgaard", version)).not.toBeNull();
    h.graphWrites();
    const report = await h.reconciler.reconcileAll({ reminders: false });
    // The event and its meeting request.
    expect(report.priorities.writes).toBe(2);
    expect(h.graphWrites()).toBe(2);
    await h.sync();
    const [after] = await eventsBySubject("Landsbyrådets årsmøde");
    expect(after?.data["categories"]).toEqual(["Prioritet 1"]);
  });
});
