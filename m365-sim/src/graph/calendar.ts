import { Router, type Request, type Response } from "express";
import { z } from "zod";
import {
  cancelEvent,
  createEvent,
  deleteEvent,
  getEvent,
  respond,
  updateEvent,
  type Reply,
} from "../calendar/actions";
import { continueRound, deltaPage, openToken, startRound, DEFAULT_DELTA_PAGE } from "../calendar/delta";
import { eventInputSchema, eventPatchSchema, parseEventBody, type CalendarEvent } from "../calendar/model";
import { parseFilter, parseOrderBy, parseSkip, parseTop } from "../calendar/query";
import { ianaZone, parseQueryInstant } from "../calendar/time";
import { eventsOf, expandCalendarView, seriesInstances, sortByStart } from "../calendar/view";
import { EVENT_SELECT, parseExpand, toGraphEvent, type WireOptions } from "../calendar/wire";
import type { SimContext } from "../context";
import type { DirectoryUser } from "../directory";
import { GraphError, parsePrefer, parseSelect } from "../odata";
import { authorize, callerOf, seesPrivateItems, type Need } from "./auth";
import { mailboxOf, mailboxPaths } from "./mailbox";

/**
 * Microsoft Graph calendar: events, calendarView (with series expanded), calendarView
 * delta, meeting responses and cancel, for `/users/{id | userPrincipalName}` and `/me`.
 * https://learn.microsoft.com/en-us/graph/api/resources/event
 */

const DEFAULT_PAGE = 10;

const responseBody = z.object({ comment: z.string().optional(), sendResponse: z.boolean().optional() });
const cancelBody = z.object({ comment: z.string().optional() });

/** Both `/events/…` and `/calendar/events/…` (the default calendar), for `/users/{id}` and `/me`. */
const paths = (...rests: string[]) => rests.flatMap((rest) => mailboxPaths(rest));

export function calendarRoutes(ctx: SimContext): Router {
  const router = Router();
  const { state } = ctx;

  function open(req: Request, res: Response, need: Need) {
    const mailbox = mailboxOf(ctx, req, res);
    const caller = callerOf(res);
    authorize(state, caller, need, mailbox);
    return { mailbox, caller };
  }

  /** Reads `Prefer` (time zone, page size) and the projection options, and says which preferences were applied. */
  function presentation(
    req: Request,
    res: Response,
    mailbox: DirectoryUser,
  ): WireOptions & { pageSize?: number } {
    const prefer = parsePrefer(req);
    const applied: string[] = [];
    const requestedZone = prefer.get("outlook.timezone");
    const zone = requestedZone && ianaZone(requestedZone) ? requestedZone : undefined;
    if (zone) applied.push(`outlook.timezone="${zone}"`);
    const maxPageSize = Number(prefer.get("odata.maxpagesize"));
    const pageSize = Number.isInteger(maxPageSize) && maxPageSize > 0 ? maxPageSize : undefined;
    if (pageSize) applied.push(`odata.maxpagesize=${pageSize}`);
    if (applied.length) res.setHeader("Preference-Applied", applied.join(","));
    return {
      zone,
      pageSize,
      select: parseSelect(req.query["$select"], EVENT_SELECT),
      extendedProperties: parseExpand(req.query["$expand"]),
      maskPrivate: !seesPrivateItems(callerOf(res), mailbox),
    };
  }

  const selfUrl = (req: Request) => `${ctx.baseUrl()}${req.baseUrl}${req.path}`;
  const contextUrl = (mailbox: DirectoryUser, segment: string) =>
    `${ctx.baseUrl()}/v1.0/$metadata#users('${mailbox.id}')/${segment}`;

  /** One page of a collection with `$filter`, `$orderby`, `$top`/`$skip` and the nextLink Graph would give. */
  function sendPage(
    req: Request,
    res: Response,
    mailbox: DirectoryUser,
    segment: string,
    events: CalendarEvent[],
  ) {
    const options = presentation(req, res, mailbox);
    const filter = parseFilter(typeof req.query["$filter"] === "string" ? req.query["$filter"] : undefined);
    const order = parseOrderBy(typeof req.query["$orderby"] === "string" ? req.query["$orderby"] : undefined);
    const top = parseTop(req.query["$top"]);
    const skip = parseSkip(req.query["$skip"]);
    let list = filter ? events.filter(filter) : events;
    if (order) list = [...list].sort(order);
    const size = top ?? options.pageSize ?? DEFAULT_PAGE;
    const page = list.slice(skip, skip + size);
    const body: Record<string, unknown> = {
      "@odata.context": contextUrl(mailbox, segment),
      value: page.map((e) => toGraphEvent(e, options)),
    };
    if (skip + size < list.length) {
      const params = Object.entries(req.query)
        .filter((entry): entry is [string, string] => entry[0] !== "$skip" && typeof entry[1] === "string")
        .map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
      params.push(`$skip=${skip + size}`);
      body["@odata.nextLink"] = `${selfUrl(req)}?${params.join("&")}`;
    }
    res.json(body);
  }

  const window = (req: Request) => ({
    from: parseQueryInstant(req.query["startDateTime"], "StartDateTime"),
    to: parseQueryInstant(req.query["endDateTime"], "EndDateTime"),
  });

  /** The mailbox's default calendar. https://learn.microsoft.com/graph/api/calendar-get */
  router.get(paths("/calendar"), (req, res) => {
    const { mailbox } = open(req, res, "Calendars.Read");
    const calendar = {
      id: `AAMkCal-${mailbox.id}`,
      name: "Kalender",
      color: "auto",
      isDefaultCalendar: true,
      canEdit: true,
      canShare: true,
      canViewPrivateItems: true,
      owner: { name: mailbox.displayName, address: mailbox.mail },
    };
    res.json({
      "@odata.context": `${ctx.baseUrl()}/v1.0/$metadata#users('${mailbox.id}')/calendar/$entity`,
      ...calendar,
    });
  });

  router.get(paths("/events", "/calendar/events"), (req, res) => {
    const { mailbox } = open(req, res, "Calendars.Read");
    const events = [...eventsOf(state, mailbox.id).values()].filter(
      (e) => e.type === "singleInstance" || e.type === "seriesMaster",
    );
    sendPage(req, res, mailbox, "events", sortByStart(events));
  });

  router.post(paths("/events", "/calendar/events"), (req, res) => {
    const { mailbox } = open(req, res, "Calendars.ReadWrite");
    const input = parseEventBody(eventInputSchema, req.body);
    const event = createEvent(state, mailbox.id, input);
    const options = presentation(req, res, mailbox);
    res.status(201).json({
      "@odata.context": `${contextUrl(mailbox, "events")}/$entity`,
      ...toGraphEvent(event, options),
    });
  });

  router.get(paths("/calendarView/delta", "/calendar/calendarView/delta"), (req, res) => {
    const { mailbox } = open(req, res, "Calendars.Read");
    const options = presentation(req, res, mailbox);
    const skipToken = req.query["$skiptoken"];
    const deltaToken = req.query["$deltatoken"];
    const token =
      typeof skipToken === "string"
        ? openToken(state, skipToken, mailbox.id)
        : typeof deltaToken === "string"
          ? continueRound(state, openToken(state, deltaToken, mailbox.id))
          : (() => {
              const { from, to } = window(req);
              return startRound(state, mailbox.id, from, to);
            })();
    const page = deltaPage(state, token, options.pageSize ?? DEFAULT_DELTA_PAGE);
    const applied = res.getHeader("Preference-Applied");
    res.setHeader(
      "Preference-Applied",
      applied ? `odata.track-changes,${String(applied)}` : "odata.track-changes",
    );
    const body: Record<string, unknown> = {
      "@odata.context": `${ctx.baseUrl()}/v1.0/$metadata#Collection(event)`,
      value: page.items.map((item) =>
        item.kind === "changed"
          ? toGraphEvent(item.event, { ...options, select: undefined })
          : { "@odata.type": "#microsoft.graph.event", id: item.id, "@removed": { reason: "deleted" } },
      ),
    };
    if (page.skipToken) body["@odata.nextLink"] = `${selfUrl(req)}?$skiptoken=${page.skipToken}`;
    if (page.deltaToken) body["@odata.deltaLink"] = `${selfUrl(req)}?$deltatoken=${page.deltaToken}`;
    res.json(body);
  });

  router.get(paths("/calendarView", "/calendar/calendarView"), (req, res) => {
    const { mailbox } = open(req, res, "Calendars.Read");
    const { from, to } = window(req);
    sendPage(req, res, mailbox, "calendarView", expandCalendarView(state, mailbox.id, from, to));
  });

  router.get(paths("/events/:eventId/instances", "/calendar/events/:eventId/instances"), (req, res) => {
    const { mailbox } = open(req, res, "Calendars.Read");
    const { from, to } = window(req);
    const event = getEvent(state, mailbox.id, String(req.params["eventId"]));
    const instances =
      event.type === "seriesMaster" ? seriesInstances(state, mailbox.id, event, from, to) : [event];
    sendPage(req, res, mailbox, `events('${event.id}')/instances`, instances);
  });

  router.get(paths("/events/:eventId", "/calendar/events/:eventId"), (req, res) => {
    const { mailbox } = open(req, res, "Calendars.Read");
    const event = getEvent(state, mailbox.id, String(req.params["eventId"]));
    res.json({
      "@odata.context": `${contextUrl(mailbox, "events")}/$entity`,
      ...toGraphEvent(event, presentation(req, res, mailbox)),
    });
  });

  router.patch(paths("/events/:eventId", "/calendar/events/:eventId"), (req, res) => {
    const { mailbox } = open(req, res, "Calendars.ReadWrite");
    const patch = parseEventBody(eventPatchSchema, req.body);
    const event = updateEvent(state, mailbox.id, String(req.params["eventId"]), patch, {
      ifMatch: req.header("if-match"),
    });
    res.json({
      "@odata.context": `${contextUrl(mailbox, "events")}/$entity`,
      ...toGraphEvent(event, presentation(req, res, mailbox)),
    });
  });

  router.delete(paths("/events/:eventId", "/calendar/events/:eventId"), (req, res) => {
    const { mailbox } = open(req, res, "Calendars.ReadWrite");
    deleteEvent(state, mailbox.id, String(req.params["eventId"]), { ifMatch: req.header("if-match") });
    res.status(204).end();
  });

  const replies: [string, Reply][] = [
    ["accept", "accept"],
    ["tentativelyAccept", "tentative"],
    ["decline", "decline"],
  ];
  for (const [action, reply] of replies) {
    router.post(paths(`/events/:eventId/${action}`, `/calendar/events/:eventId/${action}`), (req, res) => {
      const { mailbox } = open(req, res, "Calendars.ReadWrite");
      const body = parseAction(responseBody, req.body);
      respond(state, mailbox.id, String(req.params["eventId"]), reply, body);
      res.status(202).end();
    });
  }

  router.post(paths("/events/:eventId/cancel", "/calendar/events/:eventId/cancel"), (req, res) => {
    const { mailbox } = open(req, res, "Calendars.ReadWrite");
    const body = parseAction(cancelBody, req.body);
    cancelEvent(state, mailbox.id, String(req.params["eventId"]), body.comment);
    res.status(202).end();
  });

  return router;
}

/** Action bodies (accept, cancel…) are optional; a wrong type is Graph's RequestBodyRead. */
function parseAction<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body ?? {});
  if (!result.success) {
    const path = result.error.issues[0]?.path.join(".") ?? "";
    throw new GraphError(400, "RequestBodyRead", `Invalid value for parameter '${path}'.`);
  }
  return result.data;
}
