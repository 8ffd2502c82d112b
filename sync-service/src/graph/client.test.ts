import { describe, expect, it } from "vitest";
import { retrySafely } from "./client";

const answer = (status: number) => new Response(null, { status });
const url = "https://graph.microsoft.com/v1.0/users/borgmester@fjordby.dk/events/AAMk1";

describe("which failed Graph requests are sent again", () => {
  it("repeats any throttled request: a 429 was refused before it ran", () => {
    expect(retrySafely(3, 1, url, { method: "POST" }, answer(429))).toBe(true);
  });

  it("repeats reads and deletes after a 503 or 504", () => {
    expect(retrySafely(3, 1, url, { method: "GET" }, answer(503))).toBe(true);
    expect(retrySafely(3, 1, url, { method: "DELETE" }, answer(504))).toBe(true);
  });

  it("does not repeat a POST that may already have run, such as sending mail", () => {
    expect(retrySafely(3, 1, url, { method: "POST" }, answer(503))).toBe(false);
  });

  it("repeats a PATCH only when If-Match guards it against applying twice", () => {
    expect(retrySafely(3, 1, url, { method: "PATCH", headers: { "If-Match": 'W/"abc"' } }, answer(503))).toBe(
      true,
    );
    expect(retrySafely(3, 1, url, { method: "PATCH" }, answer(503))).toBe(false);
  });
});
