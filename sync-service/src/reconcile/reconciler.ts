import { randomUUID } from "node:crypto";
import type { MeetingPlan } from "@modeklar/shared";
import { DateTime } from "luxon";
import type { Logger } from "pino";
import type { MailboxGateway } from "../graph";
import type { ReconcileStore } from "../store/reconcile";
import type { ItemChange, MirrorItem, MirrorStore, StreamKind } from "../store/types";
import { deadlineList, digestText, setReminderFlags, type DeadlineEntry } from "./deadlines";
import { FollowUps, type MeetingSnapshot, type NoticeReport } from "./follow-ups";
import { Inquiries, type InquiryReport } from "./inquiries";
import { Priorities, type PriorityReport } from "./priorities";
import { RuleBook } from "./rule-book";
import { SettingsBook } from "./settings";

export const DIGEST_JOB = "reconcile-digest";

export interface ReconcilerOptions {
  mirror: MirrorStore;
  store: ReconcileStore;
  gateway: MailboxGateway;
  /** The mayor's mailbox: the one reconciled. */
  mailbox: string;
  addinId: string;
  cateringMailbox: string;
  receptionMailbox: string;
  log: Logger;
  now?: () => Date;
  instanceId?: string;
  /** How often the digest is scheduled and due digests are looked for. */
  digestPollMs?: number;
}

export interface RoundReport {
  priorities: PriorityReport;
  notices: NoticeReport["sent"];
  inquiries: InquiryReport;
  reminders: number;
}

const emptyReport = (): RoundReport => ({
  priorities: { items: 0, writes: 0, conflicts: 0, handEdits: 0 },
  notices: [],
  inquiries: { registered: [], answered: [] },
  reminders: 0,
});

/**
 * Reconcile for the mayor's mailbox: priorities and their write-back, follow-up notices,
 * inquiries, the deadline list with reminder flags, and the morning digest. Told about
 * every change the sync engine commits; rounds run one at a time.
 */
export class Reconciler {
  readonly rules: RuleBook;
  readonly settings: SettingsBook;
  readonly priorities: Priorities;
  readonly followUps: FollowUps;
  readonly inquiries: Inquiries;
  private tail: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private readonly now: () => Date;
  private readonly instanceId: string;

  constructor(private readonly options: ReconcilerOptions) {
    const { mirror, store, gateway, log } = options;
    this.now = options.now ?? (() => new Date());
    this.instanceId = options.instanceId ?? `reconcile-${randomUUID()}`;
    this.rules = new RuleBook(store);
    this.settings = new SettingsBook(store);
    this.priorities = new Priorities({ mirror, store, gateway, rules: this.rules, log });
    this.followUps = new FollowUps({
      mirror,
      store,
      gateway,
      addinId: options.addinId,
      cateringMailbox: options.cateringMailbox,
      receptionMailbox: options.receptionMailbox,
      log,
    });
    this.inquiries = new Inquiries({ store, gateway, log });
  }

  get store(): ReconcileStore {
    return this.options.store;
  }

  get mailbox(): string {
    return this.options.mailbox;
  }

  /** One round at a time: a change arriving mid-round waits instead of racing it. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** The sync engine's change listener. */
  readonly onChanges = (batch: {
    mailbox: string;
    stream: StreamKind;
    changes: ItemChange[];
  }): Promise<RoundReport> => this.serial(() => this.changed(batch.mailbox, batch.stream, batch.changes));

  private async changed(mailbox: string, stream: StreamKind, changes: ItemChange[]): Promise<RoundReport> {
    const report = emptyReport();
    if (mailbox !== this.mailbox || changes.length === 0) return report;
    const live = changes.filter((c) => c.change !== "removed").map((c) => c.id);
    const settings = await this.settings.settings();
    if (stream === "events") {
      report.priorities = await this.priorities.reconcile(mailbox, { events: live, messages: [] });
      report.notices = (await this.followUps.onEventChanges(mailbox, changes, settings)).sent;
    } else {
      report.priorities = await this.priorities.reconcile(mailbox, { events: [], messages: live });
      const items = await Promise.all(live.map((id) => this.options.mirror.getItem(mailbox, "messages", id)));
      report.inquiries = await this.inquiries.onMessages(
        mailbox,
        items.filter((i): i is MirrorItem => i !== null),
        settings,
      );
    }
    return report;
  }

  /** A whole pass over the mirror: after a rule change, at start, and from the bench. */
  reconcileAll(options: { reminders?: boolean } = {}): Promise<RoundReport> {
    return this.serial(async () => {
      const report = emptyReport();
      const mailbox = this.mailbox;
      const settings = await this.settings.settings();
      report.priorities = await this.priorities.reconcile(mailbox);
      const messages = await this.options.mirror.listItems(mailbox, "messages");
      report.inquiries = await this.inquiries.onMessages(mailbox, messages, settings);
      if ((options.reminders ?? true) && settings.reminders) {
        const deadlines = await this.deadlines();
        report.reminders = await setReminderFlags(
          deadlines,
          new Map(messages.map((m) => [m.id, m])),
          this.options.store,
          this.options.gateway,
          this.now(),
          settings.calendar.timeZone,
        );
      }
      return report;
    });
  }

  async deadlines(): Promise<DeadlineEntry[]> {
    const { mirror, store } = this.options;
    const mailbox = this.mailbox;
    const [events, messages, snapshots, inquiries, links, settings] = await Promise.all([
      mirror.listItems(mailbox, "events"),
      mirror.listItems(mailbox, "messages"),
      store.meetingSnapshots(mailbox),
      store.listInquiries(),
      store.meetingRequestLinks(mailbox),
      this.settings.settings(),
    ]);
    const plans = new Map<string, MeetingPlan>();
    for (const [id, snapshot] of snapshots) {
      const plan = (snapshot as MeetingSnapshot).plan;
      if (plan) plans.set(id, plan);
    }
    return deadlineList({
      mailbox,
      events,
      messages,
      plans,
      inquiries: inquiries.filter((i) => i.mailbox === mailbox),
      links,
      settings,
      now: this.now(),
    });
  }

  private digestKey(date: string): string {
    return `digest:${this.mailbox}:${date}`;
  }

  /** Sends the digest of `date` (yyyy-MM-dd) unless some instance already did. */
  async sendDigest(date: string): Promise<boolean> {
    const settings = await this.settings.settings();
    const key = this.digestKey(date);
    if (!(await this.options.store.claimOnce(key, { to: settings.digest.to }))) return false;
    try {
      const deadlines = await this.deadlines();
      await this.options.gateway.sendMail(this.mailbox, {
        subject: `Dagens frister ${date}`,
        body: { contentType: "text", content: digestText(deadlines, settings.calendar.timeZone) },
        toRecipients: [settings.digest.to],
      });
      return true;
    } catch (err) {
      await this.options.store.releaseOnce(key);
      throw err;
    }
  }

  /** Puts the next digest in the store's job queue: one job per day, whichever instance asks. */
  async scheduleDigest(): Promise<void> {
    const settings = await this.settings.settings();
    if (!settings.digest.enabled) return;
    const zone = settings.calendar.timeZone;
    const [hour, minute] = settings.digest.at.split(":").map(Number);
    const now = DateTime.fromJSDate(this.now()).setZone(zone);
    let at = now.set({ hour: hour ?? 7, minute: minute ?? 30, second: 0, millisecond: 0 });
    if (at < now.minus({ hours: 1 })) at = at.plus({ days: 1 });
    const date = at.toISODate() as string;
    if ((await this.options.store.onceDone(this.digestKey(date))).length > 0) return;
    await this.options.mirror.enqueueJob({
      kind: DIGEST_JOB,
      key: `${DIGEST_JOB}:${this.mailbox}:${date}`,
      payload: { date },
      runAt: at.toJSDate(),
    });
  }

  /** Runs the digests that are due; true if one was sent by this instance. */
  async runDueDigests(): Promise<number> {
    const jobs = await this.options.mirror.leaseJobs(this.instanceId, 1, 120_000, [DIGEST_JOB]);
    let sent = 0;
    for (const job of jobs) {
      try {
        if (await this.sendDigest(String(job.payload["date"]))) sent += 1;
        await this.options.mirror.finishJob(job.id, this.instanceId, { ok: true });
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        await this.options.mirror.finishJob(job.id, this.instanceId, { ok: false, error, retryable: true });
      }
    }
    return sent;
  }

  start(): void {
    const tick = async () => {
      await this.scheduleDigest();
      await this.runDueDigests();
    };
    const run = () => {
      tick().catch((err: unknown) => this.options.log.error({ err }, "digest scheduling failed"));
    };
    run();
    this.timer = setInterval(run, this.options.digestPollMs ?? 60_000);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.tail;
  }
}
