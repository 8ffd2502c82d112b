import type { Clock } from "./clock";
import { iso, queryOne } from "./rows";
import type { SqlSession } from "./sql";

/** A meeting's whole plan as the service keeps it (the meeting holds a compact copy). */
export interface StoredPlan {
  mailbox: string;
  eventId: string;
  revision: number;
  plan: Record<string, unknown>;
  updatedBy: string;
  updatedAt: string;
}

export interface BriefingNote {
  mailbox: string;
  eventId: string;
  version: number;
  text: string;
  updatedBy: string;
  updatedAt: string;
}

export const ORDER_KINDS = ["catering", "reception", "material"] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];

/** An order sent for a meeting: what went to the kitchen, the reception or a department. */
export interface SentOrder {
  id: string;
  mailbox: string;
  eventId: string;
  kind: OrderKind;
  meetingStart: string;
  body: Record<string, unknown>;
  sentBy: string;
  sentAt: string;
}

/** A save based on an older revision finds the current one instead of overwriting it. */
export type Saved<T> = { saved: true; current: T } | { saved: false; current: T | null };

/** Plans, briefing notes and orders: the long text the meeting's 2,500 characters cannot hold. */
export interface PlanStore {
  getPlan(mailbox: string, eventId: string): Promise<StoredPlan | null>;
  /** Saves as revision baseRevision + 1, only if the stored revision is still baseRevision (0: none yet). */
  savePlan(input: {
    mailbox: string;
    eventId: string;
    baseRevision: number;
    plan: Record<string, unknown>;
    by: string;
  }): Promise<Saved<StoredPlan>>;
  getBriefing(mailbox: string, eventId: string): Promise<BriefingNote | null>;
  /** Saves as version baseVersion + 1, only if the stored version is still baseVersion (0: none yet). */
  saveBriefing(input: {
    mailbox: string;
    eventId: string;
    baseVersion: number;
    text: string;
    by: string;
  }): Promise<Saved<BriefingNote>>;
  recordOrder(input: Omit<SentOrder, "id" | "sentAt">): Promise<SentOrder>;
  getOrder(id: string): Promise<SentOrder | null>;
  /** Orders of a kind for meetings starting in [from, to), earliest meeting first, latest order last. */
  ordersBetween(mailbox: string, kind: OrderKind, from: string, to: string): Promise<SentOrder[]>;
}

interface PlanRow {
  mailbox: string;
  event_id: string;
  revision: number;
  plan: Record<string, unknown> | string;
  updated_by: string;
  updated_at: Date | string;
}

interface NoteRow {
  mailbox: string;
  event_id: string;
  version: number;
  text: string;
  updated_by: string;
  updated_at: Date | string;
}

interface OrderRow {
  id: string | number;
  mailbox: string;
  event_id: string;
  kind: OrderKind;
  meeting_start: Date | string;
  body: Record<string, unknown> | string;
  sent_by: string;
  sent_at: Date | string;
}

// PGlite and node-postgres both parse jsonb; a driver that hands back text is read the same.
const jsonOf = (value: Record<string, unknown> | string): Record<string, unknown> =>
  typeof value === "string" ? (JSON.parse(value) as Record<string, unknown>) : value;

const toPlan = (row: PlanRow): StoredPlan => ({
  mailbox: row.mailbox,
  eventId: row.event_id,
  revision: row.revision,
  plan: jsonOf(row.plan),
  updatedBy: row.updated_by,
  updatedAt: iso(row.updated_at),
});

const toNote = (row: NoteRow): BriefingNote => ({
  mailbox: row.mailbox,
  eventId: row.event_id,
  version: row.version,
  text: row.text,
  updatedBy: row.updated_by,
  updatedAt: iso(row.updated_at),
});

const toOrder = (row: OrderRow): SentOrder => ({
  id: String(row.id),
  mailbox: row.mailbox,
  eventId: row.event_id,
  kind: row.kind,
  meetingStart: iso(row.meeting_start),
  body: jsonOf(row.body),
  sentBy: row.sent_by,
  sentAt: iso(row.sent_at),
});

const PLAN_COLUMNS = "mailbox, event_id, revision, plan, updated_by, updated_at";
const NOTE_COLUMNS = "mailbox, event_id, version, text, updated_by, updated_at";
const ORDER_COLUMNS = "id, mailbox, event_id, kind, meeting_start, body, sent_by, sent_at";

export function sqlPlanStore(db: SqlSession, clock: Clock): PlanStore {
  /** Plans and briefing notes are kept one per meeting: a meeting's row in `table`, or null. */
  const meetingRow =
    <R, T>(table: string, columns: string, to: (row: R) => T) =>
    (mailbox: string, eventId: string) =>
      queryOne(
        db,
        `SELECT ${columns} FROM ${table} WHERE mailbox = $1 AND event_id = $2`,
        [mailbox, eventId],
        to,
      );
  return {
    getPlan: meetingRow("meeting_plans", PLAN_COLUMNS, toPlan),

    async savePlan({ mailbox, eventId, baseRevision, plan, by }) {
      const params = [
        mailbox,
        eventId,
        baseRevision + 1,
        JSON.stringify(plan),
        by,
        clock.now().toISOString(),
      ];
      // One statement decides: the insert only for a first save, the update only if nobody saved meanwhile.
      const { rows } = await db.query<PlanRow>(
        baseRevision === 0
          ? `INSERT INTO meeting_plans (${PLAN_COLUMNS}) VALUES ($1, $2, $3, $4::jsonb, $5, $6)
             ON CONFLICT (mailbox, event_id) DO NOTHING RETURNING ${PLAN_COLUMNS}`
          : `UPDATE meeting_plans SET revision = $3, plan = $4::jsonb, updated_by = $5, updated_at = $6
             WHERE mailbox = $1 AND event_id = $2 AND revision = $3 - 1 RETURNING ${PLAN_COLUMNS}`,
        params,
      );
      if (rows[0]) return { saved: true, current: toPlan(rows[0]) };
      return { saved: false, current: await this.getPlan(mailbox, eventId) };
    },

    getBriefing: meetingRow("briefing_notes", NOTE_COLUMNS, toNote),

    async saveBriefing({ mailbox, eventId, baseVersion, text, by }) {
      const params = [mailbox, eventId, baseVersion + 1, text, by, clock.now().toISOString()];
      const { rows } = await db.query<NoteRow>(
        baseVersion === 0
          ? `INSERT INTO briefing_notes (${NOTE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (mailbox, event_id) DO NOTHING RETURNING ${NOTE_COLUMNS}`
          : `UPDATE briefing_notes SET version = $3, text = $4, updated_by = $5, updated_at = $6
             WHERE mailbox = $1 AND event_id = $2 AND version = $3 - 1 RETURNING ${NOTE_COLUMNS}`,
        params,
      );
      if (rows[0]) return { saved: true, current: toNote(rows[0]) };
      return { saved: false, current: await this.getBriefing(mailbox, eventId) };
    },

    async recordOrder(order) {
      const { rows } = await db.query<OrderRow>(
        `INSERT INTO meeting_orders (mailbox, event_id, kind, meeting_start, body, sent_by, sent_at)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7) RETURNING ${ORDER_COLUMNS}`,
        [
          order.mailbox,
          order.eventId,
          order.kind,
          order.meetingStart,
          JSON.stringify(order.body),
          order.sentBy,
          clock.now().toISOString(),
        ],
      );
      return toOrder(rows[0] as OrderRow);
    },

    async getOrder(id) {
      if (!/^\d+$/.test(id)) return null;
      return queryOne(db, `SELECT ${ORDER_COLUMNS} FROM meeting_orders WHERE id = $1`, [id], toOrder);
    },

    async ordersBetween(mailbox, kind, from, to) {
      const { rows } = await db.query<OrderRow>(
        `SELECT ${ORDER_COLUMNS} FROM meeting_orders
         WHERE mailbox = $1 AND kind = $2 AND meeting_start >= $3 AND meeting_start < $4
         ORDER BY meeting_start, id`,
        [mailbox, kind, from, to],
      );
      return rows.map(toOrder);
    },
  };
}
