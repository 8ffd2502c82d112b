import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limit";

describe("the API's limit per person", () => {
  it("lets a person make a minute's worth at once, then says when to try again", () => {
    let now = 0;
    const limiter = new RateLimiter(300, () => now);
    for (let i = 0; i < 300; i += 1) expect(limiter.take("camilla").allowed).toBe(true);
    expect(limiter.take("camilla")).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now += 200;
    expect(limiter.take("camilla").allowed).toBe(true);
  });

  it("counts each person on their own", () => {
    const limiter = new RateLimiter(2, () => 0);
    limiter.take("camilla");
    limiter.take("camilla");
    expect(limiter.take("camilla").allowed).toBe(false);
    expect(limiter.take("jonas").allowed).toBe(true);
  });

  it("is never reached by a secretary's busy day: a request every two seconds for eight hours", () => {
    let now = 0;
    const limiter = new RateLimiter(300, () => now);
    // Bursts of 40 (the week view and its follow-ups) every 20 seconds, all day.
    for (let minute = 0; minute < 8 * 60 * 3; minute += 1) {
      for (let i = 0; i < 40; i += 1) expect(limiter.take("camilla").allowed).toBe(true);
      now += 20_000;
    }
  });
});
