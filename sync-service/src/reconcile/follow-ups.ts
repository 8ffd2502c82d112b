import { customPropertiesId, type MeetingPlan } from "@modeklar/shared";
import type { Logger } from "pino";
import type { GraphItem, MailboxGateway } from "../graph";
import { noticeMail, type NoticeCause } from "../outbox/causes";
import type { Outbox } from "../outbox/outbox";
import type { MeetingSnapshots } from "../store/reconcile";
import type { ItemChange, MirrorItem, MirrorStore } from "../store/types";
import { meetingFacts, planOf } from "./items";
import type { NoticedMeeting } from "./notice-mails";
import type { ReconcileSettings } from "./settings";

/** What a meeting looked like when last seen: enough to notice a move or a cancellation. */
export interface MeetingSnapshot extends NoticedMeeting {
  end: string | null;
  /** Steps that left the building (ordered or confirmed) and where they went. */
  catering: { kitchen: string } | null;
  reception: boolean;
  /** The whole plan, for the deadline list. */
  plan: MeetingPlan | null;
}

export interface FollowUpDeps {
  mirror: MirrorStore;
  store: MeetingSnapshots;
  gateway: MailboxGateway;
  outbox: Outbox;
  addinId: string;
  cateringMailbox: string;
  receptionMailbox: string;
  log: Logger;
}

export interface NoticeReport {
  /** Notices this look found owed and queued (a change already noticed is not owed again). */
  owed: { to: string; kind: "change" | "cancellation"; eventId: string }[];
}

const SOON_MS = 14 * 86_400_000;
/** Plan reads of one round in flight at once: the mirror's delta and the write-back keep a slot each. */
const PLAN_READS_AT_ONCE = 2;
const placed = (state: string) => state === "ordered" || state === "confirmed";

function snapshotOf(
  facts: ReturnType<typeof meetingFacts>,
  plan: MeetingPlan | null,
  kitchenOf: (id?: string) => string,
  sensitivity: unknown,
): MeetingSnapshot {
  return {
    subject: facts.subject,
    ...(typeof sensitivity === "string" ? { sensitivity } : {}),
    start: facts.start,
    end: facts.end,
    location: facts.location,
    cancelled: facts.isCancelled,
    catering: plan && placed(plan.catering.state) ? { kitchen: kitchenOf(plan.catering.kitchenId) } : null,
    reception: plan ? placed(plan.reception.state) : false,
    plan,
  };
}

/**
 * When a meeting with a catering order or a reception notice moves or is cancelled, the
 * kitchen or the reception gets one mail about it: the notice is owed in the outbox, by event,
 * recipient and what the meeting became, in the same transaction as the meeting's new
 * snapshot, so a second look (or instance, or a restart) owes none and a crash loses none.
 * The mail itself is written when it leaves (outbox/render.ts), as the privacy policy says then.
 */
export class FollowUps {
  constructor(private readonly deps: FollowUpDeps) {}

  async onEventChanges(
    mailbox: string,
    changes: ItemChange[],
    settings: ReconcileSettings,
    /** The version of each item the service's own last priority write made, as known before this round. */
    ownVersions: Map<string, string | null> = new Map(),
    /** The changed events as the caller already read them from the mirror. */
    mirroredItems?: MirrorItem[],
  ): Promise<NoticeReport> {
    const report: NoticeReport = { owed: [] };
    const kitchenOf = (id?: string) =>
      settings.kitchens.find((k) => k.id === id)?.mailbox ?? this.deps.cateringMailbox;
    const ids = changes.map((c) => c.id);
    const [snapshots, items] = await Promise.all([
      this.deps.store.meetingSnapshotsOf(mailbox, ids),
      mirroredItems ?? this.deps.mirror.getItems(mailbox, "events", ids),
    ]);
    const mirrored = new Map(items.map((i) => [i.id, i]));
    /** The service's own priority write coming back: only the category and importance changed. */
    const ownWrite = (change: ItemChange) => {
      const own = ownVersions.get(change.id);
      return !!snapshots.get(change.id) && !!own && mirrored.get(change.id)?.changeKey === own;
    };
    const reads = await this.readPlans(
      mailbox,
      changes.filter((change) => {
        if (change.change === "removed") return false;
        if (ownWrite(change)) return false;
        return !(
          change.change === "created" &&
          !snapshots.get(change.id) &&
          this.farAhead(change.id, mirrored.get(change.id))
        );
      }),
    );
    const seen = new Map<string, MeetingSnapshot>();
    const notices: NoticeCause[] = [];
    try {
      for (const change of changes) {
        const before = (snapshots.get(change.id) ?? null) as MeetingSnapshot | null;
        if (change.change !== "removed" && ownWrite(change)) continue;
        const after = await this.snapshotAfter(
          mailbox,
          change,
          before,
          mirrored.get(change.id),
          reads,
          kitchenOf,
        );
        if (before) notices.push(...this.noticesFor(change.id, before, after));
        if (after) seen.set(change.id, after);
      }
    } finally {
      // The changes looked at so far are decided when a later one's read fails: that one keeps its
      // old snapshot, so its move is looked at again.
      await this.deps.outbox.decide(async (tx, owe) => {
        for (const notice of notices) {
          if ((await owe(noticeMail(mailbox, notice))).created)
            report.owed.push({ to: notice.to, kind: notice.change, eventId: notice.eventId });
        }
        await tx.reconcile.saveMeetingSnapshots(mailbox, seen);
      });
    }
    return report;
  }

  /**
   * The plans of the changed meetings, read from Graph a few at a time (the mailbox's lane in the
   * Graph client keeps to its concurrency limit), before the changes are looked at in order.
   */
  private async readPlans(
    mailbox: string,
    toRead: ItemChange[],
  ): Promise<Map<string, Promise<GraphItem | null>>> {
    const reads = new Map<string, Promise<GraphItem | null>>();
    let next = 0;
    const reader = async () => {
      while (next < toRead.length) {
        const change = toRead[next++] as ItemChange;
        const read = this.readPlan(mailbox, change.id);
        reads.set(change.id, read);
        await read.catch(() => undefined);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PLAN_READS_AT_ONCE, toRead.length) }, reader));
    return reads;
  }

  private readPlan(mailbox: string, eventId: string): Promise<GraphItem | null> {
    return this.deps.gateway.getEvent(mailbox, eventId, {
      extendedProperties: [customPropertiesId(this.deps.addinId)],
    });
  }

  /** What the meeting is after the change: null when it is gone (or its read found nothing). */
  private async snapshotAfter(
    mailbox: string,
    change: ItemChange,
    before: MeetingSnapshot | null,
    item: MirrorItem | undefined,
    reads: Map<string, Promise<GraphItem | null>>,
    kitchenOf: (id?: string) => string,
  ): Promise<MeetingSnapshot | null> {
    // A meeting first seen far ahead has its plan read when it next changes (the add-in's edits are
    // changes too): reading every plan of a full mirror would cost one Graph call per meeting.
    const far = change.change === "created" && !before ? this.farAhead(change.id, item) : null;
    if (far) return snapshotOf(far, null, kitchenOf, item?.data["sensitivity"]);
    if (change.change === "removed") return null;
    const event = await (reads.get(change.id) ?? this.readPlan(mailbox, change.id));
    return event
      ? snapshotOf(
          meetingFacts(change.id, event),
          planOf(event, this.deps.addinId),
          kitchenOf,
          event["sensitivity"],
        )
      : null;
  }

  /**
   * After changes that were never reconciled: each meeting ahead with an order whose mirrored
   * time, place or state no longer matches its snapshot (or that left the mirror) is looked at
   * as changed, so its notice still goes, once.
   */
  async catchUp(mailbox: string, settings: ReconcileSettings): Promise<NoticeReport> {
    const now = Date.now();
    const ordered = [...(await this.deps.store.meetingSnapshots(mailbox))].flatMap(([id, value]) => {
      const snapshot = value as MeetingSnapshot;
      const ahead = snapshot.end !== null && Date.parse(snapshot.end) > now;
      return ahead && !snapshot.cancelled && (snapshot.catering || snapshot.reception)
        ? [{ id, snapshot }]
        : [];
    });
    if (ordered.length === 0) return { owed: [] };
    const items = await this.deps.mirror.getItems(
      mailbox,
      "events",
      ordered.map((o) => o.id),
    );
    const mirrored = new Map(items.map((item) => [item.id, item]));
    const changes = ordered.flatMap(({ id, snapshot }): ItemChange[] => {
      const item = mirrored.get(id);
      if (!item) return [{ id, change: "removed" }];
      const facts = meetingFacts(id, item.data);
      const same =
        !facts.isCancelled &&
        facts.start === snapshot.start &&
        facts.end === snapshot.end &&
        facts.location === snapshot.location;
      return same ? [] : [{ id, change: "updated" }];
    });
    return changes.length > 0 ? this.onEventChanges(mailbox, changes, settings) : { owed: [] };
  }

  /** The meeting as the mirror shows it, when it starts beyond the next fortnight; null otherwise. */
  private farAhead(eventId: string, item: MirrorItem | undefined): ReturnType<typeof meetingFacts> | null {
    const facts = item ? meetingFacts(eventId, item.data) : null;
    return facts?.start && Date.parse(facts.start) - Date.now() >= SOON_MS ? facts : null;
  }

  /** The notices a meeting's change owes: none unless it moved or was cancelled while still ahead. */
  private noticesFor(eventId: string, before: MeetingSnapshot, after: MeetingSnapshot | null): NoticeCause[] {
    // A meeting already over needs no notice: it leaves the mirror's window without being cancelled.
    if (before.cancelled || (before.end !== null && Date.parse(before.end) <= Date.now())) return [];
    const cancelled = !after || after.cancelled;
    const moved =
      !cancelled &&
      after &&
      (after.start !== before.start || after.end !== before.end || after.location !== before.location);
    if (!cancelled && !moved) return [];
    const audiences: { audience: NoticeCause["audience"]; to: string }[] = [];
    const catering = before.catering ?? after?.catering;
    if (catering) audiences.push({ audience: "catering", to: catering.kitchen });
    if (before.reception || after?.reception)
      audiences.push({ audience: "reception", to: this.deps.receptionMailbox });
    const { subject, sensitivity, start, end, location } = before;
    return audiences.map(({ audience, to }) => ({
      eventId,
      audience,
      to,
      change: cancelled ? "cancellation" : "change",
      before: { subject, ...(sensitivity ? { sensitivity } : {}), start, end, location },
      after: cancelled || !after ? null : { start: after.start, end: after.end, location: after.location },
    }));
  }
}
