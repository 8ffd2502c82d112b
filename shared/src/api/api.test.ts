import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrors } from "../i18n/validation";
import { defaultRuleSet } from "../priority/default-rules";
import { ProblemSchema } from "./common";
import { MeetingsQuerySchema, MeetingsResponseSchema } from "./meetings";
import { RuleSetSaveRequestSchema } from "./admin";
import {
  CateringOrderRequestSchema,
  CateringOrderResponseSchema,
  PlanSaveResponseSchema,
  ReceptionNoticeRequestSchema,
} from "./orders";

describe("the service API's bodies", () => {
  it("a catering order with a wrong EAN is refused naming the field", () => {
    const result = CateringOrderRequestSchema.safeParse({
      meetingId: "AAMk1",
      baseRevision: 2,
      order: { state: "ordered", items: ["coffeeTea"], costCentre: { kind: "ean", ean: "5798001234567" } },
    });
    expect(result.success).toBe(false);
    expect(fieldErrors(result.error!, "da")).toContainEqual({
      field: "order.costCentre.ean",
      message: "er ikke et gyldigt EAN-nummer (13 cifre med korrekt kontrolciffer)",
    });
  });

  it("a reception notice may carry guests the meeting itself could not hold", () => {
    const notice = ReceptionNoticeRequestSchema.parse({
      meetingId: "AAMk1",
      baseRevision: 0,
      reception: { state: "ordered", guests: [{ name: "Mette Friis" }], moreGuestsInService: 1 },
      moreGuests: [{ name: "Ole Berg", organisation: "KL" }],
    });
    expect(notice.moreGuests).toHaveLength(1);
  });

  it("a range must be given as instants", () => {
    expect(
      MeetingsQuerySchema.safeParse({ from: "2026-05-18T00:00:00Z", to: "2026-05-25T00:00:00Z" }).success,
    ).toBe(true);
    expect(MeetingsQuerySchema.safeParse({ from: "next week", to: "2026-05-25T00:00:00Z" }).success).toBe(
      false,
    );
  });

  it("the default rule set can be saved through the API", () => {
    expect(RuleSetSaveRequestSchema.safeParse({ ruleSet: defaultRuleSet(), baseVersion: 0 }).success).toBe(
      true,
    );
  });

  it("every schema can be described as JSON Schema for the OpenAPI document", () => {
    for (const schema of [
      CateringOrderRequestSchema,
      ReceptionNoticeRequestSchema,
      RuleSetSaveRequestSchema,
      ProblemSchema,
    ]) {
      expect(() => z.toJSONSchema(schema, { io: "input" })).not.toThrow();
    }
    for (const schema of [MeetingsResponseSchema, PlanSaveResponseSchema, CateringOrderResponseSchema]) {
      expect(() => z.toJSONSchema(schema, { unrepresentable: "any" })).not.toThrow();
    }
  });
});
