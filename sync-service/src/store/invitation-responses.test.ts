import { describe, expect, it } from "vitest";
import { ManualClock } from "./clock";
import { sqlInvitationResponses } from "./invitation-responses";
import { openPglite } from "./pglite";
import { sqlMirrorStore } from "./sql-store";

async function ledger() {
  const db = await openPglite();
  await sqlMirrorStore(db).migrate();
  return { db, responses: sqlInvitationResponses(db, new ManualClock()) };
}

const answer = {
  idempotencyKey: "key-1",
  mailbox: "borgmester@fjordby.dk",
  eventId: "AAMk1",
  response: "accept",
  requestedBy: "oid-1",
};

describe("the ledger of answers sent on the mayor's behalf", () => {
  it("lets only the first request with a key send, and remembers that it was sent", async () => {
    const { db, responses } = await ledger();
    const claims = await Promise.all([
      responses.claim(answer),
      responses.claim(answer),
      responses.claim(answer),
    ]);
    expect(claims.filter((c) => c.claimed)).toHaveLength(1);
    await responses.markSent("key-1");
    expect(await responses.claim(answer)).toMatchObject({
      claimed: false,
      record: { state: "sent", eventId: "AAMk1" },
    });
    await db.close();
  });

  it("frees a key whose answer Outlook refused, but never one that was sent", async () => {
    const { db, responses } = await ledger();
    await responses.claim(answer);
    await responses.release("key-1");
    expect(await responses.claim(answer)).toMatchObject({ claimed: true });
    await responses.markSent("key-1");
    await responses.release("key-1");
    expect(await responses.claim(answer)).toMatchObject({ claimed: false });
    await db.close();
  });

  it("tells when each meeting was last answered, for the meetings asked about only", async () => {
    const { db, responses } = await ledger();
    const clock = new ManualClock(new Date("2026-12-07T08:00:00Z"));
    const timed = sqlInvitationResponses(db, clock);
    await timed.claim(answer);
    clock.advance(60_000);
    await timed.claim({ ...answer, idempotencyKey: "key-2", response: "decline" });
    await timed.claim({ ...answer, idempotencyKey: "key-3", eventId: "AAMk2" });
    await timed.claim({ ...answer, idempotencyKey: "key-4", eventId: "AAMk3", mailbox: "other@fjordby.dk" });
    expect(await responses.lastAnswered(answer.mailbox, ["AAMk1", "AAMk3", "AAMk4"])).toEqual(
      new Map([["AAMk1", "2026-12-07T08:01:00.000Z"]]),
    );
    expect(await responses.lastAnswered(answer.mailbox, [])).toEqual(new Map());
    await db.close();
  });
});
