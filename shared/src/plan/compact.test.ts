import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CUSTOM_PROPERTIES_LIMIT,
  PlanDecodeError,
  PlanTooLargeError,
  decodePlan,
  encodePlan,
  fitPlan,
  storedSize,
} from "./compact";
import { CATERING_ITEMS, DIETARY_NEEDS, EQUIPMENT, MeetingPlanSchema, STEP_STATES, emptyPlan } from "./plan";

const text = (max: number) =>
  fc.string({ unit: "grapheme", maxLength: max }).map((s) => s.replace(/\p{Cc}/gu, "").slice(0, max));
const email = fc
  .tuple(fc.stringMatching(/^[a-z0-9]{1,30}$/), fc.stringMatching(/^[a-z]{1,20}$/))
  .map(([local, domain]) => `${local}@${domain}.dk`);
const time = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);
const state = fc.constantFrom(...STEP_STATES);
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const planInput = fc.record({
  revision: fc.nat({ max: 100_000 }),
  updatedBy: opt(email),
  updatedAt: opt(
    fc
      .date({ min: new Date("2020-01-01"), max: new Date("2040-01-01"), noInvalidDate: true })
      .map((d) => d.toISOString()),
  ),
  room: fc.record({
    state,
    roomEmail: opt(email),
    roomName: opt(text(100)),
    seatsNeeded: opt(fc.integer({ min: 1, max: 999 })),
    equipment: fc.subarray([...EQUIPMENT]),
    stepFree: fc.boolean(),
  }),
  catering: fc.record({
    state,
    items: fc.subarray([...CATERING_ITEMS]),
    otherItems: opt(text(300)),
    count: opt(fc.integer({ min: 1, max: 999 })),
    dietary: fc.dictionary(fc.constantFrom(...DIETARY_NEEDS), fc.integer({ min: 1, max: 999 })),
    dietaryNote: opt(text(300)),
    serveAt: opt(time),
    costCentre: opt(
      fc.oneof(
        fc.constant({ kind: "ean" as const, ean: "5798001234566" }),
        fc.stringMatching(/^[A-Za-z0-9-]{1,40}$/).map((account) => ({ kind: "account" as const, account })),
      ),
    ),
    kitchenId: opt(fc.stringMatching(/^[a-z0-9-]{1,40}$/)),
  }),
  reception: fc.record({
    state,
    guests: fc.array(
      fc.record({
        name: text(100).filter((n) => n.trim() !== ""),
        organisation: opt(text(100)),
        email: opt(email),
      }),
      {
        maxLength: 60,
      },
    ),
    arrivalAt: opt(time),
    host: opt(text(254)),
    parking: fc.boolean(),
    badge: fc.boolean(),
  }),
  material: fc.record({
    state,
    what: opt(text(300)),
    department: opt(email),
    workingDaysBefore: fc.integer({ min: 0, max: 30 }),
  }),
  journal: fc.record({
    state,
    caseNumber: opt(fc.constant("00.01.00-A00-1-24")),
    kle: opt(fc.constant("85.02.00")),
  }),
  briefing: fc.record({ state, noteVersion: fc.nat({ max: 1_000_000 }) }),
});
const plans = planInput.map((input) => MeetingPlanSchema.parse(input));

describe("storing a plan on the meeting", () => {
  it("an empty plan takes only a few characters", () => {
    expect(encodePlan(emptyPlan())).toBe('{"v":1}');
  });

  it("a typical plan reads back exactly and stays small", () => {
    const plan = MeetingPlanSchema.parse({
      revision: 4,
      updatedBy: "sekretaer@fjordby.dk",
      room: {
        state: "confirmed",
        roomEmail: "byraadssal@fjordby.dk",
        roomName: "Byrådssalen",
        seatsNeeded: 12,
        equipment: ["display", "video"],
      },
      catering: {
        state: "ordered",
        items: ["coffeeTea", "water", "sandwiches"],
        count: 12,
        dietary: { vegetarian: 2, glutenFree: 1 },
        serveAt: "11:45",
        costCentre: { kind: "ean", ean: "5798001234566" },
        kitchenId: "raadhus",
      },
      reception: {
        state: "todo",
        guests: [
          { name: "Mette Friis", organisation: "Region Sjælland" },
          { name: "Ole Berg", email: "ob@kl.dk" },
        ],
        arrivalAt: "09:45",
        parking: true,
      },
      journal: { state: "confirmed", caseNumber: "00.01.00-A00-1-24", kle: "00.01.00" },
    });
    const encoded = encodePlan(plan);
    expect(decodePlan(encoded)).toEqual(plan);
    expect(storedSize(encoded)).toBeLessThan(600);
  });

  it("every plan that encodes reads back exactly, within Outlook's limit", () => {
    fc.assert(
      fc.property(plans, (plan) => {
        let encoded: string;
        try {
          encoded = encodePlan(plan);
        } catch (error) {
          expect(error).toBeInstanceOf(PlanTooLargeError);
          return;
        }
        expect(storedSize(encoded)).toBeLessThanOrEqual(CUSTOM_PROPERTIES_LIMIT);
        expect(decodePlan(encoded)).toEqual(plan);
      }),
      { numRuns: 300 },
    );
  });

  it("every plan fits after moving guests and long texts to the service, and nothing is lost", () => {
    fc.assert(
      fc.property(plans, (plan) => {
        const fitted = fitPlan(plan);
        expect(storedSize(fitted.encoded)).toBeLessThanOrEqual(CUSTOM_PROPERTIES_LIMIT);
        expect(decodePlan(fitted.encoded)).toEqual(fitted.plan);
        expect([...fitted.plan.reception.guests, ...fitted.offloaded.guests]).toEqual(plan.reception.guests);
        expect(fitted.plan.reception.moreGuestsInService).toBe(
          plan.reception.moreGuestsInService + fitted.offloaded.guests.length,
        );
        const texts = fitted.offloaded.texts;
        expect(fitted.plan.catering.otherItems ?? texts.cateringOtherItems).toBe(plan.catering.otherItems);
        expect(fitted.plan.material.what ?? texts.materialWhat).toBe(plan.material.what);
      }),
      { numRuns: 200 },
    );
  });

  it("a plan with too many guests is refused with the parts to keep elsewhere", () => {
    const guests = Array.from({ length: 80 }, (_, i) => ({
      name: `Gæst nummer ${i}`,
      organisation: "Region Sjælland",
    }));
    const plan = MeetingPlanSchema.parse({ reception: { state: "todo", guests } });
    expect(() => encodePlan(plan)).toThrow(PlanTooLargeError);
    try {
      encodePlan(plan);
    } catch (error) {
      expect((error as PlanTooLargeError).parts).toEqual(["guests"]);
    }
    const fitted = fitPlan(plan);
    expect(fitted.offloaded.guests.length).toBeGreaterThan(0);
    expect(fitted.plan.reception.guests.length + fitted.offloaded.guests.length).toBe(80);
  });

  it.each([
    ["not JSON", "{v:1"],
    ["an unknown version", '{"v":2}'],
    ["a step of the wrong shape", '{"v":1,"G":{"g":5}}'],
    ["an invalid value", '{"v":1,"C":{"t":"25:99"}}'],
    ["a list", "[1]"],
  ])("a stored plan that is %s is refused clearly", (_what, stored) => {
    expect(() => decodePlan(stored)).toThrow(PlanDecodeError);
  });
});
