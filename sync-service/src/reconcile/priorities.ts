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
import type {
  MeetingRequestLinks,
  PriorityPin,
  PriorityPins,
  WriteLedger,
  WrittenPriority,
} from "../store/reconcile";
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
import { decideWrite, type ItemState, type WriteDecision } from "./write-back";
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

/** The items a round is about; the whole mailbox when absent. */
export interface ItemIds {
  events?: string[];
  messages?: string[];
  /** The events among `events` as the caller already read them from the mirror. */
  loaded?: MirrorItem[];
}

/** An item whose write met a 412. */
interface StaleItem {
  stream: PatchKind;
  id: string;
}

/** A series as a full pass found it: its first occurrence, every occurrence's change key, and whether one is ahead. */
interface SeriesSeen {
  first: MirrorItem;
  seen: Set<string>;
  ahead: boolean;
}

/** What one batch decides on: its items, the events its meeting requests belong to, their links and pins. */
interface ReadItems {
  events: MirrorItem[];
  requests: MirrorItem[];
  linked: MirrorItem[];
  links: Map<string, string | null>;
  pins: Map<string, PriorityPin>;
  /** Per series master decided from one occurrence: every occurrence's change key, and whether one is ahead. */
  seriesSeen: Map<string, { seen: Set<string>; ahead: boolean }>;
}

interface Patch {
  patch: ItemPatch;
  /** The ledger record kept once the patch is applied (with the change key Graph answers). */
  record: WrittenPriority;
}

const stringOr = (value: unknown): string | null => (typeof value === "string" ? value : null);

const isOccurrence = (data: Record<string, unknown>) =>
  data["type"] === "occurrence" && typeof data["seriesMasterId"] === "string";

/** The series master an occurrence is written on; null for any other event. */
const masterOf = (e: MirrorItem) => (isOccurrence(e.data) ? String(e.data["seriesMasterId"]) : null);

const idsOf = (items: StaleItem[], stream: PatchKind) =>
  items.filter((r) => r.stream === stream).map((r) => r.id);

/**
 * Classifies the mayor's meetings and meeting requests and writes the class back as an
 * Outlook category and importance: batched, If-Match, only what differs, and never over
 * a person's own choice (which becomes a pin).
 */
export class Priorities {
  private readonly categoriesMade = new Set<string>();
  /** Items whose write met a 412: looked at once more in the next round. */
  private readonly stale = new Map<string, StaleItem>();

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
  async reconcile(mailbox: string, ids?: ItemIds): Promise<PriorityReport> {
    const { round, retry } = await this.startRound(mailbox);
    const fresh = await this.readAgain(mailbox, retry);
    if (ids) await this.reconcileItems(round, ids, fresh, retry);
    else await this.fullPass(round, fresh);
    return round.report;
  }

  /** A round under the rules in force, taking over the items whose write met a 412 last round. */
  private async startRound(mailbox: string): Promise<{ round: Round; retry: StaleItem[] }> {
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
    return { round, retry };
  }

  /**
   * The mirror may not have caught up with the version that answered 412: events are read again from
   * Graph (a series' master too, which the mirror does not hold); messages from the mirror.
   */
  private async readAgain(mailbox: string, retry: StaleItem[]): Promise<Map<string, MirrorItem>> {
    const fresh = new Map<string, MirrorItem>();
    for (const id of idsOf(retry, "events")) {
      const event = await this.deps.gateway.getEvent(mailbox, id);
      if (event) fresh.set(id, { id, changeKey: stringOr(event["changeKey"]), data: event });
    }
    return fresh;
  }

  /** A round about these items (and those read again after a 412), read by id. */
  private async reconcileItems(
    round: Round,
    ids: ItemIds,
    fresh: Map<string, MirrorItem>,
    retry: StaleItem[],
  ): Promise<void> {
    const { mirror } = this.deps;
    const loaded = new Map((ids.loaded ?? []).map((e) => [e.id, e]));
    const wantedEvents = [...new Set(ids.events ?? [])].filter((id) => !fresh.has(id));
    const wantedMessages = [...new Set([...(ids.messages ?? []), ...idsOf(retry, "messages")])];
    const [read, messages] = await Promise.all([
      mirror.getItems(
        round.mailbox,
        "events",
        wantedEvents.filter((id) => !loaded.has(id)),
      ),
      mirror.getItems(round.mailbox, "messages", wantedMessages),
    ]);
    const events = [...wantedEvents.flatMap((id) => loaded.get(id) ?? []), ...read];
    await this.decideAndWrite(round, [...fresh.values(), ...events], messages, new Map());
  }

  /** Every event and meeting request of the mailbox, a batch at a time. */
  private async fullPass(round: Round, fresh: Map<string, MirrorItem>): Promise<void> {
    const masters = [...fresh.values()].filter((e) => e.data["type"] === "seriesMaster");
    if (masters.length > 0) await this.decideAndWrite(round, masters, [], new Map());
    const series = await this.scanEvents(round, fresh);
    await this.decideSeries(
      round,
      // A master read again above is decided already; its occurrences may still show the version before.
      [...series].filter(([master]) => !fresh.has(master)).map(([, entry]) => entry),
    );
    await this.scanMeetingRequests(round);
  }

  /**
   * Decides the events that are not occurrences a batch at a time; a series' occurrences may be
   * anywhere in the scan, so they are gathered per series (the first seen, the change keys of all).
   */
  private async scanEvents(round: Round, fresh: Map<string, MirrorItem>): Promise<Map<string, SeriesSeen>> {
    const series = new Map<string, SeriesSeen>();
    let batch: MirrorItem[] = [];
    const flush = async () => {
      if (batch.length > 0)
        await this.decideAndWrite(
          round,
          batch.map((item) => fresh.get(item.id) ?? item),
          [],
          new Map(),
        );
      batch = [];
    };
    for await (const event of this.deps.mirror.scanItems(round.mailbox, "events", {
      batchSize: FULL_PASS_BATCH,
    })) {
      if (isOccurrence(event.data) && !isCancelled(event.data)) {
        const master = String(event.data["seriesMasterId"]);
        const entry = series.get(master) ?? { first: event, seen: new Set<string>(), ahead: false };
        if (event.changeKey) entry.seen.add(event.changeKey);
        entry.ahead ||= meetingAhead(event.data, round.todayStart);
        series.set(master, entry);
        continue;
      }
      batch.push(event);
      if (batch.length >= FULL_PASS_BATCH) await flush();
    }
    await flush();
    return series;
  }

  /** Each series' master decided once, from its first occurrence seen and with the change keys of all. */
  private async decideSeries(round: Round, allSeries: SeriesSeen[]): Promise<void> {
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
  }

  private async scanMeetingRequests(round: Round): Promise<void> {
    let messages: MirrorItem[] = [];
    for await (const message of this.deps.mirror.scanItems(round.mailbox, "messages", {
      batchSize: FULL_PASS_BATCH,
    })) {
      if (!isMeetingRequest(message.data)) continue;
      messages.push(message);
      if (messages.length >= FULL_PASS_BATCH) {
        await this.decideAndWrite(round, [], messages, new Map());
        messages = [];
      }
    }
    if (messages.length > 0) await this.decideAndWrite(round, [], messages, new Map());
  }

  /** Classifies the events and meeting requests given, decides each write and sends them in one go. */
  private async decideAndWrite(
    round: Round,
    events: MirrorItem[],
    messages: MirrorItem[],
    /** Per series master decided from one occurrence: every occurrence's change key, and whether one is ahead. */
    seriesSeen: Map<string, { seen: Set<string>; ahead: boolean }>,
  ): Promise<void> {
    const requests = messages.filter((m) => isMeetingRequest(m.data));
    const links = await this.linksOf(round.mailbox, requests);
    const { linked, pins } = await this.linkedAndPinned(round.mailbox, events, requests, links);
    const targets = this.targetsOf(round, { events, requests, linked, links, pins, seriesSeen });
    round.report.items += targets.length;
    round.report.lookedAt += targets.filter((t) => t.lookedAt).length;
    if (targets.length === 0) return;
    const { patches, remember } = await this.decideWrites(round, targets);
    if (patches.length > 0) remember.push(...(await this.sendPatches(round, patches)));
    if (remember.length > 0) await this.deps.store.recordWritten(remember);
  }

  /** Links of meeting requests to their events: the stored ones, else asked of Graph once. */
  private async linksOf(mailbox: string, requests: MirrorItem[]): Promise<Map<string, string | null>> {
    const { store, gateway } = this.deps;
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
    return links;
  }

  /** The requests' events not among `events`, and the pins of every item (and of its series). */
  private async linkedAndPinned(
    mailbox: string,
    events: MirrorItem[],
    requests: MirrorItem[],
    links: Map<string, string | null>,
  ): Promise<{ linked: MirrorItem[]; pins: Map<string, PriorityPin> }> {
    const known = new Set(events.map((e) => e.id));
    const linkedIds = [...new Set([...links.values()].filter((id): id is string => !!id && !known.has(id)))];
    const linked = await this.deps.mirror.getItems(mailbox, "events", linkedIds);
    const pins = await this.deps.store.pinsOf(mailbox, [
      ...[...events, ...linked].flatMap((e) => [e.id, masterOf(e) ?? e.id]),
      ...requests.map((m) => m.id),
    ]);
    return { linked, pins };
  }

  /** What is to be written: one target per meeting (a series' occurrences on their master), one per meeting request. */
  private targetsOf(round: Round, read: ReadItems): Target[] {
    const targets = new Map<string, Target>();
    const eventClass = new Map<string, Classification>();
    for (const event of read.linked) {
      if (!isCancelled(event.data))
        eventClass.set(event.id, this.classifyEvent(event, round.ruleSet, read.pins));
    }
    for (const event of read.events) {
      if (isCancelled(event.data)) continue;
      const classification = this.classifyEvent(event, round.ruleSet, read.pins);
      eventClass.set(event.id, classification);
      const id = masterOf(event) ?? event.id;
      const seen = read.seriesSeen.get(id);
      const target = targets.get(`events:${id}`) ?? {
        stream: "events",
        id,
        item: event,
        classification,
        seen: new Set<string>(seen?.seen ?? []),
        lookedAt: seen?.ahead ?? false,
      };
      if (event.changeKey) target.seen.add(event.changeKey);
      target.lookedAt ||= meetingAhead(event.data, round.todayStart);
      targets.set(`events:${id}`, target);
    }
    const eventData = new Map([...read.linked, ...read.events].map((e) => [e.id, e.data]));
    for (const message of read.requests) {
      const eventId = read.links.get(message.id);
      const event = eventId ? eventData.get(eventId) : undefined;
      targets.set(`messages:${message.id}`, {
        stream: "messages",
        id: message.id,
        item: message,
        classification:
          (eventId ? eventClass.get(eventId) : undefined) ??
          this.classifyRequest(message, round.ruleSet, read.pins),
        seen: new Set(message.changeKey ? [message.changeKey] : []),
        lookedAt: event !== undefined && invitationPending(event, round.todayStart),
      });
    }
    return [...targets.values()];
  }

  /** A meeting request whose event is not known: classified on its own, with its own pin. */
  private classifyRequest(message: MirrorItem, ruleSet: RuleSet, pins: Map<string, PriorityPin>) {
    const pin = pins.get(message.id);
    return classify(
      {
        ...messageAsPriorityItem(message.id, message.data),
        ...(pin ? { pin: { class: pin.class } } : {}),
      },
      ruleSet,
    );
  }

  /**
   * Decides each target's write against what the service last wrote on it: a hand edit becomes a
   * pin (or lifts one) at once; what is to be written becomes a patch.
   */
  private async decideWrites(
    round: Round,
    targets: Target[],
  ): Promise<{ patches: Patch[]; remember: WrittenPriority[] }> {
    const { mailbox, report } = round;
    const written = await this.ledgerOf(mailbox, targets);
    const remember: WrittenPriority[] = [];
    const patches: Patch[] = [];
    for (const target of targets) {
      const decided = await this.decisionFor(round, target, written[target.stream].get(target.id));
      if (!decided) continue;
      const { item, decision } = decided;
      if (decision.kind === "handEdit") {
        report.handEdits += 1;
        if (decision.pinClass) await this.deps.store.pin(mailbox, target.id, decision.pinClass, HAND_EDIT);
        else await this.deps.store.unpin(mailbox, target.id);
        remember.push(decision.remember);
        this.deps.log.info(
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
    return { patches, remember };
  }

  /** What the service last wrote on the targets, per stream. */
  private async ledgerOf(
    mailbox: string,
    targets: Target[],
  ): Promise<Record<PatchKind, Map<string, WrittenPriority>>> {
    const ofStream = (stream: PatchKind) => targets.filter((t) => t.stream === stream).map((t) => t.id);
    const [events, messages] = await Promise.all([
      this.deps.store.writtenOf(mailbox, "events", ofStream("events")),
      this.deps.store.writtenOf(mailbox, "messages", ofStream("messages")),
    ]);
    return { events, messages };
  }

  /**
   * The write a target asks for, and the item it is decided on; null when nothing is to be done:
   * a change nobody will look at again, or a series whose master is gone.
   */
  private async decisionFor(
    round: Round,
    target: Target,
    written: WrittenPriority | undefined,
  ): Promise<{ item: MirrorItem; decision: WriteDecision } | null> {
    const state = (from: MirrorItem): ItemState => ({
      mailbox: round.mailbox,
      stream: target.stream,
      id: target.id,
      categories: categoriesOf(from.data),
      importance: importanceOf(from.data),
      changeKey: from.changeKey ?? null,
    });
    const decide = (item: MirrorItem) =>
      decideWrite(state(item), target.classification, round.ruleSet.classNames, written);
    const decision = decide(target.item);
    // Classified all the same; only what a person will still look at is worth a write.
    if (decision.kind === "patch" && !target.lookedAt) return null;
    if (decision.kind !== "patch" || target.item.id === target.id) return { item: target.item, decision };
    // An occurrence asks for a change: the series master is what is written, with its own etag.
    const master = await this.deps.gateway.getEvent(round.mailbox, target.id);
    if (!master) return null;
    const item = {
      id: target.id,
      changeKey: (master["changeKey"] as string | undefined) ?? null,
      data: master,
    };
    return { item, decision: decide(item) };
  }

  /**
   * Sends the patches in one go (the categories made first); returns the ledger records of those
   * applied. A 412 is looked at once more in the next round, unless this was that look.
   */
  private async sendPatches(round: Round, patches: Patch[]): Promise<WrittenPriority[]> {
    const { mailbox, report } = round;
    await this.ensureCategories(mailbox, round.ruleSet);
    const results = await this.deps.gateway.patchItems(patches.map((p) => p.patch));
    report.writes += patches.length;
    const applied: WrittenPriority[] = [];
    results.forEach((result, i) => {
      const entry = patches[i];
      if (!entry) return;
      if (result.outcome === "applied") {
        const changeKey = result.item["changeKey"];
        applied.push({ ...entry.record, changeKey: typeof changeKey === "string" ? changeKey : null });
      } else if (result.outcome === "conflict") {
        report.conflicts += 1;
        const key = `${entry.patch.kind}:${entry.patch.id}`;
        if (!round.retried.has(key)) this.stale.set(key, { stream: entry.patch.kind, id: entry.patch.id });
      } else if (result.outcome === "failed") {
        this.deps.log.warn(
          { mailbox, item: entry.patch.id, status: result.status, error: result.error },
          "priority write-back failed",
        );
      }
    });
    return applied;
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
