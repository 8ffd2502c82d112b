import { createHash, randomBytes } from "node:crypto";
import { createCA } from "mkcert";
import { DEMO_CLIENT_ID } from "../directory";
import type { SimState } from "../state";
import { isAllowedRedirect } from "./redirects";
import { registerCertificate, registerRedirectUri } from "./store";
import type { DelegatedTokenResponse } from "./tokens";

export interface SignInTarget {
  /** `https://localhost:<port>` of the running simulator. */
  url: string;
  tenantId: string;
  /** The simulator's state when it runs in this process: a redirect URI it lacks is then registered first. */
  state?: SimState;
}

export interface SignInOptions {
  /** The person's user principal name or id, e.g. `sekretaer@fjordby.dk`. */
  user: string;
  /** Space-separated scopes, e.g. `api://<client id>/access_as_user openid profile offline_access`. */
  scope: string;
  clientId?: string;
  /** Registered on the app first if it is not yet. */
  redirectUri?: string;
  /** Redeem as a confidential web app; without it the code is redeemed as a single-page app (PKCE + Origin). */
  clientSecret?: string;
}

/**
 * Signs a seeded person in through the real authorization code flow with PKCE, the way
 * a browser page would, and returns Entra's token response. For tests that need a
 * delegated token (the secretary's, the reception's) without a browser.
 */
export async function signInAs(sim: SignInTarget, options: SignInOptions): Promise<DelegatedTokenResponse> {
  const clientId = options.clientId ?? DEMO_CLIENT_ID;
  const redirectUri = options.redirectUri ?? "https://localhost/modeklar/signed-in";
  const app = sim.state?.apps.get(clientId);
  if (sim.state && app && !isAllowedRedirect(app, redirectUri))
    registerRedirectUri(sim.state, clientId, redirectUri);

  const verifier = randomBytes(32).toString("base64url");
  const authorize = new URL(`${sim.url}/${sim.tenantId}/oauth2/v2.0/authorize`);
  authorize.search = new URLSearchParams({
    client_id: clientId,
    response_type: "code",
    redirect_uri: redirectUri,
    scope: options.scope,
    state: randomBytes(8).toString("hex"),
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
    login_hint: options.user,
    prompt: "none",
  }).toString();
  const redirect = await fetch(authorize, { redirect: "manual" });
  const location = redirect.headers.get("location");
  const code = location ? new URL(location).searchParams.get("code") : null;
  if (!code) throw new Error(`Sign-in as ${options.user} failed: ${location ?? redirect.status}`);

  const form = new URLSearchParams({
    client_id: clientId,
    grant_type: "authorization_code",
    code,
    redirect_uri: redirectUri,
    code_verifier: verifier,
    scope: options.scope,
  });
  if (options.clientSecret) form.set("client_secret", options.clientSecret);
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (!options.clientSecret) headers["origin"] = new URL(redirectUri).origin;
  const response = await fetch(`${sim.url}/${sim.tenantId}/oauth2/v2.0/token`, {
    method: "POST",
    headers,
    body: form,
  });
  const body = (await response.json()) as DelegatedTokenResponse & { error_description?: string };
  if (!response.ok) throw new Error(`Token request for ${options.user} failed: ${body.error_description}`);
  return body;
}

/** A new certificate for an app (Mødeklar's by default), registered with the tenant as its admin uploads one. */
export async function registeredAppCertificate(
  state: SimState,
  clientId = DEMO_CLIENT_ID,
): Promise<{ cert: string; key: string }> {
  const certificate = await createCA({
    organization: "Fjordby Kommune Mødeklar",
    countryCode: "DK",
    state: "Sjælland",
    locality: "Fjordby",
    validity: 30,
  });
  registerCertificate(state, clientId, certificate.cert);
  return certificate;
}
