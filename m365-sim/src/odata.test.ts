import { describe, expect, it } from "vitest";
import { EVENT_SELECT } from "./calendar/wire";
import { MESSAGE_SELECT } from "./mail/query";
import { compareValues, GraphError, parseSelect } from "./odata";

function refusal(call: () => unknown): { status: number; code: string; message: string } {
  try {
    call();
  } catch (err) {
    if (err instanceof GraphError) return { status: err.status, code: err.code, message: err.message };
    throw err;
  }
  throw new Error("expected a GraphError");
}

describe("$select", () => {
  it("reads the names asked for, trimmed, in order", () => {
    expect(parseSelect(" subject , start", EVENT_SELECT)).toEqual(["subject", "start"]);
    expect(parseSelect("subject,from", MESSAGE_SELECT)).toEqual(["subject", "from"]);
  });

  it("is absent when the query has none", () => {
    expect(parseSelect(undefined, EVENT_SELECT)).toBeUndefined();
    expect(parseSelect(undefined, MESSAGE_SELECT)).toBeUndefined();
    expect(parseSelect(["subject"], EVENT_SELECT)).toBeUndefined();
  });

  it("answers Graph's 400 naming the type for a property the type does not have", () => {
    expect(refusal(() => parseSelect("subject,colour", EVENT_SELECT))).toEqual({
      status: 400,
      code: "RequestBroker--ParseUri",
      message: "Could not find a property named 'colour' on type 'microsoft.graph.event'.",
    });
    expect(refusal(() => parseSelect("colour", MESSAGE_SELECT))).toEqual({
      status: 400,
      code: "RequestBroker--ParseUri",
      message: "Could not find a property named 'colour' on type 'microsoft.graph.message'.",
    });
  });

  it("on events, takes a blank $select as none and refuses an empty name among others", () => {
    expect(parseSelect("  ", EVENT_SELECT)).toBeUndefined();
    expect(refusal(() => parseSelect("subject,,start", EVENT_SELECT)).message).toBe(
      "Could not find a property named '' on type 'microsoft.graph.event'.",
    );
  });

  it("on messages, leaves empty names out", () => {
    expect(parseSelect("subject,,from,", MESSAGE_SELECT)).toEqual(["subject", "from"]);
    expect(parseSelect("", MESSAGE_SELECT)).toEqual([]);
  });
});

describe("$filter comparisons", () => {
  it("orders strings and numbers as they are", () => {
    expect(compareValues("2026-03-03T09:00:00.0000000", "lt", "2026-03-03T10:00:00.0000000")).toBe(true);
    expect(compareValues("b", "ge", "a")).toBe(true);
    expect(compareValues(12, "le", 11)).toBe(false);
    expect(compareValues("Byråd", "ne", "Byråd")).toBe(false);
  });

  it("takes null as equal only to null and never ordered", () => {
    expect(compareValues(null, "eq", null)).toBe(true);
    expect(compareValues(null, "ne", 0)).toBe(true);
    expect(compareValues(null, "lt", 5)).toBe(false);
    expect(compareValues(5, "ge", null)).toBe(false);
  });
});
