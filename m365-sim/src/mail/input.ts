import { z } from "zod";
import { attachmentInputSchema } from "./attachments";
import { bodySchema, extendedPropertySchema, importanceSchema, recipientSchema } from "./patch";

/**
 * Request bodies of sendMail and reply/replyAll/forward/createForward, shared by the Graph routes and
 * the control API.
 * https://learn.microsoft.com/en-us/graph/api/user-sendmail
 * https://learn.microsoft.com/en-us/graph/api/message-reply
 * https://learn.microsoft.com/en-us/graph/api/message-createforward
 */

export const outgoingSchema = z.strictObject({
  subject: z.string().nullish(),
  body: bodySchema.nullish(),
  toRecipients: z.array(recipientSchema).nullish(),
  ccRecipients: z.array(recipientSchema).nullish(),
  bccRecipients: z.array(recipientSchema).nullish(),
  replyTo: z.array(recipientSchema).nullish(),
  importance: importanceSchema.nullish(),
  categories: z.array(z.string()).nullish(),
  internetMessageHeaders: z.array(z.object({ name: z.string(), value: z.string() })).nullish(),
  singleValueExtendedProperties: z.array(extendedPropertySchema).nullish(),
  isDeliveryReceiptRequested: z.boolean().nullish(),
  isReadReceiptRequested: z.boolean().nullish(),
  from: recipientSchema.nullish(),
  attachments: z.array(attachmentInputSchema).nullish(),
});
export const sendMailSchema = z.strictObject({
  message: outgoingSchema,
  saveToSentItems: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]).nullish(),
});
export const responseSchema = z.strictObject({
  comment: z.string().nullish(),
  toRecipients: z.array(recipientSchema).nullish(),
  message: outgoingSchema.partial().nullish(),
});
