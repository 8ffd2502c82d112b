import { PageIterator, type Client, type PageCollection } from "@microsoft/microsoft-graph-client";
import { z } from "zod";
import {
  GraphFailure,
  type CalendarWindow,
  type EventResponse,
  type GraphItem,
  type OutgoingMessage,
  type RoomInfo,
  type Schedule,
} from "./gateway";
import { EVENT_FIELDS, JOURNAL_EVENT_FIELDS, selectOf, type FieldUses } from "./fields";
import { call, idOf, mailboxRequest, userPath } from "./requests";

export async function getEvent(
  client: Client,
  mailbox: string,
  id: string,
  options: { timeZone?: string; extendedProperties?: string[]; withBody?: boolean } = {},
): Promise<GraphItem | null> {
  const ids = options.extendedProperties ?? [];
  const expand = ids.length
    ? `&$expand=${encodeURIComponent(
        `singleValueExtendedProperties($filter=${ids.map((p) => `id eq '${p.replace(/'/g, "''")}'`).join(" or ")})`,
      )}`
    : "";
  let request = mailboxRequest(
    client,
    mailbox,
    `${userPath(mailbox)}/events/${encodeURIComponent(id)}?${selectOf(
      options.withBody ? { ...EVENT_FIELDS, ...JOURNAL_EVENT_FIELDS } : EVENT_FIELDS,
    )}${expand}`,
  );
  // Times for people are shown in their zone; the mirror itself keeps Graph's UTC.
  if (options.timeZone) request = request.header("Prefer", `outlook.timezone="${options.timeZone}"`);
  try {
    const raw = (await call(() => request.get())) as Record<string, unknown>;
    return { ...raw, id: idOf(raw) };
  } catch (err) {
    if (err instanceof GraphFailure && err.status === 404) return null;
    throw err;
  }
}

export async function respondToEvent(
  client: Client,
  mailbox: string,
  id: string,
  response: EventResponse,
  comment: string,
  sendResponse: boolean,
): Promise<void> {
  await call(() =>
    mailboxRequest(client, mailbox, `${userPath(mailbox)}/events/${encodeURIComponent(id)}/${response}`).post(
      {
        comment,
        sendResponse,
      },
    ),
  );
}

const recipients = (addresses: string[]) => addresses.map((address) => ({ emailAddress: { address } }));

/** The header that tells a mail's readers (and their mail filters) its outbox id. */
export const OUTBOX_HEADER = "X-Moedeklar-Notice";

/**
 * The outbox id again, as a string extended property in Mødeklar's own property set, kept on the
 * Sent Items copy. Graph cannot $filter messages on internetMessageHeaders (and returns none on
 * Sent Items copies), but it filters on a string extended property's id and value.
 * https://learn.microsoft.com/graph/api/singlevaluelegacyextendedproperty-get
 */
export const OUTBOX_PROPERTY = "String {8c6f7a3e-2b1d-4e5f-9a0c-6d4b3e2f1a70} Name MoedeklarNotice";

/** What carries an outbox id on an outgoing message (sendMail's message, a forward's `message`). */
function outboxMarks(outboxId: string | undefined) {
  if (!outboxId) return {};
  return {
    internetMessageHeaders: [{ name: OUTBOX_HEADER, value: outboxId }],
    singleValueExtendedProperties: [{ id: OUTBOX_PROPERTY, value: outboxId }],
  };
}

export async function sendMail(client: Client, mailbox: string, message: OutgoingMessage): Promise<void> {
  await call(() =>
    mailboxRequest(client, mailbox, `${userPath(mailbox)}/sendMail`).post({
      message: {
        subject: message.subject,
        body: message.body,
        toRecipients: recipients(message.toRecipients),
        ccRecipients: recipients(message.ccRecipients ?? []),
        ...(message.attachments?.length
          ? {
              attachments: message.attachments.map((file) => ({
                "@odata.type": "#microsoft.graph.fileAttachment",
                ...file,
              })),
            }
          : {}),
        ...outboxMarks(message.outboxId),
      },
      saveToSentItems: true,
    }),
  );
}

const messageIds = z.object({ value: z.array(z.object({ id: z.string() })) });

/** The ids of the messages in a folder that carry this outbox id (at most `top`). */
async function carrying(
  client: Client,
  mailbox: string,
  folder: "sentitems" | "drafts",
  outboxId: string,
  top: number,
): Promise<string[]> {
  const quoted = (value: string) => `'${value.replace(/'/g, "''")}'`;
  const filter = `singleValueExtendedProperties/any(ep: ep/id eq ${quoted(OUTBOX_PROPERTY)} and ep/value eq ${quoted(outboxId)})`;
  const raw = await call(() =>
    mailboxRequest(client, mailbox, `${userPath(mailbox)}/mailFolders/${folder}/messages`)
      .filter(filter)
      .select("id")
      .top(top)
      .get(),
  );
  const parsed = messageIds.safeParse(raw);
  if (!parsed.success) throw new GraphFailure(502, null, `Graph returned a malformed list of ${folder}.`);
  return parsed.data.value.map((m) => m.id);
}

export async function findSent(client: Client, mailbox: string, outboxId: string): Promise<string | null> {
  return (await carrying(client, mailbox, "sentitems", outboxId, 1))[0] ?? null;
}

export async function eventOfMeetingRequest(
  client: Client,
  mailbox: string,
  messageId: string,
): Promise<string | null> {
  const path =
    `${userPath(mailbox)}/messages/${encodeURIComponent(messageId)}` +
    `?$select=id&$expand=${encodeURIComponent("microsoft.graph.eventMessage/event($select=id)")}`;
  try {
    const raw = (await call(() => mailboxRequest(client, mailbox, path).get())) as Record<string, unknown>;
    const event = raw["event"] as { id?: unknown } | null | undefined;
    return typeof event?.id === "string" ? event.id : null;
  } catch (err) {
    if (err instanceof GraphFailure && err.status === 404) return null;
    throw err;
  }
}

export async function forwardMessage(
  client: Client,
  mailbox: string,
  messageId: string,
  toRecipients: string[],
  comment: string,
  outboxId?: string,
): Promise<void> {
  await call(() =>
    mailboxRequest(
      client,
      mailbox,
      `${userPath(mailbox)}/messages/${encodeURIComponent(messageId)}/forward`,
    ).post({
      comment,
      toRecipients: recipients(toRecipients),
      ...(outboxId ? { message: outboxMarks(outboxId) } : {}),
    }),
  );
}

const draft = z.object({ id: z.string() });

/**
 * A forward as a draft (the original's files come along), retitled while a draft, then sent:
 * https://learn.microsoft.com/graph/api/message-createforward and message-send. A process that
 * died before `send` left its draft in Drafts, carrying the outbox id: the retry sends that
 * draft instead of making another (and deletes any further one), so nothing is left behind.
 */
export async function forwardRetitled(
  client: Client,
  mailbox: string,
  messageId: string,
  forward: { toRecipients: string[]; subject: string; outboxId?: string },
): Promise<void> {
  const messages = `${userPath(mailbox)}/messages`;
  const [earlier, ...extra] = forward.outboxId
    ? await carrying(client, mailbox, "drafts", forward.outboxId, 10)
    : [];
  for (const stray of extra)
    await call(() => mailboxRequest(client, mailbox, `${messages}/${encodeURIComponent(stray)}`).delete());
  const id = encodeURIComponent(earlier ?? (await createForwardDraft(client, mailbox, messageId, forward)));
  await call(() => mailboxRequest(client, mailbox, `${messages}/${id}`).patch({ subject: forward.subject }));
  await call(() => mailboxRequest(client, mailbox, `${messages}/${id}/send`).post({}));
}

async function createForwardDraft(
  client: Client,
  mailbox: string,
  messageId: string,
  forward: { toRecipients: string[]; outboxId?: string },
): Promise<string> {
  const created = draft.safeParse(
    await call(() =>
      mailboxRequest(
        client,
        mailbox,
        `${userPath(mailbox)}/messages/${encodeURIComponent(messageId)}/createForward`,
      ).post({
        toRecipients: recipients(forward.toRecipients),
        ...(forward.outboxId ? { message: outboxMarks(forward.outboxId) } : {}),
      }),
    ),
  );
  if (!created.success) throw new GraphFailure(502, null, "Graph returned a malformed forward draft.");
  return created.data.id;
}

const scheduleResponse = z.object({
  value: z.array(
    z.object({
      scheduleId: z.string(),
      availabilityView: z.string().optional(),
      scheduleItems: z
        .array(
          z.object({
            status: z.string(),
            start: z.object({ dateTime: z.string() }),
            end: z.object({ dateTime: z.string() }),
          }),
        )
        .default([]),
    }),
  ),
});

/** Free/busy of people and rooms, in UTC. */
export async function getSchedule(
  client: Client,
  mailbox: string,
  schedules: string[],
  window: CalendarWindow,
  intervalMinutes = 30,
): Promise<Schedule[]> {
  const raw = await call(() =>
    mailboxRequest(client, mailbox, `${userPath(mailbox)}/calendar/getSchedule`).post({
      schedules,
      startTime: { dateTime: window.start.replace(/Z$/, ""), timeZone: "UTC" },
      endTime: { dateTime: window.end.replace(/Z$/, ""), timeZone: "UTC" },
      availabilityViewInterval: intervalMinutes,
    }),
  );
  const parsed = scheduleResponse.safeParse(raw);
  if (!parsed.success) throw new GraphFailure(502, null, "Graph returned a malformed schedule.");
  return parsed.data.value.map((s) => ({
    scheduleId: s.scheduleId,
    ...(s.availabilityView === undefined ? {} : { availabilityView: s.availabilityView }),
    items: s.scheduleItems.map((i) => ({ status: i.status, start: i.start.dateTime, end: i.end.dateTime })),
  }));
}

/** What room booking reads of a room: its address, name, seats, equipment and step-free access. */
const ROOM_FIELDS = {
  id: "the room",
  emailAddress: "booking it as a resource attendee",
  displayName: "the task pane's list",
  capacity: "enough seats",
  audioDeviceName: "equipment asked for",
  videoDeviceName: "equipment asked for",
  displayDeviceName: "equipment asked for",
  isWheelChairAccessible: "step-free access",
} as const satisfies FieldUses;

const room = z.object({
  id: z.string(),
  emailAddress: z.string(),
  displayName: z.string(),
  capacity: z.number().nullable().optional(),
  audioDeviceName: z.string().nullable().optional(),
  videoDeviceName: z.string().nullable().optional(),
  displayDeviceName: z.string().nullable().optional(),
  isWheelChairAccessible: z.boolean().nullable().optional(),
});

export async function listRooms(client: Client): Promise<RoomInfo[]> {
  const rooms: RoomInfo[] = [];
  await call(async () => {
    const first = (await client
      .api(`/places/microsoft.graph.room?${selectOf(ROOM_FIELDS)}`)
      .get()) as PageCollection;
    await new PageIterator(client, first, (item) => {
      const parsed = room.safeParse(item);
      if (parsed.success) rooms.push({ ...parsed.data, capacity: parsed.data.capacity ?? null });
      return true;
    }).iterate();
  });
  return rooms;
}

const categories = z.object({ value: z.array(z.object({ displayName: z.string() })) });

export async function ensureMasterCategory(
  client: Client,
  mailbox: string,
  displayName: string,
  color: string,
): Promise<void> {
  const path = `${userPath(mailbox)}/outlook/masterCategories`;
  const existing = categories.safeParse(await call(() => mailboxRequest(client, mailbox, path).get()));
  if (!existing.success) throw new GraphFailure(502, null, "Graph returned malformed master categories.");
  const wanted = displayName.toLowerCase();
  if (existing.data.value.some((c) => c.displayName.toLowerCase() === wanted)) return;
  await call(() => mailboxRequest(client, mailbox, path).post({ displayName, color })).catch((err) => {
    // Another instance created it between our read and write: the category exists, as wanted.
    if (!(err instanceof GraphFailure && err.status === 409)) throw err;
  });
}
