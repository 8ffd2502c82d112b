import { describe, expect, it } from "vitest";
import { MeetingPlanSchema, emptyPlan, makeMeetingPlanSchema } from "./plan";
import { isStaleEdit, nextRevision, readiness } from "./readiness";
import { describeReadiness } from "./readiness-text";

describe("a meeting's plan", () => {
  it("a new plan has every step not needed and is ready", () => {
    const plan = emptyPlan();
    expect(plan.room.state).toBe("notNeeded");
    expect(readiness(plan)).toEqual({ done: 0, needed: 0, waiting: [], missing: [] });
  });

  it("readiness counts confirmed steps of the needed ones, and tells what waits for an answer from what is missing", () => {
    const plan = MeetingPlanSchema.parse({
      room: { state: "confirmed" },
      catering: { state: "ordered" },
      reception: { state: "todo" },
      journal: { state: "confirmed", caseNumber: "00.01.00-A00-1-24" },
    });
    expect(readiness(plan)).toEqual({ done: 2, needed: 4, waiting: ["catering"], missing: ["reception"] });
  });

  it("says what waits and what is missing in words a secretary reads at a glance", () => {
    const plan = MeetingPlanSchema.parse({
      room: { state: "ordered" },
      catering: { state: "ordered" },
      material: { state: "todo" },
      briefing: { state: "confirmed" },
    });
    expect(describeReadiness(readiness(plan), "da")).toEqual({
      summary: "1 af 4 klar",
      waiting: "Venter på svar: lokale og forplejning",
      missing: "Mangler: mødemateriale",
    });
    expect(describeReadiness(readiness(plan), "en")).toEqual({
      summary: "1 of 4 ready",
      waiting: "Waiting for an answer: room and catering",
      missing: "Missing: meeting material",
    });
    expect(describeReadiness(readiness(emptyPlan()), "da")).toEqual({
      summary: "Intet at forberede",
      waiting: null,
      missing: null,
    });
  });

  it("empty form fields mean not given", () => {
    const plan = MeetingPlanSchema.parse({
      room: { roomName: "  ", roomEmail: "" },
      reception: { guests: [{ name: " Anne Lund ", organisation: "", email: "" }] },
    });
    expect(plan.room.roomName).toBeUndefined();
    expect(plan.room.roomEmail).toBeUndefined();
    expect(plan.reception.guests).toEqual([{ name: "Anne Lund" }]);
  });

  it.each([
    [
      { catering: { costCentre: { kind: "ean", ean: "5798001234567" } } },
      "catering.costCentre.ean",
      "validation.ean",
    ],
    [{ journal: { caseNumber: "sag 12" } }, "journal.caseNumber", "validation.caseNumber"],
    [{ journal: { kle: "1.2.3" } }, "journal.kle", "validation.kle"],
    [{ catering: { serveAt: "25:00" } }, "catering.serveAt", "validation.localTime"],
    [{ reception: { guests: [{ name: "" }] } }, "reception.guests.0.name", "validation.required"],
    [{ material: { department: "not a mailbox" } }, "material.department", "validation.email"],
  ])("a bad value is refused naming its field (%#)", (input, path, message) => {
    const result = MeetingPlanSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toContainEqual([
      path,
      message,
    ]);
  });

  it("a valid EAN and account both serve as cost centre", () => {
    const ean = MeetingPlanSchema.parse({ catering: { costCentre: { kind: "ean", ean: "5798001234566" } } });
    const account = MeetingPlanSchema.parse({
      catering: { costCentre: { kind: "account", account: "1020-3040" } },
    });
    expect(ean.catering.costCentre).toEqual({ kind: "ean", ean: "5798001234566" });
    expect(account.catering.costCentre).toEqual({ kind: "account", account: "1020-3040" });
  });

  it("the case number format follows the municipality's setting", () => {
    const copenhagen = makeMeetingPlanSchema({ caseNumberPattern: "^\\d{4}-\\d{7}$" });
    expect(copenhagen.safeParse({ journal: { caseNumber: "2024-0123456" } }).success).toBe(true);
    expect(copenhagen.safeParse({ journal: { caseNumber: "00.01.00-A00-1-24" } }).success).toBe(false);
  });

  it("a save based on an older revision is detected as a conflict", () => {
    const stored = nextRevision(emptyPlan(), "sekretaer@fjordby.dk", "2026-03-02T09:00:00Z");
    expect(stored.revision).toBe(1);
    expect(stored.updatedBy).toBe("sekretaer@fjordby.dk");
    expect(isStaleEdit(stored, 0)).toBe(true);
    expect(isStaleEdit(stored, 1)).toBe(false);
  });
});
