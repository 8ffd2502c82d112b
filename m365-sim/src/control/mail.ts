import { Router, type Request } from "express";
import { z } from "zod";
import type { SimContext } from "../context";
import {
  correspondentOf,
  outboundMail,
  respond,
  sendMail,
  updateMessage,
  type SentMail,
} from "../mail/actions";
import { attachmentInputSchema } from "../mail/attachments";
import { sendMailSchema } from "../mail/input";
import { folderOf, messageResource, messagesOf, type MailMessage } from "../mail/model";
import { parseMessagePatch, recipientSchema } from "../mail/patch";
import type { SimState } from "../state";
import { asProblem, parseInput, Problem } from "./problem";

/**
 * Mail as someone else, for tests and demos: a citizen or partner outside the tenant
 * writes in, a department answers within the conversation, a person flags or
 * categorises by hand; and a look into any mailbox (or at what left the tenant).
 */

const actSendSchema = sendMailSchema.extend({
  /** The display name of a sender outside the tenant (default: the address). */
  senderName: z.string().min(1).optional(),
});
const actReplySchema = z.strictObject({
  kind: z.enum(["reply", "replyAll", "forward"]).default("reply"),
  comment: z.string().optional(),
  toRecipients: z.array(recipientSchema).optional(),
  /** Files the actor attaches (a department answering with the meeting material). */
  attachments: z.array(attachmentInputSchema).optional(),
});
const listQuery = z.object({ folder: z.string().min(1).default("inbox") });

function summary(sent: SentMail) {
  return {
    internetMessageId: sent.internetMessageId,
    conversationId: sent.conversationId,
    sentItemId: sent.sentItem?.id ?? null,
    delivered: sent.delivered.map((d) => ({ mailbox: d.mailboxId, id: d.message.id })),
    external: sent.external,
  };
}

/** The message an actor acts on: in their own mailbox, or (for someone outside) wherever the tenant holds it. */
function messageFor(state: SimState, mailboxId: string | undefined, id: string): MailMessage {
  const boxes = mailboxId ? [mailboxId] : [...state.mailboxes.keys()];
  for (const box of boxes) {
    const message = messagesOf(state, box).get(id);
    if (message) return message;
  }
  throw new Problem(404, "Unknown message", `No message ${id} in the mailbox.`);
}

export function mailControlRoutes(ctx: SimContext): Router {
  const router = Router();
  const { state } = ctx;
  const address = (req: Request) => decodeURIComponent(String(req.params["address"]));

  router.post(
    "/act/:address/sendMail",
    asProblem((req, res) => {
      const input = parseInput(actSendSchema, req.body);
      const { from: _from, ...message } = input.message;
      const sender = correspondentOf(state, address(req), input.senderName);
      const sent = sendMail(state, sender, message, { saveToSentItems: input.saveToSentItems ?? true });
      res.status(202).json(summary(sent));
    }),
  );

  router.post(
    "/act/:address/messages/:id/reply",
    asProblem((req, res) => {
      const input = parseInput(actReplySchema, req.body);
      const actor = correspondentOf(state, address(req));
      const original = messageFor(state, actor.mailboxId, String(req.params["id"]));
      const sent = respond(state, actor, original, input.kind, {
        comment: input.comment,
        toRecipients: input.toRecipients,
        ...(input.attachments ? { message: { attachments: input.attachments } } : {}),
      });
      res.status(202).json(summary(sent));
    }),
  );

  router.patch(
    "/act/:address/messages/:id",
    asProblem((req, res) => {
      const actor = correspondentOf(state, address(req));
      if (!actor.mailboxId)
        throw new Problem(
          404,
          "Unknown mailbox",
          `No mailbox in the tenant has the address ${actor.address}.`,
        );
      const message = messageFor(state, actor.mailboxId, String(req.params["id"]));
      const changes = parseMessagePatch(state, req.body, message);
      const updated = updateMessage(state, actor.mailboxId, message.id, changes);
      res.json(messageResource(actor.mailboxId, updated));
    }),
  );

  router.get(
    "/mailboxes/:address/messages",
    asProblem((req, res) => {
      const { folder: reference } = parseInput(listQuery, req.query);
      const owner = correspondentOf(state, address(req));
      if (!owner.mailboxId) {
        const needle = owner.address.toLowerCase();
        res.json({ value: outboundMail(state).filter((mail) => mail.to.includes(needle)) });
        return;
      }
      const mailboxId = owner.mailboxId;
      const folder = folderOf(mailboxId, reference);
      if (!folder) throw new Problem(404, "Unknown folder", `No folder ${reference} in the mailbox.`);
      const messages = [...messagesOf(state, mailboxId).values()]
        .filter((m) => m._folder === folder)
        .sort((a, b) => ((a.receivedDateTime ?? "") < (b.receivedDateTime ?? "") ? 1 : -1))
        .map((m) => ({
          ...messageResource(mailboxId, m),
          internetMessageHeaders: m._headers ?? [],
          singleValueExtendedProperties: m._extendedProperties ?? [],
        }));
      res.json({ value: messages });
    }),
  );

  return router;
}
