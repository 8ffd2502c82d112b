import { describe, expect, it } from "vitest";
import { contentHash, mergeItem } from "./content";

describe("item content", () => {
  it("hashes equal content equally whatever the order of its properties", () => {
    const one = { subject: "Byrådsmøde", location: { displayName: "Rådhuset", address: { city: "Odense" } } };
    const other = {
      location: { address: { city: "Odense" }, displayName: "Rådhuset" },
      subject: "Byrådsmøde",
    };
    expect(contentHash(one)).toBe(contentHash(other));
  });

  it("hashes different content differently, including the order of list entries", () => {
    expect(contentHash({ subject: "A" })).not.toBe(contentHash({ subject: "B" }));
    expect(contentHash({ categories: ["a", "b"] })).not.toBe(contentHash({ categories: ["b", "a"] }));
  });

  it("a partial update replaces the properties it carries and keeps the others", () => {
    const stored = { subject: "Møde", isRead: false, body: { content: "x" } };
    expect(mergeItem(stored, { isRead: true, body: { contentType: "text" } })).toEqual({
      subject: "Møde",
      isRead: true,
      body: { contentType: "text" },
    });
  });

  it("drops the NUL character, which PostgreSQL cannot store in JSON", () => {
    expect(mergeItem(undefined, { bodyPreview: "a\u0000b", ["k\u0000"]: ["\u0000"] })).toEqual({
      bodyPreview: "ab",
      k: [""],
    });
  });
});
