import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { ZodError } from "zod";
import { GraphFailure, type MailboxGateway, type OutgoingMessage } from "../graph";
import { retryDelayMs } from "../store/backoff";
import { systemClock, type Clock } from "../store/clock";
import type { Decide, DecisionStores } from "../store";
import type { JournalChannel, JournalFiling } from "../journal/channel";
import type { NewOutboxMail, OutboxMail, OutboxStore } from "../store/outbox";

/** What an owed mail is, written from the data as it is at the moment it leaves. */
export type RenderedMail =
  | { send: "mail"; message: Omit<OutgoingMessage, "outboxId"> }
  | { send: "forward"; messageId: string; toRecipients: string[]; comment: string }
  /** A document filed in a case through the journal channel. */
  | { send: "journal"; caseNumber: string; filing: JournalFiling }
  /** The cause no longer owes a mail (what it was about is gone); the reason is kept on the row. */
  | { send: "nothing"; reason: string };

export type MailRenderer = (mail: OutboxMail) => Promise<RenderedMail>;

/** Queues a mail in the decision's transaction; `created` is false when its cause already owed one. */
export type Owe = (mail: NewOutboxMail) => Promise<{ created: boolean; mail: OutboxMail }>;

export interface OutboxOptions {
  store: OutboxStore;
  decide: Decide;
  gateway: MailboxGateway;
  render: MailRenderer;
  log: Logger;
  instanceId?: string;
  clock?: Clock;
  /**
   * How long after an attempt whose outcome is unknown Sent Items is trusted to show the mail
   * (Exchange files the copy once the mail is submitted, usually within seconds).
   */
  sentItemsSettleMs?: number;
  /** How long a worker holds a mail it is sending; a worker that dies lets it lapse. */
  leaseMs?: number;
  /** How often due mails (retries, mails another instance left) are looked for. */
  pollMs?: number;
  /** Attempts before a mail is given up and left as failed (its last error on the row). */
  maxAttempts?: number;
  /** Where journal filings go (the journal mailbox, or a case system's API). */
  journal?: JournalChannel;
  /** Told of every mail confirmed sent (the audit log's record of what was sent). */
  onSent?: (mail: OutboxMail) => Promise<void>;
}

export interface DeliveryReport {
  sent: string[];
  /** Left in the queue for a later attempt. */
  waiting: string[];
  failed: string[];
}

const BATCH = 10;

/**
 * Every mail a cause owes goes out exactly once, across crashes and instances. The decision
 * and its mails are written in one transaction (`decide`); a worker then leases each mail,
 * writes it from the current data (`render`: privacy is decided as it leaves), marks that an
 * attempt is about to leave and sends it with its stable id. A mail is done only when the
 * send is confirmed; one whose attempt may have left (a crash, a 5xx, a lost connection) is
 * looked for in the mailbox's Sent Items by that id before it is ever sent again.
 */
export class Outbox {
  private readonly instanceId: string;
  private readonly clock: Clock;
  private readonly settleMs: number;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private timer: NodeJS.Timeout | null = null;
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly options: OutboxOptions) {
    this.instanceId = options.instanceId ?? `outbox-${randomUUID()}`;
    this.clock = options.clock ?? systemClock;
    this.settleMs = options.sentItemsSettleMs ?? 60_000;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.maxAttempts = options.maxAttempts ?? 20;
  }

  /**
   * Runs a decision in one transaction with the mails it owes (`owe` queues one; a cause
   * already owed is not queued twice), then sends those mails. A mail that cannot go now stays
   * queued for the worker: the decision stands either way.
   */
  async decide<T>(work: (tx: DecisionStores, owe: Owe) => Promise<T>): Promise<T> {
    const owed: string[] = [];
    const value = await this.options.decide((tx) =>
      work(tx, async (mail) => {
        const queued = await tx.outbox.enqueue(mail);
        if (queued.mail.state === "pending") owed.push(queued.mail.id);
        return queued;
      }),
    );
    await this.deliver(owed).catch((err: unknown) =>
      this.options.log.warn({ err }, "owed mail could not be sent at once; the outbox worker will"),
    );
    return value;
  }

  /** The mail a cause owes (or owed), if one was queued. */
  owedFor(causeKey: string): Promise<OutboxMail | null> {
    return this.options.store.byCause(causeKey);
  }

  /** Tries these mails now (those another worker holds or that are not due are left alone). */
  deliver(ids: readonly string[]): Promise<DeliveryReport> {
    return this.track(async () => {
      const report: DeliveryReport = { sent: [], waiting: [], failed: [] };
      if (ids.length === 0) return report;
      const leased = await this.options.store.lease(this.instanceId, ids.length, this.leaseMs, ids);
      for (const mail of leased) report[await this.attempt(mail)].push(mail.id);
      return report;
    });
  }

  /** Sends what is due: retries, and mails a worker that died left behind. */
  runDue(): Promise<DeliveryReport> {
    return this.track(async () => {
      const report: DeliveryReport = { sent: [], waiting: [], failed: [] };
      for (;;) {
        const leased = await this.options.store.lease(this.instanceId, BATCH, this.leaseMs);
        for (const mail of leased) report[await this.attempt(mail)].push(mail.id);
        if (leased.length < BATCH) return report;
      }
    });
  }

  start(): void {
    const run = () => {
      this.runDue().catch((err: unknown) => this.options.log.error({ err }, "sending owed mail failed"));
    };
    run();
    this.timer = setInterval(run, this.options.pollMs ?? 5_000);
  }

  /** Stops looking for due mail and waits for the sends under way. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private track<T>(work: () => Promise<T>): Promise<T> {
    const run = work();
    this.running.add(run);
    void run.finally(() => this.running.delete(run)).catch(() => undefined);
    return run;
  }

  /** One attempt at a leased mail: sent, waiting for a later attempt, or failed for good. */
  private async attempt(mail: OutboxMail): Promise<keyof DeliveryReport> {
    const { store, log } = this.options;
    try {
      if (mail.sendingSince) {
        const lookFrom = Date.parse(mail.sendingSince) + this.settleMs;
        if (this.clock.now().getTime() < lookFrom)
          return await this.later(mail, new Date(lookFrom), mail.lastError ?? "", false);
        const copy = await this.findSent(mail);
        if (copy) {
          log.info({ mail: mail.id, kind: mail.kind }, "owed mail found in Sent Items: it had left");
          return await this.sent(mail, copy);
        }
      }
      const rendered = await this.options.render(mail);
      if (rendered.send === "nothing") {
        await store.markFailed(mail.id, this.instanceId, rendered.reason);
        log.info({ mail: mail.id, kind: mail.kind, reason: rendered.reason }, "owed mail no longer owed");
        return "failed";
      }
      if (!(await store.markSending(mail.id, this.instanceId))) return "waiting";
      if (rendered.send === "mail") {
        await this.options.gateway.sendMail(mail.mailbox, { ...rendered.message, outboxId: mail.id });
      } else if (rendered.send === "journal") {
        await this.journal().file(mail.mailbox, rendered.caseNumber, rendered.filing, mail.id);
      } else {
        await this.options.gateway.forwardMessage(
          mail.mailbox,
          rendered.messageId,
          rendered.toRecipients,
          rendered.comment,
          mail.id,
        );
      }
      return await this.sent(mail, null);
    } catch (err) {
      return this.failedAttempt(mail, err);
    }
  }

  private journal(): JournalChannel {
    if (!this.options.journal) throw new Error("no journal channel is configured");
    return this.options.journal;
  }

  /** Whether an attempt that may have left did: a journal filing is asked of its channel. */
  private findSent(mail: OutboxMail): Promise<string | null> {
    if (mail.kind === "journal") return this.journal().findFiled(mail.mailbox, mail.id);
    return this.options.gateway.findSent(mail.mailbox, mail.id);
  }

  private async sent(mail: OutboxMail, sentItemId: string | null): Promise<"sent"> {
    await this.options.store.markSent(mail.id, this.instanceId, sentItemId);
    this.options.log.info({ mail: mail.id, kind: mail.kind, mailbox: mail.mailbox }, "owed mail sent");
    await this.options
      .onSent?.(mail)
      .catch((err: unknown) =>
        this.options.log.error({ err, mail: mail.id }, "recording a sent mail failed"),
      );
    return "sent";
  }

  private async later(mail: OutboxMail, at: Date, error: string, leftNothing: boolean): Promise<"waiting"> {
    await this.options.store.retryLater(mail.id, this.instanceId, at, error, leftNothing);
    return "waiting";
  }

  /**
   * A 429 was refused before it ran: nothing left. A 4xx other than that is Graph refusing the
   * mail for good. Anything else (5xx, no answer, the store) may have left: the next attempt
   * looks in Sent Items first.
   */
  private async failedAttempt(mail: OutboxMail, err: unknown): Promise<keyof DeliveryReport> {
    const { store, log } = this.options;
    const error = err instanceof Error ? err.message : String(err);
    // Graph refused the mail, or its cause cannot be read: neither changes with another try.
    const refusedForGood = (err instanceof GraphFailure && !err.retryable) || err instanceof ZodError;
    if (refusedForGood || mail.attempts >= this.maxAttempts) {
      log.error({ err, mail: mail.id, kind: mail.kind, attempts: mail.attempts }, "owed mail given up");
      await store.markFailed(mail.id, this.instanceId, error).catch(() => undefined);
      return "failed";
    }
    log.warn({ err, mail: mail.id, kind: mail.kind, attempts: mail.attempts }, "owed mail waits for a retry");
    const at = new Date(this.clock.now().getTime() + retryDelayMs(mail.attempts));
    const leftNothing = err instanceof GraphFailure && err.status === 429;
    return this.later(mail, at, error, leftNothing).catch(() => "waiting" as const);
  }
}
