import {
  classify,
  PIN_REASON,
  reclassify,
  type Classification,
  type PriorityClass,
  type Reclassification,
  type RuleSet,
} from "@modeklar/shared";
import type { Logger } from "pino";
import type { ItemPatch, MailboxGateway, PatchKind } from "../graph";
import type { MeetingRequestLinks, PriorityPins, WriteLedger, WrittenPriority } from "../store/reconcile";
import type { MirrorItem, MirrorStore, StreamKind } from "../store/types";
import {
  categoriesOf,
  classifyMeeting,
  etagOf,
  eventAsPriorityItem,
  importanceOf,
  isMeetingRequest,
  messageAsPriorityItem,
} from "./items";
import { invitationPending, meetingAhead } from "./looked-at";
import type { RuleBook } from "./rule-book";
import { decideWrite, type ItemState } from "./write-back";
import { isCancelled } from "../mirror/events";

export const HAND_EDIT = "en person i Outlook";

export interface PriorityReport {
  items: number;
  /** Of `items`, those a person will still look at (see looked-at.ts): only these are written. */
  lookedAt: number;
  /** PATCH parts sent to Graph (each in a $batch). */
  writes: number;
  conflicts: number;
  handEdits: number;
}

export interface ClassifiedItem {
  id: string;
  stream: StreamKind;
  subject: string;
  /** Graph's sensitivity: what the privacy policy decides by when the item is shown. */
  sensitivity: unknown;
  classification: Classification;
}

interface Target {
  stream: PatchKind;
  /** The item written: a series' master for its occurrences. */
  id: string;
  item: MirrorItem;
  classification: Classification;
  /** Change keys of every mirrored item behind the target (a series' occurrences). */
  seen: Set<string>;
  /** A person will still look at it: only then is a change written to Outlook. */
  lookedAt: boolean;
}

export interface PriorityDeps {
  mirror: MirrorStore;
  store: PriorityPins & WriteLedger & MeetingRequestLinks;
  gateway: MailboxGateway;
  rules: RuleBook;
  log: Logger;
  /** The start of today in the mailbox's time zone (ISO instant): meetings ending before it are over. */
  todayStart: () => Promise<string>;
}

/** Rows a full pass reads, decides and writes at a time. */
const FULL_PASS_BATCH = 500;

interface Round {
  mailbox: string;
  ruleSet: RuleSet;
  todayStart: string;
  /** Items already given their one more look after a 412: a second 412 leaves them to their next change. */
  retried: Set<string>;
  report: PriorityReport;
}

const stringOr = (value: unknown): string | null => (typeof value === "string" ? value : null);

const isOccurrence = (data: Record<string, unknown>) =>
  data["type"] === "occurrence" && typeof data["seriesMasterId"] === "string";

/**
 * Classifies the mayor's meetings and meeting requests and writes the class back as an
 * Outlook category and importance: batched, If-Match, only what differs, and never over
 * a person's own choice (which becomes a pin).
 */
export class Priorities {
  private readonly categoriesMade = new Set<string>();
  /** Items whose write met a 412: looked at once more in the next round. */
  private readonly stale = new Map<string, { stream: PatchKind; id: string }>();

  constructor(private readonly deps: PriorityDeps) {}

  /** Classification of every meeting in the mirror, as the API shows it. */
  async classifyAll(mailbox: string): Promise<ClassifiedItem[]> {
    const { ruleSet } = await this.deps.rules.current();
    const pins = await this.deps.store.pins(mailbox);
    const events = await this.deps.mirror.listItems(mailbox, "events");
    return events
      .filter((e) => !isCancelled(e.data))
      .map((e) => ({
        id: e.id,
        stream: "events" as const,
        subject: typeof e.data["subject"] === "string" ? e.data["subject"] : "",
        sensitivity: e.data["sensitivity"],
        classification: this.classifyEvent(e, ruleSet, pins),
      }));
  }

  /** What `ruleSet` would change of the classes the rules in force give the mirror's meetings (their pins kept). */
  async ruleChanges(
    mailbox: string,
    ruleSet: RuleSet,
  ): Promise<{ changes: Reclassification[]; meetings: Map<string, Record<string, unknown>> }> {
    const { ruleSet: current } = await this.deps.rules.current();
    const pins = await this.deps.store.pins(mailbox);
    const events = (await this.deps.mirror.listItems(mailbox, "events")).filter((e) => !isCancelled(e.data));
    const items = events.map((e) => {
      const pin = pins.get(e.id);
      return { ...eventAsPriorityItem(e.id, e.data), ...(pin ? { pin: { class: pin.class } } : {}) };
    });
    return {
      changes: reclassify(items, current, ruleSet),
      meetings: new Map(events.map((e) => [e.id, e.data])),
    };
  }

  private classifyEvent(event: MirrorItem, ruleSet: RuleSet, pins: Map<string, { class: PriorityClass }>) {
    return classifyMeeting(event.id, event.data, ruleSet, (id) => pins.get(id)?.class);
  }

  /**
   * Reconciles the given items, or every item of the mailbox when `ids` is absent. A round
   * reads only what it is about (the items, their pins, links and ledger rows, by id); a full
   * pass scans the mirror a batch at a time and never holds every row.
   */
  async reconcile(
    mailbox: string,
    ids?: {
      events?: string[];
      messages?: string[];
      /** The events among `events` as the caller already read them from the mirror. */
      loaded?: MirrorItem[];
    },
  ): Promise<PriorityReport> {
    const { mirror } = this.deps;
    const { ruleSet } = await this.deps.rules.current();
    // Items whose write met a 412 last round: read again and decided once more, once.
    const retry = [...this.stale.values()];
    this.stale.clear();
    const round: Round = {
      mailbox,
      ruleSet,
      todayStart: await this.deps.todayStart(),
      retried: new Set(retry.map((r) => `${r.stream}:${r.id}`)),
      report: { items: 0, lookedAt: 0, writes: 0, conflicts: 0, handEdits: 0 },
    };
    const retryOf = (stream: PatchKind) => retry.filter((r) => r.stream === stream).map((r) => r.id);
    // The mirror may not have caught up with the version that answered 412: events are read again from
    // Graph (a series' master too, which the mirror does not hold); messages from the mirror.
    const fresh = new Map<string, MirrorItem>();
    for (const id of retryOf("events")) {
      const event = await this.deps.gateway.getEvent(mailbox, id);
      if (event) fresh.set(id, { id, changeKey: stringOr(event["changeKey"]), data: event });
    }
    const freshened = (items: MirrorItem[]) => items.map((item) => fresh.get(item.id) ?? item);

    if (ids) {
      const loaded = new Map((ids.loaded ?? []).map((e) => [e.id, e]));
      const wantedEvents = [...new Set(ids.events ?? [])].filter((id) => !fresh.has(id));
      const wantedMessages = [...new Set([...(ids.messages ?? []), ...retryOf("messages")])];
      const [read, messages] = await Promise.all([
        mirror.getItems(
          mailbox,
          "events",
          wantedEvents.filter((id) => !loaded.has(id)),
        ),
        mirror.getItems(mailbox, "messages", wantedMessages),
      ]);
      const events = [...wantedEvents.flatMap((id) => loaded.get(id) ?? []), ...read];
      await this.decideAndWrite(round, [...fresh.values(), ...events], messages, new Map());
      return round.report;
    }
    const masters = [...fresh.values()].filter((e) => e.data["type"] === "seriesMaster");
    if (masters.length > 0) await this.decideAndWrite(round, masters, [], new Map());

    // A series' occurrences may be anywhere in the scan: its master is decided once, after it,
    // from the first occurrence seen and with the change keys of all of them.
    const series = new Map<string, { first: MirrorItem; seen: Set<string>; ahead: boolean }>();
    let batch: MirrorItem[] = [];
    const flushEvents = async () => {
      if (batch.length > 0) await this.decideAndWrite(round, freshened(batch), [], new Map());
      batch = [];
    };
    for await (const event of mirror.scanItems(mailbox, "events", { batchSize: FULL_PASS_BATCH })) {
      if (isOccurrence(event.data) && !isCancelled(event.data)) {
        const master = String(event.data["seriesMasterId"]);
        const entry = series.get(master) ?? { first: event, seen: new Set<string>(), ahead: false };
        if (event.changeKey) entry.seen.add(event.changeKey);
        entry.ahead ||= meetingAhead(event.data, round.todayStart);
        series.set(master, entry);
        continue;
      }
      batch.push(event);
      if (batch.length >= FULL_PASS_BATCH) await flushEvents();
    }
    await flushEvents();
    // A master read again above is decided already; its occurrences may still show the version before.
    const allSeries = [...series].filter(([master]) => !fresh.has(master)).map(([, entry]) => entry);
    for (let i = 0; i < allSeries.length; i += FULL_PASS_BATCH) {
      const chunk = allSeries.slice(i, i + FULL_PASS_BATCH);
      const seen = new Map(
        chunk.map((s) => [String(s.first.data["seriesMasterId"]), { seen: s.seen, ahead: s.ahead }]),
      );
      await this.decideAndWrite(
        round,
        chunk.map((s) => s.first),
        [],
        seen,
      );
    }
    let messages: MirrorItem[] = [];
    for await (const message of mirror.scanItems(mailbox, "messages", { batchSize: FULL_PASS_BATCH })) {
      if (!isMeetingRequest(message.data)) continue;
      messages.push(message);
      if (messages.length >= FULL_PASS_BATCH) {
        await this.decideAndWrite(round, [], messages, new Map());
        messages = [];
      }
    }
    if (messages.length > 0) await this.decideAndWrite(round, [], messages, new Map());
    return round.report;
  }

  /** Classifies the events and meeting requests given, decides each write and sends them in one go. */
  private async decideAndWrite(
    round: Round,
    events: MirrorItem[],
    messages: MirrorItem[],
    /** Per series master decided from one occurrence: every occurrence's change key, and whether one is ahead. */
    seriesSeen: Map<string, { seen: Set<string>; ahead: boolean }>,
  ): Promise<void> {
    const { mirror, store, gateway, log } = this.deps;
    const { mailbox, ruleSet, report } = round;
    const requests = messages.filter((m) => isMeetingRequest(m.data));

    // Links of meeting requests to their events: the stored ones, else asked of Graph once.
    const links = await store.meetingRequestLinksOf(
      mailbox,
      requests.map((m) => m.id),
    );
    for (const message of requests) {
      if (links.has(message.id)) continue;
      const eventId = await gateway.eventOfMeetingRequest(mailbox, message.id);
      await store.linkMeetingRequest(mailbox, message.id, eventId);
      links.set(message.id, eventId);
    }
    const known = new Set(events.map((e) => e.id));
    const linkedIds = [...new Set([...links.values()].filter((id): id is string => !!id && !known.has(id)))];
    const linked = await mirror.getItems(mailbox, "events", linkedIds);
    const masterOf = (e: MirrorItem) => (isOccurrence(e.data) ? String(e.data["seriesMasterId"]) : null);
    const pins = await store.pinsOf(mailbox, [
      ...[...events, ...linked].flatMap((e) => [e.id, masterOf(e) ?? e.id]),
      ...requests.map((m) => m.id),
    ]);

    const targets = new Map<string, Target>();
    const eventClass = new Map<string, Classification>();
    for (const event of linked) {
      if (!isCancelled(event.data)) eventClass.set(event.id, this.classifyEvent(event, ruleSet, pins));
    }
    for (const event of events) {
      if (isCancelled(event.data)) continue;
      const classification = this.classifyEvent(event, ruleSet, pins);
      eventClass.set(event.id, classification);
      const id = masterOf(event) ?? event.id;
      const target = targets.get(`events:${id}`) ?? {
        stream: "events",
        id,
        item: event,
        classification,
        seen: new Set<string>(seriesSeen.get(id)?.seen ?? []),
        lookedAt: seriesSeen.get(id)?.ahead ?? false,
      };
      if (event.changeKey) target.seen.add(event.changeKey);
      target.lookedAt ||= meetingAhead(event.data, round.todayStart);
      targets.set(`events:${id}`, target);
    }
    const eventData = new Map([...linked, ...events].map((e) => [e.id, e.data]));
    for (const message of requests) {
      const eventId = links.get(message.id);
      const event = eventId ? eventData.get(eventId) : undefined;
      const pin = pins.get(message.id);
      const classification =
        (eventId ? eventClass.get(eventId) : undefined) ??
        classify(
          {
            ...messageAsPriorityItem(message.id, message.data),
            ...(pin ? { pin: { class: pin.class } } : {}),
          },
          ruleSet,
        );
      targets.set(`messages:${message.id}`, {
        stream: "messages",
        id: message.id,
        item: message,
        classification,
        seen: new Set(message.changeKey ? [message.changeKey] : []),
        lookedAt: event !== undefined && invitationPending(event, round.todayStart),
      });
    }
    report.items += targets.size;
    report.lookedAt += [...targets.values()].filter((t) => t.lookedAt).length;
    if (targets.size === 0) return;

    const ofStream = (stream: PatchKind) =>
      [...targets.values()].filter((t) => t.stream === stream).map((t) => t.id);
    const [writtenEvents, writtenMessages] = await Promise.all([
      store.writtenOf(mailbox, "events", ofStream("events")),
      store.writtenOf(mailbox, "messages", ofStream("messages")),
    ]);
    const written = { events: writtenEvents, messages: writtenMessages };
    const remember: WrittenPriority[] = [];
    const patches: { patch: ItemPatch; record: WrittenPriority }[] = [];
    for (const target of targets.values()) {
      let item = target.item;
      const state = (from: MirrorItem): ItemState => ({
        mailbox,
        stream: target.stream,
        id: target.id,
        categories: categoriesOf(from.data),
        importance: importanceOf(from.data),
        changeKey: from.changeKey ?? null,
      });
      let decision = decideWrite(
        state(item),
        target.classification,
        ruleSet.classNames,
        written[target.stream].get(target.id),
      );
      // Classified all the same; only what a person will still look at is worth a write.
      if (decision.kind === "patch" && !target.lookedAt) continue;
      if (decision.kind === "patch" && item.id !== target.id) {
        // An occurrence asks for a change: the series master is what is written, with its own etag.
        const master = await gateway.getEvent(mailbox, target.id);
        if (!master) continue;
        item = {
          id: target.id,
          changeKey: (master["changeKey"] as string | undefined) ?? null,
          data: master,
        };
        decision = decideWrite(
          state(item),
          target.classification,
          ruleSet.classNames,
          written[target.stream].get(target.id),
        );
      }
      if (decision.kind === "handEdit") {
        report.handEdits += 1;
        if (decision.pinClass) await store.pin(mailbox, target.id, decision.pinClass, HAND_EDIT);
        else await store.unpin(mailbox, target.id);
        remember.push(decision.remember);
        log.info(
          { mailbox, item: target.id, class: decision.pinClass, reason: PIN_REASON },
          "a person set the priority by hand",
        );
      } else if (decision.kind === "none") {
        if (decision.remember) remember.push(decision.remember);
      } else {
        const etag = etagOf(item);
        if (!etag) continue;
        patches.push({
          patch: { mailbox, kind: target.stream, id: target.id, etag, patch: decision.patch },
          record: {
            mailbox,
            stream: target.stream,
            itemId: target.id,
            class: target.classification.class,
            categories: decision.categories,
            importance: decision.importance,
            changeKey: null,
            baseChangeKeys: [...target.seen],
          },
        });
      }
    }

    if (patches.length > 0) {
      await this.ensureCategories(mailbox, ruleSet);
      const results = await gateway.patchItems(patches.map((p) => p.patch));
      report.writes += patches.length;
      results.forEach((result, i) => {
        const entry = patches[i];
        if (!entry) return;
        if (result.outcome === "applied") {
          const changeKey = result.item["changeKey"];
          remember.push({ ...entry.record, changeKey: typeof changeKey === "string" ? changeKey : null });
        } else if (result.outcome === "conflict") {
          report.conflicts += 1;
          const key = `${entry.patch.kind}:${entry.patch.id}`;
          if (!round.retried.has(key)) this.stale.set(key, { stream: entry.patch.kind, id: entry.patch.id });
        } else if (result.outcome === "failed") {
          log.warn(
            { mailbox, item: entry.patch.id, status: result.status, error: result.error },
            "priority write-back failed",
          );
        }
      });
    }
    if (remember.length > 0) await store.recordWritten(remember);
  }

  private async ensureCategories(mailbox: string, ruleSet: RuleSet): Promise<void> {
    for (const name of Object.values(ruleSet.classNames)) {
      const key = `${mailbox}|${name.category}|${name.color}`;
      if (this.categoriesMade.has(key)) continue;
      await this.deps.gateway.ensureMasterCategory(mailbox, name.category, name.color);
      this.categoriesMade.add(key);
    }
  }
}
