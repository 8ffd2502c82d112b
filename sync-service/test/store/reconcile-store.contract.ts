import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/store/clock";
import { eachMigratedDatabase } from "./migrated-database.fixture";
import type { TestServer } from "./mirror-store.contract";
import { sqlReconcileStore, type NewInquiry, type ReconcileStore } from "../../src/store/reconcile";

const mayor = "borgmester@fjordby.dk";

const inquiry = (messageId: string, extra: Partial<NewInquiry> = {}): NewInquiry => ({
  mailbox: mayor,
  messageId,
  conversationId: `conv-${messageId}`,
  internetMessageId: null,
  fromAddress: "jens@example.com",
  fromName: "Jens Hansen",
  subject: "Hul i vejen på Strandvejen",
  receivedAt: "2026-03-02T08:00:00.000Z",
  dueAt: "2026-03-16T15:00:00.000Z",
  department: null,
  departmentSource: null,
  updatedBy: "service",
  ...extra,
});

/** The reconcile ledger's behaviour on every driver; run beside the mirror store's contract. */
export function reconcileStoreContract(name: string, startServer: () => Promise<TestServer>): void {
  describe(`the reconcile ledger on ${name}`, () => {
    let clock: ManualClock;
    let store: ReconcileStore;

    eachMigratedDatabase(startServer, (fresh) => {
      clock = new ManualClock("2026-03-02T07:00:00.000Z");
      store = sqlReconcileStore(fresh, clock);
    });

    it("each save of the rules is a new version that says who saved it and when", async () => {
      expect(await store.currentRules()).toBeNull();
      await store.saveRules({ rules: [] }, "service (first set-up)");
      clock.advance(60_000);
      const second = await store.saveRules({ rules: [{ id: "kl" }] }, "Camilla Nørgaard");
      expect(second).toMatchObject({
        version: 2,
        savedBy: "Camilla Nørgaard",
        savedAt: "2026-03-02T07:01:00.000Z",
      });
      expect(await store.currentRules()).toMatchObject({ version: 2, rules: { rules: [{ id: "kl" }] } });
      expect((await store.ruleHistory()).map((v) => v.version)).toEqual([2, 1]);
    });

    it("tells the newest rule version without reading the rules", async () => {
      expect(await store.rulesVersion()).toBeNull();
      await store.saveRules({ rules: [] }, "a");
      await store.saveRules({ rules: [] }, "b");
      expect(await store.rulesVersion()).toBe(2);
    });

    it("of two editors replacing the same version of the rules at once, one saves and the other is told", async () => {
      await store.saveRules({ rules: [] }, "first set-up");
      const [a, b] = await Promise.all([
        store.replaceRules({ a: 1 }, "Camilla", 1),
        store.replaceRules({ b: 1 }, "Mads", 1),
      ]);
      expect([a, b].filter((v) => v !== null).map((v) => v?.version)).toEqual([2]);
      expect(await store.replaceRules({ c: 1 }, "Jonas", 1)).toBeNull();
      expect(await store.replaceRules({ c: 1 }, "Jonas", 2)).toMatchObject({ version: 3, savedBy: "Jonas" });
    });

    it("two editors saving at the same moment get two versions, neither lost", async () => {
      const saved = await Promise.all([store.saveRules({ a: 1 }, "a"), store.saveRules({ b: 1 }, "b")]);
      expect(saved.map((v) => v.version).sort()).toEqual([1, 2]);
    });

    it("a pin is kept per item until it is lifted", async () => {
      await store.pin(mayor, "e1", 2, "Camilla");
      await store.pin(mayor, "e1", 1, "Camilla");
      expect((await store.pins(mayor)).get("e1")).toMatchObject({ class: 1, pinnedBy: "Camilla" });
      expect(await store.unpin(mayor, "e1")).toBe(true);
      expect(await store.unpin(mayor, "e1")).toBe(false);
      expect((await store.pins(mayor)).size).toBe(0);
    });

    it("remembers what it wrote on each item, per stream", async () => {
      const record = {
        mailbox: mayor,
        stream: "events" as const,
        itemId: "e1",
        class: 1,
        categories: ["Prioritet 1"],
        importance: "high",
        changeKey: "ck1",
        baseChangeKeys: ["ck0"],
      };
      await store.recordWritten([record]);
      await store.recordWritten([{ ...record, changeKey: "ck2" }]);
      expect((await store.written(mayor, "events")).get("e1")).toEqual({ ...record, changeKey: "ck2" });
      expect((await store.written(mayor, "messages")).size).toBe(0);
    });

    it("reads pins and what it wrote for the items asked about only", async () => {
      await store.pin(mayor, "e1", 1, "Camilla");
      await store.pin(mayor, "e2", 2, "Camilla");
      await store.pin("other@fjordby.dk", "e3", 3, "Camilla");
      const pins = await store.pinsOf(mayor, ["e2", "e3", "nope", "e2"]);
      expect([...pins.keys()]).toEqual(["e2"]);
      expect(pins.get("e2")).toMatchObject({ class: 2, pinnedBy: "Camilla" });
      expect((await store.pinsOf(mayor, [])).size).toBe(0);

      const record = (itemId: string, changeKey: string | null) => ({
        mailbox: mayor,
        stream: "events" as const,
        itemId,
        class: 2,
        categories: ["Prioritet 2"],
        importance: "normal",
        changeKey,
        baseChangeKeys: [],
      });
      // One statement for the lot; a later record of the same item wins.
      await store.recordWritten([record("a", "k1"), record("b", null), record("a", "k2")]);
      const written = await store.writtenOf(mayor, "events", ["a", "b", "c"]);
      expect(written.get("a")?.changeKey).toBe("k2");
      expect(written.get("b")).toEqual(record("b", null));
      expect(written.has("c")).toBe(false);
      expect((await store.writtenOf(mayor, "messages", ["a"])).size).toBe(0);
    });

    it("settings are saved whole and read back, each save one version on", async () => {
      expect(await store.putSetting("travel", { defaultMinutes: 30 }, "Camilla", 0)).toEqual({
        saved: true,
        version: 1,
      });
      expect(await store.putSetting("travel", { defaultMinutes: 20 }, "Mads", 1)).toEqual({
        saved: true,
        version: 2,
      });
      expect(await store.getSetting("travel")).toMatchObject({
        value: { defaultMinutes: 20 },
        savedBy: "Mads",
        version: 2,
      });
      expect(await store.getSetting("missing")).toBeNull();
    });

    it("a save based on a version someone has since replaced is refused and changes nothing", async () => {
      await store.putSetting("travel", { defaultMinutes: 30 }, "Camilla", 0);
      const [first, second] = await Promise.all([
        store.putSetting("travel", { defaultMinutes: 20 }, "Mads", 1),
        store.putSetting("travel", { defaultMinutes: 45 }, "Jonas", 1),
      ]);
      expect([first?.saved, second?.saved].filter(Boolean)).toHaveLength(1);
      expect(await store.putSetting("travel", { defaultMinutes: 10 }, "Camilla", 1)).toEqual({
        saved: false,
        version: 2,
      });
      expect(await store.putSetting("never-saved", {}, "Camilla", 3)).toEqual({ saved: false, version: 0 });
      expect(await store.putSetting("travel", {}, "Camilla", 0)).toEqual({ saved: false, version: 2 });
      expect((await store.getSetting("travel"))?.version).toBe(2);
    });

    it("a key is claimed once, even by two instances at once, and can be released after a failure", async () => {
      const claims = await Promise.all([store.claimOnce("notice:e1:abc"), store.claimOnce("notice:e1:abc")]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      await store.releaseOnce("notice:e1:abc");
      expect(await store.claimOnce("notice:e1:abc", { to: "kantine@fjordby.dk" })).toBe(true);
      expect(await store.onceDone("notice:")).toEqual([
        { key: "notice:e1:abc", detail: { to: "kantine@fjordby.dk" }, doneAt: "2026-03-02T07:00:00.000Z" },
      ]);
    });

    it("keeps the last seen shape of a meeting and the event of each meeting request", async () => {
      expect(await store.meetingSnapshot(mayor, "e1")).toBeNull();
      await store.saveMeetingSnapshot(mayor, "e1", { start: "a" });
      await store.saveMeetingSnapshot(mayor, "e1", { start: "b" });
      expect(await store.meetingSnapshot(mayor, "e1")).toEqual({ start: "b" });
      expect(await store.meetingSnapshots(mayor)).toEqual(new Map([["e1", { start: "b" }]]));
      await store.saveMeetingSnapshots(
        mayor,
        new Map<string, unknown>([
          ["e2", { start: "c" }],
          ["e1", { start: "d" }],
        ]),
      );
      expect(await store.meetingSnapshot(mayor, "e1")).toEqual({ start: "d" });
      expect(await store.meetingSnapshotsOf(mayor, ["e2", "e9"])).toEqual(new Map([["e2", { start: "c" }]]));
      await store.linkMeetingRequest(mayor, "m1", "e1");
      await store.linkMeetingRequest(mayor, "m2", null);
      expect(await store.meetingRequestLinks(mayor)).toEqual(
        new Map([
          ["m1", "e1"],
          ["m2", null],
        ]),
      );
      expect(await store.meetingRequestLinksOf(mayor, ["m2", "m3"])).toEqual(new Map([["m2", null]]));
      await store.linkMeetingRequest(mayor, "m0", "e1");
      expect(await store.meetingRequestsOfEvents(mayor, ["e1", "e2"])).toEqual(["m0", "m1"]);
    });

    it("an inquiry is registered once per message and moves through its statuses", async () => {
      const first = await store.registerInquiry(inquiry("msg1"));
      const again = await store.registerInquiry(inquiry("msg1"));
      expect(first.created).toBe(true);
      expect(again).toEqual({ created: false, inquiry: first.inquiry });
      expect(first.inquiry).toMatchObject({ status: "received", caseNumber: null, forwardedAt: null });

      clock.advance(3_600_000);
      const forwarded = await store.updateInquiry(
        first.inquiry.id,
        {
          status: "forwarded",
          department: "teknik-miljoe@fjordby.dk",
          departmentSource: "manual",
          forwardedAt: clock.now().toISOString(),
        },
        "Camilla",
      );
      expect(forwarded).toMatchObject({
        status: "forwarded",
        updatedBy: "Camilla",
        forwardedAt: "2026-03-02T08:00:00.000Z",
      });
      expect(await store.inquiriesInConversation(mayor, "conv-msg1")).toEqual([forwarded]);
      expect(await store.inquiriesFor(mayor, { messageIds: ["msg1"], conversationIds: [] })).toEqual([
        forwarded,
      ]);
      expect(
        await store.inquiriesFor(mayor, { messageIds: ["other"], conversationIds: ["conv-msg1", "conv-x"] }),
      ).toEqual([forwarded]);
      expect(await store.inquiriesFor(mayor, { messageIds: [], conversationIds: [] })).toEqual([]);
      expect(await store.updateInquiry("no-such-id", { status: "closed" }, "x")).toBeNull();

      await store.registerInquiry(inquiry("msg2", { dueAt: "2026-03-10T15:00:00.000Z" }));
      expect((await store.listInquiries()).map((i) => i.messageId)).toEqual(["msg2", "msg1"]);
      expect((await store.listInquiries({ status: "forwarded" })).map((i) => i.messageId)).toEqual(["msg1"]);
    });

    it("an inquiry is found by its mail's Internet message id and keeps who answered it with which reply", async () => {
      const { inquiry: registered } = await store.registerInquiry(
        inquiry("msg3", { internetMessageId: "<jens-3@example.com>" }),
      );
      expect(registered).toMatchObject({ internetMessageId: "<jens-3@example.com>", answeredBy: null });
      const found = await store.inquiriesFor(mayor, {
        messageIds: [],
        conversationIds: [],
        internetMessageIds: ["<jens-3@example.com>"],
      });
      expect(found.map((i) => i.id)).toEqual([registered.id]);
      const answered = await store.updateInquiry(
        registered.id,
        {
          status: "answered",
          answeredAt: "2026-03-03T10:00:00.000Z",
          answeredBy: "borgmester@fjordby.dk",
          answerMessageId: "sent-1",
          answerInternetMessageId: "<svar-1@fjordby.dk>",
        },
        "Mødeklar",
      );
      expect(answered).toMatchObject({
        status: "answered",
        answeredAt: "2026-03-03T10:00:00.000Z",
        answeredBy: "borgmester@fjordby.dk",
        answerMessageId: "sent-1",
        answerInternetMessageId: "<svar-1@fjordby.dk>",
      });
    });
  });
}
