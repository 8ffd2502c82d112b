import { describe, expect, it } from "vitest";
import { MailboxTraffic, retryAfterSeconds } from "./traffic";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("per-mailbox traffic", () => {
  it("lets at most four requests per mailbox be in flight, and other mailboxes pass", async () => {
    const traffic = new MailboxTraffic();
    const releases = await Promise.all([1, 2, 3, 4].map(() => traffic.acquire("borgmester@fjordby.dk")));
    let fifthStarted = false;
    const fifth = traffic.acquire("borgmester@fjordby.dk").then((release) => {
      fifthStarted = true;
      return release;
    });
    const other = await traffic.acquire("sekretaer@fjordby.dk");
    await tick();
    expect(fifthStarted).toBe(false);
    expect(traffic.inFlight("borgmester@fjordby.dk")).toBe(4);
    releases[0]?.();
    (await fifth)();
    expect(fifthStarted).toBe(true);
    other();
    for (const release of releases) release();
    expect(traffic.inFlight("borgmester@fjordby.dk")).toBe(0);
  });

  it("holds every request of a mailbox back until its Retry-After has passed", async () => {
    const traffic = new MailboxTraffic();
    traffic.pause("Borgmester@fjordby.dk", 0.3);
    const started = Date.now();
    const release = await traffic.acquire("borgmester@fjordby.dk");
    expect(Date.now() - started).toBeGreaterThanOrEqual(295);
    release();
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    expect(retryAfterSeconds("7")).toBe(7);
    expect(retryAfterSeconds(null)).toBeNull();
    const inTwoSeconds = new Date(Date.now() + 2000).toUTCString();
    expect(retryAfterSeconds(inTwoSeconds)).toBeGreaterThan(0.5);
    expect(retryAfterSeconds("soon")).toBeNull();
  });
});
