import { createHash, randomBytes, randomInt } from "node:crypto";
import type { SimContext } from "../context";
import { GRAPH_RESOURCE, type AppRegistration, type DirectoryUser } from "../directory";
import type { GrantedScopes, Resource } from "./scopes";
import { scopeString } from "./scopes";

/** How the client proved who it is, as the `azpacr` claim says: 0 public, 1 secret, 2 certificate. */
export type ClientAuthMethod = "none" | "secret" | "certificate";
const AZPACR: Record<ClientAuthMethod, string> = { none: "0", secret: "1", certificate: "2" };

/** Entra back-dates `iat`/`nbf` by five minutes to absorb clock skew. */
const SKEW_SECONDS = 300;
export const APP_TOKEN_LIFETIME = 3599;
const ID_TOKEN_LIFETIME = 3600;

function guidFrom(seed: string): string {
  const hex = createHash("sha256").update(seed).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The app's service principal object id in the tenant (stable per client id). */
export function servicePrincipalId(clientId: string): string {
  return guidFrom(`service-principal:${clientId}`);
}

/** `sub` is pairwise in Entra: the same person has a different subject per application. */
function pairwiseSubject(userId: string, clientId: string): string {
  return createHash("sha256").update(`${userId}:${clientId}`).digest("base64url").slice(0, 43);
}

/** Opaque claims Entra always adds; relying parties must not read them, but they make tokens look real. */
function opaqueClaims() {
  return {
    aio: randomBytes(48).toString("base64url"),
    rh: `1.${randomBytes(40).toString("base64url")}.`,
    uti: randomBytes(16).toString("base64url"),
  };
}

function audienceOf(resource: Resource): string {
  return resource.kind === "graph" ? GRAPH_RESOURCE : resource.appId;
}

function nowSeconds(ctx: SimContext): number {
  return Math.floor(ctx.state.clock.now().getTime() / 1000);
}

async function sign(ctx: SimContext, claims: Record<string, unknown>, lifetime: number): Promise<string> {
  return ctx.keys.sign(claims, lifetime + SKEW_SECONDS, nowSeconds(ctx) - SKEW_SECONDS);
}

export interface AppTokenResponse {
  token_type: "Bearer";
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
}

/** An app-only token (client credentials): `roles` are the application permissions granted to the app. */
export async function appToken(
  ctx: SimContext,
  client: AppRegistration,
  resource: Resource,
  method: ClientAuthMethod,
): Promise<AppTokenResponse> {
  const spId = servicePrincipalId(client.clientId);
  const roles = resource.kind === "graph" ? [...client.graphAppPermissions] : [];
  const claims: Record<string, unknown> = {
    aud: audienceOf(resource),
    iss: ctx.issuer(),
    ...opaqueClaims(),
    azp: client.clientId,
    azpacr: AZPACR[method],
    idtyp: "app",
    oid: spId,
    sub: spId,
    tid: ctx.tenantId,
    ver: "2.0",
  };
  if (roles.length > 0) claims["roles"] = roles;
  const access_token = await sign(ctx, claims, APP_TOKEN_LIFETIME);
  return {
    token_type: "Bearer",
    expires_in: APP_TOKEN_LIFETIME,
    ext_expires_in: APP_TOKEN_LIFETIME,
    access_token,
  };
}

export interface DelegatedTokenResponse {
  token_type: "Bearer";
  scope: string;
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  client_info?: string;
}

export interface DelegatedTokenOptions {
  method: ClientAuthMethod;
  nonce?: string;
  refreshToken?: string;
  /** The client asked for `client_info=1` (MSAL does): it builds the account from it. */
  clientInfo: boolean;
}

/**
 * Tokens on behalf of a signed-in person. Graph tokens carry `scp`; tokens for an app's
 * own API also carry the person's app roles (`roles`), which is how the Mødeklar API
 * knows the secretary from the reception.
 */
export async function delegatedTokens(
  ctx: SimContext,
  client: AppRegistration,
  user: DirectoryUser,
  granted: GrantedScopes,
  options: DelegatedTokenOptions,
): Promise<DelegatedTokenResponse> {
  // Entra varies delegated token lifetimes between 60 and 90 minutes.
  const lifetime = randomInt(3600, 5400);
  const sid = guidFrom(`session:${user.id}`);
  const claims: Record<string, unknown> = {
    aud: audienceOf(granted.resource),
    iss: ctx.issuer(),
    ...opaqueClaims(),
    azp: client.clientId,
    azpacr: AZPACR[options.method],
    name: user.displayName,
    oid: user.id,
    preferred_username: user.userPrincipalName,
    scp: granted.scopes.join(" "),
    sid,
    sub: pairwiseSubject(user.id, client.clientId),
    tid: ctx.tenantId,
    ver: "2.0",
  };
  if (granted.resource.kind === "api") {
    const exposed = ctx.state.apps.get(granted.resource.appId)?.exposedAppRoles ?? [];
    const roles = user.appRoles.filter((r) => exposed.includes(r));
    if (roles.length > 0) claims["roles"] = roles;
  }
  const response: DelegatedTokenResponse = {
    token_type: "Bearer",
    scope: scopeString(granted),
    expires_in: lifetime,
    ext_expires_in: lifetime,
    access_token: await sign(ctx, claims, lifetime),
  };
  if (options.refreshToken) response.refresh_token = options.refreshToken;
  if (granted.oidc.includes("openid")) {
    const idClaims: Record<string, unknown> = {
      aud: client.clientId,
      iss: ctx.issuer(),
      ...opaqueClaims(),
      oid: user.id,
      sid,
      sub: pairwiseSubject(user.id, client.clientId),
      tid: ctx.tenantId,
      ver: "2.0",
    };
    if (options.nonce) idClaims["nonce"] = options.nonce;
    if (granted.oidc.includes("profile")) {
      idClaims["name"] = user.displayName;
      idClaims["preferred_username"] = user.userPrincipalName;
    }
    if (granted.oidc.includes("email")) idClaims["email"] = user.mail;
    response.id_token = await sign(ctx, idClaims, ID_TOKEN_LIFETIME);
  }
  if (options.clientInfo) {
    response.client_info = Buffer.from(JSON.stringify({ uid: user.id, utid: ctx.tenantId })).toString(
      "base64url",
    );
  }
  return response;
}
