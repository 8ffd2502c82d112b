import type { WeeklyDecision } from "@modeklar/shared";
import type { Clock } from "./clock";
import { iso } from "./rows";
import type { SqlSession } from "./sql";

/** One line of the weekly calendar meeting's minutes: what was decided about a meeting and how it went. */
export interface MinuteEntry {
  id: string;
  mailbox: string;
  /** Monday (ISO date) of the week the meeting was held for. */
  weekStart: string;
  eventId: string;
  decision: WeeklyDecision;
  detail: Record<string, unknown>;
  /** "applied" when Outlook took it, else why not. */
  outcome: string;
  decidedBy: string;
  decidedAt: string;
}

export interface Arrival {
  mailbox: string;
  eventId: string;
  guest: string;
  markedBy: string;
  arrivedAt: string;
}

export interface CateringConfirmation {
  mailbox: string;
  eventId: string;
  confirmedBy: string;
  confirmedAt: string;
}

/** The minutes, arrivals and kitchen confirmations the phone, week and day-list pages record. */
export interface PagesStore {
  recordDecision(entry: Omit<MinuteEntry, "id" | "decidedAt">): Promise<MinuteEntry>;
  /** The week's minutes in the order they were decided. */
  minutesOfWeek(mailbox: string, weekStart: string): Promise<MinuteEntry[]>;
  /** What the weekly meetings decided about these meetings, in the order it was decided (the journal's minutes). */
  minutesOfMeetings(mailbox: string, eventIds: readonly string[]): Promise<MinuteEntry[]>;
  /** Marks a guest arrived; `first` is false when the guest had already been marked (no second mail to the host). */
  markArrived(input: Omit<Arrival, "arrivedAt">): Promise<{ first: boolean; arrival: Arrival }>;
  arrivalsOf(mailbox: string, eventIds: readonly string[]): Promise<Arrival[]>;
  /** The first confirmation stands; a repeated one returns it unchanged. */
  confirmCatering(input: Omit<CateringConfirmation, "confirmedAt">): Promise<CateringConfirmation>;
  confirmationsOf(mailbox: string, eventIds: readonly string[]): Promise<CateringConfirmation[]>;
}

interface MinuteRow {
  id: string | number;
  mailbox: string;
  /** Read as text: a date column would come back as a Date at the driver's local midnight. */
  week_start: string;
  event_id: string;
  decision: WeeklyDecision;
  detail: Record<string, unknown> | string;
  outcome: string;
  decided_by: string;
  decided_at: Date | string;
}

interface ArrivalRow {
  mailbox: string;
  event_id: string;
  guest: string;
  marked_by: string;
  arrived_at: Date | string;
}

interface ConfirmationRow {
  mailbox: string;
  event_id: string;
  confirmed_by: string;
  confirmed_at: Date | string;
}

const jsonOf = (value: Record<string, unknown> | string): Record<string, unknown> =>
  typeof value === "string" ? (JSON.parse(value) as Record<string, unknown>) : value;

const toMinute = (row: MinuteRow): MinuteEntry => ({
  id: String(row.id),
  mailbox: row.mailbox,
  weekStart: row.week_start,
  eventId: row.event_id,
  decision: row.decision,
  detail: jsonOf(row.detail),
  outcome: row.outcome,
  decidedBy: row.decided_by,
  decidedAt: iso(row.decided_at),
});

const toArrival = (row: ArrivalRow): Arrival => ({
  mailbox: row.mailbox,
  eventId: row.event_id,
  guest: row.guest,
  markedBy: row.marked_by,
  arrivedAt: iso(row.arrived_at),
});

const toConfirmation = (row: ConfirmationRow): CateringConfirmation => ({
  mailbox: row.mailbox,
  eventId: row.event_id,
  confirmedBy: row.confirmed_by,
  confirmedAt: iso(row.confirmed_at),
});

const MINUTE_COLUMNS =
  "id, mailbox, week_start::text AS week_start, event_id, decision, detail, outcome, decided_by, decided_at";
const ARRIVAL_COLUMNS = "mailbox, event_id, guest, marked_by, arrived_at";
const CONFIRMATION_COLUMNS = "mailbox, event_id, confirmed_by, confirmed_at";

export function sqlPagesStore(db: SqlSession, clock: Clock): PagesStore {
  return {
    async recordDecision(entry) {
      const { rows } = await db.query<MinuteRow>(
        `INSERT INTO weekly_minutes (mailbox, week_start, event_id, decision, detail, outcome, decided_by, decided_at)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8) RETURNING ${MINUTE_COLUMNS}`,
        [
          entry.mailbox,
          entry.weekStart,
          entry.eventId,
          entry.decision,
          JSON.stringify(entry.detail),
          entry.outcome,
          entry.decidedBy,
          clock.now().toISOString(),
        ],
      );
      return toMinute(rows[0] as MinuteRow);
    },

    async minutesOfWeek(mailbox, weekStart) {
      const { rows } = await db.query<MinuteRow>(
        `SELECT ${MINUTE_COLUMNS} FROM weekly_minutes WHERE mailbox = $1 AND week_start = $2 ORDER BY id`,
        [mailbox, weekStart],
      );
      return rows.map(toMinute);
    },

    async minutesOfMeetings(mailbox, eventIds) {
      if (eventIds.length === 0) return [];
      const { rows } = await db.query<MinuteRow>(
        `SELECT ${MINUTE_COLUMNS} FROM weekly_minutes WHERE mailbox = $1 AND event_id = ANY($2::text[]) ORDER BY id`,
        [mailbox, [...eventIds]],
      );
      return rows.map(toMinute);
    },

    async markArrived({ mailbox, eventId, guest, markedBy }) {
      const { rows } = await db.query<ArrivalRow>(
        `INSERT INTO reception_arrivals (${ARRIVAL_COLUMNS}) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (mailbox, event_id, guest) DO NOTHING RETURNING ${ARRIVAL_COLUMNS}`,
        [mailbox, eventId, guest, markedBy, clock.now().toISOString()],
      );
      if (rows[0]) return { first: true, arrival: toArrival(rows[0]) };
      const existing = await db.query<ArrivalRow>(
        `SELECT ${ARRIVAL_COLUMNS} FROM reception_arrivals WHERE mailbox = $1 AND event_id = $2 AND guest = $3`,
        [mailbox, eventId, guest],
      );
      return { first: false, arrival: toArrival(existing.rows[0] as ArrivalRow) };
    },

    async arrivalsOf(mailbox, eventIds) {
      if (eventIds.length === 0) return [];
      const { rows } = await db.query<ArrivalRow>(
        `SELECT ${ARRIVAL_COLUMNS} FROM reception_arrivals WHERE mailbox = $1 AND event_id = ANY($2::text[])
         ORDER BY arrived_at, guest`,
        [mailbox, [...eventIds]],
      );
      return rows.map(toArrival);
    },

    async confirmCatering({ mailbox, eventId, confirmedBy }) {
      await db.query(
        `INSERT INTO catering_confirmations (${CONFIRMATION_COLUMNS}) VALUES ($1, $2, $3, $4)
         ON CONFLICT (mailbox, event_id) DO NOTHING`,
        [mailbox, eventId, confirmedBy, clock.now().toISOString()],
      );
      const { rows } = await db.query<ConfirmationRow>(
        `SELECT ${CONFIRMATION_COLUMNS} FROM catering_confirmations WHERE mailbox = $1 AND event_id = $2`,
        [mailbox, eventId],
      );
      return toConfirmation(rows[0] as ConfirmationRow);
    },

    async confirmationsOf(mailbox, eventIds) {
      if (eventIds.length === 0) return [];
      const { rows } = await db.query<ConfirmationRow>(
        `SELECT ${CONFIRMATION_COLUMNS} FROM catering_confirmations WHERE mailbox = $1 AND event_id = ANY($2::text[])`,
        [mailbox, [...eventIds]],
      );
      return rows.map(toConfirmation);
    },
  };
}
