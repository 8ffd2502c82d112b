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

const PENDING_KEY = "modeklar.phone.outbox";
const SENT_KEY = "modeklar.phone.sent";

/**
 * The phone's outbox: answers are written here before they are sent and removed only
 * when the service has them, so a lost connection or a closed page never loses an answer,
 * and the same idempotency key on every attempt never sends it twice. A sent answer is
 * remembered until the service's list no longer holds its invitation, so the invitation
 * never comes back to be answered again meanwhile.
 */
export class AnswerOutbox {
  private flushing: Promise<void> | null = null;
  private readonly listeners = new Set<() => void>();
  private version = 0;

  constructor(
    private readonly storage: OutboxStorage,
    private readonly send: (answer: QueuedAnswer) => Promise<SendOutcome>,
    private readonly report: (answer: QueuedAnswer, outcome: SendOutcome) => void = () => undefined,
  ) {}

  /** Answers waiting to reach the service. */
  pending(): QueuedAnswer[] {
    return this.read(PENDING_KEY);
  }

  /** Answers the service has, whose invitations its last list still held. */
  sent(): QueuedAnswer[] {
    return this.read(SENT_KEY);
  }

  /** Invitations answered on this phone that the list must not offer again. */
  answeredIds(): Set<string> {
    return new Set([...this.pending(), ...this.sent()].map((answer) => answer.invitationId));
  }

  add(answer: QueuedAnswer): void {
    this.write(PENDING_KEY, [...this.without(this.pending(), answer), answer]);
  }

  /** The service's list as it is now: sent answers whose invitations it no longer holds are done. */
  settle(listed: ReadonlySet<string>): void {
    const sent = this.sent();
    const open = sent.filter((answer) => listed.has(answer.invitationId));
    if (open.length !== sent.length) this.write(SENT_KEY, open);
  }

  /** Sends what is waiting, one at a time; a second call while sending waits for the first. */
  flush(): Promise<void> {
    this.flushing ??= this.sendAll().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /** For React's useSyncExternalStore: called whenever the answers change. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Changes whenever the answers do. */
  snapshot = (): number => this.version;

  private async sendAll(): Promise<void> {
    for (const answer of this.pending()) {
      const outcome = await this.send(answer).catch((): SendOutcome => ({ kind: "retry" }));
      if (outcome.kind === "retry") {
        this.report(answer, outcome);
        return;
      }
      this.write(PENDING_KEY, this.without(this.pending(), answer));
      if (outcome.kind === "sent") this.write(SENT_KEY, [...this.without(this.sent(), answer), answer]);
      this.report(answer, outcome);
    }
  }

  private without(answers: QueuedAnswer[], answer: QueuedAnswer): QueuedAnswer[] {
    return answers.filter((a) => a.idempotencyKey !== answer.idempotencyKey);
  }

  private read(key: string): QueuedAnswer[] {
    try {
      const parsed: unknown = JSON.parse(this.storage.getItem(key) ?? "[]");
      return Array.isArray(parsed) ? (parsed as QueuedAnswer[]) : [];
    } catch {
      return [];
    }
  }

  private write(key: string, answers: QueuedAnswer[]): void {
    this.storage.setItem(key, JSON.stringify(answers));
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}
