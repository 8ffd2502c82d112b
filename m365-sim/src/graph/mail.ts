import { Router, type Request, type Response } from "express";
import { z } from "zod";
import { ianaZone } from "../calendar/time";
import type { CalendarEvent } from "../calendar/model";
import { toGraphEvent } from "../calendar/wire";
import type { SimContext } from "../context";
import type { DirectoryUser } from "../directory";
import { attachmentResource, findAttachment } from "../mail/attachments";
import {
  correspondentOf,
  createForwardDraft,
  deleteMessage,
  findMessage,
  moveMessage,
  respond,
  sendDraft,
  sendMail,
  updateMessage,
  type Correspondent,
  type ResponseKind,
} from "../mail/actions";
import {
  createCategory,
  deleteCategory,
  findCategory,
  listCategories,
  updateCategory,
} from "../mail/categories";
import { pickExtendedProperties } from "../extended-properties";
import { DEFAULT_DELTA_PAGE_SIZE, messageDelta, trackMessageCreation } from "../mail/delta";
import {
  folderId,
  folderOf,
  messageResource,
  messagesOf,
  WELL_KNOWN_FOLDERS,
  type FolderName,
  type MailMessage,
} from "../mail/model";
import { responseSchema, sendMailSchema } from "../mail/input";
import { parseMessagePatch } from "../mail/patch";
import { requestBodyError, requireObject } from "../odata";
import {
  compareMessages,
  nextPageLink,
  parseMessageQuery,
  project,
  type FilterSubject,
  type MessageQuery,
} from "../mail/query";
import { GraphError, notFound, parsePrefer } from "../odata";
import { authorize, callerOf, seesPrivateItems, type Need } from "./auth";
import { mailboxOf, mailboxPaths } from "./mailbox";

/**
 * Mail on Graph v1.0: messages, mail folders, message delta, sendMail, reply/replyAll/
 * forward, forward drafts and sending them, file attachments, move, and the mailbox's master
 * categories.
 * https://learn.microsoft.com/en-us/graph/api/resources/message
 * https://learn.microsoft.com/en-us/graph/api/user-list-messages
 * https://learn.microsoft.com/en-us/graph/api/user-sendmail
 * https://learn.microsoft.com/en-us/graph/api/message-createforward
 * https://learn.microsoft.com/en-us/graph/api/message-send
 * https://learn.microsoft.com/en-us/graph/api/message-list-attachments
 * https://learn.microsoft.com/en-us/graph/api/resources/outlookcategory
 */

/** Graph's page size for message lists when `$top` is absent. */
const DEFAULT_PAGE = 10;

const paths = (...rests: string[]) => rests.flatMap((rest) => mailboxPaths(rest));

function parseBody<T extends z.ZodType>(schema: T, body: unknown, typeName: string): z.output<T> {
  const result = schema.safeParse(requireObject(body));
  if (!result.success) throw requestBodyError(result.error.issues[0], typeName);
  return result.data;
}

/** Graph only accepts custom headers named `x-…` on sendMail. */
function checkCustomHeaders(headers: { name: string }[] | null | undefined): void {
  for (const header of headers ?? []) {
    if (!/^x-/i.test(header.name)) {
      throw new GraphError(
        400,
        "InvalidInternetMessageHeader",
        `The internet message header name '${header.name}' should start with 'x-' or 'X-'.`,
      );
    }
  }
}

export function mailRoutes(ctx: SimContext): Router {
  const router = Router();
  const { state } = ctx;
  trackMessageCreation(state);

  function open(req: Request, res: Response, need: Need): DirectoryUser {
    const mailbox = mailboxOf(ctx, req, res);
    authorize(state, callerOf(res), need, mailbox);
    return mailbox;
  }

  function folderParam(req: Request, mailbox: DirectoryUser): FolderName {
    const reference = String(req.params["folderId"] ?? "");
    const folder = folderOf(mailbox.id, reference);
    if (!folder) throw notFound();
    return folder;
  }

  /** A message addressed by id, also through a folder path (`/mailFolders/{id}/messages/{id}`). */
  function messageParam(req: Request, mailbox: DirectoryUser): MailMessage {
    const message = findMessage(state, mailbox.id, String(req.params["messageId"]));
    if (req.params["folderId"] !== undefined && folderParam(req, mailbox) !== message._folder)
      throw notFound();
    return message;
  }

  /** The signed-in person sending from someone else's mailbox as a delegate, if that is what this is. */
  function delegateOf(res: Response, mailbox: DirectoryUser): { onBehalfBy?: Correspondent } {
    const caller = callerOf(res);
    if (caller.kind !== "delegated" || caller.userId === mailbox.id) return {};
    return { onBehalfBy: correspondentOf(state, caller.userId) };
  }

  const selfUrl = (req: Request) => `${ctx.baseUrl()}${req.originalUrl.split("?")[0]}`;
  const metadata = (fragment: string) => `${ctx.baseUrl()}/v1.0/$metadata#${fragment}`;

  function checkIfMatch(req: Request, message: MailMessage): void {
    const ifMatch = req.header("if-match");
    const etag = (message as { "@odata.etag"?: string })["@odata.etag"];
    if (ifMatch && ifMatch !== "*" && ifMatch !== etag) {
      throw new GraphError(
        412,
        "ErrorIrresolvableConflict",
        "The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.",
      );
    }
  }

  const messageResourceFor = (mailbox: DirectoryUser, message: MailMessage) =>
    project(messageResource(mailbox.id, message), undefined);

  /** The message as this caller sees it: `$select`, expanded extended properties and linked event. */
  function render(
    req: Request,
    res: Response,
    mailbox: DirectoryUser,
    message: MailMessage,
    query: MessageQuery,
  ) {
    const resource = project(messageResource(mailbox.id, message), query.select);
    if (query.extendedProperties) {
      const properties = pickExtendedProperties(message._extendedProperties ?? [], query.extendedProperties);
      if (properties.length > 0) resource["singleValueExtendedProperties"] = properties;
    }
    if (query.expandEvent && message._eventId) {
      const event = state.mailbox(mailbox.id).events.get(message._eventId) as CalendarEvent | undefined;
      const requestedZone = parsePrefer(req).get("outlook.timezone");
      resource["event"] = event
        ? toGraphEvent(event, {
            zone: requestedZone && ianaZone(requestedZone) ? requestedZone : undefined,
            maskPrivate: !seesPrivateItems(callerOf(res), mailbox),
          })
        : null;
    }
    return resource;
  }

  function listMessages(req: Request, res: Response, mailbox: DirectoryUser, folder?: FolderName) {
    const query = parseMessageQuery(req.query as Record<string, unknown>);
    const matching: { message: MailMessage; resource: Record<string, unknown> }[] = [];
    for (const message of messagesOf(state, mailbox.id).values()) {
      if (folder && message._folder !== folder) continue;
      const resource = messageResource(mailbox.id, message);
      const subject = { ...resource, singleValueExtendedProperties: message._extendedProperties ?? [] };
      if (query.filter && !query.filter(subject as FilterSubject)) continue;
      matching.push({ message, resource });
    }
    const order = compareMessages(query.orderBy);
    const list = matching.sort((a, b) => order(a.resource, b.resource));
    const size = query.top ?? DEFAULT_PAGE;
    const page = list.slice(query.skip, query.skip + size);
    const body: Record<string, unknown> = {
      "@odata.context": metadata(
        `users('${mailbox.id}')/${folder ? `mailFolders('${folder}')/` : ""}messages`,
      ),
    };
    if (query.count) body["@odata.count"] = list.length;
    body["value"] = page.map(({ message }) => render(req, res, mailbox, message, query));
    if (query.skip + size < list.length) {
      body["@odata.nextLink"] = nextPageLink(
        selfUrl(req),
        req.query as Record<string, unknown>,
        query.skip + size,
      );
    }
    res.json(body);
  }

  function folderResource(mailbox: DirectoryUser, name: FolderName) {
    let total = 0;
    let unread = 0;
    for (const message of messagesOf(state, mailbox.id).values()) {
      if (message._folder !== name) continue;
      total++;
      if (!message.isRead) unread++;
    }
    return {
      id: folderId(mailbox.id, name),
      displayName: WELL_KNOWN_FOLDERS[name],
      parentFolderId: folderId(mailbox.id, "msgfolderroot"),
      childFolderCount: 0,
      unreadItemCount: unread,
      totalItemCount: total,
      isHidden: false,
    };
  }

  router.get(paths("/mailFolders"), (req, res) => {
    const mailbox = open(req, res, "Mail.Read");
    const folders = (Object.keys(WELL_KNOWN_FOLDERS) as FolderName[]).map((name) =>
      folderResource(mailbox, name),
    );
    res.json({ "@odata.context": metadata(`users('${mailbox.id}')/mailFolders`), value: folders });
  });

  router.get(paths("/mailFolders/:folderId"), (req, res) => {
    const mailbox = open(req, res, "Mail.Read");
    res.json({
      "@odata.context": metadata(`users('${mailbox.id}')/mailFolders/$entity`),
      ...folderResource(mailbox, folderParam(req, mailbox)),
    });
  });

  router.get(paths("/mailFolders/:folderId/messages/delta"), (req, res) => {
    const mailbox = open(req, res, "Mail.Read");
    const folder = folderParam(req, mailbox);
    const text = (name: string) => {
      const value = req.query[name];
      return typeof value === "string" ? value : undefined;
    };
    const maxPageSize = Number(parsePrefer(req).get("odata.maxpagesize"));
    const preferred = Number.isInteger(maxPageSize) && maxPageSize > 0 ? maxPageSize : undefined;
    if (preferred) res.setHeader("Preference-Applied", `odata.maxpagesize=${preferred}`);
    const page = messageDelta(state, {
      mailboxId: mailbox.id,
      folder,
      skipToken: text("$skiptoken"),
      deltaToken: text("$deltatoken"),
      select: text("$select"),
      filter: text("$filter"),
      orderBy: text("$orderby"),
      changeType: text("changeType"),
      pageSize: preferred ?? DEFAULT_DELTA_PAGE_SIZE,
    });
    const body: Record<string, unknown> = { "@odata.context": metadata("Collection(message)") };
    if (page.skipToken) body["@odata.nextLink"] = `${selfUrl(req)}?$skiptoken=${page.skipToken}`;
    if (page.deltaToken) body["@odata.deltaLink"] = `${selfUrl(req)}?$deltatoken=${page.deltaToken}`;
    body["value"] = page.value;
    res.json(body);
  });

  router.get(paths("/messages"), (req, res) => {
    listMessages(req, res, open(req, res, "Mail.Read"));
  });

  router.get(paths("/mailFolders/:folderId/messages"), (req, res) => {
    const mailbox = open(req, res, "Mail.Read");
    listMessages(req, res, mailbox, folderParam(req, mailbox));
  });

  router.get(paths("/messages/:messageId", "/mailFolders/:folderId/messages/:messageId"), (req, res) => {
    const mailbox = open(req, res, "Mail.Read");
    const message = messageParam(req, mailbox);
    const query = parseMessageQuery(req.query as Record<string, unknown>);
    res.json({
      "@odata.context": metadata(`users('${mailbox.id}')/messages/$entity`),
      ...render(req, res, mailbox, message, query),
    });
  });

  router.patch(paths("/messages/:messageId", "/mailFolders/:folderId/messages/:messageId"), (req, res) => {
    const mailbox = open(req, res, "Mail.ReadWrite");
    const message = messageParam(req, mailbox);
    checkIfMatch(req, message);
    const changes = parseMessagePatch(state, req.body, message);
    const updated = updateMessage(state, mailbox.id, message.id, changes);
    res.json({
      "@odata.context": metadata(`users('${mailbox.id}')/messages/$entity`),
      ...messageResourceFor(mailbox, updated),
    });
  });

  router.delete(paths("/messages/:messageId", "/mailFolders/:folderId/messages/:messageId"), (req, res) => {
    const mailbox = open(req, res, "Mail.ReadWrite");
    const message = messageParam(req, mailbox);
    checkIfMatch(req, message);
    deleteMessage(state, mailbox.id, message.id);
    res.status(204).end();
  });

  router.post(
    paths("/messages/:messageId/move", "/mailFolders/:folderId/messages/:messageId/move"),
    (req, res) => {
      const mailbox = open(req, res, "Mail.ReadWrite");
      const message = messageParam(req, mailbox);
      const { destinationId } = parseBody(
        z.strictObject({ destinationId: z.string() }),
        req.body,
        "microsoft.graph.move",
      );
      const destination = folderOf(mailbox.id, destinationId);
      if (!destination) throw notFound();
      const moved = moveMessage(state, mailbox.id, message.id, destination);
      res.status(201).json({
        "@odata.context": metadata(`users('${mailbox.id}')/messages/$entity`),
        ...messageResourceFor(mailbox, moved),
      });
    },
  );

  for (const kind of ["reply", "replyAll", "forward"] as const satisfies ResponseKind[]) {
    router.post(
      paths(`/messages/:messageId/${kind}`, `/mailFolders/:folderId/messages/:messageId/${kind}`),
      (req, res) => {
        const mailbox = open(req, res, "Mail.Send");
        const original = messageParam(req, mailbox);
        const input = parseBody(responseSchema, req.body ?? {}, `microsoft.graph.${kind}`);
        checkCustomHeaders(input.message?.internetMessageHeaders);
        respond(
          state,
          correspondentOf(state, mailbox.id),
          original,
          kind,
          { comment: input.comment, toRecipients: input.toRecipients, message: input.message },
          delegateOf(res, mailbox),
        );
        res.status(202).end();
      },
    );
  }

  router.post(
    paths("/messages/:messageId/createForward", "/mailFolders/:folderId/messages/:messageId/createForward"),
    (req, res) => {
      const mailbox = open(req, res, "Mail.ReadWrite");
      const original = messageParam(req, mailbox);
      const input = parseBody(responseSchema, req.body ?? {}, "microsoft.graph.createForward");
      checkCustomHeaders(input.message?.internetMessageHeaders);
      const draft = createForwardDraft(state, mailbox.id, correspondentOf(state, mailbox.id), original, {
        comment: input.comment,
        toRecipients: input.toRecipients,
        message: input.message,
      });
      res.status(201).json({
        "@odata.context": metadata(`users('${mailbox.id}')/messages/$entity`),
        ...messageResourceFor(mailbox, draft),
      });
    },
  );

  router.post(
    paths("/messages/:messageId/send", "/mailFolders/:folderId/messages/:messageId/send"),
    (req, res) => {
      const mailbox = open(req, res, "Mail.Send");
      const draft = messageParam(req, mailbox);
      if (!draft.isDraft)
        throw new GraphError(400, "ErrorInvalidRequest", "Only a draft message can be sent.");
      sendDraft(state, mailbox.id, correspondentOf(state, mailbox.id), draft, delegateOf(res, mailbox));
      res.status(202).end();
    },
  );

  const attachmentPaths = (rest = "") =>
    paths(
      `/messages/:messageId/attachments${rest}`,
      `/mailFolders/:folderId/messages/:messageId/attachments${rest}`,
    );

  router.get(attachmentPaths(), (req, res) => {
    const mailbox = open(req, res, "Mail.Read");
    const message = messageParam(req, mailbox);
    res.json({
      "@odata.context": metadata(`users('${mailbox.id}')/messages('${message.id}')/attachments`),
      value: (message._attachments ?? []).map(attachmentResource),
    });
  });

  router.get(attachmentPaths("/:attachmentId"), (req, res) => {
    const mailbox = open(req, res, "Mail.Read");
    const attachment = findAttachment(messageParam(req, mailbox), String(req.params["attachmentId"]));
    res.json({
      "@odata.context": metadata(`users('${mailbox.id}')/messages/attachments/$entity`),
      ...attachmentResource(attachment),
    });
  });

  router.get(attachmentPaths("/:attachmentId/$value"), (req, res) => {
    const mailbox = open(req, res, "Mail.Read");
    const attachment = findAttachment(messageParam(req, mailbox), String(req.params["attachmentId"]));
    res.type(attachment.contentType).send(Buffer.from(attachment.contentBytes, "base64"));
  });

  router.post(paths("/sendMail"), (req, res) => {
    const mailbox = open(req, res, "Mail.Send");
    const input = parseBody(sendMailSchema, req.body, "microsoft.graph.sendMail");
    checkCustomHeaders(input.message.internetMessageHeaders);
    const { from: _from, ...message } = input.message;
    sendMail(state, correspondentOf(state, mailbox.id), message, {
      saveToSentItems: input.saveToSentItems ?? true,
      ...delegateOf(res, mailbox),
    });
    res.status(202).end();
  });

  const categoryContext = (mailbox: DirectoryUser) =>
    metadata(`users('${mailbox.id}')/outlook/masterCategories`);

  router.get(paths("/outlook/masterCategories"), (req, res) => {
    const mailbox = open(req, res, "MailboxSettings.Read");
    res.json({ "@odata.context": categoryContext(mailbox), value: listCategories(state, mailbox.id) });
  });

  router.post(paths("/outlook/masterCategories"), (req, res) => {
    const mailbox = open(req, res, "MailboxSettings.ReadWrite");
    const category = createCategory(state, mailbox.id, req.body);
    res.status(201).json({ "@odata.context": `${categoryContext(mailbox)}/$entity`, ...category });
  });

  router.get(paths("/outlook/masterCategories/:categoryId"), (req, res) => {
    const mailbox = open(req, res, "MailboxSettings.Read");
    const category = findCategory(state, mailbox.id, String(req.params["categoryId"]));
    res.json({ "@odata.context": `${categoryContext(mailbox)}/$entity`, ...category });
  });

  router.patch(paths("/outlook/masterCategories/:categoryId"), (req, res) => {
    const mailbox = open(req, res, "MailboxSettings.ReadWrite");
    const category = updateCategory(state, mailbox.id, String(req.params["categoryId"]), req.body);
    res.json({ "@odata.context": `${categoryContext(mailbox)}/$entity`, ...category });
  });

  router.delete(paths("/outlook/masterCategories/:categoryId"), (req, res) => {
    const mailbox = open(req, res, "MailboxSettings.ReadWrite");
    deleteCategory(state, mailbox.id, String(req.params["categoryId"]));
    res.status(204).end();
  });

  return router;
}
