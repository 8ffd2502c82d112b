import type { InvitationAnswer } from "@modeklar/shared";

/** An answer the mayor gave, kept until the service has it. Its key makes a repeat harmless. */
export interface QueuedAnswer {
  idempotencyKey: string;
  invitationId: string;
  subject: string;
  response: InvitationAnswer["response"];
  comment?: string;
}

/** How one attempt went: sent (or already sent), try again later (offline, service down), or refused for good. */
export type SendOutcome = { kind: "sent" } | { kind: "retry" } | { kind: "refused"; reason: string };

export interface OutboxStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const STORAGE_KEY = "modeklar.phone.outbox";

/**
 * The phone's outbox: answers are written here before they are sent and removed only
 * when the service has them, so a lost connection or a closed page never loses an answer,
 * and the same idempotency key on every attempt never sends it twice.
 */
export class AnswerOutbox {
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly storage: OutboxStorage,
    private readonly send: (answer: QueuedAnswer) => Promise<SendOutcome>,
    private readonly report: (answer: QueuedAnswer, outcome: SendOutcome) => void = () => undefined,
  ) {}

  pending(): QueuedAnswer[] {
    try {
      const parsed: unknown = JSON.parse(this.storage.getItem(STORAGE_KEY) ?? "[]");
      return Array.isArray(parsed) ? (parsed as QueuedAnswer[]) : [];
    } catch {
      return [];
    }
  }

  private save(answers: QueuedAnswer[]): void {
    this.storage.setItem(STORAGE_KEY, JSON.stringify(answers));
  }

  add(answer: QueuedAnswer): void {
    this.save([...this.pending().filter((a) => a.idempotencyKey !== answer.idempotencyKey), answer]);
  }

  /** Sends what is waiting, one at a time; a second call while sending waits for the first. */
  flush(): Promise<void> {
    this.flushing ??= this.sendAll().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async sendAll(): Promise<void> {
    for (const answer of this.pending()) {
      const outcome = await this.send(answer).catch((): SendOutcome => ({ kind: "retry" }));
      if (outcome.kind === "retry") {
        this.report(answer, outcome);
        return;
      }
      this.save(this.pending().filter((a) => a.idempotencyKey !== answer.idempotencyKey));
      this.report(answer, outcome);
    }
  }
}
