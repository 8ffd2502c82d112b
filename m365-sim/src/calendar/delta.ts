import { createHmac, timingSafeEqual } from "node:crypto";
import { DateTime } from "luxon";
import { z } from "zod";
import { GraphError } from "../odata";
import type { SimState, Tombstone } from "../state";
import type { CalendarEvent } from "./model";
import { isShownIn, shownIn, viewWindow } from "./view";

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
 * A page reads only the events and tombstones changed after the cursor (the mailbox keeps
 * its events in change order), so a round costs what changed, not the calendar's size.
 */
export function deltaPage(state: SimState, token: DeltaState, pageSize: number): DeltaPage {
  const window = viewWindow(
    state,
    token.mailbox,
    DateTime.fromISO(token.from, { zone: "UTC" }),
    DateTime.fromISO(token.to, { zone: "UTC" }),
  );
  const after = token.after;
  const pendingItem = (seq: number, id: string) =>
    !after || seq > after[0] || (seq === after[0] && id > after[1]);
  // Items changed at or before the cursor's sequence number less one were on earlier pages.
  const start = Math.max(token.since, after ? after[0] - 1 : 0);
  const items: DeltaItem[] = [];
  for (const event of state.eventChanges(token.mailbox).changedAfter(start)) {
    // Each event's items share its sequence number, so once a page and one more are
    // gathered, whatever comes later sorts after this page.
    if (items.length > pageSize) break;
    for (const shown of shownIn(window, event)) {
      if (pendingItem(shown._seq, shown.id)) {
        items.push({ kind: "changed", event: shown, seq: shown._seq, id: shown.id });
      }
    }
  }
  if (token.since > 0) {
    const tombstones = state.mailbox(token.mailbox).tombstones;
    const removed = new Map<string, number>();
    for (let i = firstAfter(tombstones, start); i < tombstones.length; i++) {
      const tomb = tombstones[i];
      if (!tomb || tomb.kind !== "event") continue;
      const wasInWindow = (tomb.start ?? "") < window.toText && (tomb.end ?? "") > window.fromText;
      if (wasInWindow) removed.set(tomb.id, Math.max(tomb.seq, removed.get(tomb.id) ?? 0));
    }
    for (const [id, seq] of removed) {
      if (pendingItem(seq, id) && !isShownIn(window, id)) items.push({ kind: "removed", seq, id });
    }
  }
  const order = (a: DeltaItem, b: DeltaItem) => a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const pending = items.sort(order);
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

/** The index of the first tombstone after a sequence number (tombstones are kept in sequence order). */
function firstAfter(tombstones: readonly Tombstone[], seq: number): number {
  let lo = 0;
  let hi = tombstones.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((tombstones[mid]?.seq ?? 0) > seq) hi = mid;
    else lo = mid + 1;
  }
  return lo;
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
