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

  it("gives background work at most half the slots, so a mirror read never waits behind write-backs", async () => {
    const traffic = new MailboxTraffic();
    const mailbox = "borgmester@fjordby.dk";
    const writes = await Promise.all([1, 2].map(() => traffic.acquire(mailbox, { background: true })));
    let thirdWriteStarted = false;
    const thirdWrite = traffic.acquire(mailbox, { background: true }).then((release) => {
      thirdWriteStarted = true;
      return release;
    });
    const reads = await Promise.all([1, 2].map(() => traffic.acquire(mailbox)));
    await tick();
    expect(thirdWriteStarted).toBe(false);
    expect(traffic.inFlight(mailbox)).toBe(4);
    for (const release of reads) release();
    await tick();
    expect(thirdWriteStarted).toBe(false);
    writes[0]?.();
    (await thirdWrite)();
    expect(thirdWriteStarted).toBe(true);
    writes[1]?.();
    expect(traffic.inFlight(mailbox)).toBe(0);
  });

  it("holds every request of a mailbox back until its Retry-After has passed", async () => {
    const traffic = new MailboxTraffic();
    traffic.pause("Borgmester@fjordby.dk", 0.3);
    const started = Date.now();
    const release = await traffic.acquire("borgmester@fjordby.dk");
    expect(Date.now() - started).toBeGreaterThanOrEqual(295);
    release();
  });

  it("keeps part of the mailbox's budget free of background work, counting each part of a batch", async () => {
    const traffic = new MailboxTraffic(4, { requests: 10, windowMs: 300, backgroundShare: 0.5 });
    const mailbox = "borgmester@fjordby.dk";
    (await traffic.acquire(mailbox, { parts: 3, background: true }))();
    (await traffic.acquire(mailbox))();
    expect(traffic.used(mailbox)).toBe(4);

    const started = Date.now();
    let writeBackStarted = 0;
    const writeBack = traffic.acquire(mailbox, { parts: 2, background: true }).then((release) => {
      writeBackStarted = Date.now();
      return release;
    });
    await tick();
    expect(writeBackStarted).toBe(0);
    // The mirror's reads go on meanwhile, into the share kept for them.
    for (let i = 0; i < 5; i++) (await traffic.acquire(mailbox))();
    expect(traffic.used(mailbox)).toBe(9);
    (await writeBack)();
    expect(writeBackStarted - started).toBeGreaterThanOrEqual(295);
    // The first two requests have left the window; the write-back's two parts are counted.
    expect(traffic.used(mailbox)).toBeLessThanOrEqual(7);
    expect(traffic.used(mailbox)).toBeGreaterThanOrEqual(2);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    expect(retryAfterSeconds("7")).toBe(7);
    expect(retryAfterSeconds(null)).toBeNull();
    const inTwoSeconds = new Date(Date.now() + 2000).toUTCString();
    expect(retryAfterSeconds(inTwoSeconds)).toBeGreaterThan(0.5);
    expect(retryAfterSeconds("soon")).toBeNull();
  });
});
