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
});
