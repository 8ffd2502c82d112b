import type { Logger } from "pino";
import { DeltaExpired, type DeltaPageResult, type MailboxGateway } from "../graph";
import type { DeltaCursor, ItemChange, MirrorStore, StreamKind } from "../store/types";
import { calendarWindow, type WindowSize } from "./window";

export interface MirrorChanges {
  mailbox: string;
  stream: StreamKind;
  changes: ItemChange[];
}

/** Told about every committed page that really changed something (reconcile subscribes). */
export type ChangeListener = (changes: MirrorChanges) => void | Promise<void>;

export interface RoundReport {
  pages: number;
  changes: number;
  unchanged: number;
  /** True when the round was a full (re)sync. */
  full: boolean;
}

/** The mailbox lease was lost during a round: another instance owns the mailbox now. */
export class MailboxLeaseLost extends Error {
  constructor(readonly mailbox: string) {
    super(`This instance no longer holds the lease of ${mailbox}.`);
    this.name = "MailboxLeaseLost";
  }
}

export interface DeltaSyncOptions {
  store: MirrorStore;
  gateway: MailboxGateway;
  window: WindowSize;
  pageSize?: number;
  now?: () => Date;
  log: Logger;
  /**
   * Tell the listeners while the round goes on instead of waiting for them page by page: the
   * round (and the next one a notification asks for) is not held up by what the listeners do.
   * Changes that pile up while a listener works reach it merged, in order. `settled()` waits
   * for them. Off by default: a round then returns only after its listeners have been told.
   */
  deliverInBackground?: boolean;
}

/** A backlog is handed over in batches of about this many changes, so no one call is huge. */
const MAX_MERGED_CHANGES = 500;

/** Two batches of one stream as one: each id once, where it first appeared, with its net change. */
export function mergeChanges(earlier: ItemChange[], later: ItemChange[]): ItemChange[] {
  const merged = new Map(earlier.map((c) => [c.id, c.change]));
  for (const { id, change } of later) {
    const before = merged.get(id);
    merged.set(id, change === "removed" ? "removed" : before === "created" ? "created" : change);
  }
  return [...merged].map(([id, change]) => ({ id, change }));
}

/**
 * One delta round of one stream of one mailbox: every page is committed together with the
 * link to the next one, so a round killed at any instant resumes where it stopped, and a
 * 410 starts a full round whose unchanged items the store recognises by their hash.
 */
export class DeltaSync {
  private listeners = new Set<ChangeListener>();
  private undelivered: MirrorChanges[] = [];
  private delivering: Promise<void> | null = null;
  /** Per mailbox, the rounds under way of a stream that has never completed one (its first mirror). */
  private firstMirrors = new Map<string, Set<Promise<unknown>>>();
  private stopWaiting: () => void = () => undefined;
  private readonly stopped = new Promise<void>((resolve) => (this.stopWaiting = resolve));
  private readonly pageSize: number;
  private readonly now: () => Date;

  constructor(private readonly options: DeltaSyncOptions) {
    this.pageSize = options.pageSize ?? 100;
    this.now = options.now ?? (() => new Date());
  }

  onChanges(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async run(
    mailbox: string,
    stream: StreamKind,
    options: { full?: boolean; stillOwned?: () => boolean } = {},
  ): Promise<RoundReport> {
    const stored = await this.options.store.getCursor(mailbox, stream);
    if (!this.options.deliverInBackground || stored?.lastCompletedAt)
      return this.round(mailbox, stream, options, stored);
    // A first mirror: its changes reach the listeners once the mailbox's first mirror is complete
    // (see deliverWhenMirrored).
    const rounds = this.firstMirrors.get(mailbox) ?? new Set();
    this.firstMirrors.set(mailbox, rounds);
    const round = this.round(mailbox, stream, options, stored);
    rounds.add(round);
    try {
      return await round;
    } finally {
      rounds.delete(round);
      if (rounds.size === 0) this.firstMirrors.delete(mailbox);
    }
  }

  private async round(
    mailbox: string,
    stream: StreamKind,
    options: { full?: boolean; stillOwned?: () => boolean },
    stored: DeltaCursor | null,
  ): Promise<RoundReport> {
    const { store, log } = this.options;
    const window = stream === "events" ? calendarWindow(this.now(), this.options.window) : null;
    const range = { start: window?.start ?? null, end: window?.end ?? null };
    let cursor = stored;
    const windowMoved =
      cursor !== null && (cursor.windowStart !== range.start || cursor.windowEnd !== range.end);
    if (options.full || cursor === null || windowMoved) {
      cursor = await store.beginFullSync(mailbox, stream, range);
    }
    const report: RoundReport = { pages: 0, changes: 0, unchanged: 0, full: cursor.fullSync };
    let restarted = false;
    for (;;) {
      let page: DeltaPageResult;
      try {
        page = await this.fetch(mailbox, stream, cursor);
      } catch (err) {
        // One fresh full round per job; a second 410 in a row is left to the job's retry.
        if (!(err instanceof DeltaExpired) || restarted) throw err;
        restarted = true;
        log.warn({ mailbox, stream }, "delta token expired; starting a full resync");
        cursor = await store.beginFullSync(mailbox, stream, range);
        report.full = true;
        continue;
      }
      if (options.stillOwned && !options.stillOwned()) throw new MailboxLeaseLost(mailbox);
      const result = await store.applyDeltaPage(mailbox, stream, {
        upserts: page.items.map((item) => ({
          id: item.id,
          changeKey: typeof item["changeKey"] === "string" ? item["changeKey"] : null,
          data: item,
        })),
        removals: page.removed,
        ...(page.nextLink ? { nextLink: page.nextLink } : { deltaLink: page.deltaLink ?? "" }),
      });
      report.pages += 1;
      report.changes += result.changes.length;
      report.unchanged += result.unchanged;
      if (result.changes.length > 0) await this.tell({ mailbox, stream, changes: result.changes });
      if (!page.nextLink) return report;
      cursor = { ...cursor, nextLink: page.nextLink };
    }
  }

  private fetch(mailbox: string, stream: StreamKind, cursor: DeltaCursor): Promise<DeltaPageResult> {
    const { gateway } = this.options;
    const link = cursor.nextLink ?? cursor.deltaLink;
    if (stream === "messages") return gateway.messagesDelta(mailbox, link, this.pageSize);
    if (stream === "sent") return gateway.sentItemsDelta(mailbox, link, this.pageSize);
    if (link) return gateway.eventsDelta(mailbox, { link }, this.pageSize);
    if (!cursor.windowStart || !cursor.windowEnd)
      throw new Error(`The events cursor of ${mailbox} has no window.`);
    return gateway.eventsDelta(
      mailbox,
      { window: { start: cursor.windowStart, end: cursor.windowEnd } },
      this.pageSize,
    );
  }

  /** Resolves once every change committed so far has been handed to the listeners. */
  async settled(): Promise<void> {
    while (this.delivering) await this.delivering;
  }

  /**
   * For stopping: waits up to `graceMs` for the backlog, then drops what is still waiting and
   * lets only the delivery under way finish. The dropped changes are committed in the mirror but
   * not reconciled; the number is returned (to be logged).
   */
  async stopDelivering(graceMs: number): Promise<number> {
    this.stopWaiting();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.settled(), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
    const dropped = this.undelivered.reduce((sum, batch) => sum + batch.changes.length, 0);
    this.undelivered = [];
    await this.settled();
    return dropped;
  }

  private async tell(changes: MirrorChanges): Promise<void> {
    if (!this.options.deliverInBackground) return this.deliver(changes);
    const last = this.undelivered.at(-1);
    if (
      last &&
      last.mailbox === changes.mailbox &&
      last.stream === changes.stream &&
      last.changes.length < MAX_MERGED_CHANGES
    ) {
      last.changes = mergeChanges(last.changes, changes.changes);
    } else {
      this.undelivered.push({ ...changes, changes: [...changes.changes] });
    }
    this.delivering ??= (async () => {
      for (let next = this.undelivered[0]; next; next = this.undelivered[0]) {
        await this.deliverWhenMirrored(next.mailbox);
        // Taken only now: changes that came in meanwhile were merged into it; a stop may have dropped it.
        if (this.undelivered[0] !== next) continue;
        this.undelivered.shift();
        await this.deliver(next);
      }
    })().finally(() => {
      this.delivering = null;
    });
  }

  /**
   * Waits while a first mirror of the mailbox is under way. Reconcile then decides on the whole
   * mailbox (a meeting request's class follows its meeting, conflicts need every meeting), and
   * its category writes do not change items the first mirror is still paging through, which
   * Graph would hand out again (measured: 20 extra pages of 100 in a 25,000-meeting mirror).
   * A round that fails stops holding; a stop ends the wait.
   */
  private async deliverWhenMirrored(mailbox: string): Promise<void> {
    for (let rounds = this.firstMirrors.get(mailbox); rounds; rounds = this.firstMirrors.get(mailbox)) {
      const running = Promise.allSettled([...rounds]).then(() => "mirrored" as const);
      if ((await Promise.race([running, this.stopped.then(() => "stopping" as const)])) === "stopping")
        return;
    }
  }

  private async deliver(changes: MirrorChanges): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(changes);
      } catch (err) {
        this.options.log.error(
          { err, mailbox: changes.mailbox, stream: changes.stream },
          "change listener failed",
        );
      }
    }
  }
}
