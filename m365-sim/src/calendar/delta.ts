import { createHmac, timingSafeEqual } from "node:crypto";
import { DateTime } from "luxon";
import { z } from "zod";
import { GraphError } from "../odata";
import type { SimState } from "../state";
import type { CalendarEvent } from "./model";
import { formatGraphDateTime } from "./time";
import { expandCalendarView } from "./view";

/**
 * calendarView delta. The state tokens in `$skiptoken`/`$deltatoken` are opaque to
 * clients (sealed with the sim's secret) and carry the window, the sync point and the
 * position, so later requests need no other parameters, as the docs describe.
 * https://learn.microsoft.com/en-us/graph/delta-query-events
 */

/** How long a delta token stays usable (by the sim's clock) before Graph would have dropped the sync state. */
export const DELTA_TOKEN_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** Page size when the client sends no `Prefer: odata.maxpagesize`. */
export const DEFAULT_DELTA_PAGE = 10;

const tokenSchema = z.object({
  mailbox: z.string(),
  from: z.string(),
  to: z.string(),
  /** Changes after this sequence number are in this round (0: a full sync). */
  since: z.number().int(),
  /** The sync point: the next round starts here. */
  until: z.number().int(),
  /** Paging cursor: the last item delivered in this round, in (sequence number, id) order. */
  after: z.tuple([z.number().int(), z.string()]).nullable(),
  issuedAt: z.number(),
});
export type DeltaState = z.infer<typeof tokenSchema>;

export function sealToken(state: SimState, token: DeltaState): string {
  const body = Buffer.from(JSON.stringify(token)).toString("base64url");
  const mac = createHmac("sha256", state.tokenSecret).update(body).digest("base64url");
  return `${body}.${mac}`;
}

function syncStateGone(): GraphError {
  return new GraphError(
    410,
    "SyncStateNotFound",
    "The sync state generation is not found. Please restart the synchronization without a state token.",
  );
}

/** Opens a token; a forged, foreign, expired or invalidated one answers 410 as Graph does for lost sync state. */
export function openToken(state: SimState, raw: string, mailboxId: string): DeltaState {
  const [body = "", mac = ""] = raw.split(".");
  const expected = createHmac("sha256", state.tokenSecret).update(body).digest();
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw syncStateGone();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    throw syncStateGone();
  }
  const parsed = tokenSchema.safeParse(decoded);
  if (!parsed.success || parsed.data.mailbox !== mailboxId) throw syncStateGone();
  const token = parsed.data;
  if (token.until < state.deltaTokenFloor) throw syncStateGone();
  if (state.clock.now().getTime() - token.issuedAt > DELTA_TOKEN_TTL_MS) throw syncStateGone();
  return token;
}

export type DeltaItem =
  | { kind: "changed"; event: CalendarEvent; seq: number; id: string }
  | { kind: "removed"; seq: number; id: string };

export interface DeltaPage {
  items: DeltaItem[];
  /** Set when more pages follow in this round. */
  skipToken?: string;
  /** Set on the last page: the start of the next round. */
  deltaToken?: string;
}

/**
 * Everything that changed in the window since the token's sync point, one page of it.
 * Pages follow change order with a cursor rather than an offset, so an item that changes
 * again while a client pages comes later instead of shifting others out of view.
 */
export function deltaPage(state: SimState, token: DeltaState, pageSize: number): DeltaPage {
  const from = DateTime.fromISO(token.from, { zone: "UTC" });
  const to = DateTime.fromISO(token.to, { zone: "UTC" });
  const current = expandCalendarView(state, token.mailbox, from, to);
  const items: DeltaItem[] = current
    .filter((event) => event._seq > token.since)
    .map((event) => ({ kind: "changed", event, seq: event._seq, id: event.id }));
  if (token.since > 0) {
    const present = new Set(current.map((e) => e.id));
    const fromText = formatGraphDateTime(from);
    const toText = formatGraphDateTime(to);
    const removed = new Map<string, number>();
    for (const tomb of state.mailbox(token.mailbox).tombstones) {
      if (tomb.kind !== "event" || tomb.seq <= token.since || present.has(tomb.id)) continue;
      const wasInWindow = (tomb.start ?? "") < toText && (tomb.end ?? "") > fromText;
      if (wasInWindow) removed.set(tomb.id, Math.max(tomb.seq, removed.get(tomb.id) ?? 0));
    }
    for (const [id, seq] of removed) items.push({ kind: "removed", seq, id });
  }
  const order = (a: DeltaItem, b: DeltaItem) => a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const after = token.after;
  const pending = items
    .filter((item) => !after || item.seq > after[0] || (item.seq === after[0] && item.id > after[1]))
    .sort(order);
  const page = pending.slice(0, pageSize);
  const issuedAt = state.clock.now().getTime();
  const last = page[page.length - 1];
  if (last && pending.length > pageSize) {
    return { items: page, skipToken: sealToken(state, { ...token, after: [last.seq, last.id], issuedAt }) };
  }
  return {
    items: page,
    deltaToken: sealToken(state, { ...token, since: token.until, after: null, issuedAt }),
  };
}

/** The state of a round that starts now: a full sync when `since` is 0. */
export function startRound(state: SimState, mailbox: string, from: DateTime, to: DateTime): DeltaState {
  return {
    mailbox,
    from: from.toISO() ?? "",
    to: to.toISO() ?? "",
    since: 0,
    until: state.currentSeq(),
    after: null,
    issuedAt: state.clock.now().getTime(),
  };
}

/** A delta token's next round: changes after its sync point, up to now. */
export function continueRound(state: SimState, token: DeltaState): DeltaState {
  return { ...token, until: state.currentSeq(), after: null };
}
