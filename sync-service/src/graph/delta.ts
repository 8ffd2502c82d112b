import type { Client, GraphRequest } from "@microsoft/microsoft-graph-client";
import { z } from "zod";
import {
  DeltaExpired,
  GraphFailure,
  type DeltaPageResult,
  type EventsDeltaFrom,
  type GraphItem,
  type StreamKind,
} from "./gateway";
import { EVENT_FIELDS, INBOX_FIELDS, onlyFields, selectOf, SENT_ITEM_FIELDS } from "./fields";
import { call, idOf, mailboxRequest, userPath } from "./requests";

const deltaPage = z.object({
  value: z.array(z.record(z.string(), z.unknown())),
  "@odata.nextLink": z.string().optional(),
  "@odata.deltaLink": z.string().optional(),
});

async function fetchPage(
  request: GraphRequest,
  mailbox: string,
  kind: StreamKind,
  pageSize: number,
  keep: (item: GraphItem) => GraphItem = (item) => item,
): Promise<DeltaPageResult> {
  const raw = await call(() => request.header("Prefer", `odata.maxpagesize=${pageSize}`).get()).catch(
    (err) => {
      throw err instanceof GraphFailure && err.status === 410 ? new DeltaExpired(mailbox, kind) : err;
    },
  );
  const parsed = deltaPage.safeParse(raw);
  if (!parsed.success) throw new GraphFailure(502, null, `Graph returned a malformed ${kind} delta page.`);
  const page = parsed.data;
  const nextLink = page["@odata.nextLink"];
  const deltaLink = page["@odata.deltaLink"];
  if (!nextLink === !deltaLink) {
    throw new GraphFailure(
      502,
      null,
      `A ${kind} delta page must carry exactly one of nextLink and deltaLink.`,
    );
  }
  const items: GraphItem[] = [];
  const removed: string[] = [];
  for (const entry of page.value) {
    const id = idOf(entry);
    if ("@removed" in entry) removed.push(id);
    else items.push(keep({ ...entry, id }));
  }
  return { items, removed, ...(nextLink ? { nextLink } : { deltaLink }) };
}

/**
 * One page of `calendarView/delta`: a new round over the window, or the page a link points at.
 * Graph takes no `$select` here, so each event is cut to EVENT_FIELDS as it arrives.
 */
export function eventsDelta(
  client: Client,
  mailbox: string,
  from: EventsDeltaFrom,
  pageSize: number,
): Promise<DeltaPageResult> {
  const path =
    "link" in from
      ? from.link
      : `${userPath(mailbox)}/calendarView/delta?startDateTime=${encodeURIComponent(from.window.start)}` +
        `&endDateTime=${encodeURIComponent(from.window.end)}`;
  return fetchPage(
    mailboxRequest(client, mailbox, path),
    mailbox,
    "events",
    pageSize,
    onlyFields(EVENT_FIELDS),
  );
}

/** One page of the inbox's message delta, with INBOX_FIELDS only (a link from before `$select` is cut to them too). */
export function messagesDelta(
  client: Client,
  mailbox: string,
  link: string | null,
  pageSize: number,
): Promise<DeltaPageResult> {
  const path = link ?? `${userPath(mailbox)}/mailFolders/inbox/messages/delta?${selectOf(INBOX_FIELDS)}`;
  return fetchPage(
    mailboxRequest(client, mailbox, path),
    mailbox,
    "messages",
    pageSize,
    onlyFields(INBOX_FIELDS),
  );
}

/** The only headers kept of a sent message: the ones that name the mail it answers. */
export const THREAD_HEADERS = ["in-reply-to", "references"];

const header = z.object({ name: z.string(), value: z.string() });

/** A sent item with its headers cut down to THREAD_HEADERS (the rest is routing the mirror has no use for). */
function threadHeadersOnly(item: GraphItem): GraphItem {
  const parsed = z.array(header).safeParse(item["internetMessageHeaders"]);
  if (!parsed.success) return item;
  return {
    ...item,
    internetMessageHeaders: parsed.data.filter((h) => THREAD_HEADERS.includes(h.name.toLowerCase())),
  };
}

/** One page of Sent Items' message delta, with SENT_ITEM_FIELDS only. */
export function sentItemsDelta(
  client: Client,
  mailbox: string,
  link: string | null,
  pageSize: number,
): Promise<DeltaPageResult> {
  const path =
    link ?? `${userPath(mailbox)}/mailFolders/sentitems/messages/delta?${selectOf(SENT_ITEM_FIELDS)}`;
  return fetchPage(mailboxRequest(client, mailbox, path), mailbox, "sent", pageSize, threadHeadersOnly);
}
