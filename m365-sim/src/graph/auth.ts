import type { NextFunction, Request, Response } from "express";
import { errors } from "jose";
import type { SimContext } from "../context";
import { GRAPH_APP_ID, GRAPH_RESOURCE, type GraphAppPermission } from "../directory";
import type { DirectoryUser } from "../directory";
import { GraphError } from "../odata";
import type { SimState } from "../state";
import { checkAccessPolicy } from "./access-policy";

export type Caller =
  | { kind: "app"; appId: string; roles: string[] }
  | { kind: "delegated"; appId: string; userId: string; scopes: string[] };

export function callerOf(res: Response): Caller {
  const caller = res.locals["caller"] as Caller | undefined;
  if (!caller) throw new GraphError(401, "InvalidAuthenticationToken", "Access token is empty.");
  return caller;
}

function unauthorized(message: string): GraphError {
  return new GraphError(401, "InvalidAuthenticationToken", message, {
    "WWW-Authenticate": `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="${GRAPH_APP_ID}"`,
  });
}

/** Validates the bearer token of a Graph request the way Graph does and records the caller. */
export function graphAuth(ctx: SimContext) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.header("authorization");
    if (!header || !/^Bearer\s+\S+/i.test(header)) return next(unauthorized("Access token is empty."));
    const token = header.replace(/^Bearer\s+/i, "");
    try {
      const claims = await ctx.keys.verify(token, {
        issuer: ctx.issuer(),
        audience: [GRAPH_RESOURCE, GRAPH_APP_ID],
        now: ctx.state.clock.now(),
      });
      const appId = String(claims["azp"] ?? claims["appid"] ?? "");
      if (claims["idtyp"] === "app" || (!claims["scp"] && Array.isArray(claims["roles"]))) {
        res.locals["caller"] = { kind: "app", appId, roles: (claims["roles"] as string[] | undefined) ?? [] };
      } else {
        res.locals["caller"] = {
          kind: "delegated",
          appId,
          userId: String(claims["oid"]),
          scopes: String(claims["scp"] ?? "")
            .split(" ")
            .filter(Boolean),
        };
      }
      next();
    } catch (err) {
      if (err instanceof errors.JWTExpired)
        return next(unauthorized("Lifetime validation failed, the token is expired."));
      if (err instanceof errors.JWTClaimValidationFailed && err.claim === "aud")
        return next(unauthorized("Access token validation failure. Invalid audience."));
      if (err instanceof errors.JWTClaimValidationFailed && err.claim === "iss")
        return next(unauthorized("Access token validation failure. Invalid issuer."));
      if (err instanceof errors.JWSSignatureVerificationFailed)
        return next(unauthorized("Access token validation failure. Invalid signature."));
      return next(unauthorized("IDX14100: JWT is not well formed, there are no dots (.)."));
    }
  };
}

/** Which permission a request needs, in Graph's terms; `*.ReadWrite` implies `*.Read`. */
export type Need = Exclude<GraphAppPermission, "User.ReadWrite.All" | "Directory.Read.All">;

const IMPLIED: Record<Need, GraphAppPermission[]> = {
  "Calendars.Read": ["Calendars.Read", "Calendars.ReadWrite"],
  "Calendars.ReadWrite": ["Calendars.ReadWrite"],
  "Mail.Read": ["Mail.Read", "Mail.ReadWrite"],
  "Mail.ReadWrite": ["Mail.ReadWrite"],
  "Mail.Send": ["Mail.Send"],
  "Place.Read.All": ["Place.Read.All"],
  "User.Read.All": ["User.Read.All", "User.ReadWrite.All", "Directory.Read.All"],
  "MailboxSettings.Read": [
    "MailboxSettings.Read",
    "Calendars.Read",
    "Calendars.ReadWrite",
    "Mail.Read",
    "Mail.ReadWrite",
    "MailboxSettings.ReadWrite",
  ],
  "MailboxSettings.ReadWrite": ["MailboxSettings.ReadWrite"],
};

/** Delegated scopes that grant the need for mailboxes shared with the person (`.Shared` scopes). */
const DELEGATED: Record<Need, string[]> = {
  "Calendars.Read": [
    "Calendars.Read",
    "Calendars.ReadWrite",
    "Calendars.Read.Shared",
    "Calendars.ReadWrite.Shared",
  ],
  "Calendars.ReadWrite": ["Calendars.ReadWrite", "Calendars.ReadWrite.Shared"],
  "Mail.Read": ["Mail.Read", "Mail.ReadWrite", "Mail.Read.Shared", "Mail.ReadWrite.Shared"],
  "Mail.ReadWrite": ["Mail.ReadWrite", "Mail.ReadWrite.Shared"],
  "Mail.Send": ["Mail.Send", "Mail.Send.Shared"],
  "Place.Read.All": ["Place.Read.All"],
  "User.Read.All": ["User.Read", "User.Read.All", "User.ReadBasic.All"],
  "MailboxSettings.Read": ["MailboxSettings.Read", "MailboxSettings.ReadWrite"],
  "MailboxSettings.ReadWrite": ["MailboxSettings.ReadWrite"],
};

/**
 * Checks that the caller may act on `mailbox` with `need`. App tokens need the
 * application permission and the app's access policy to reach the mailbox; delegated tokens need the scope and either to own the mailbox
 * or to be its delegate. Throws Graph's 403 otherwise.
 */
export function authorize(state: SimState, caller: Caller, need: Need, mailbox?: DirectoryUser): void {
  if (caller.kind === "app") {
    if (!IMPLIED[need].some((p) => caller.roles.includes(p))) {
      throw new GraphError(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
    }
    if (mailbox) checkAccessPolicy(state, caller.appId, mailbox.id);
    return;
  }
  if (!DELEGATED[need].some((s) => caller.scopes.includes(s))) {
    throw new GraphError(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
  }
  if (
    mailbox &&
    mailbox.id !== caller.userId &&
    !state.users.get(caller.userId)?.delegateOf.includes(mailbox.id)
  ) {
    throw new GraphError(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
  }
}

/** True when the delegated caller is a delegate (not the owner) of the mailbox: private items are hidden from them. */
export function seesPrivateItems(caller: Caller, mailbox: DirectoryUser): boolean {
  return caller.kind === "app" || caller.userId === mailbox.id;
}
