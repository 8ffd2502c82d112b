import { decodePlan, emptyPlan, encodePlan, PLAN_PROPERTY, type MeetingPlan } from "@modeklar/shared";
import { afterEach, describe, expect, it } from "vitest";
import { outlookHost } from "../office";
import { mockOutlook, testMeeting } from "../office/outlook-mock";
import { ServiceProblem, type PlanService } from "./api";
import { PlanConflict, persistPlan, planOnMeeting } from "./persist";

function openMeeting(saved: Record<string, string> = {}) {
  const outlook = mockOutlook({ view: "organizer", meeting: testMeeting({ savedProperties: saved }) });
  globalThis.Office = outlook.office;
  return { outlook, item: outlookHost().currentMeeting()! };
}

afterEach(() => Reflect.deleteProperty(globalThis, "Office"));

const withCase = (plan: MeetingPlan, caseNumber: string): MeetingPlan => ({
  ...plan,
  journal: { state: "todo", caseNumber },
});
const now = new Date("2026-12-01T09:00:00Z");

describe("saving the plan", () => {
  it("stores the next revision compactly on the meeting when the service cannot be reached", async () => {
    const { outlook, item } = openMeeting();
    const saved = await persistPlan({
      meeting: item,
      service: null,
      plan: withCase(emptyPlan(), "00.01.00-A00-1-24"),
      baseRevision: 0,
      by: "Camilla",
      now,
    });
    expect(saved.revision).toBe(1);
    const stored = decodePlan(outlook.meeting.savedProperties[PLAN_PROPERTY] ?? "");
    expect(stored).toMatchObject({
      revision: 1,
      updatedBy: "Camilla",
      journal: { caseNumber: "00.01.00-A00-1-24" },
    });
    expect(await planOnMeeting(item)).toEqual(stored);
  });

  it("refuses to overwrite a newer plan someone else saved on the meeting", async () => {
    const theirs = { ...withCase(emptyPlan(), "00.01.00-A00-2-24"), revision: 4, updatedBy: "Jonas" };
    const { outlook, item } = openMeeting({ [PLAN_PROPERTY]: encodePlan(theirs) });
    const saving = persistPlan({
      meeting: item,
      service: null,
      plan: emptyPlan(),
      baseRevision: 3,
      by: "Camilla",
      now,
    });
    await expect(saving).rejects.toBeInstanceOf(PlanConflict);
    await expect(saving).rejects.toMatchObject({ by: "Jonas", theirs: { revision: 4 } });
    expect(decodePlan(outlook.meeting.savedProperties[PLAN_PROPERTY] ?? "").updatedBy).toBe("Jonas");
  });

  it("turns the service's 409 into a conflict with the other person's plan", async () => {
    const { item } = openMeeting();
    const theirs = { ...emptyPlan(), revision: 2, updatedBy: "Jonas" };
    const api = {
      savePlan: () =>
        Promise.reject(
          new ServiceProblem(409, "Jonas saved", "planConflict", {
            plan: theirs,
            revision: 2,
            updatedBy: "Jonas",
          }),
        ),
    } as unknown as PlanService;
    await expect(
      persistPlan({
        meeting: item,
        service: { api, meetingId: "g1" },
        plan: emptyPlan(),
        baseRevision: 1,
        by: "",
        now,
      }),
    ).rejects.toMatchObject({ name: "PlanConflict", by: "Jonas" });
  });

  it("saves in the service first, then puts what fits on the meeting", async () => {
    const { outlook, item } = openMeeting();
    const guests = Array.from({ length: 80 }, (_, i) => ({
      name: `Gæst nummer ${i + 1}`,
      organisation: "Fjordby Erhvervsråd",
    }));
    const full = { ...emptyPlan(), reception: { ...emptyPlan().reception, state: "todo" as const, guests } };
    const api = {
      savePlan: (_id: string, plan: MeetingPlan, base: number) =>
        Promise.resolve({ plan: { ...plan, revision: base + 1 }, encoded: "" }),
    } as unknown as PlanService;
    const saved = await persistPlan({
      meeting: item,
      service: { api, meetingId: "g1" },
      plan: full,
      baseRevision: 0,
      by: "",
      now,
    });
    expect(saved.reception.guests).toHaveLength(80);
    const raw = outlook.meeting.savedProperties[PLAN_PROPERTY] ?? "";
    expect(JSON.stringify({ [PLAN_PROPERTY]: raw }).length).toBeLessThanOrEqual(2500);
    const onMeeting = decodePlan(raw);
    expect(onMeeting.reception.guests.length + onMeeting.reception.moreGuestsInService).toBe(80);
  });
});
