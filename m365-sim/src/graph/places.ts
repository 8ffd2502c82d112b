import { Router, type Request, type Response } from "express";
import { ianaZone, unsupportedTimeZone } from "../calendar/time";
import type { SimContext } from "../context";
import { requestBodyError, requireObject } from "../odata";
import {
  compareMessages,
  nextPageLink,
  parseFilter,
  parseSkip,
  parseTop,
  type FilterSubject,
} from "../mail/query";
import { GraphError, notFound, parsePrefer, parseSelect, type SelectRules } from "../odata";
import {
  findRoom,
  findRoomList,
  PLACE_PROPERTIES,
  roomListResource,
  roomResource,
  roomsIn,
} from "../places/rooms";
import { getSchedule, getScheduleSchema } from "../places/schedule";
import { authorize, callerOf } from "./auth";
import { mailboxOf, mailboxPaths } from "./mailbox";

/**
 * The places API (rooms and room lists) and calendar getSchedule (free/busy of people and rooms).
 * https://learn.microsoft.com/en-us/graph/api/place-list
 * https://learn.microsoft.com/en-us/graph/api/place-get
 * https://learn.microsoft.com/en-us/graph/api/calendar-getschedule
 */

/** The places API's page size when `$top` is absent. */
const DEFAULT_PAGE = 100;

const ROOM_PROPERTIES = new Set<string>(PLACE_PROPERTIES);

const PLACE_SELECT: SelectRules = {
  allowed: ROOM_PROPERTIES,
  type: "microsoft.graph.place",
  code: "BadRequest",
  blankNames: "skip",
};

const text = (req: Request, name: string) => {
  const value = req.query[name];
  return typeof value === "string" ? value : undefined;
};

function orderPlaces(req: Request): { property: string; descending: boolean }[] | undefined {
  const raw = text(req, "$orderby");
  if (raw === undefined) return undefined;
  return raw.split(",").map((part) => {
    const [property = "", direction = "asc", ...rest] = part.trim().split(/\s+/);
    if (rest.length > 0 || !ROOM_PROPERTIES.has(property) || !/^(asc|desc)$/i.test(direction)) {
      throw new GraphError(400, "BadRequest", `Invalid $orderby expression '${part.trim()}'.`);
    }
    return { property, descending: direction.toLowerCase() === "desc" };
  });
}

export function placesRoutes(ctx: SimContext): Router {
  const router = Router();
  const { state } = ctx;

  const selfUrl = (req: Request) => `${ctx.baseUrl()}${req.originalUrl.split("?")[0]}`;

  function readPlaces(res: Response): void {
    authorize(state, callerOf(res), "Place.Read.All");
  }

  /** One page of places with `$filter`, `$orderby`, `$select`, `$top`, `$skip` and `$count`. */
  function sendPlaces(req: Request, res: Response, context: string, places: Record<string, unknown>[]) {
    const filter = parseFilter(text(req, "$filter"));
    const orderBy = orderPlaces(req);
    const top = parseTop(text(req, "$top"));
    const skip = parseSkip(text(req, "$skip"));
    const select = parseSelect(text(req, "$select"), PLACE_SELECT);
    let list = filter ? places.filter((p) => filter(p as FilterSubject)) : places;
    if (orderBy) list = [...list].sort(compareMessages(orderBy));
    const size = top ?? DEFAULT_PAGE;
    const page = list.slice(skip, skip + size).map((place) => {
      if (!select) return place;
      const out: Record<string, unknown> = { "@odata.type": place["@odata.type"], id: place["id"] };
      for (const name of select) out[name] = place[name];
      return out;
    });
    const body: Record<string, unknown> = { "@odata.context": `${ctx.baseUrl()}/v1.0/$metadata#${context}` };
    if (text(req, "$count") === "true") body["@odata.count"] = list.length;
    body["value"] = page;
    if (skip + size < list.length) {
      body["@odata.nextLink"] = nextPageLink(selfUrl(req), req.query as Record<string, unknown>, skip + size);
    }
    res.json(body);
  }

  const byName = (a: { displayName: string }, b: { displayName: string }) =>
    a.displayName.localeCompare(b.displayName, "da");

  router.get("/places/microsoft.graph.room", (req, res) => {
    readPlaces(res);
    const rooms = [...state.rooms.values()].sort(byName).map(roomResource);
    sendPlaces(req, res, "places/microsoft.graph.room", rooms);
  });

  router.get("/places/microsoft.graph.roomlist", (req, res) => {
    readPlaces(res);
    const lists = [...state.roomLists.values()].sort(byName).map((list) => roomListResource(state, list));
    sendPlaces(req, res, "places/microsoft.graph.roomList", lists);
  });

  router.get("/places/:listAddress/microsoft.graph.roomlist/rooms", (req, res) => {
    readPlaces(res);
    const address = decodeURIComponent(String(req.params["listAddress"]));
    const list = findRoomList(state, address);
    if (!list || list.emailAddress.toLowerCase() !== address.toLowerCase()) throw notFound();
    const rooms = roomsIn(state, list).sort(byName).map(roomResource);
    sendPlaces(
      req,
      res,
      `places('${encodeURIComponent(list.emailAddress)}')/microsoft.graph.roomList/rooms`,
      rooms,
    );
  });

  router.get("/places/:placeId", (req, res) => {
    readPlaces(res);
    const reference = decodeURIComponent(String(req.params["placeId"]));
    const room = findRoom(state, reference);
    const list = room ? undefined : findRoomList(state, reference);
    if (!room && !list) throw notFound();
    const resource = room ? roomResource(room) : roomListResource(state, list!);
    res.json({ "@odata.context": `${ctx.baseUrl()}/v1.0/$metadata#places/$entity`, ...resource });
  });

  router.post(mailboxPaths("/calendar/getSchedule"), (req, res) => {
    // A room's own calendar may be addressed too (`/users/{room address}/calendar/getSchedule`).
    const room = req.params["userId"]
      ? findRoom(state, decodeURIComponent(String(req.params["userId"])))
      : undefined;
    authorize(state, callerOf(res), "Calendars.Read", room ? undefined : mailboxOf(ctx, req, res));
    const parsed = getScheduleSchema.safeParse(requireObject(req.body));
    if (!parsed.success) throw requestBodyError(parsed.error.issues[0], "microsoft.graph.getSchedule");
    const requestedZone = parsePrefer(req).get("outlook.timezone");
    if (requestedZone && !ianaZone(requestedZone)) throw unsupportedTimeZone(requestedZone);
    if (requestedZone) res.setHeader("Preference-Applied", `outlook.timezone="${requestedZone}"`);
    res.json({
      "@odata.context": `${ctx.baseUrl()}/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)`,
      value: getSchedule(state, parsed.data, requestedZone ?? "UTC"),
    });
  });

  return router;
}
