import { z } from "zod";
import { newGraphId } from "../state";
import { notFound } from "../odata";
import { mailDateTime, type MailMessage, type StoredAttachment } from "./model";

/**
 * File attachments of messages: sent with sendMail (or kept by a forward), listed and read back
 * through `/messages/{id}/attachments`. Each copy of a mail (the Sent Items copy, every inbox's)
 * holds its own attachments with their own ids, as Exchange does.
 * https://learn.microsoft.com/en-us/graph/api/resources/fileattachment
 * https://learn.microsoft.com/en-us/graph/api/message-list-attachments
 */

export const FILE_ATTACHMENT = "#microsoft.graph.fileAttachment";

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A fileAttachment in a request body (sendMail's message.attachments, createForward's message). */
export const attachmentInputSchema = z
  .object({
    "@odata.type": z.string(),
    name: z.string().min(1),
    contentType: z.string().nullish(),
    contentBytes: z.string(),
    isInline: z.boolean().nullish(),
    contentId: z.string().nullish(),
  })
  .superRefine((value, ctx) => {
    if (value["@odata.type"].replace(/^#/, "").toLowerCase() !== FILE_ATTACHMENT.slice(1).toLowerCase())
      ctx.addIssue({
        code: "custom",
        message: `Only file attachments can be sent this way, not '${value["@odata.type"]}'.`,
      });
    if (value.contentBytes.length % 4 !== 0 || !BASE64.test(value.contentBytes))
      ctx.addIssue({ code: "custom", message: "Invalid base64 string for attachment content." });
  });
export type AttachmentInput = z.output<typeof attachmentInputSchema>;

export function storedAttachment(input: AttachmentInput, at: Date): StoredAttachment {
  return {
    id: newGraphId(),
    name: input.name,
    contentType: input.contentType ?? "application/octet-stream",
    isInline: input.isInline ?? false,
    contentId: input.contentId ?? null,
    lastModifiedDateTime: mailDateTime(at),
    contentBytes: input.contentBytes,
  };
}

/** The same files for another copy of the mail: new ids, same content. */
export const copiedAttachments = (attachments: readonly StoredAttachment[]): StoredAttachment[] =>
  attachments.map((a) => ({ ...a, id: newGraphId() }));

/** Graph's hasAttachments counts the attachments a reader sees as such, not inline pictures. */
export const hasFileAttachments = (attachments: readonly StoredAttachment[]): boolean =>
  attachments.some((a) => !a.isInline);

export const sizeOf = (attachment: StoredAttachment): number =>
  Buffer.from(attachment.contentBytes, "base64").length;

/** The attachment as Graph writes it. */
export function attachmentResource(attachment: StoredAttachment): Record<string, unknown> {
  return {
    "@odata.type": FILE_ATTACHMENT,
    "@odata.mediaContentType": attachment.contentType,
    id: attachment.id,
    lastModifiedDateTime: attachment.lastModifiedDateTime,
    name: attachment.name,
    contentType: attachment.contentType,
    size: sizeOf(attachment),
    isInline: attachment.isInline,
    contentId: attachment.contentId,
    contentLocation: null,
    contentBytes: attachment.contentBytes,
  };
}

export function findAttachment(message: MailMessage, id: string): StoredAttachment {
  const attachment = (message._attachments ?? []).find((a) => a.id === id);
  if (!attachment) throw notFound();
  return attachment;
}
