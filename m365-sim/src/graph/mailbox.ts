import type { Request, Response } from "express";
import type { SimContext } from "../context";
import type { DirectoryUser } from "../directory";
import { GraphError } from "../odata";
import { callerOf } from "./auth";

/**
 * The mailbox a Graph request addresses: `/users/{id|upn}/…` or `/me/…`. `/me` needs a
 * delegated token (an app token gets Graph's 400 for `/me`).
 */
export function mailboxOf(ctx: SimContext, req: Request, res: Response): DirectoryUser {
  const idOrUpn = req.params["userId"];
  if (typeof idOrUpn === "string") {
    const user = ctx.state.findUser(decodeURIComponent(idOrUpn));
    if (!user) throw new GraphError(404, "ErrorInvalidUser", `The requested user '${idOrUpn}' is invalid.`);
    return user;
  }
  const caller = callerOf(res);
  if (caller.kind !== "delegated") {
    throw new GraphError(400, "BadRequest", "/me request is only valid with delegated authentication flow.");
  }
  const me = ctx.state.users.get(caller.userId);
  if (!me) throw new GraphError(404, "ErrorInvalidUser", "The signed-in user does not exist.");
  return me;
}

/** Both address forms for one set of routes: `/users/:userId/<rest>` and `/me/<rest>`. */
export function mailboxPaths(rest: string): string[] {
  return [`/users/:userId${rest}`, `/me${rest}`];
}
