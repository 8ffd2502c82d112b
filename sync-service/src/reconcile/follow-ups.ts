import { DEFAULT_PRIVACY, type MeetingPlan, type PrivacySettings } from "@modeklar/shared";
import type { Logger } from "pino";
import type { GraphItem, MailboxGateway } from "../graph";
import { customPropertiesId } from "../http/routes/event-fields";
import type { ReconcileStore } from "../store/reconcile";
import type { ItemChange, MirrorItem, MirrorStore } from "../store/types";
import { meetingFacts, planOf } from "./items";
import { noticeMail, type NoticedMeeting } from "./notice-mails";
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
  store: ReconcileStore;
  gateway: MailboxGateway;
  addinId: string;
  cateringMailbox: string;
  receptionMailbox: string;
  /** Who besides the mayor sees private meetings whole; the default when not given. */
  privacy?: PrivacySettings;
  log: Logger;
}

export interface NoticeReport {
  sent: { to: string; kind: "change" | "cancellation"; eventId: string }[];
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
 * kitchen or the reception gets one mail about it: each change is claimed in the store
 * by event and fingerprint before the mail goes, so a second look (or instance) sends none.
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
    const report: NoticeReport = { sent: [] };
    const kitchenOf = (id?: string) =>
      settings.kitchens.find((k) => k.id === id)?.mailbox ?? this.deps.cateringMailbox;
    const ids = changes.map((c) => c.id);
    const [snapshots, items] = await Promise.all([
      this.deps.store.meetingSnapshotsOf(mailbox, ids),
      mirroredItems ?? this.deps.mirror.getItems(mailbox, "events", ids),
    ]);
    const mirrored = new Map(items.map((i) => [i.id, i]));
    const seen = new Map<string, MeetingSnapshot>();
    // The plans of the changed meetings, read from Graph a few at a time (the mailbox's lane in
    // the Graph client keeps to its concurrency limit), before the changes are looked at in order.
    const reads = new Map<string, Promise<GraphItem | null>>();
    const toRead = changes.filter((change) => {
      const before = snapshots.get(change.id);
      const item = mirrored.get(change.id);
      const ownWrite = ownVersions.get(change.id);
      if (change.change === "removed") return false;
      if (before && ownWrite && item?.changeKey === ownWrite) return false;
      return !(change.change === "created" && !before && this.farAhead(change.id, item));
    });
    let next = 0;
    const reader = async () => {
      while (next < toRead.length) {
        const change = toRead[next++] as ItemChange;
        const read = this.deps.gateway.getEvent(mailbox, change.id, {
          extendedProperties: [customPropertiesId(this.deps.addinId)],
        });
        reads.set(change.id, read);
        await read.catch(() => undefined);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PLAN_READS_AT_ONCE, toRead.length) }, reader));
    try {
      for (const change of changes) {
        const before = (snapshots.get(change.id) ?? null) as MeetingSnapshot | null;
        const item = mirrored.get(change.id);
        // The service's own priority write coming back: only the category and importance changed.
        const ownWrite = ownVersions.get(change.id);
        if (before && change.change !== "removed" && ownWrite && item?.changeKey === ownWrite) continue;
        let after: MeetingSnapshot | null = null;
        // A meeting first seen far ahead has its plan read when it next changes (the add-in's edits are
        // changes too): reading every plan of a full mirror would cost one Graph call per meeting.
        const far = change.change === "created" && !before ? this.farAhead(change.id, item) : null;
        if (far) {
          after = snapshotOf(far, null, kitchenOf, item?.data["sensitivity"]);
        } else if (change.change !== "removed") {
          const event = await (reads.get(change.id) ??
            this.deps.gateway.getEvent(mailbox, change.id, {
              extendedProperties: [customPropertiesId(this.deps.addinId)],
            }));
          if (event)
            after = snapshotOf(
              meetingFacts(change.id, event),
              planOf(event, this.deps.addinId),
              kitchenOf,
              event["sensitivity"],
            );
        }
        if (before) await this.notify(mailbox, change.id, before, after, report);
        if (after) seen.set(change.id, after);
      }
    } finally {
      // The changes handled keep their snapshot when a later one's notice fails; that one keeps the old
      // snapshot (and its released claim), so its move is noticed again.
      await this.deps.store.saveMeetingSnapshots(mailbox, seen);
    }
    return report;
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
    if (ordered.length === 0) return { sent: [] };
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
    return changes.length > 0 ? this.onEventChanges(mailbox, changes, settings) : { sent: [] };
  }

  /** The meeting as the mirror shows it, when it starts beyond the next fortnight; null otherwise. */
  private farAhead(eventId: string, item: MirrorItem | undefined): ReturnType<typeof meetingFacts> | null {
    const facts = item ? meetingFacts(eventId, item.data) : null;
    return facts?.start && Date.parse(facts.start) - Date.now() >= SOON_MS ? facts : null;
  }

  private async notify(
    mailbox: string,
    eventId: string,
    before: MeetingSnapshot,
    after: MeetingSnapshot | null,
    report: NoticeReport,
  ): Promise<void> {
    // A meeting already over needs no notice: it leaves the mirror's window without being cancelled.
    if (before.cancelled || (before.end !== null && Date.parse(before.end) <= Date.now())) return;
    const cancelled = !after || after.cancelled;
    const moved =
      !cancelled &&
      after &&
      (after.start !== before.start || after.end !== before.end || after.location !== before.location);
    if (!cancelled && !moved) return;
    const fingerprint = cancelled ? "cancelled" : `${after?.start}|${after?.end}|${after?.location}`;
    const recipients: { to: string; audience: "catering" | "reception" }[] = [];
    const catering = before.catering ?? after?.catering;
    if (catering) recipients.push({ to: catering.kitchen, audience: "catering" });
    if (before.reception || after?.reception)
      recipients.push({ to: this.deps.receptionMailbox, audience: "reception" });
    for (const { to, audience } of recipients) {
      const key = `notice:${mailbox}:${eventId}:${to}:${fingerprint}`;
      const kind = cancelled ? "cancellation" : "change";
      if (!(await this.deps.store.claimOnce(key, { to, kind, eventId }))) continue;
      const notice = { to, audience, before, after, privacy: this.deps.privacy ?? DEFAULT_PRIVACY };
      try {
        await this.deps.gateway.sendMail(mailbox, noticeMail(notice));
      } catch (err) {
        await this.deps.store.releaseOnce(key);
        throw err;
      }
      report.sent.push({ to, kind, eventId });
      this.deps.log.info({ mailbox, eventId, to, kind }, "follow-up notice sent");
    }
  }
}
