/// <reference lib="dom" />
import { z } from "zod";
import type { HostPageConfig } from "../config";

/**
 * The host page signs in like any single-page app on Entra: authorization code with PKCE
 * against the simulator's authorize and token endpoints, the code redeemed from the page.
 */

const SESSION_KEY = "outlook-sim.session";
const PENDING_KEY = "outlook-sim.pending";

/** The refresh token lets the host broker the task pane's tokens (nested app authentication). */
const session = z.object({
  accessToken: z.string(),
  expiresAt: z.number(),
  refreshToken: z.string().optional(),
});
export type Session = z.infer<typeof session>;

const pending = z.object({ verifier: z.string(), state: z.string() });

function base64url(bytes: ArrayBuffer | Uint8Array): string {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  return btoa(String.fromCharCode(...data))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

function randomText(bytes: number): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export function currentSession(): Session | null {
  const parsed = session.safeParse(JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? "null"));
  return parsed.success && parsed.data.expiresAt > Date.now() ? parsed.data : null;
}

/** Refresh tokens rotate: each use brings the next one. */
export function keepRefreshToken(refreshToken: string): void {
  const signedIn = currentSession();
  if (signedIn) sessionStorage.setItem(SESSION_KEY, JSON.stringify({ ...signedIn, refreshToken }));
}

export function signOut(): void {
  sessionStorage.removeItem(SESSION_KEY);
}

/** Goes to the account picker; the page comes back with `?code=`. */
export async function startSignIn(config: HostPageConfig): Promise<void> {
  const verifier = randomText(32);
  const state = randomText(12);
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state }));
  const challenge = base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  const url = new URL(`${config.authority}/${config.tenantId}/oauth2/v2.0/authorize`);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    response_type: "code",
    redirect_uri: config.redirectUri,
    scope: config.scope,
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
    prompt: "select_account",
  }).toString();
  window.location.assign(url.toString());
}

const tokenAnswer = z.object({
  access_token: z.string(),
  expires_in: z.number(),
  refresh_token: z.string().optional(),
});
const tokenError = z.object({ error_description: z.string() });

/** After the redirect: redeems the code (once) and forgets it from the address bar. */
export async function finishSignIn(config: HostPageConfig): Promise<Session | null> {
  const params = new URLSearchParams(window.location.search);
  const code = params.get("code");
  const error = params.get("error_description");
  if (!code && !error) return null;
  history.replaceState(null, "", window.location.pathname);
  if (error) throw new Error(error);
  const expected = pending.safeParse(JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? "null"));
  sessionStorage.removeItem(PENDING_KEY);
  if (!expected.success || expected.data.state !== params.get("state")) {
    throw new Error(
      "Login-svaret passer ikke til denne side. / The sign-in answer does not match this page.",
    );
  }
  const response = await fetch(`${config.authority}/${config.tenantId}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      client_id: config.clientId,
      grant_type: "authorization_code",
      code: code ?? "",
      redirect_uri: config.redirectUri,
      code_verifier: expected.data.verifier,
      scope: config.scope,
    }),
  });
  const body: unknown = await response.json();
  if (!response.ok)
    throw new Error(tokenError.safeParse(body).data?.error_description ?? `HTTP ${response.status}`);
  const token = tokenAnswer.parse(body);
  const signedIn = {
    accessToken: token.access_token,
    expiresAt: Date.now() + token.expires_in * 1000,
    ...(token.refresh_token ? { refreshToken: token.refresh_token } : {}),
  };
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(signedIn));
  return signedIn;
}
