import type { NextFunction, Request, Response } from "express";
import { Problem } from "./problem";

/**
 * Requests per person on the API: a bucket of `perMinute` requests that refills at that pace.
 * A secretary's busiest hour (the task pane, the week view, the day's orders) is a few hundred
 * requests; 300 a minute is never reached by a person, only by a loop or a stolen token.
 * Per instance: several instances each allow as many (the webhooks are not counted at all).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one request from the person's bucket; when it is empty, the seconds until one is back. */
  take(person: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const now = this.now();
    const perMs = this.perMinute / 60_000;
    const last = this.buckets.get(person) ?? { tokens: this.perMinute, at: now };
    const tokens = Math.min(this.perMinute, last.tokens + (now - last.at) * perMs);
    if (tokens < 1) {
      this.buckets.set(person, { tokens, at: now });
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
    }
    this.buckets.set(person, { tokens: tokens - 1, at: now });
    if (this.buckets.size > 10_000) this.forgetFull(now, perMs);
    return { allowed: true };
  }

  /** A full bucket holds nothing worth keeping. */
  private forgetFull(now: number, perMs: number): void {
    for (const [person, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * perMs >= this.perMinute) this.buckets.delete(person);
    }
  }

  /** Middleware after authentication: 429 with Retry-After once the person's bucket is empty. */
  middleware() {
    return (_req: Request, res: Response, next: NextFunction) => {
      const person = res.locals.principal?.oid ?? "";
      const taken = this.take(person);
      if (taken.allowed) return next();
      res.setHeader("retry-after", String(taken.retryAfterSeconds));
      next(
        new Problem(
          429,
          "Too many requests",
          `More than ${this.perMinute} requests a minute from one person. Try again in ${taken.retryAfterSeconds} s.`,
        ),
      );
    };
  }
}
