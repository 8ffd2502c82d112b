import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { graphAs, MAYOR, SECRETARY, startSettledHarness, type Harness } from "../../test/reconcile/harness";
import { isMeetingRequest } from "./items";

let h: Harness;

beforeAll(async () => {
  h = await startSettledHarness();
});
afterAll(() => h.close());

const idOf = async (subject: string) => {
  const found = (await h.mirror.listItems(MAYOR, "events")).find((e) => e.data["subject"] === subject);
  if (!found) throw new Error(`no meeting “${subject}” in the mirror`);
  return found.id;
};

describe("a write-back that meets a 412", () => {
  it("is read again from Graph and written in the next round", async () => {
    const id = await idOf("Landsbyrådets årsmøde");
    const secretary = await graphAs(h.sim, SECRETARY);
    // A change the mirror sees (it becomes class 1), then one it has not seen when the service writes.
    await secretary("PATCH", `/users/${MAYOR}/events/${id}`, { subject: "Byrådsmøde i landsbyen" });
    await h.sync({ reconcile: false });
    await secretary("PATCH", `/users/${MAYOR}/events/${id}`, {
      body: { contentType: "text", content: "Husk kaffe" },
    });
    h.graphWrites();

    expect(await h.reconciler.reconcileItems({ events: [id] })).toMatchObject({
      writes: 1,
      conflicts: 1,
    });
    expect(h.graphWrites()).toBe(1);
    // The next round is about nothing in particular: the item is looked at once more, from a fresh read.
    expect(await h.reconciler.reconcileItems({ events: [] })).toMatchObject({
      items: 1,
      writes: 1,
      conflicts: 0,
    });
    const written = await secretary("GET", `/users/${MAYOR}/events/${id}`);
    expect(written).toMatchObject({ categories: ["Prioritet 1"], importance: "high" });
    expect((written["body"] as { content: string }).content).toContain("Husk kaffe");
    expect(await h.reconciler.reconcileItems({ events: [] })).toMatchObject({ items: 0 });
    // The write comes back through delta: nothing more on the meeting, its class on its meeting request.
    await h.sync();
    expect(h.graphWrites()).toBe(2);
    await h.sync();
    const requests = (await h.mirror.listItems(MAYOR, "messages")).filter(
      (m) => isMeetingRequest(m.data) && String(m.data["subject"]).includes("Landsbyrådet"),
    );
    expect(requests.length).toBeGreaterThan(0);
    for (const request of requests) expect(request.data["categories"]).toEqual(["Prioritet 1"]);
    expect(h.graphWrites()).toBe(0);
  });

  it("is retried once: a second 412 leaves it to its next change", async () => {
    const id = await idOf("Erhvervsrådets morgenmøde");
    const secretary = await graphAs(h.sim, SECRETARY);
    await secretary("PATCH", `/users/${MAYOR}/events/${id}`, { subject: "Byrådsmøde: erhvervsrådet" });
    await h.sync({ reconcile: false });
    const seen = await h.mirror.getItem(MAYOR, "events", id);
    await secretary("PATCH", `/users/${MAYOR}/events/${id}`, { location: { displayName: "Rådhuset" } });
    h.graphWrites();

    expect(await h.reconciler.reconcileItems({ events: [id] })).toMatchObject({ conflicts: 1 });
    // The fresh read is already out of date by the time the write goes.
    const getEvent = vi.spyOn(h.gateway, "getEvent").mockResolvedValueOnce({ ...seen?.data, id });
    expect(await h.reconciler.reconcileItems({ events: [] })).toMatchObject({ conflicts: 1 });
    getEvent.mockRestore();
    expect(await h.reconciler.reconcileItems({ events: [] })).toMatchObject({
      items: 0,
      writes: 0,
    });
    expect(h.graphWrites()).toBe(2);

    // Its next change brings it back, and it is written.
    await h.sync();
    const written = await secretary("GET", `/users/${MAYOR}/events/${id}`);
    expect(written["categories"]).toEqual(["Prioritet 1"]);
  });
});

describe("importance by class", () => {
  it("class 3 is written as low importance, on the meeting and on its meeting request", async () => {
    const id = await idOf("Indvielse af den nye skolegård");
    const event = await h.mirror.getItem(MAYOR, "events", id);
    expect(event?.data).toMatchObject({ categories: ["Prioritet 3"], importance: "low" });
    const requests = (await h.mirror.listItems(MAYOR, "messages")).filter(
      (m) => isMeetingRequest(m.data) && String(m.data["subject"]).includes("Indvielse af den nye skolegård"),
    );
    expect(requests.length).toBeGreaterThan(0);
    for (const request of requests) {
      expect(request.data).toMatchObject({ categories: ["Prioritet 3"], importance: "low" });
    }
  });
});

describe("reminders", () => {
  it("an invitation awaiting an answer flags its meeting request in the mailbox, due when the answer is", async () => {
    const report = await h.reconciler.reconcileAll();
    expect(report.reminders).toBeGreaterThan(0);
    const due = (await h.reconciler.deadlines()).filter((d) => d.kind === "invitationAnswer" && d.messageId);
    expect(due.length).toBeGreaterThan(0);
    const mayor = await graphAs(h.sim, MAYOR);
    for (const deadline of due) {
      const message = await mayor("GET", `/users/${MAYOR}/messages/${deadline.messageId}`);
      const flag = message["flag"] as {
        flagStatus: string;
        dueDateTime: { dateTime: string; timeZone: string };
      };
      expect(flag.flagStatus).toBe("flagged");
      const shown = DateTime.fromISO(flag.dueDateTime.dateTime, { zone: flag.dueDateTime.timeZone });
      // Outlook's flag keeps whole seconds.
      expect(shown.toUTC().toISO()).toBe(DateTime.fromISO(deadline.due).startOf("second").toUTC().toISO());
    }
    // Once per mail and due time: a second pass flags nothing again.
    expect((await h.reconciler.reconcileAll()).reminders).toBe(0);
  });
});
