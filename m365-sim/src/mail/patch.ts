import type { FollowupFlag } from "@microsoft/microsoft-graph-types";
import { DateTime } from "luxon";
import { z } from "zod";
import { formatGraphDateTime, parseDateTimeTimeZone } from "../calendar/time";
import { GraphError, graphEnum, requestBodyError, requireObject } from "../odata";
import type { SimState } from "../state";
import type { MessageChanges } from "./actions";
import { EVENT_MESSAGE_PROPERTIES, MESSAGE_PROPERTIES, type MailMessage } from "./model";

/**
 * PATCH /messages/{id}: which properties may change, and Graph's answers when they may not.
 * https://learn.microsoft.com/en-us/graph/api/message-update
 * https://learn.microsoft.com/en-us/graph/api/resources/followupflag
 */

const dateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string().default("UTC") });
export const recipientSchema = z.object({
  emailAddress: z.object({ name: z.string().nullish(), address: z.string() }),
});
export const extendedPropertySchema = z.object({ id: z.string().min(1), value: z.string() });
export const importanceSchema = graphEnum(["low", "normal", "high"], "importance");
export const bodySchema = z.object({
  contentType: graphEnum(["text", "html"], "bodyType").default("text"),
  content: z.string(),
});

const flagSchema = z.object({
  flagStatus: graphEnum(["notFlagged", "complete", "flagged"], "followupFlagStatus"),
  startDateTime: dateTimeTimeZone.nullish(),
  dueDateTime: dateTimeTimeZone.nullish(),
  completedDateTime: dateTimeTimeZone.nullish(),
});
export type FlagInput = z.output<typeof flagSchema>;

const patchSchema = z.strictObject({
  categories: z.array(z.string()),
  importance: importanceSchema,
  isRead: z.boolean(),
  flag: flagSchema,
  inferenceClassification: graphEnum(["focused", "other"], "inferenceClassificationType"),
  isDeliveryReceiptRequested: z.boolean(),
  isReadReceiptRequested: z.boolean(),
  toRecipients: z.array(recipientSchema),
  ccRecipients: z.array(recipientSchema),
  bccRecipients: z.array(recipientSchema),
  singleValueExtendedProperties: z.array(extendedPropertySchema),
  subject: z.string(),
  body: bodySchema,
  replyTo: z.array(recipientSchema),
  internetMessageId: z.string(),
});

/** Properties a client echoes back from a GET; Graph lets them pass. */
const ECHOES = new Set(["@odata.etag", "@odata.type", "@odata.context", "id"]);
/** Updatable only while the message is a draft. */
const DRAFT_ONLY = new Set(["subject", "body", "internetMessageId", "replyTo", "from", "sender"]);
const WRITABLE = new Set(Object.keys(patchSchema.shape));
const READ_ONLY = new Set<string>(
  [...MESSAGE_PROPERTIES, ...EVENT_MESSAGE_PROPERTIES, "internetMessageHeaders"].filter(
    (name) => !WRITABLE.has(name) && !DRAFT_ONLY.has(name),
  ),
);

const utc = (value: { dateTime: string; timeZone: string }, property: string) => ({
  dateTime: formatGraphDateTime(parseDateTimeTimeZone(value, property)),
  timeZone: "UTC",
});

/** A followupFlag as Exchange stores it: dates in UTC, the completion time stamped when marked complete. */
export function flagOf(state: SimState, input: FlagInput): FollowupFlag {
  if (input.dueDateTime && !input.startDateTime) {
    throw new GraphError(
      400,
      "ErrorInvalidArgument",
      "To set the due date, startDateTime must be set as well.",
    );
  }
  if (input.flagStatus === "notFlagged") return { flagStatus: "notFlagged" };
  const flag: FollowupFlag = { flagStatus: input.flagStatus };
  if (input.startDateTime) flag.startDateTime = utc(input.startDateTime, "flag.startDateTime");
  if (input.dueDateTime) flag.dueDateTime = utc(input.dueDateTime, "flag.dueDateTime");
  if (input.flagStatus === "complete") {
    flag.completedDateTime = input.completedDateTime
      ? utc(input.completedDateTime, "flag.completedDateTime")
      : { dateTime: formatGraphDateTime(utcNow(state)), timeZone: "UTC" };
  }
  return flag;
}

const utcNow = (state: SimState) => DateTime.fromJSDate(state.clock.now(), { zone: "UTC" });

/** Reads a PATCH body for `message`, answering Graph's 400s for unknown, read-only and sent-message properties. */
export function parseMessagePatch(state: SimState, body: unknown, message: MailMessage): MessageChanges {
  const input = requireObject(body);
  const writable: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (ECHOES.has(key)) continue;
    if (READ_ONLY.has(key)) {
      throw new GraphError(400, "ErrorInvalidPropertySet", "Set action is invalid for property.");
    }
    if (DRAFT_ONLY.has(key) && !message.isDraft) {
      throw new GraphError(
        400,
        "ErrorInvalidPropertyUpdateSentMessage",
        "Update operation is invalid for property of a sent message.",
      );
    }
    writable[key] = value;
  }
  const result = patchSchema.partial().safeParse(writable);
  if (!result.success) throw requestBodyError(result.error.issues[0], "Microsoft.OutlookServices.Message");
  const { flag, ...rest } = result.data;
  const changes: MessageChanges = { ...rest } as MessageChanges;
  if (flag) changes.flag = flagOf(state, flag);
  return changes;
}
