import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { seedState } from "./seed";
import { IDS } from "./seed/directory";
import { restoreSnapshot, saveSnapshot } from "./snapshot";
import { newGraphId, SimState } from "./state";

describe("snapshots", () => {
  it("bring back mailboxes, subscriptions, faults, sequence and clock after a restart", async () => {
    const before = new SimState();
    seedState(before, { emptyCalendar: true });
    const eventId = newGraphId();
    before.touchEvent(IDS.mayor, { id: eventId, subject: "Byrådsmøde", _seq: 0 }, "created");
    before.deleteEvent(IDS.mayor, eventId);
    before.touchEvent(IDS.mayor, { id: newGraphId(), subject: "Direktion", _seq: 0 }, "created");
    before.subscriptions.set("s1", {
      id: "s1",
      resource: `users/${IDS.mayor}/events`,
      _appId: "app",
      _mailboxId: IDS.mayor,
      _kind: "events",
    });
    before.faults.latencyMs = 80;
    before.clock.advance(3_600_000);

    const file = path.join(mkdtempSync(path.join(tmpdir(), "sim-")), "demo.json");
    await saveSnapshot(before, file);

    const after = new SimState();
    restoreSnapshot(after, JSON.parse(readFileSync(file, "utf8")));
    const events = [...after.mailbox(IDS.mayor).events.values()];
    expect(events.map((e) => e.subject)).toEqual(["Direktion"]);
    expect(after.mailbox(IDS.mayor).tombstones.map((t) => t.id)).toEqual([eventId]);
    expect(after.subscriptions.get("s1")?._mailboxId).toBe(IDS.mayor);
    expect(after.faults.latencyMs).toBe(80);
    expect(after.currentSeq()).toBe(before.currentSeq());
    expect(Math.abs(after.clock.now().getTime() - before.clock.now().getTime())).toBeLessThan(2_000);
    expect(after.users.get(IDS.mayor)?.displayName).toBe(before.users.get(IDS.mayor)?.displayName);
  });
});
