import { createHash } from "node:crypto";
import type { Request, Response } from "express";
import type { SimContext } from "../context";
import type { AppRegistration } from "../directory";
import { authenticateClient, type AuthenticatedClient } from "./client-auth";
import { AadstsError, aadsts, sendAadstsError } from "./errors";
import { isAllowedRedirect } from "./redirects";
import { appScope, delegatedScopes, type GrantedScopes } from "./scopes";
import {
  CODE_LIFETIME_MS,
  SPA_REFRESH_LIFETIME_MS,
  WEB_REFRESH_LIFETIME_MS,
  identityRecords,
  opaqueToken,
} from "./store";
import { isOurTenant, tokenEndpointUrls } from "./tenant";
import { appToken, delegatedTokens } from "./tokens";

type Body = Record<string, string | undefined>;

/** Form fields as single strings; Entra refuses a parameter sent twice. */
function formBody(req: Request): Body {
  const raw = (req.body ?? {}) as Record<string, unknown>;
  const body: Body = {};
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) {
      throw new AadstsError(
        "invalid_request",
        9000411,
        `The request is not properly formatted. The parameter '${name}' is duplicated.`,
      );
    }
    if (typeof value === "string") body[name] = value;
  }
  return body;
}

function required(body: Body, name: string): string {
  const value = body[name];
  if (!value) throw aadsts.missingParameter(name);
  return value;
}

function pkceMatches(verifier: string, challenge: string, method: "S256" | "plain"): boolean {
  if (method === "plain") return verifier === challenge;
  return createHash("sha256").update(verifier).digest("base64url") === challenge;
}

/** A client without a credential is a single-page app here: Entra redeems its codes only cross-origin. */
function checkPublicClient(req: Request, client: AuthenticatedClient): boolean {
  if (client.method !== "none") return false;
  if (!req.header("origin")) throw aadsts.spaNeedsOrigin();
  return true;
}

function issueRefreshToken(
  ctx: SimContext,
  client: AppRegistration,
  userId: string,
  scopes: GrantedScopes,
  spa: boolean,
  expiresAt?: number,
): string {
  const token = opaqueToken("1.AQ");
  const now = ctx.state.clock.now().getTime();
  identityRecords(ctx.state).refreshTokens.set(token, {
    clientId: client.clientId,
    userId,
    scopes,
    spa,
    issuedAt: now,
    expiresAt: expiresAt ?? now + (spa ? SPA_REFRESH_LIFETIME_MS : WEB_REFRESH_LIFETIME_MS),
  });
  return token;
}

async function clientCredentials(ctx: SimContext, body: Body, client: AuthenticatedClient) {
  if (client.method === "none") throw aadsts.missingCredential();
  const resource = appScope(ctx.state, body["scope"]);
  return appToken(ctx, client.app, resource, client.method);
}

async function authorizationCode(ctx: SimContext, req: Request, body: Body, client: AuthenticatedClient) {
  const code = required(body, "code");
  const redirectUri = required(body, "redirect_uri");
  const records = identityRecords(ctx.state);
  const grant = records.codes.get(code);
  if (!grant) throw aadsts.malformedRequest();
  if (grant.clientId !== client.app.clientId) throw aadsts.grantOfOtherClient();
  if (grant.redeemed) throw aadsts.codeRedeemed();
  if (ctx.state.clock.now().getTime() - grant.issuedAt > CODE_LIFETIME_MS) throw aadsts.codeExpired();
  if (!isAllowedRedirect(client.app, redirectUri))
    throw aadsts.redirectMismatch(redirectUri, client.app.clientId);
  if (grant.redirectUri !== redirectUri) throw aadsts.codeRedirectMismatch();
  const spa = checkPublicClient(req, client);
  if (spa && !grant.codeChallenge) throw aadsts.pkceRequired();
  if (grant.codeChallenge) {
    const verifier = body["code_verifier"];
    if (!verifier || !pkceMatches(verifier, grant.codeChallenge, grant.codeChallengeMethod ?? "plain")) {
      throw aadsts.pkceMismatch();
    }
  }
  const user = ctx.state.users.get(grant.userId);
  if (!user) throw aadsts.malformedRequest();
  grant.redeemed = true;

  const requested = body["scope"] ? delegatedScopes(ctx.state, client.app, body["scope"]) : grant.scopes;
  const scopes: GrantedScopes = {
    ...requested,
    oidc: [...new Set([...grant.scopes.oidc, ...requested.oidc])],
  };
  const refreshToken = scopes.oidc.includes("offline_access")
    ? issueRefreshToken(ctx, client.app, user.id, scopes, spa)
    : undefined;
  return delegatedTokens(ctx, client.app, user, scopes, {
    method: client.method,
    nonce: grant.nonce,
    refreshToken,
    clientInfo: body["client_info"] === "1",
  });
}

/** Nested app authentication: the URI an add-in registers to let its host (Outlook) broker its tokens. */
export const BROKER_REDIRECT_SCHEME = "brk-multihub://";

/**
 * A host in Entra's broker group (Outlook) redeems its own refresh token for a nested app (the
 * add-in in its task pane): `client_id` is the add-in, `redirect_uri` the add-in's
 * `brk-multihub://<origin>`, `brk_client_id`/`brk_redirect_uri` the host. The tokens are the
 * add-in's; the host gets its refresh token back, rotated.
 */
async function brokeredRefresh(ctx: SimContext, req: Request, body: Body, nested: AuthenticatedClient) {
  const broker = ctx.state.apps.get(required(body, "brk_client_id"));
  if (!broker?.trustedBroker) throw aadsts.untrustedBroker(body["brk_client_id"] ?? "");
  const brokerRedirect = required(body, "brk_redirect_uri");
  if (!isAllowedRedirect(broker, brokerRedirect))
    throw aadsts.redirectMismatch(brokerRedirect, broker.clientId);
  const redirectUri = required(body, "redirect_uri");
  if (!redirectUri.startsWith(BROKER_REDIRECT_SCHEME) || !isAllowedRedirect(nested.app, redirectUri))
    throw aadsts.redirectMismatch(redirectUri, nested.app.clientId);
  const token = required(body, "refresh_token");
  const records = identityRecords(ctx.state);
  const grant = records.refreshTokens.get(token);
  if (!grant || grant.clientId !== broker.clientId) throw aadsts.refreshTokenInvalid();
  if (ctx.state.clock.now().getTime() > grant.expiresAt) throw aadsts.codeExpired();
  if (grant.spa) checkPublicClient(req, nested);
  const user = ctx.state.users.get(grant.userId);
  if (!user) throw aadsts.refreshTokenInvalid();
  records.refreshTokens.delete(token);
  const requested = delegatedScopes(ctx.state, nested.app, body["scope"]);
  const next = issueRefreshToken(ctx, broker, user.id, grant.scopes, grant.spa, grant.expiresAt);
  return delegatedTokens(ctx, nested.app, user, requested, {
    method: nested.method,
    refreshToken: next,
    clientInfo: body["client_info"] === "1",
  });
}

/** Refresh tokens rotate: each one is good for one redemption and comes back replaced. */
async function refreshToken(ctx: SimContext, req: Request, body: Body, client: AuthenticatedClient) {
  const token = required(body, "refresh_token");
  const records = identityRecords(ctx.state);
  const grant = records.refreshTokens.get(token);
  if (!grant || grant.clientId !== client.app.clientId) throw aadsts.refreshTokenInvalid();
  if (ctx.state.clock.now().getTime() > grant.expiresAt) throw aadsts.codeExpired();
  if (grant.spa) checkPublicClient(req, client);
  else if (client.method === "none") throw aadsts.missingCredential();
  const user = ctx.state.users.get(grant.userId);
  if (!user) throw aadsts.refreshTokenInvalid();
  records.refreshTokens.delete(token);

  const requested = body["scope"] ? delegatedScopes(ctx.state, client.app, body["scope"]) : grant.scopes;
  const scopes: GrantedScopes = { ...requested, oidc: [...new Set([...requested.oidc, "offline_access"])] };
  const next = issueRefreshToken(
    ctx,
    client.app,
    user.id,
    scopes,
    grant.spa,
    grant.spa ? grant.expiresAt : undefined,
  );
  return delegatedTokens(ctx, client.app, user, scopes, {
    method: client.method,
    refreshToken: next,
    clientInfo: body["client_info"] === "1",
  });
}

/** `POST /{tenant}/oauth2/v2.0/token`: the grants the product uses, with Entra's error bodies. */
export function tokenEndpoint(ctx: SimContext) {
  return async (req: Request, res: Response) => {
    const now = () => ctx.state.clock.now();
    try {
      const tenant = String(req.params["tenant"]);
      if (!isOurTenant(ctx, tenant)) throw aadsts.tenantNotFound(tenant);
      const body = formBody(req);
      const grantType = required(body, "grant_type");
      const grants = ["client_credentials", "authorization_code", "refresh_token"];
      if (!grants.includes(grantType)) throw aadsts.unsupportedGrant(grantType);
      const client = await authenticateClient(ctx, req, body, tokenEndpointUrls(ctx));
      const response =
        grantType === "client_credentials"
          ? await clientCredentials(ctx, body, client)
          : grantType === "authorization_code"
            ? await authorizationCode(ctx, req, body, client)
            : body["brk_client_id"]
              ? await brokeredRefresh(ctx, req, body, client)
              : await refreshToken(ctx, req, body, client);
      res.setHeader("Cache-Control", "no-store, no-cache");
      res.setHeader("Pragma", "no-cache");
      res.json(response);
    } catch (err) {
      if (err instanceof AadstsError) return sendAadstsError(res, err, ctx.baseUrl(), now());
      throw err;
    }
  };
}
