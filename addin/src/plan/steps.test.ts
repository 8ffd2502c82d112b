import { emptyPlan } from "@modeklar/shared";
import { describe, expect, it } from "vitest";
import {
  cateringErrors,
  cateringReady,
  guestErrors,
  journalErrors,
  materialErrors,
  roomAccepted,
  touched,
  withStepState,
} from "./steps";

describe("the plan's steps", () => {
  it("wants something to serve and a valid EAN before catering can be ordered", () => {
    const order = emptyPlan().catering;
    expect(cateringReady(order)).toBe(false);
    expect(cateringReady({ ...order, items: ["coffeeTea"] })).toBe(true);
    expect(cateringReady({ ...order, otherItems: "Kringle" })).toBe(true);
    const badEan = {
      ...order,
      items: ["water" as const],
      costCentre: { kind: "ean" as const, ean: "5798000416605" },
    };
    expect(cateringErrors(badEan)).toEqual({ "costCentre.ean": "validation.ean" });
    expect(cateringReady(badEan)).toBe(false);
  });

  it("needs a guest's name and a valid e-mail only when one is given", () => {
    expect(guestErrors({ name: "", organisation: "", email: "" })).toEqual({ name: "validation.required" });
    expect(guestErrors({ name: "Mette Lund", email: "mette@" })).toEqual({ email: "validation.email" });
    expect(guestErrors({ name: "Mette Lund", organisation: "Fjordby Havn", email: "" })).toEqual({});
  });

  it("checks the case number against the municipality's format and the KLE code", () => {
    const journal = { state: "todo" as const, caseNumber: "00.01.00-A00-1-24", kle: "00.01.00" };
    expect(journalErrors(journal)).toEqual({});
    expect(journalErrors({ ...journal, caseNumber: "2024-117" })).toEqual({
      caseNumber: "validation.caseNumber",
    });
    expect(journalErrors({ ...journal, caseNumber: "2024-117" }, "^\\d{4}-\\d+$")).toEqual({});
    expect(journalErrors({ ...journal, kle: "1.2.3" })).toEqual({ kle: "validation.kle" });
  });

  it("takes material orders only to a department's address", () => {
    expect(materialErrors({ ...emptyPlan().material, department: "teknik-miljoe" })).toEqual({
      department: "validation.email",
    });
  });

  it("makes a step to-do once something is filled in, and leaves ordered steps alone", () => {
    const plan = emptyPlan();
    expect(touched(plan.catering).state).toBe("todo");
    expect(touched({ ...plan.catering, state: "ordered" as const }).state).toBe("ordered");
    expect(withStepState(plan, "journal", "confirmed").journal.state).toBe("confirmed");
  });

  it("sees the room's acceptance among the meeting's attendees, by address in any case", () => {
    const attendees = [{ address: "Moedelokale-1@fjordby.dk", response: "accepted" }];
    expect(roomAccepted(attendees, "moedelokale-1@fjordby.dk")).toBe(true);
    expect(
      roomAccepted([{ address: "moedelokale-1@fjordby.dk", response: "none" }], "moedelokale-1@fjordby.dk"),
    ).toBe(false);
    expect(roomAccepted(attendees, undefined)).toBe(false);
  });
});
