import { describe, expect, it } from "vitest";
import { AnswerOutbox, type QueuedAnswer, type SendOutcome } from "./outbox";

const memory = () => {
  const values = new Map<string, string>();
  return {
    getItem: (k: string) => values.get(k) ?? null,
    setItem: (k: string, v: string) => void values.set(k, v),
  };
};

const answer = (id: string): QueuedAnswer => ({
  idempotencyKey: `key-${id}`,
  invitationId: id,
  subject: `Møde ${id}`,
  response: "accept",
});

describe("the phone's outbox of answers", () => {
  it("keeps an answer given offline and sends it with the same key when the connection is back", async () => {
    const storage = memory();
    const sent: string[] = [];
    let online = false;
    const send = async (a: QueuedAnswer): Promise<SendOutcome> => {
      if (!online) return { kind: "retry" };
      sent.push(a.idempotencyKey);
      return { kind: "sent" };
    };
    const outbox = new AnswerOutbox(storage, send);
    outbox.add(answer("a"));
    await outbox.flush();
    expect(outbox.pending()).toHaveLength(1);

    // The page was closed meanwhile: a new outbox over the same storage finds the answer.
    online = true;
    const reopened = new AnswerOutbox(storage, send);
    await reopened.flush();
    await reopened.flush();
    expect(sent).toEqual(["key-a"]);
    expect(reopened.pending()).toEqual([]);
  });

  it("sends two answers given at once one after the other, never the same one twice", async () => {
    const sent: string[] = [];
    const outbox = new AnswerOutbox(memory(), async (a) => {
      sent.push(a.invitationId);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { kind: "sent" };
    });
    outbox.add(answer("a"));
    outbox.add(answer("b"));
    await Promise.all([outbox.flush(), outbox.flush()]);
    expect(sent).toEqual(["a", "b"]);
  });

  it("drops an answer the service refused for good and says why", async () => {
    const reports: string[] = [];
    const outbox = new AnswerOutbox(
      memory(),
      async () => ({ kind: "refused", reason: "The meeting is no longer in the mayor's calendar." }),
      (a, outcome) => reports.push(`${a.invitationId}: ${outcome.kind}`),
    );
    outbox.add(answer("a"));
    await outbox.flush();
    expect(outbox.pending()).toEqual([]);
    expect(reports).toEqual(["a: refused"]);
  });

  it("keeps a sent answer's invitation off the list until the service's list no longer holds it", async () => {
    const outbox = new AnswerOutbox(memory(), async () => ({ kind: "sent" }));
    outbox.add(answer("a"));
    expect(outbox.answeredIds()).toEqual(new Set(["a"]));
    await outbox.flush();
    expect(outbox.pending()).toEqual([]);
    // The service's mirror has not seen the answer yet: its list still holds the invitation.
    outbox.settle(new Set(["a", "b"]));
    expect(outbox.answeredIds()).toEqual(new Set(["a"]));
    outbox.settle(new Set(["b"]));
    expect(outbox.answeredIds()).toEqual(new Set());
  });

  it("gives a refused answer's invitation back to be answered", async () => {
    const outbox = new AnswerOutbox(memory(), async () => ({ kind: "refused", reason: "Nej" }));
    outbox.add(answer("a"));
    await outbox.flush();
    expect(outbox.answeredIds()).toEqual(new Set());
  });

  it("tells the page each time the answers change", async () => {
    const outbox = new AnswerOutbox(memory(), async () => ({ kind: "sent" }));
    let changes = 0;
    const stop = outbox.subscribe(() => (changes += 1));
    const before = outbox.snapshot();
    outbox.add(answer("a"));
    await outbox.flush();
    stop();
    outbox.settle(new Set());
    expect(changes).toBe(3);
    expect(outbox.snapshot()).not.toBe(before);
  });
});
