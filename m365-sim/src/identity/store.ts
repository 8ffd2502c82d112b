import { randomBytes } from "node:crypto";
import type { SimState } from "../state";
import type { GrantedScopes } from "./scopes";

/** What an authorization code stands for until it is redeemed (once) or expires (10 minutes). */
export interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  userId: string;
  scopes: GrantedScopes;
  codeChallenge?: string;
  codeChallengeMethod?: "S256" | "plain";
  nonce?: string;
  issuedAt: number;
  redeemed: boolean;
}

/** A refresh token: bound to the client and person; replaced by a new one on every use. */
export interface RefreshGrant {
  clientId: string;
  userId: string;
  /** Every scope the person consented to for this client, across resources. */
  scopes: GrantedScopes;
  /** Issued to a single-page app: must be redeemed cross-origin and lives 24 hours. */
  spa: boolean;
  issuedAt: number;
  expiresAt: number;
}

export interface IdentityRecords {
  codes: Map<string, AuthorizationCode>;
  refreshTokens: Map<string, RefreshGrant>;
}

const records = new WeakMap<SimState, IdentityRecords>();

export function identityRecords(state: SimState): IdentityRecords {
  let found = records.get(state);
  if (!found) {
    found = { codes: new Map(), refreshTokens: new Map() };
    records.set(state, found);
  }
  return found;
}

/** Codes are remembered well past their lifetime so a late redemption is told "expired", not "malformed". */
const STALE_CODE_MS = 24 * 60 * 60 * 1000;

/** Keeps the records from growing in a long demo: used or stale codes and expired refresh tokens go after a day. */
export function forgetStale(state: SimState): void {
  const { codes, refreshTokens } = identityRecords(state);
  const now = state.clock.now().getTime();
  for (const [code, grant] of codes) if (now - grant.issuedAt > STALE_CODE_MS) codes.delete(code);
  for (const [token, grant] of refreshTokens) if (now > grant.expiresAt) refreshTokens.delete(token);
}

/** Entra's codes and refresh tokens are long opaque strings; these look alike and carry nothing. */
export function opaqueToken(prefix: string): string {
  return `${prefix}.${randomBytes(96).toString("base64url")}`;
}

export const CODE_LIFETIME_MS = 10 * 60 * 1000;
export const SPA_REFRESH_LIFETIME_MS = 24 * 60 * 60 * 1000;
export const WEB_REFRESH_LIFETIME_MS = 90 * 24 * 60 * 60 * 1000;

/**
 * Registers a redirect URI for an app at run time, as an admin would add one in the
 * portal: the start script registers the service's pages this way.
 */
export function registerRedirectUri(state: SimState, clientId: string, uri: string): void {
  const app = state.apps.get(clientId);
  if (!app) throw new Error(`No app registration with client id ${clientId}`);
  if (!app.redirectUris.includes(uri)) app.redirectUris.push(uri);
}

/** Uploads a certificate (PEM) to an app registration, so it may sign client assertions with it. */
export function registerCertificate(state: SimState, clientId: string, pem: string): void {
  const app = state.apps.get(clientId);
  if (!app) throw new Error(`No app registration with client id ${clientId}`);
  if (!app.certificates.includes(pem)) app.certificates.push(pem);
}
