import { z } from "zod";
import { GraphError, parseSelect } from "../odata";
import type { SimState } from "../state";
import { messageResource, messagesOf, type FolderName } from "./model";
import { MESSAGE_SELECT, parseFilter, project, type FilterSubject } from "./query";
import { openToken, sealToken, syncStateGone } from "./tokens";

/**
 * Message delta for one folder: a round returns every message changed since the last
 * round (all of them in the first), then `@removed` for those deleted or moved out.
 * Pages are cut at a cursor over a stable order, so a change made during a round is
 * never lost: it lands in the next round.
 * https://learn.microsoft.com/en-us/graph/delta-query-messages
 * https://learn.microsoft.com/en-us/graph/api/message-delta
 */

/** Graph's page size for message delta when the client sets no `odata.maxpagesize`. */
export const DEFAULT_DELTA_PAGE_SIZE = 10;

const changeTypeSchema = z.enum(["created", "updated", "deleted"]);

const roundSchema = z.object({
  mailbox: z.string(),
  folder: z.string(),
  /** Changes after this sequence number belong to the round. */
  since: z.number(),
  /** ...up to this one (the round's start); absent in a deltatoken. */
  until: z.number().optional(),
  /** Sort key of the last entry already returned in this round. */
  after: z.string().optional(),
  select: z.array(z.string()).optional(),
  filter: z.string().optional(),
  newestFirst: z.boolean().optional(),
  changeType: changeTypeSchema.optional(),
});
type Round = z.infer<typeof roundSchema>;

export interface DeltaRequest {
  mailboxId: string;
  folder: FolderName;
  skipToken?: string;
  deltaToken?: string;
  select?: string;
  filter?: string;
  orderBy?: string;
  changeType?: string;
  pageSize: number;
}

export interface DeltaPage {
  value: Record<string, unknown>[];
  /** Exactly one of the two is set. */
  skipToken?: string;
  deltaToken?: string;
}

const createdAt = new WeakMap<SimState, Map<string, number>>();

/** Remembers when each message was created, so `changeType=created|updated` can tell them apart. */
export function trackMessageCreation(state: SimState): void {
  if (createdAt.has(state)) return;
  const created = new Map<string, number>();
  createdAt.set(state, created);
  state.onChange((change) => {
    if (change.kind !== "message") return;
    if (change.changeType === "created") created.set(change.id, change.seq);
    if (change.changeType === "deleted") created.delete(change.id);
  });
}

/** Fixed-width ISO times sort newest first once every digit is inverted. */
const invertDigits = (text: string) => text.replace(/\d/g, (d) => String(9 - Number(d)));

function readRound(state: SimState, request: DeltaRequest): Round {
  const token = request.skipToken ?? request.deltaToken;
  if (token === undefined) {
    const filter = request.filter;
    if (filter !== undefined && !/^\s*receivedDateTime\s+(ge|gt)\s+\S+\s*$/i.test(filter)) {
      throw new GraphError(
        400,
        "ErrorInvalidUrlQueryFilter",
        "The query filter contains one or more invalid nodes.",
      );
    }
    if (request.orderBy !== undefined && !/^\s*receivedDateTime\s+desc\s*$/i.test(request.orderBy)) {
      throw new GraphError(
        400,
        "BadRequest",
        "The only supported $orderby for message delta is 'receivedDateTime desc'.",
      );
    }
    const changeType =
      request.changeType === undefined ? undefined : changeTypeSchema.safeParse(request.changeType);
    if (changeType && !changeType.success) {
      throw new GraphError(
        400,
        "BadRequest",
        `The value '${request.changeType}' of parameter 'changeType' is invalid.`,
      );
    }
    return {
      mailbox: request.mailboxId,
      folder: request.folder,
      since: 0,
      until: state.currentSeq(),
      select: parseSelect(request.select, MESSAGE_SELECT),
      filter,
      newestFirst: request.orderBy !== undefined,
      changeType: changeType?.data,
    };
  }
  const parsed = roundSchema.safeParse(openToken(state, token));
  if (!parsed.success || parsed.data.mailbox !== request.mailboxId || parsed.data.folder !== request.folder) {
    throw syncStateGone();
  }
  const round = parsed.data;
  if (request.deltaToken !== undefined) {
    if (round.until !== undefined || round.since < state.deltaTokenFloor) throw syncStateGone();
    return { ...round, until: state.currentSeq(), after: undefined };
  }
  if (round.until === undefined || round.until < state.deltaTokenFloor) throw syncStateGone();
  return round;
}

interface Entry {
  key: string;
  render: () => Record<string, unknown>;
}

export function messageDelta(state: SimState, request: DeltaRequest): DeltaPage {
  const round = readRound(state, request);
  const until = round.until ?? state.currentSeq();
  const created = createdAt.get(state);
  const filter = parseFilter(round.filter);
  const entries: Entry[] = [];

  if (round.since > 0 && round.changeType !== "created" && round.changeType !== "updated") {
    const removed = new Set<string>();
    for (const tombstone of state.mailbox(round.mailbox).tombstones) {
      if (tombstone.kind !== "message" || tombstone.folder !== round.folder) continue;
      if (tombstone.seq <= round.since || tombstone.seq > until || removed.has(tombstone.id)) continue;
      removed.add(tombstone.id);
      entries.push({
        key: `0|${tombstone.id}`,
        render: () => ({
          "@odata.type": "#microsoft.graph.message",
          id: tombstone.id,
          "@removed": { reason: "deleted" },
        }),
      });
    }
  }
  if (round.changeType !== "deleted") {
    for (const message of messagesOf(state, round.mailbox).values()) {
      if (message._folder !== round.folder || message._seq <= round.since || message._seq > until) continue;
      const createdSeq = created?.get(message.id) ?? 0;
      if (round.changeType === "created" && createdSeq <= round.since) continue;
      if (round.changeType === "updated" && createdSeq > round.since) continue;
      const resource = messageResource(round.mailbox, message);
      if (
        filter &&
        !filter({
          ...resource,
          singleValueExtendedProperties: message._extendedProperties ?? [],
        } as FilterSubject)
      ) {
        continue;
      }
      const order = round.newestFirst ? invertDigits(message.receivedDateTime ?? "") : "";
      entries.push({
        key: `1|${order}|${message.id}`,
        render: () => {
          const item = project(resource, round.select);
          item["@odata.type"] ??= "#microsoft.graph.message";
          return item;
        },
      });
    }
  }

  entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const pending = round.after === undefined ? entries : entries.filter((e) => e.key > (round.after ?? ""));
  const page = pending.slice(0, request.pageSize);
  const value = page.map((entry) => {
    const rendered = entry.render();
    const { "@odata.type": type, ...rest } = rendered;
    return { "@odata.type": type, ...rest };
  });
  const last = page[page.length - 1];
  if (pending.length > page.length && last) {
    return { value, skipToken: sealToken(state, { ...round, until, after: last.key } satisfies Round) };
  }
  const next: Round = { ...round, since: until, until: undefined, after: undefined };
  return { value, deltaToken: sealToken(state, next) };
}
