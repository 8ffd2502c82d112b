import {
  classify,
  PIN_REASON,
  type Classification,
  type PriorityClass,
  type RuleSet,
} from "@modeklar/shared";
import type { Logger } from "pino";
import type { ItemPatch, MailboxGateway } from "../graph";
import type { ReconcileStore, WrittenPriority } from "../store/reconcile";
import type { MirrorItem, MirrorStore, StreamKind } from "../store/types";
import {
  categoriesOf,
  etagOf,
  eventAsPriorityItem,
  importanceOf,
  isMeetingRequest,
  messageAsPriorityItem,
} from "./items";
import type { RuleBook } from "./rule-book";
import { decideWrite, type ItemState } from "./write-back";

export const HAND_EDIT = "en person i Outlook";

export interface PriorityReport {
  items: number;
  /** PATCH parts sent to Graph (each in a $batch). */
  writes: number;
  conflicts: number;
  handEdits: number;
}

export interface ClassifiedItem {
  id: string;
  stream: StreamKind;
  subject: string;
  classification: Classification;
}

interface Target {
  stream: StreamKind;
  /** The item written: a series' master for its occurrences. */
  id: string;
  item: MirrorItem;
  classification: Classification;
  /** Change keys of every mirrored item behind the target (a series' occurrences). */
  seen: Set<string>;
}

export interface PriorityDeps {
  mirror: MirrorStore;
  store: ReconcileStore;
  gateway: MailboxGateway;
  rules: RuleBook;
  log: Logger;
}

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
  private readonly stale = new Map<string, { stream: StreamKind; id: string }>();

  constructor(private readonly deps: PriorityDeps) {}

  pinsOf(mailbox: string) {
    return this.deps.store.pins(mailbox);
  }

  /** Classification of every meeting in the mirror, as the API shows it. */
  async classifyAll(mailbox: string): Promise<ClassifiedItem[]> {
    const { ruleSet } = await this.deps.rules.current();
    const pins = await this.deps.store.pins(mailbox);
    const events = await this.deps.mirror.listItems(mailbox, "events");
    return events
      .filter((e) => e.data["isCancelled"] !== true)
      .map((e) => ({
        id: e.id,
        stream: "events" as const,
        subject: typeof e.data["subject"] === "string" ? e.data["subject"] : "",
        classification: this.classifyEvent(e, ruleSet, pins),
      }));
  }

  private classifyEvent(event: MirrorItem, ruleSet: RuleSet, pins: Map<string, { class: PriorityClass }>) {
    const master = isOccurrence(event.data) ? String(event.data["seriesMasterId"]) : null;
    const pin = pins.get(event.id) ?? (master ? pins.get(master) : undefined);
    return classify(
      { ...eventAsPriorityItem(event.id, event.data), ...(pin ? { pin: { class: pin.class } } : {}) },
      ruleSet,
    );
  }

  /** Reconciles the given items (all of the mailbox's when `ids` is absent). */
  async reconcile(
    mailbox: string,
    ids?: { events?: string[]; messages?: string[] },
  ): Promise<PriorityReport> {
    const { mirror, store, gateway, log } = this.deps;
    const { ruleSet } = await this.deps.rules.current();
    const pins = await store.pins(mailbox);
    const retry = [...this.stale.values()];
    this.stale.clear();
    const wanted = (stream: StreamKind) => {
      const given = ids?.[stream];
      if (!given) return null;
      return [...new Set([...given, ...retry.filter((r) => r.stream === stream).map((r) => r.id)])];
    };
    const load = async (stream: StreamKind): Promise<MirrorItem[]> => {
      const list = wanted(stream);
      if (!list) return mirror.listItems(mailbox, stream);
      const items = await Promise.all(list.map((id) => mirror.getItem(mailbox, stream, id)));
      return items.filter((i): i is MirrorItem => i !== null);
    };
    const [events, messages] = await Promise.all([load("events"), load("messages")]);

    const targets = new Map<string, Target>();
    const eventClass = new Map<string, Classification>();
    for (const event of events) {
      if (event.data["isCancelled"] === true) continue;
      const classification = this.classifyEvent(event, ruleSet, pins);
      eventClass.set(event.id, classification);
      const id = isOccurrence(event.data) ? String(event.data["seriesMasterId"]) : event.id;
      const target = targets.get(`events:${id}`) ?? {
        stream: "events",
        id,
        item: event,
        classification,
        seen: new Set<string>(),
      };
      if (event.changeKey) target.seen.add(event.changeKey);
      targets.set(`events:${id}`, target);
    }

    const requests = messages.filter((m) => isMeetingRequest(m.data));
    if (requests.length > 0) {
      const links = await store.meetingRequestLinks(mailbox);
      for (const message of requests) {
        let eventId = links.get(message.id);
        if (eventId === undefined) {
          eventId = await gateway.eventOfMeetingRequest(mailbox, message.id);
          await store.linkMeetingRequest(mailbox, message.id, eventId);
        }
        let classification = eventId ? eventClass.get(eventId) : undefined;
        if (!classification && eventId) {
          const event = await mirror.getItem(mailbox, "events", eventId);
          if (event) classification = this.classifyEvent(event, ruleSet, pins);
        }
        const pin = pins.get(message.id);
        classification ??= classify(
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
        });
      }
    }

    const written = {
      events: await store.written(mailbox, "events"),
      messages: await store.written(mailbox, "messages"),
    };
    const report: PriorityReport = { items: targets.size, writes: 0, conflicts: 0, handEdits: 0 };
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
      report.writes = patches.length;
      results.forEach((result, i) => {
        const entry = patches[i];
        if (!entry) return;
        if (result.outcome === "applied") {
          const changeKey = result.item["changeKey"];
          remember.push({ ...entry.record, changeKey: typeof changeKey === "string" ? changeKey : null });
        } else if (result.outcome === "conflict") {
          report.conflicts += 1;
          if (!retry.some((r) => r.id === entry.patch.id)) {
            this.stale.set(`${entry.patch.kind}:${entry.patch.id}`, {
              stream: entry.patch.kind,
              id: entry.patch.id,
            });
          }
        } else if (result.outcome === "failed") {
          log.warn(
            { mailbox, item: entry.patch.id, status: result.status, error: result.error },
            "priority write-back failed",
          );
        }
      });
    }
    if (remember.length > 0) await store.recordWritten(remember);
    return report;
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
