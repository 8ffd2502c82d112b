import { Router, type Request, type Response } from "express";
import type { SimContext } from "../context";
import type { DirectoryUser, Room } from "../directory";
import { GraphError, badRequest, parseSelect, type SelectRules } from "../odata";
import { authorize, callerOf, type Caller } from "./auth";
import { mailboxPaths } from "./mailbox";

/**
 * Microsoft Graph users: `/users`, `/users/{id | userPrincipalName}`, `/me` and
 * `mailboxSettings`, shaped as https://learn.microsoft.com/graph/api/resources/user
 * documents them. Rooms are users in the directory too (resource accounts), as in Entra.
 */

const DEFAULT_PROPERTIES = [
  "businessPhones",
  "displayName",
  "givenName",
  "jobTitle",
  "mail",
  "mobilePhone",
  "officeLocation",
  "preferredLanguage",
  "surname",
  "userPrincipalName",
  "id",
] as const;
const SELECTABLE = new Set<string>([
  ...DEFAULT_PROPERTIES,
  "accountEnabled",
  "department",
  "mailNickname",
  "userType",
  "companyName",
  "usageLocation",
]);
const USER_SELECT: SelectRules = {
  allowed: SELECTABLE,
  type: "microsoft.graph.user",
  code: "BadRequest",
  blankNames: "refuse",
};
const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 999;

/** Delegated scopes that let a signed-in person read other people's profiles (User.Read only covers `/me`). */
const READ_OTHERS = ["User.ReadBasic.All", "User.Read.All", "User.ReadWrite.All", "Directory.Read.All"];
const READ_SELF = ["User.Read", "User.ReadWrite", ...READ_OTHERS];

const insufficientPrivileges = () =>
  new GraphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");

function roomAsUser(room: Room): DirectoryUser {
  return {
    id: room.id,
    userPrincipalName: room.emailAddress,
    mail: room.emailAddress,
    displayName: room.displayName,
    officeLocation: `${room.building}, ${room.floorNumber}. sal`,
    preferredLanguage: "da-DK",
    kind: "room",
    appRoles: [],
    delegateOf: [],
    timeZone: "Romance Standard Time",
  };
}

function directory(ctx: SimContext): DirectoryUser[] {
  return [...ctx.state.users.values(), ...[...ctx.state.rooms.values()].map(roomAsUser)];
}

function findInDirectory(ctx: SimContext, idOrUpn: string): DirectoryUser | undefined {
  const needle = idOrUpn.toLowerCase();
  return directory(ctx).find(
    (u) =>
      u.id.toLowerCase() === needle ||
      u.userPrincipalName.toLowerCase() === needle ||
      u.mail.toLowerCase() === needle,
  );
}

function userJson(user: DirectoryUser): Record<string, unknown> {
  const mailNickname = user.mail.split("@")[0] ?? "";
  return {
    businessPhones: [],
    displayName: user.displayName,
    givenName: user.givenName ?? null,
    jobTitle: user.jobTitle ?? null,
    mail: user.mail,
    mobilePhone: null,
    officeLocation: user.officeLocation ?? null,
    preferredLanguage: user.preferredLanguage ?? null,
    surname: user.surname ?? null,
    userPrincipalName: user.userPrincipalName,
    id: user.id,
    accountEnabled: user.kind === "person",
    department: user.department ?? null,
    mailNickname,
    userType: "Member",
    companyName: "Fjordby Kommune",
    usageLocation: "DK",
  };
}

function project(user: DirectoryUser, select: string[] | undefined): Record<string, unknown> {
  const full = userJson(user);
  const out: Record<string, unknown> = {};
  for (const name of select ?? DEFAULT_PROPERTIES) out[name] = full[name];
  // Graph always returns the key, even when $select leaves it out.
  if (select && !select.includes("id")) out["id"] = user.id;
  return out;
}

function contextUrl(ctx: SimContext, select: string[] | undefined, entity: boolean): string {
  const projection = select ? `(${select.join(",")})` : "";
  return `${ctx.baseUrl()}/v1.0/$metadata#users${projection}${entity ? "/$entity" : ""}`;
}

const unsupportedQuery = () => new GraphError(400, "Request_UnsupportedQuery", "Unsupported Query.");

const FILTERABLE = new Set([
  "id",
  "mail",
  "userPrincipalName",
  "displayName",
  "givenName",
  "surname",
  "jobTitle",
  "department",
]);

/** One clause of the `$filter` forms directory queries support: `prop eq 'v'` and `startswith(prop,'v')`. */
function clause(text: string): (user: Record<string, unknown>) => boolean {
  const literal = "'((?:[^']|'')*)'";
  const eq = new RegExp(`^(\\w+)\\s+eq\\s+${literal}$`, "i").exec(text);
  const starts = new RegExp(`^startswith\\(\\s*(\\w+)\\s*,\\s*${literal}\\s*\\)$`, "i").exec(text);
  const match = eq ?? starts;
  const prop = match?.[1];
  if (!match || !prop || !FILTERABLE.has(prop)) throw unsupportedQuery();
  const value = (match[2] ?? "").replace(/''/g, "'").toLowerCase();
  return (user) => {
    const actual = user[prop];
    if (typeof actual !== "string") return false;
    return eq ? actual.toLowerCase() === value : actual.toLowerCase().startsWith(value);
  };
}

function parseFilter(req: Request): (user: DirectoryUser) => boolean {
  const raw = req.query["$filter"];
  if (typeof raw !== "string" || raw.trim() === "") return () => true;
  const anyOf = raw
    .trim()
    .split(/\s+or\s+/i)
    .map((alternative) => alternative.split(/\s+and\s+/i).map((c) => clause(c.trim())));
  return (user) => {
    const json = userJson(user);
    return anyOf.some((all) => all.every((test) => test(json)));
  };
}

function parseTop(req: Request): number {
  const raw = req.query["$top"];
  if (raw === undefined) return DEFAULT_PAGE_SIZE;
  const top = Number(raw);
  if (typeof raw !== "string" || !Number.isInteger(top) || top < 1 || top > MAX_PAGE_SIZE) {
    throw new GraphError(
      400,
      "Request_UnsupportedQuery",
      `Invalid page size specified: '${String(raw)}'. Must be between 1 and ${MAX_PAGE_SIZE} inclusive.`,
    );
  }
  return top;
}

function parseOrderBy(req: Request): ((a: DirectoryUser, b: DirectoryUser) => number) | undefined {
  const raw = req.query["$orderby"];
  if (typeof raw !== "string" || raw.trim() === "") return undefined;
  const match = /^(displayName|userPrincipalName)(?:\s+(asc|desc))?$/i.exec(raw.trim());
  if (!match?.[1]) throw unsupportedQuery();
  const prop = match[1] as "displayName" | "userPrincipalName";
  const sign = match[2]?.toLowerCase() === "desc" ? -1 : 1;
  return (a, b) => sign * a[prop].localeCompare(b[prop], "da");
}

/** `$skiptoken` is opaque to clients; here it carries the offset of the next page. */
function readSkipToken(req: Request): number {
  const raw = req.query["$skiptoken"];
  if (raw === undefined) return 0;
  const offset =
    typeof raw === "string"
      ? Number(
          Buffer.from(raw, "base64url")
            .toString("utf8")
            .replace(/^offset:/, ""),
        )
      : NaN;
  if (!Number.isInteger(offset) || offset < 0)
    throw badRequest("Invalid $skiptoken value.", "Request_BadRequest");
  return offset;
}

function nextLink(ctx: SimContext, req: Request, offset: number): string {
  const url = new URL(`${ctx.baseUrl()}/v1.0/users`);
  for (const [name, value] of Object.entries(req.query)) {
    if (name !== "$skiptoken" && typeof value === "string") url.searchParams.set(name, value);
  }
  url.searchParams.set("$skiptoken", Buffer.from(`offset:${offset}`).toString("base64url"));
  return url.toString().replace(/%24/g, "$");
}

function requireDelegatedScope(caller: Caller, accepted: string[]): void {
  if (caller.kind === "delegated" && !accepted.some((s) => caller.scopes.includes(s)))
    throw insufficientPrivileges();
}

/** Reading a user object: app tokens need User.Read.All; people may read themselves with User.Read. */
function authorizeRead(ctx: SimContext, caller: Caller, target?: DirectoryUser): void {
  if (caller.kind === "app") {
    if (
      !["User.Read.All", "User.ReadWrite.All", "Directory.Read.All"].some((r) => caller.roles.includes(r))
    ) {
      throw insufficientPrivileges();
    }
    return;
  }
  requireDelegatedScope(caller, target?.id === caller.userId ? READ_SELF : READ_OTHERS);
}

function meOf(ctx: SimContext, caller: Caller): DirectoryUser {
  if (caller.kind !== "delegated") {
    throw badRequest("/me request is only valid with delegated authentication flow.");
  }
  const me = ctx.state.users.get(caller.userId);
  if (!me)
    throw new GraphError(
      404,
      "Request_ResourceNotFound",
      `Resource '${caller.userId}' does not exist or one of its queried reference-property objects are not present.`,
    );
  return me;
}

function userOf(ctx: SimContext, req: Request, res: Response): DirectoryUser {
  const idOrUpn = req.params["userId"];
  if (typeof idOrUpn !== "string") return meOf(ctx, callerOf(res));
  const user = findInDirectory(ctx, decodeURIComponent(idOrUpn));
  if (!user) {
    throw new GraphError(
      404,
      "Request_ResourceNotFound",
      `Resource '${idOrUpn}' does not exist or one of its queried reference-property objects are not present.`,
    );
  }
  return user;
}

/** Mailbox settings as Exchange keeps them for a Danish town hall: Copenhagen time, Danish, 08–16 on weekdays. */
function mailboxSettings(ctx: SimContext, user: DirectoryUser): Record<string, unknown> {
  const locale = user.preferredLanguage ?? "da-DK";
  return {
    "@odata.context": `${ctx.baseUrl()}/v1.0/$metadata#users('${user.id}')/mailboxSettings`,
    timeZone: user.timeZone,
    delegateMeetingMessageDeliveryOptions: "sendToDelegateAndInformationToPrincipal",
    dateFormat: "dd-MM-yyyy",
    timeFormat: "HH:mm",
    userPurpose: user.kind === "person" ? "user" : user.kind === "room" ? "room" : "shared",
    automaticRepliesSetting: {
      status: "disabled",
      externalAudience: "all",
      internalReplyMessage: "",
      externalReplyMessage: "",
      scheduledStartDateTime: { dateTime: "2026-01-01T08:00:00.0000000", timeZone: "UTC" },
      scheduledEndDateTime: { dateTime: "2026-01-02T08:00:00.0000000", timeZone: "UTC" },
    },
    language: { locale, displayName: locale === "da-DK" ? "dansk (Danmark)" : locale },
    workingHours: {
      daysOfWeek: ["monday", "tuesday", "wednesday", "thursday", "friday"],
      startTime: "08:00:00.0000000",
      endTime: "16:00:00.0000000",
      timeZone: { name: user.timeZone },
    },
  };
}

export function usersRoutes(ctx: SimContext): Router {
  const router = Router();

  router.get("/users", (req, res) => {
    const caller = callerOf(res);
    authorizeRead(ctx, caller);
    const select = parseSelect(req.query["$select"], USER_SELECT);
    const matches = parseFilter(req);
    const top = parseTop(req);
    const order = parseOrderBy(req);
    const offset = readSkipToken(req);
    const all = directory(ctx).filter(matches);
    if (order) all.sort(order);
    const page = all.slice(offset, offset + top);
    const body: Record<string, unknown> = { "@odata.context": contextUrl(ctx, select, false) };
    if (offset + top < all.length) body["@odata.nextLink"] = nextLink(ctx, req, offset + top);
    body["value"] = page.map((u) => project(u, select));
    res.json(body);
  });

  for (const path of ["/users/:userId", "/me"]) {
    router.get(path, (req, res) => {
      const caller = callerOf(res);
      const user = userOf(ctx, req, res);
      authorizeRead(ctx, caller, user);
      const select = parseSelect(req.query["$select"], USER_SELECT);
      res.json({ "@odata.context": contextUrl(ctx, select, true), ...project(user, select) });
    });
  }

  router.get(mailboxPaths("/mailboxSettings"), (req, res) => {
    const user = userOf(ctx, req, res);
    authorize(ctx.state, callerOf(res), "MailboxSettings.Read", user);
    res.json(mailboxSettings(ctx, user));
  });

  router.get(mailboxPaths("/mailboxSettings/timeZone"), (req, res) => {
    const user = userOf(ctx, req, res);
    authorize(ctx.state, callerOf(res), "MailboxSettings.Read", user);
    res.json({
      "@odata.context": `${ctx.baseUrl()}/v1.0/$metadata#users('${user.id}')/mailboxSettings/timeZone`,
      value: user.timeZone,
    });
  });

  return router;
}
