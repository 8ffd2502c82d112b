import type { Request, Response } from "express";
import type { SimContext } from "../context";
import { GRAPH_APP_ID, GRAPH_RESOURCE } from "../directory";

/**
 * The OpenID Connect UserInfo endpoint the discovery document names. Entra serves it on
 * Graph's host and it takes a Graph token with `openid`; the answer is the person's
 * pairwise `sub` and profile.
 */
export function userInfoEndpoint(ctx: SimContext) {
  return async (req: Request, res: Response) => {
    const token = req.header("authorization")?.replace(/^Bearer\s+/i, "");
    const refuse = () => {
      res.setHeader("WWW-Authenticate", 'Bearer error="invalid_token"');
      res.status(401).end();
    };
    if (!token) return refuse();
    try {
      const claims = await ctx.keys.verify(token, {
        issuer: ctx.issuer(),
        audience: [GRAPH_RESOURCE, GRAPH_APP_ID],
        now: ctx.state.clock.now(),
      });
      const user = typeof claims["oid"] === "string" ? ctx.state.users.get(claims["oid"]) : undefined;
      if (!user || claims["idtyp"] === "app") return refuse();
      res.json({
        sub: claims.sub,
        name: user.displayName,
        family_name: user.surname ?? null,
        given_name: user.givenName ?? null,
        picture: `${ctx.baseUrl()}/v1.0/me/photo/$value`,
        email: user.mail,
      });
    } catch {
      refuse();
    }
  };
}
