import express, { Router, type NextFunction, type Request, type Response } from "express";
import type { SimContext } from "../context";
import { authorizeEndpoint, logoutEndpoint } from "./authorize";
import { instanceDiscovery, openIdConfiguration } from "./discovery";
import { aadsts, sendAadstsError } from "./errors";
import { redirectOrigins } from "./redirects";
import { isOurTenant } from "./tenant";
import { tokenEndpoint } from "./token-endpoint";
import { userInfoEndpoint } from "./userinfo";

/** Discovery documents and keys are public and readable from any page, as Entra serves them. */
function anyOrigin(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader("Access-Control-Allow-Origin", "*");
  next();
}

/** The token endpoint answers browsers only from the origins of registered redirect URIs (the SPA pages). */
function pageOrigins(ctx: SimContext) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.header("origin");
    if (origin && redirectOrigins(ctx.state).has(origin)) {
      res.setHeader("Access-Control-Allow-Origin", origin);
      res.setHeader("Vary", "Origin");
      if (req.method === "OPTIONS") {
        res.setHeader("Access-Control-Allow-Methods", "POST, OPTIONS");
        res.setHeader("Access-Control-Allow-Headers", req.header("access-control-request-headers") ?? "");
        res.setHeader("Access-Control-Max-Age", "86400");
      }
    }
    if (req.method === "OPTIONS") {
      res.status(204).end();
      return;
    }
    next();
  };
}

/** A tenant's public documents exist only for this tenant; any other is answered as Entra does. */
function ourTenantOnly(ctx: SimContext) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const tenant = String(req.params["tenant"]);
    if (isOurTenant(ctx, tenant)) return next();
    sendAadstsError(
      res,
      aadsts.tenantNotFound(tenant, "invalid_tenant"),
      ctx.baseUrl(),
      ctx.state.clock.now(),
    );
  };
}

/** The Microsoft identity platform v2.0 endpoints of the simulated tenant. */
export function identityRoutes(ctx: SimContext): Router {
  const router = Router();

  router.get("/common/discovery/instance", anyOrigin, (req, res) => {
    const endpoint =
      typeof req.query["authorization_endpoint"] === "string"
        ? req.query["authorization_endpoint"]
        : undefined;
    res.json(instanceDiscovery(ctx, endpoint));
  });

  router.get("/:tenant/v2.0/.well-known/openid-configuration", anyOrigin, ourTenantOnly(ctx), (req, res) => {
    res.json(openIdConfiguration(ctx, String(req.params["tenant"])));
  });

  router.get("/:tenant/discovery/v2.0/keys", anyOrigin, ourTenantOnly(ctx), (_req, res) => {
    res.json(ctx.keys.jwks());
  });

  router.options("/:tenant/oauth2/v2.0/token", pageOrigins(ctx));
  router.post(
    "/:tenant/oauth2/v2.0/token",
    pageOrigins(ctx),
    express.urlencoded({ extended: false, limit: "1mb", parameterLimit: 100 }),
    tokenEndpoint(ctx),
  );

  // A body the form parser cannot read gets Entra's "malformed request" answer, not Express's HTML page.
  router.use(
    "/:tenant/oauth2/v2.0/token",
    (err: unknown, _req: Request, res: Response, next: NextFunction) => {
      if (typeof (err as { type?: unknown } | null)?.type !== "string") return next(err);
      sendAadstsError(res, aadsts.malformedRequest("invalid_request"), ctx.baseUrl(), ctx.state.clock.now());
    },
  );

  router.get("/oidc/userinfo", anyOrigin, userInfoEndpoint(ctx));

  router.get("/:tenant/oauth2/v2.0/authorize", authorizeEndpoint(ctx));
  router.get("/:tenant/oauth2/v2.0/logout", logoutEndpoint(ctx));

  return router;
}
