import { createHash, randomBytes } from "node:crypto";
import { ConfidentialClientApplication, CryptoProvider } from "@azure/msal-node";
import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  GRAPH_RESOURCE,
  registerRedirectUri,
  startSim,
  type RunningSim,
} from "../index";
import { ADDRESSES, IDS } from "../seed/directory";

const PAGE = "https://localhost:5173/taskpane.html";
const ORIGIN = new URL(PAGE).origin;
const API_SCOPE = `api://${DEMO_CLIENT_ID}/access_as_user`;

let sim: RunningSim;
let authorizeUrl: string;
let tokenUrl: string;

beforeAll(async () => {
  sim = await startSim({ seed: { emptyCalendar: true, redirectUris: [PAGE] } });
  authorizeUrl = `${sim.url}/${sim.tenantId}/oauth2/v2.0/authorize`;
  tokenUrl = `${sim.url}/${sim.tenantId}/oauth2/v2.0/token`;
});
afterAll(() => sim.close());

function pkce() {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

function authorizeRequest(params: Record<string, string>): string {
  return `${authorizeUrl}?${new URLSearchParams({
    client_id: DEMO_CLIENT_ID,
    response_type: "code",
    redirect_uri: PAGE,
    scope: `${API_SCOPE} openid profile offline_access`,
    state: "st-42",
    ...params,
  })}`;
}

/** Opens the sign-in page, picks the person by name, and returns the redirect's query. */
async function signInThroughPage(
  displayName: string,
  params: Record<string, string>,
): Promise<URLSearchParams> {
  const page = await fetch(authorizeRequest(params));
  expect(page.status).toBe(200);
  const html = await page.text();
  const link = [
    ...html.matchAll(/<a class="account[^"]*" href="([^"]+)"[^>]*><span class="name">([^<]+)</g),
  ].find((m) => m[2] === displayName);
  expect(link, `a link for ${displayName}`).toBeDefined();
  const href = link![1]!.replace(/&amp;/g, "&");
  const chosen = await fetch(new URL(href, sim.url), { redirect: "manual" });
  expect(chosen.status).toBe(302);
  const location = new URL(chosen.headers.get("location")!);
  expect(`${location.origin}${location.pathname}`).toBe(PAGE);
  return location.searchParams;
}

async function redeem(form: Record<string, string>, headers: Record<string, string> = { origin: ORIGIN }) {
  const res = await fetch(tokenUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams({ client_id: DEMO_CLIENT_ID, redirect_uri: PAGE, ...form }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

async function codeFor(user: string, challenge: string, extra: Record<string, string> = {}): Promise<string> {
  const res = await fetch(
    authorizeRequest({
      login_hint: user,
      prompt: "none",
      code_challenge: challenge,
      code_challenge_method: "S256",
      ...extra,
    }),
    { redirect: "manual" },
  );
  const code = new URL(res.headers.get("location")!).searchParams.get("code");
  expect(code).toBeTruthy();
  return code!;
}

describe("the sign-in page", () => {
  it("lists the town hall's people and the reception and catering mailboxes, in Danish and English", async () => {
    const res = await fetch(authorizeRequest({}));
    const html = await res.text();
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(html).toContain('<html lang="da">');
    expect(html).toContain("Vælg en konto");
    expect(html).toContain('lang="en"');
    for (const name of [
      "Birgitte Holm Sørensen",
      "Camilla Nørgaard",
      "Rådhusets reception",
      "Kantinen – forplejning",
    ]) {
      expect(html).toContain(name);
    }
    expect(html).not.toContain("Teknik og Miljø");
  });

  it("puts the person named by login_hint first and focuses them", async () => {
    const html = await (await fetch(authorizeRequest({ login_hint: ADDRESSES.secretary }))).text();
    const first = /<a class="account suggested"[^>]*autofocus><span class="name">([^<]+)</.exec(html);
    expect(first?.[1]).toBe("Camilla Nørgaard");
  });

  it("shows an error page, never a redirect, for an unknown application", async () => {
    const res = await fetch(authorizeRequest({ client_id: "00000000-1111-2222-3333-444444444444" }), {
      redirect: "manual",
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
    expect(await res.text()).toContain("AADSTS700016");
  });

  it("shows an error page for a redirect URI the app never registered", async () => {
    const res = await fetch(authorizeRequest({ redirect_uri: "https://evil.example/steal" }), {
      redirect: "manual",
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
    expect(await res.text()).toContain("AADSTS50011");
  });

  it("accepts a redirect URI registered at run time", async () => {
    const later = "https://localhost:4443/week.html";
    registerRedirectUri(sim.state, DEMO_CLIENT_ID, later);
    const res = await fetch(
      authorizeRequest({ redirect_uri: later, login_hint: ADDRESSES.mayor, prompt: "none" }),
      {
        redirect: "manual",
      },
    );
    expect(res.headers.get("location")).toMatch(/^https:\/\/localhost:4443\/week\.html\?code=/);
  });

  it("sends problems after the redirect URI check back to the app with error and state", async () => {
    const res = await fetch(authorizeRequest({ scope: "https://graph.microsoft.com/Nonsense.Scope" }), {
      redirect: "manual",
    });
    const params = new URL(res.headers.get("location")!).searchParams;
    expect(params.get("error")).toBe("invalid_scope");
    expect(params.get("error_description")).toMatch(/^AADSTS70011:/);
    expect(params.get("state")).toBe("st-42");
  });

  it("answers a silent sign-in without a known person with login_required", async () => {
    const res = await fetch(authorizeRequest({ prompt: "none" }), { redirect: "manual" });
    const params = new URL(res.headers.get("location")!).searchParams;
    expect(params.get("error")).toBe("login_required");
  });

  it("returns the code in the fragment when the app asks for response_mode=fragment", async () => {
    const res = await fetch(
      authorizeRequest({ response_mode: "fragment", login_hint: ADDRESSES.secretary, prompt: "none" }),
      { redirect: "manual" },
    );
    const location = res.headers.get("location")!;
    expect(location.startsWith(`${PAGE}#`)).toBe(true);
    const params = new URLSearchParams(location.split("#")[1]);
    expect(params.get("code")).toBeTruthy();
    expect(params.get("state")).toBe("st-42");
  });

  it("posts the code to the redirect URI when the app asks for response_mode=form_post", async () => {
    const res = await fetch(
      authorizeRequest({ response_mode: "form_post", login_hint: ADDRESSES.secretary, prompt: "none" }),
    );
    const html = await res.text();
    expect(html).toContain(`<form method="post" action="${PAGE}">`);
    expect(html).toMatch(/<input type="hidden" name="code" value="[^"]+">/);
    expect(html).toContain('<input type="hidden" name="state" value="st-42">');
  });
});

describe("authorization code with PKCE for the pages", () => {
  it("signs the secretary in and gives an API token carrying her role", async () => {
    const { verifier, challenge } = pkce();
    const params = await signInThroughPage("Camilla Nørgaard", {
      code_challenge: challenge,
      code_challenge_method: "S256",
      nonce: "n-0S6",
    });
    expect(params.get("state")).toBe("st-42");
    const { status, body, headers } = await redeem({
      grant_type: "authorization_code",
      code: params.get("code")!,
      code_verifier: verifier,
    });
    expect(status).toBe(200);
    expect(headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(body).toMatchObject({ token_type: "Bearer", scope: expect.stringContaining(API_SCOPE) });
    expect(body["expires_in"]).toBeGreaterThanOrEqual(3600);
    expect(body["expires_in"]).toBeLessThanOrEqual(5400);
    expect(body["ext_expires_in"]).toBe(body["expires_in"]);
    expect(body["refresh_token"]).toBeTypeOf("string");

    const doc = (await (
      await fetch(`${sim.url}/${sim.tenantId}/v2.0/.well-known/openid-configuration`)
    ).json()) as {
      issuer: string;
      jwks_uri: string;
    };
    const jwks = createRemoteJWKSet(new URL(doc.jwks_uri));
    const access = await jwtVerify(String(body["access_token"]), jwks, {
      issuer: doc.issuer,
      audience: DEMO_CLIENT_ID,
      currentDate: sim.state.clock.now(),
    });
    expect(access.payload).toMatchObject({
      oid: IDS.secretary,
      tid: sim.tenantId,
      preferred_username: ADDRESSES.secretary,
      name: "Camilla Nørgaard",
      azp: DEMO_CLIENT_ID,
      azpacr: "0",
      scp: "access_as_user",
      roles: ["secretary"],
      ver: "2.0",
    });
    const id = await jwtVerify(String(body["id_token"]), jwks, {
      issuer: doc.issuer,
      audience: DEMO_CLIENT_ID,
      currentDate: sim.state.clock.now(),
    });
    expect(id.payload).toMatchObject({
      nonce: "n-0S6",
      oid: IDS.secretary,
      preferred_username: ADDRESSES.secretary,
    });
  });

  it("gives the reception mailbox its reception role", async () => {
    const { verifier, challenge } = pkce();
    const params = await signInThroughPage("Rådhusets reception", {
      code_challenge: challenge,
      code_challenge_method: "S256",
    });
    const { body } = await redeem({
      grant_type: "authorization_code",
      code: params.get("code")!,
      code_verifier: verifier,
    });
    expect(decodeJwt(String(body["access_token"]))["roles"]).toEqual(["reception"]);
  });

  it("gives a Graph token with scp for Graph scopes, bare or resource-qualified", async () => {
    const { verifier, challenge } = pkce();
    const scope = `${GRAPH_RESOURCE}/Calendars.ReadWrite.Shared Mail.ReadWrite openid`;
    const code = await codeFor(ADDRESSES.secretary, challenge, { scope });
    const { body } = await redeem({ grant_type: "authorization_code", code, code_verifier: verifier, scope });
    const claims = decodeJwt(String(body["access_token"]));
    expect(claims.aud).toBe(GRAPH_RESOURCE);
    expect(String(claims["scp"]).split(" ").sort()).toEqual(["Calendars.ReadWrite.Shared", "Mail.ReadWrite"]);
    expect(claims["roles"]).toBeUndefined();
    expect(body["refresh_token"]).toBeUndefined();
  });

  it("accepts the plain PKCE method", async () => {
    const code = await codeFor(ADDRESSES.mayor, "plain-verifier-plain-verifier-plain-verifier-43", {
      code_challenge_method: "plain",
    });
    const { status } = await redeem({
      grant_type: "authorization_code",
      code,
      code_verifier: "plain-verifier-plain-verifier-plain-verifier-43",
    });
    expect(status).toBe(200);
  });

  it("lets a confidential web app redeem with its secret and no Origin", async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(ADDRESSES.chiefOfStaff, challenge);
    const { status, body } = await redeem(
      { grant_type: "authorization_code", code, code_verifier: verifier, client_secret: DEMO_CLIENT_SECRET },
      {},
    );
    expect(status).toBe(200);
    expect(decodeJwt(String(body["access_token"]))).toMatchObject({ azpacr: "1", roles: ["chief-of-staff"] });
  });

  it("refuses a code the second time with AADSTS54005", async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(ADDRESSES.secretary, challenge);
    expect((await redeem({ grant_type: "authorization_code", code, code_verifier: verifier })).status).toBe(
      200,
    );
    const again = await redeem({ grant_type: "authorization_code", code, code_verifier: verifier });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: "invalid_grant", error_codes: [54005] });
  });

  it("refuses a code older than ten minutes with AADSTS70008", async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(ADDRESSES.secretary, challenge);
    sim.state.clock.advance(11 * 60 * 1000);
    try {
      const { status, body } = await redeem({
        grant_type: "authorization_code",
        code,
        code_verifier: verifier,
      });
      expect(status).toBe(400);
      expect(body).toMatchObject({ error: "invalid_grant", error_codes: [70008] });
    } finally {
      sim.state.clock.reset();
    }
  });

  it("refuses a verifier that does not match the challenge with AADSTS501481", async () => {
    const { challenge } = pkce();
    const code = await codeFor(ADDRESSES.secretary, challenge);
    const { body } = await redeem({ grant_type: "authorization_code", code, code_verifier: pkce().verifier });
    expect(body).toMatchObject({ error: "invalid_grant", error_codes: [501481] });
  });

  it("refuses a redirect URI the app never registered with AADSTS50011", async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(ADDRESSES.secretary, challenge);
    const { body } = await redeem({
      grant_type: "authorization_code",
      code,
      code_verifier: verifier,
      redirect_uri: "https://evil.example/steal",
    });
    expect(body).toMatchObject({ error_codes: [50011] });
  });

  it("refuses a public client's redemption without an Origin header with AADSTS9002327", async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(ADDRESSES.secretary, challenge);
    const { body } = await redeem({ grant_type: "authorization_code", code, code_verifier: verifier }, {});
    expect(body).toMatchObject({ error: "invalid_request", error_codes: [9002327] });
  });

  it("refuses a public client's code that was issued without PKCE with AADSTS9002325", async () => {
    const res = await fetch(authorizeRequest({ login_hint: ADDRESSES.secretary, prompt: "none" }), {
      redirect: "manual",
    });
    const code = new URL(res.headers.get("location")!).searchParams.get("code")!;
    const { body } = await redeem({ grant_type: "authorization_code", code });
    expect(body).toMatchObject({ error_codes: [9002325] });
  });

  it("refuses a made-up code as malformed", async () => {
    const { status, body } = await redeem({
      grant_type: "authorization_code",
      code: "1.AQ.not-a-code",
      code_verifier: "x",
    });
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: "invalid_grant" });
  });

  it("answers the browser's CORS preflight for a registered page origin", async () => {
    const res = await fetch(tokenUrl, {
      method: "OPTIONS",
      headers: {
        origin: ORIGIN,
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
  });

  it("gives no CORS permission to an origin no app registered", async () => {
    const res = await fetch(tokenUrl, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("refresh tokens", () => {
  it("rotate: each refresh gives new tokens and a new refresh token, and the old one stops working", async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(ADDRESSES.secretary, challenge);
    const first = await redeem({ grant_type: "authorization_code", code, code_verifier: verifier });
    const refreshToken = String(first.body["refresh_token"]);

    const second = await redeem({ grant_type: "refresh_token", refresh_token: refreshToken });
    expect(second.status).toBe(200);
    expect(second.body["refresh_token"]).toBeTypeOf("string");
    expect(second.body["refresh_token"]).not.toBe(refreshToken);
    expect(decodeJwt(String(second.body["access_token"]))).toMatchObject({
      oid: IDS.secretary,
      roles: ["secretary"],
    });

    const replay = await redeem({ grant_type: "refresh_token", refresh_token: refreshToken });
    expect(replay.status).toBe(400);
    expect(replay.body).toMatchObject({ error: "invalid_grant" });
  });

  it("can be exchanged for a token to another resource the app was granted", async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(ADDRESSES.secretary, challenge);
    const first = await redeem({ grant_type: "authorization_code", code, code_verifier: verifier });
    const graph = await redeem({
      grant_type: "refresh_token",
      refresh_token: String(first.body["refresh_token"]),
      scope: `${GRAPH_RESOURCE}/Calendars.ReadWrite.Shared offline_access`,
    });
    expect(decodeJwt(String(graph.body["access_token"]))).toMatchObject({
      aud: GRAPH_RESOURCE,
      scp: "Calendars.ReadWrite.Shared",
    });
  });

  it("from a single-page app expire after 24 hours", async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(ADDRESSES.secretary, challenge);
    const first = await redeem({ grant_type: "authorization_code", code, code_verifier: verifier });
    sim.state.clock.advance(25 * 60 * 60 * 1000);
    try {
      const late = await redeem({
        grant_type: "refresh_token",
        refresh_token: String(first.body["refresh_token"]),
      });
      expect(late.body).toMatchObject({ error: "invalid_grant", error_codes: [70008] });
    } finally {
      sim.state.clock.reset();
    }
  });
});

describe("a web app signing people in with MSAL", () => {
  it("gets tokens by code, builds the account, and renews silently with the refresh token", async () => {
    const redirectUri = "https://localhost:3443/auth/redirect";
    registerRedirectUri(sim.state, DEMO_CLIENT_ID, redirectUri);
    const cca = new ConfidentialClientApplication({
      auth: {
        clientId: DEMO_CLIENT_ID,
        clientSecret: DEMO_CLIENT_SECRET,
        authority: `${sim.authorityHost}/${sim.tenantId}`,
        knownAuthorities: [new URL(sim.url).host],
      },
    });
    const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
    const scopes = [API_SCOPE];
    const url = await cca.getAuthCodeUrl({
      scopes,
      redirectUri,
      codeChallenge: challenge,
      codeChallengeMethod: "S256",
      loginHint: ADDRESSES.mayor,
      prompt: "none",
      state: "web-1",
    });
    const redirect = await fetch(url, { redirect: "manual" });
    const code = new URL(redirect.headers.get("location")!).searchParams.get("code")!;
    const result = await cca.acquireTokenByCode({ code, scopes, redirectUri, codeVerifier: verifier });
    expect(result.account).toMatchObject({
      homeAccountId: `${IDS.mayor}.${sim.tenantId}`,
      tenantId: sim.tenantId,
      username: ADDRESSES.mayor,
      name: "Birgitte Holm Sørensen",
    });
    expect(decodeJwt(result.accessToken)).toMatchObject({ roles: ["mayor"], aud: DEMO_CLIENT_ID });

    const renewed = await cca.acquireTokenSilent({ account: result.account!, scopes, forceRefresh: true });
    expect(renewed.accessToken).not.toBe(result.accessToken);
    expect(decodeJwt(renewed.accessToken)).toMatchObject({ oid: IDS.mayor, roles: ["mayor"] });
  });
});

describe("redirect URIs from the environment", () => {
  it("are accepted for the Mødeklar app when SIM_REDIRECT_URIS lists them", async () => {
    const fromEnv = "https://localhost:7443/mobile.html";
    const before = process.env["SIM_REDIRECT_URIS"];
    process.env["SIM_REDIRECT_URIS"] = `https://localhost:7443/other.html, ${fromEnv}`;
    try {
      const res = await fetch(
        authorizeRequest({ redirect_uri: fromEnv, login_hint: ADDRESSES.mayor, prompt: "none" }),
        {
          redirect: "manual",
        },
      );
      expect(res.headers.get("location")).toMatch(/^https:\/\/localhost:7443\/mobile\.html\?code=/);
    } finally {
      if (before === undefined) delete process.env["SIM_REDIRECT_URIS"];
      else process.env["SIM_REDIRECT_URIS"] = before;
    }
  });
});

describe("the UserInfo endpoint", () => {
  it("describes the person behind a delegated Graph token and refuses an app token", async () => {
    const { verifier, challenge } = pkce();
    const scope = `${GRAPH_RESOURCE}/User.Read openid profile email`;
    const code = await codeFor(ADDRESSES.mayor, challenge, { scope });
    const { body } = await redeem({ grant_type: "authorization_code", code, code_verifier: verifier, scope });
    const doc = (await (
      await fetch(`${sim.url}/${sim.tenantId}/v2.0/.well-known/openid-configuration`)
    ).json()) as {
      userinfo_endpoint: string;
    };
    const info = await fetch(doc.userinfo_endpoint, {
      headers: { authorization: `Bearer ${String(body["access_token"])}` },
    });
    expect(await info.json()).toMatchObject({
      sub: decodeJwt(String(body["id_token"])).sub,
      name: "Birgitte Holm Sørensen",
      given_name: "Birgitte",
      family_name: "Holm Sørensen",
      email: ADDRESSES.mayor,
    });

    const app = await fetch(tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        client_id: DEMO_CLIENT_ID,
        client_secret: DEMO_CLIENT_SECRET,
        grant_type: "client_credentials",
        scope: `${GRAPH_RESOURCE}/.default`,
      }),
    });
    const appToken = ((await app.json()) as { access_token: string }).access_token;
    const refused = await fetch(doc.userinfo_endpoint, { headers: { authorization: `Bearer ${appToken}` } });
    expect(refused.status).toBe(401);
  });
});

describe("sign-out", () => {
  it("returns to a registered post_logout_redirect_uri with the state", async () => {
    const url = `${sim.url}/${sim.tenantId}/oauth2/v2.0/logout?${new URLSearchParams({
      post_logout_redirect_uri: PAGE,
      state: "bye",
    })}`;
    const res = await fetch(url, { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`${PAGE}?state=bye`);
  });

  it("shows a signed-out page instead of going to an address no app registered", async () => {
    const url = `${sim.url}/${sim.tenantId}/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent("https://evil.example/")}`;
    const res = await fetch(url, { redirect: "manual" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Du er logget ud");
  });
});
