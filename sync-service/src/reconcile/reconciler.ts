import { randomUUID } from "node:crypto";
import {
  DEFAULT_PRIVACY,
  type FirstPass,
  viewerFor,
  type Locale,
  type MeetingViewer,
  type PriorityClass,
  type PrivacySettings,
  type Reclassification,
  type RuleSet,
  type TravelTable,
} from "@modeklar/shared";
import { DateTime } from "luxon";
import type { Logger } from "pino";
import type { MailboxGateway } from "../graph";
import type {
  InquiryChange,
  InquiryRecord,
  InquiryStatus,
  PriorityPin,
  ReconcileStore,
  WrittenPriority,
} from "../store/reconcile";
import type { ItemChange, MirrorItem, MirrorStore, StreamKind } from "../store/types";
import type { Outbox } from "../outbox/outbox";
import { readDeadlineSources, type DeadlineJournal } from "./deadline-sources";
import { deadlineList, setReminderFlags, type DeadlineEntry } from "./deadlines";
import { MorningDigest } from "./digest";
import { FirstPassRecorder, firstPassProgress } from "./first-pass";
import { FollowUps, type NoticeReport } from "./follow-ups";
import { emptyInquiryReport, Inquiries, type InquiryReport } from "./inquiries";
import { Priorities, type ClassifiedItem, type PriorityReport } from "./priorities";
import { RuleBook, type StoredRules } from "./rule-book";
import { SettingsBook, type ReconcileSettings } from "./settings";

/** Rows a full pass reads at a time. */
const SCAN_BATCH = 500;

export interface ReconcilerOptions {
  mirror: MirrorStore;
  store: ReconcileStore;
  gateway: MailboxGateway;
  /** Where the notices and the digest are owed and sent from. */
  outbox: Outbox;
  /** The mayor's mailbox: the one reconciled. */
  mailbox: string;
  addinId: string;
  cateringMailbox: string;
  receptionMailbox: string;
  /** Who besides the mayor sees private meetings whole (PRIVATE_ITEMS_VISIBLE_TO); the default when not given. */
  privacy?: PrivacySettings;
  log: Logger;
  now?: () => Date;
  instanceId?: string;
  /** How often the digest is scheduled and due digests are looked for. */
  digestPollMs?: number;
  /** Journalising, when a journal is configured: what is not journalised in time is on the deadline list. */
  journal?: DeadlineJournal;
}

export interface RoundReport {
  priorities: PriorityReport;
  notices: NoticeReport["owed"];
  inquiries: InquiryReport;
  reminders: number;
}

/**
 * A meeting request as it is after the service's own category write, when the mirror still
 * shows the version written over: the flag then goes on with the written version's etag.
 */
function afterOwnWrite(message: MirrorItem, written: WrittenPriority | undefined): MirrorItem {
  if (!written?.changeKey || !message.changeKey || !written.baseChangeKeys.includes(message.changeKey))
    return message;
  return {
    ...message,
    changeKey: written.changeKey,
    data: { ...message.data, "@odata.etag": `W/"${written.changeKey}"`, changeKey: written.changeKey },
  };
}

/** What classifying meetings and the travel between them read: the rules in force, the pins that apply, the travel table. */
export interface CalendarRules {
  ruleSet: RuleSet;
  /** The pins of the meetings asked about and of their series. */
  pins: Map<string, PriorityClass>;
  travel: TravelTable;
}

/** A saved record and the version a writer must name to replace it (0 before the first save). */
export interface Versioned<T> {
  value: T;
  version: number;
}

/** A replacement's outcome: not saved when the version read was no longer the one stored. */
export interface Replaced {
  saved: boolean;
  version: number;
}

const emptyReport = (): RoundReport => ({
  priorities: { items: 0, lookedAt: 0, writes: 0, conflicts: 0, handEdits: 0 },
  notices: [],
  inquiries: emptyInquiryReport(),
  reminders: 0,
});

/**
 * Reconcile for the mayor's mailbox: priorities and their write-back, follow-up notices,
 * inquiries, the deadline list with reminder flags, and the morning digest. Told about
 * every change the sync engine commits; rounds run one at a time.
 */
export class Reconciler {
  private readonly ruleBook: RuleBook;
  private readonly settingsBook: SettingsBook;
  private readonly priorities: Priorities;
  private readonly followUps: FollowUps;
  private readonly inquiries: Inquiries;
  private tail: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private readonly now: () => Date;
  private readonly instanceId: string;
  /** Rounds of changes that failed; a catch-up covers those counted up to its start. */
  private failures = 0;
  private failuresCovered = 0;
  /** A catch-up pass asked for and not yet begun: a later ask joins it. */
  private queuedCatchUp: Promise<boolean> | null = null;
  private readonly clearing = new Set<Promise<void>>();
  private readonly firstPass: FirstPassRecorder;
  private readonly digest: MorningDigest;

  constructor(private readonly options: ReconcilerOptions) {
    const { mirror, store, gateway, outbox, log } = options;
    this.now = options.now ?? (() => new Date());
    this.instanceId = options.instanceId ?? `reconcile-${randomUUID()}`;
    this.ruleBook = new RuleBook(store);
    this.settingsBook = new SettingsBook(store);
    this.priorities = new Priorities({
      mirror,
      store,
      gateway,
      rules: this.ruleBook,
      log,
      todayStart: () => this.todayStart(),
    });
    this.followUps = new FollowUps({
      mirror,
      store,
      gateway,
      outbox,
      addinId: options.addinId,
      cateringMailbox: options.cateringMailbox,
      receptionMailbox: options.receptionMailbox,
      log,
    });
    this.inquiries = new Inquiries({ store, mirror, outbox });
    this.firstPass = new FirstPassRecorder({ store, mirror, mailbox: options.mailbox, now: this.now });
    this.digest = new MorningDigest({
      mailbox: options.mailbox,
      mirror,
      outbox,
      settings: () => this.settingsBook.settings(),
      deadlines: () => this.deadlines({ viewer: viewerFor("secretary", this.privacy), language: "da" }),
      now: this.now,
      instanceId: this.instanceId,
    });
  }

  /** The start of today in the municipality's time zone, as an ISO instant. */
  private async todayStart(): Promise<string> {
    const { calendar } = await this.settingsBook.settings();
    return DateTime.fromJSDate(this.now()).setZone(calendar.timeZone).startOf("day").toUTC().toISO() ?? "";
  }

  get privacy(): PrivacySettings {
    return this.options.privacy ?? DEFAULT_PRIVACY;
  }

  get mailbox(): string {
    return this.options.mailbox;
  }

  /** The priority rules in force (set up from shared's defaults on the first read). */
  currentRules(): Promise<StoredRules> {
    return this.ruleBook.current();
  }

  /** Saves the rules as the next version if `baseVersion` is still the newest; null when it is not. */
  replaceRules(ruleSet: RuleSet, savedBy: string, baseVersion: number): Promise<StoredRules | null> {
    return this.ruleBook.replace(ruleSet, savedBy, baseVersion);
  }

  /** A dry run: what `ruleSet` would re-classify of the mirror's meetings, with each meeting's data. */
  ruleChanges(
    ruleSet: RuleSet,
  ): Promise<{ changes: Reclassification[]; meetings: Map<string, Record<string, unknown>> }> {
    return this.priorities.ruleChanges(this.mailbox, ruleSet);
  }

  /** The class and reason of every meeting in the mirror, as the API shows them. */
  classifyAll(): Promise<ClassifiedItem[]> {
    return this.priorities.classifyAll(this.mailbox);
  }

  /** What classifying these meetings and the travel between them read, as reconcile reads it. */
  async calendarRules(
    events: readonly { id: string; data: Record<string, unknown> }[],
  ): Promise<CalendarRules> {
    const ids = events.flatMap((e) => {
      const master = e.data["seriesMasterId"];
      return typeof master === "string" ? [e.id, master] : [e.id];
    });
    const [rules, pins, travel] = await Promise.all([
      this.ruleBook.current(),
      this.options.store.pinsOf(this.mailbox, ids),
      this.settingsBook.travel(),
    ]);
    return {
      ruleSet: rules.ruleSet,
      pins: new Map([...pins].map(([id, pin]) => [id, pin.class])),
      travel,
    };
  }

  /** How far the first whole pass over the mailbox has come (the pages say their priorities may still change). */
  firstPassProgress(): Promise<FirstPass> {
    return firstPassProgress(this.options.store, this.options.mirror, this.mailbox);
  }

  /** The reconcile settings in force, defaults filled in where nothing was saved. */
  settings(): Promise<ReconcileSettings> {
    return this.settingsBook.settings();
  }

  /** The settings with the version a writer must name to replace them. */
  async settingsVersioned(): Promise<Versioned<ReconcileSettings>> {
    const [value, version] = await Promise.all([
      this.settingsBook.settings(),
      this.settingsBook.settingsVersion(),
    ]);
    return { value, version };
  }

  /** Replaces the settings if they are still at `baseVersion`. */
  replaceSettings(settings: ReconcileSettings, by: string, baseVersion: number): Promise<Replaced> {
    return this.settingsBook.saveSettings(settings, by, baseVersion);
  }

  /** The travel table with the version a writer must name to replace it. */
  async travelVersioned(): Promise<Versioned<TravelTable>> {
    const { table, version } = await this.settingsBook.travelVersioned();
    return { value: table, version };
  }

  /** Replaces the travel table if it is still at `baseVersion`. */
  replaceTravel(table: TravelTable, by: string, baseVersion: number): Promise<Replaced> {
    return this.settingsBook.saveTravel(table, by, baseVersion);
  }

  /** Every inquiry (of any mailbox), or those with this status; soonest due first. */
  listInquiries(filter: { status?: InquiryStatus } = {}): Promise<InquiryRecord[]> {
    return this.options.store.listInquiries(filter);
  }

  inquiry(id: string): Promise<InquiryRecord | null> {
    return this.options.store.getInquiry(id);
  }

  /** A person's change to an inquiry (department, case number, status); null when there is no such inquiry. */
  updateInquiry(id: string, change: InquiryChange, by: string): Promise<InquiryRecord | null> {
    return this.options.store.updateInquiry(id, change, by);
  }

  /** Forwards the inquiry's mail to the department and marks it forwarded, in one transaction. */
  forwardInquiry(...forward: Parameters<Inquiries["forward"]>): Promise<InquiryRecord> {
    return this.inquiries.forward(...forward);
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
  }): Promise<RoundReport> =>
    this.serial(() => this.changed(batch.mailbox, batch.stream, batch.changes)).catch((err: unknown) => {
      this.failures += 1;
      throw err;
    });

  /**
   * The sync engine's round watcher. Before a round of the mailbox commits anything, the store's
   * marker of owed work is set (a new generation, by this instance); once every change the round
   * committed has been reconciled, that generation is cleared. A marker of another instance (a
   * process stopped with a backlog, killed, or a previous owner of the mailbox), or a failed round
   * of changes here, means committed changes may never have been reconciled: a catch-up pass over
   * the whole mirror runs first, and the marker is cleared only after it. The write-back ledger
   * keeps the pass from writing what was already written.
   */
  readonly watchRound = async (
    mailbox: string,
    stream: StreamKind,
  ): Promise<(delivered: Promise<boolean>) => void> => {
    if (mailbox !== this.mailbox) return () => undefined;
    const failuresAtMark = this.failures;
    const mark = await this.options.store.markOwed(mailbox, stream, this.instanceId);
    const lost =
      (mark.previous !== null && mark.previous !== this.instanceId) || failuresAtMark > this.failuresCovered;
    const caughtUp = lost ? this.catchUp(mark.previous) : Promise.resolve(true);
    return (delivered) => {
      const clear = (async () => {
        const [handed, caught] = await Promise.all([delivered, caughtUp]);
        // A failure since the mark that no catch-up begun after it covers: leave the marker for the next round.
        if (!handed || !caught || (this.failures !== failuresAtMark && this.failuresCovered < this.failures))
          return;
        await this.options.store.clearOwed(mailbox, stream, mark.generation, this.instanceId);
        await this.firstPass.roundSettled();
      })()
        .catch((err: unknown) =>
          this.options.log.error({ err, mailbox, stream }, "clearing the reconcile marker failed"),
        )
        .finally(() => this.clearing.delete(clear));
      this.clearing.add(clear);
    };
  };

  /**
   * A whole pass for changes that may never have been reconciled; then the markers other
   * instances left on the mailbox (read before the pass) are cleared. True if it succeeded.
   */
  private catchUp(previous: string | null): Promise<boolean> {
    if (this.queuedCatchUp) return this.queuedCatchUp;
    const mailbox = this.mailbox;
    const log = this.options.log;
    const queued = this.serial(async () => {
      this.queuedCatchUp = null;
      const covered = this.failures;
      const left = (await this.options.store.owed(mailbox)).filter((m) => m.instance !== this.instanceId);
      log.warn(
        { mailbox, previous, failures: covered - this.failuresCovered },
        "changes may not have been reconciled; catching up with a whole pass",
      );
      const report = await this.pass({ reminders: false });
      report.notices = (await this.followUps.catchUp(mailbox, await this.settingsBook.settings())).owed;
      this.failuresCovered = covered;
      for (const m of left) await this.options.store.clearOwed(mailbox, m.stream, m.generation, m.instance);
      log.info(
        { mailbox, writes: report.priorities.writes, notices: report.notices.length },
        "reconcile caught up",
      );
      return true;
    }).catch((err: unknown) => {
      this.failures += 1;
      log.error({ err, mailbox }, "reconcile catch-up failed");
      return false;
    });
    this.queuedCatchUp = queued;
    return queued;
  }

  private async changed(mailbox: string, stream: StreamKind, changes: ItemChange[]): Promise<RoundReport> {
    const report = emptyReport();
    if (mailbox !== this.mailbox || changes.length === 0) return report;
    const live = changes.filter((c) => c.change !== "removed").map((c) => c.id);
    const settings = await this.settingsBook.settings();
    if (stream === "events") {
      // Read before this round's priorities update the ledger: a version the service wrote itself is
      // its category coming back, and needs no follow-up look.
      // A meeting's class goes on its meeting requests too.
      const [written, requests] = await Promise.all([
        this.options.store.writtenOf(mailbox, "events", live),
        this.options.store.meetingRequestsOfEvents(mailbox, live),
      ]);
      const ownVersions = new Map([...written].map(([id, w]) => [id, w.changeKey]));
      const items = await this.options.mirror.getItems(mailbox, "events", live);
      report.priorities = await this.priorities.reconcile(mailbox, {
        events: live,
        messages: requests,
        loaded: items,
      });
      report.notices = (
        await this.followUps.onEventChanges(mailbox, changes, settings, ownVersions, items)
      ).owed;
    } else if (stream === "messages") {
      report.priorities = await this.priorities.reconcile(mailbox, { events: [], messages: live });
      const items = await this.options.mirror.getItems(mailbox, "messages", live);
      report.inquiries = await this.inquiries.onMessages(mailbox, items, settings);
    } else {
      const items = await this.options.mirror.getItems(mailbox, "sent", live);
      report.inquiries = await this.inquiries.onSentMail(mailbox, items, settings);
    }
    if (stream !== "sent") await this.firstPass.reconciled(live.length, report.priorities);
    return report;
  }

  /**
   * Pins a meeting's class (the secretary's, or the weekly meeting's decision) and writes it on
   * the meeting and its meeting requests at once, in turn with the change rounds: a pin never
   * writes beside a round, nor takes the items a round's 412 left for the next one. A meeting of
   * a series pins the series: Outlook keeps one category for all its meetings, on the series, so
   * a pin on one occurrence alone was written there and then undone by the next round that
   * decided the series from its other meetings.
   */
  pin(eventId: string, priorityClass: PriorityClass, by: string): Promise<PriorityPin> {
    return this.serial(async () => {
      const pin = await this.options.store.pin(this.mailbox, await this.pinnedAs(eventId), priorityClass, by);
      await this.reconcileMeeting(eventId);
      return pin;
    });
  }

  /** Lifts a meeting's pin (its series' pin, for a meeting of a series) and lets the rules decide again, in turn with the change rounds; false if it had none. */
  unpin(eventId: string): Promise<boolean> {
    return this.serial(async () => {
      const series = await this.pinnedAs(eventId);
      // A pin an occurrence got before pins went on the series is lifted with it.
      const lifted = await Promise.all(
        [...new Set([eventId, series])].map((id) => this.options.store.unpin(this.mailbox, id)),
      );
      if (!lifted.includes(true)) return false;
      await this.reconcileMeeting(eventId);
      return true;
    });
  }

  /** Where a meeting's pin is kept: on its series for a meeting of a series, else on the meeting. */
  private async pinnedAs(eventId: string): Promise<string> {
    const event = await this.options.mirror.getItem(this.mailbox, "events", eventId);
    const master = event?.data["type"] === "occurrence" ? event.data["seriesMasterId"] : undefined;
    return typeof master === "string" && master ? master : eventId;
  }

  /**
   * Decides and writes the priorities of these items only, and of those a 412 left for the next
   * round, in turn with the change rounds.
   */
  reconcileItems(ids: { events?: string[]; messages?: string[] }): Promise<PriorityReport> {
    return this.serial(() => this.priorities.reconcile(this.mailbox, ids));
  }

  private async reconcileMeeting(eventId: string): Promise<void> {
    const requests = await this.options.store.meetingRequestsOfEvents(this.mailbox, [eventId]);
    await this.priorities.reconcile(this.mailbox, { events: [eventId], messages: requests });
  }

  /**
   * A whole pass over the mirror: after a rule change, at start, and from the bench. It scans
   * the mirror a batch at a time; only the deadline list's own items are held at once.
   */
  reconcileAll(options: { reminders?: boolean } = {}): Promise<RoundReport> {
    return this.serial(() => this.pass(options));
  }

  private async pass(options: { reminders?: boolean }): Promise<RoundReport> {
    {
      const report = emptyReport();
      const mailbox = this.mailbox;
      const settings = await this.settingsBook.settings();
      report.priorities = await this.priorities.reconcile(mailbox);
      report.inquiries = await this.inquiryPass(settings);
      if ((options.reminders ?? true) && settings.reminders) {
        const deadlines = await this.deadlines();
        const mailIds = deadlines.flatMap((d) => (d.messageId ? [d.messageId] : []));
        const [messages, written] = await Promise.all([
          this.options.mirror.getItems(mailbox, "messages", mailIds),
          this.options.store.writtenOf(mailbox, "messages", mailIds),
        ]);
        report.reminders = await setReminderFlags(
          deadlines,
          new Map(messages.map((m) => [m.id, afterOwnWrite(m, written.get(m.id))])),
          this.options.store,
          this.options.gateway,
          this.now(),
          settings.calendar.timeZone,
        );
      }
      return report;
    }
  }

  /**
   * Inquiries over every message, a batch at a time: first the inbox's mail from outside
   * (registering inquiries), then the organisation's own, then Sent Items (answering and
   * forwarding them), so an answer never comes before its inquiry whichever batch either is in.
   */
  private async inquiryPass(settings: ReconcileSettings): Promise<InquiryReport> {
    const report = emptyInquiryReport();
    const steps: { stream: "messages" | "sent"; internal: boolean }[] = [
      { stream: "messages", internal: false },
      { stream: "messages", internal: true },
      { stream: "sent", internal: true },
    ];
    for (const { stream, internal } of steps) {
      let batch: MirrorItem[] = [];
      const flush = async () => {
        const done =
          stream === "sent"
            ? await this.inquiries.onSentMail(this.mailbox, batch, settings)
            : await this.inquiries.onMessages(this.mailbox, batch, settings);
        report.registered.push(...done.registered);
        report.answered.push(...done.answered);
        report.forwarded.push(...done.forwarded);
        batch = [];
      };
      for await (const message of this.options.mirror.scanItems(this.mailbox, stream, {
        batchSize: SCAN_BATCH,
      })) {
        if (stream === "messages" && this.inquiries.isFromInside(message, settings) !== internal) continue;
        batch.push(message);
        if (batch.length >= SCAN_BATCH) await flush();
      }
      if (batch.length > 0) await flush();
    }
    return report;
  }

  /**
   * The deadline list: meetings still ahead (a range of the mirror), flagged mail, open inquiries,
   * and with a journal what is not journalised in time (inquiries, meetings held).
   * As the mayor's own mailbox has it (for its reminder flags), or as `shownTo` may read it.
   */
  async deadlines(shownTo?: { viewer: MeetingViewer; language: Locale }): Promise<DeadlineEntry[]> {
    const sources = await readDeadlineSources({
      mirror: this.options.mirror,
      store: this.options.store,
      mailbox: this.mailbox,
      now: this.now(),
      settings: () => this.settingsBook.settings(),
      ...(this.options.journal ? { journal: this.options.journal } : {}),
    });
    return deadlineList({ ...sources, ...(shownTo ? { shownTo } : {}) });
  }

  /**
   * Owes the digest of `date` (yyyy-MM-dd) unless some instance already did, and sends it; true
   * if this call owed it. Its text is written from the deadlines as they are when it leaves.
   */
  sendDigest(date: string): Promise<boolean> {
    return this.digest.send(date);
  }

  /** The digest's text: the deadlines as they are now, written for the secretary. */
  digestText(): Promise<string> {
    return this.digest.text();
  }

  start(): void {
    const tick = async () => {
      await this.digest.schedule();
      await this.digest.runDue();
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
    while (this.clearing.size > 0) await Promise.all([...this.clearing]);
  }
}
