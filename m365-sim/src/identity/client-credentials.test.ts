import { X509Certificate } from "node:crypto";
import { ConfidentialClientApplication } from "@azure/msal-node";
import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import { createCA } from "mkcert";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_DOMAIN,
  GRAPH_RESOURCE,
  registeredAppCertificate,
  startSim,
  type RunningSim,
} from "../index";
import { READER_CLIENT } from "../seed/directory";

let sim: RunningSim;
let tokenUrl: string;

beforeAll(async () => {
  sim = await startSim({ seed: false });
  tokenUrl = `${sim.url}/${sim.tenantId}/oauth2/v2.0/token`;
});
afterAll(() => sim.close());

function msalClient(auth: Partial<ConstructorParameters<typeof ConfidentialClientApplication>[0]["auth"]>) {
  return new ConfidentialClientApplication({
    auth: {
      clientId: DEMO_CLIENT_ID,
      authority: `${sim.authorityHost}/${sim.tenantId}`,
      knownAuthorities: [new URL(sim.url).host],
      ...auth,
    },
  });
}

async function discovery() {
  const res = await fetch(`${sim.url}/${sim.tenantId}/v2.0/.well-known/openid-configuration`);
  return (await res.json()) as Record<string, unknown> & { issuer: string; jwks_uri: string };
}

async function postToken(form: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(tokenUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(form),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("OpenID Connect discovery", () => {
  it("publishes the tenant's issuer, endpoints and signing keys like Entra ID", async () => {
    const doc = await discovery();
    const base = `${sim.url}/${sim.tenantId}`;
    expect(doc).toMatchObject({
      issuer: `${base}/v2.0`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      response_modes_supported: ["query", "fragment", "form_post"],
      id_token_signing_alg_values_supported: ["RS256"],
      token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    });
    const keys = (await (await fetch(doc.jwks_uri)).json()) as { keys: Record<string, unknown>[] };
    expect(keys.keys[0]).toMatchObject({ kty: "RSA", use: "sig", alg: "RS256" });
    expect(keys.keys[0]?.["kid"]).toBeTypeOf("string");
  });

  it("answers for the tenant's domain with the tenant id in every endpoint", async () => {
    const res = await fetch(`${sim.url}/${DEMO_DOMAIN}/v2.0/.well-known/openid-configuration`);
    const doc = (await res.json()) as Record<string, string>;
    expect(doc["issuer"]).toBe(`${sim.url}/${sim.tenantId}/v2.0`);
    expect(doc["token_endpoint"]).toBe(tokenUrl);
  });

  it("keeps the tenant placeholder in the issuer of the common endpoint", async () => {
    const res = await fetch(`${sim.url}/common/v2.0/.well-known/openid-configuration`);
    const doc = (await res.json()) as Record<string, string>;
    expect(doc["issuer"]).toBe(`${sim.url}/{tenantid}/v2.0`);
    expect(doc["token_endpoint"]).toBe(`${sim.url}/common/oauth2/v2.0/token`);
  });

  it("refuses an unknown tenant with AADSTS90002", async () => {
    const res = await fetch(`${sim.url}/someone-else.onmicrosoft.com/v2.0/.well-known/openid-configuration`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; error_codes: number[] };
    expect(body.error).toBe("invalid_tenant");
    expect(body.error_codes).toEqual([90002]);
  });
});

describe("client credentials with MSAL", () => {
  it("gives the service a Graph token that validates against the published keys", async () => {
    const result = await msalClient({ clientSecret: DEMO_CLIENT_SECRET }).acquireTokenByClientCredential({
      scopes: [`${GRAPH_RESOURCE}/.default`],
    });
    expect(result?.accessToken).toBeTruthy();
    const doc = await discovery();
    const { payload, protectedHeader } = await jwtVerify(
      result!.accessToken,
      createRemoteJWKSet(new URL(doc.jwks_uri)),
      { issuer: doc.issuer, audience: GRAPH_RESOURCE, currentDate: sim.state.clock.now() },
    );
    expect(protectedHeader).toMatchObject({ alg: "RS256", typ: "JWT" });
    expect(payload).toMatchObject({
      tid: sim.tenantId,
      azp: DEMO_CLIENT_ID,
      azpacr: "1",
      idtyp: "app",
      ver: "2.0",
    });
    expect(payload.roles).toEqual(expect.arrayContaining(["Calendars.ReadWrite", "User.Read.All"]));
    expect(payload.oid).toBeTypeOf("string");
    expect(payload.scp).toBeUndefined();
    expect(payload.nbf).toBeLessThanOrEqual(payload.iat!);
    const lifetime = payload.exp! - Math.floor(sim.state.clock.now().getTime() / 1000);
    expect(lifetime).toBeGreaterThan(3500);
    expect(lifetime).toBeLessThanOrEqual(3600);
  });

  it("gives the app a token for its own API with the client id as audience and no roles", async () => {
    const result = await msalClient({ clientSecret: DEMO_CLIENT_SECRET }).acquireTokenByClientCredential({
      scopes: [`api://${DEMO_CLIENT_ID}/.default`],
    });
    const claims = decodeJwt(result!.accessToken);
    expect(claims.aud).toBe(DEMO_CLIENT_ID);
    expect(claims["roles"]).toBeUndefined();
  });

  it("names the app's own API by its bare client id as well as by api://", async () => {
    const result = await msalClient({ clientSecret: DEMO_CLIENT_SECRET }).acquireTokenByClientCredential({
      scopes: [`${DEMO_CLIENT_ID}/.default`],
    });
    expect(decodeJwt(result!.accessToken).aud).toBe(DEMO_CLIENT_ID);
  });

  it("accepts a client assertion signed with a registered certificate", async () => {
    const certificate = await registeredAppCertificate(sim.state);
    const x509 = new X509Certificate(certificate.cert);
    // MSAL signs with PS256 and x5t#S256 for a SHA-256 thumbprint, with RS256 and x5t for a SHA-1 one.
    for (const clientCertificate of [
      { thumbprintSha256: x509.fingerprint256.replace(/:/g, ""), privateKey: certificate.key },
      { thumbprint: x509.fingerprint.replace(/:/g, ""), privateKey: certificate.key },
    ]) {
      const result = await msalClient({ clientCertificate }).acquireTokenByClientCredential({
        scopes: [`${GRAPH_RESOURCE}/.default`],
      });
      expect(decodeJwt(result!.accessToken)).toMatchObject({ azpacr: "2", aud: GRAPH_RESOURCE });
    }
  });

  it("refuses a client assertion signed with a certificate the app never registered", async () => {
    const stranger = await createCA({
      organization: "Someone else",
      countryCode: "DK",
      state: "Sjælland",
      locality: "Fjordby",
      validity: 30,
    });
    const thumbprintSha256 = new X509Certificate(stranger.cert).fingerprint256.replace(/:/g, "");
    await expect(
      msalClient({
        clientCertificate: { thumbprintSha256, privateKey: stranger.key },
      }).acquireTokenByClientCredential({
        scopes: [`${GRAPH_RESOURCE}/.default`],
      }),
    ).rejects.toMatchObject({
      errorCode: "invalid_client",
      errorMessage: expect.stringContaining("AADSTS700027"),
    });
  });

  it("refuses a wrong secret with 401 invalid_client and AADSTS7000215 in Entra's error body", async () => {
    const { status, body } = await postToken(
      {
        client_id: DEMO_CLIENT_ID,
        client_secret: "not-the-secret",
        grant_type: "client_credentials",
        scope: `${GRAPH_RESOURCE}/.default`,
      },
      { "client-request-id": "3b9e3c5e-0000-4000-8000-000000000001" },
    );
    expect(status).toBe(401);
    expect(body).toMatchObject({
      error: "invalid_client",
      error_codes: [7000215],
      correlation_id: "3b9e3c5e-0000-4000-8000-000000000001",
      error_uri: expect.stringContaining("error?code=7000215"),
    });
    expect(body["error_description"]).toMatch(
      /^AADSTS7000215: Invalid client secret provided\..*\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: 3b9e3c5e-0000-4000-8000-000000000001\r\nTimestamp: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$/s,
    );
    expect(body["timestamp"]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$/);
    expect(body["trace_id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("reports the MSAL error for a wrong secret the way the service will log it", async () => {
    await expect(
      msalClient({ clientSecret: "wrong" }).acquireTokenByClientCredential({
        scopes: [`${GRAPH_RESOURCE}/.default`],
      }),
    ).rejects.toMatchObject({
      errorCode: "invalid_client",
      errorMessage: expect.stringContaining("AADSTS7000215"),
    });
  });

  it("accepts the secret in an HTTP Basic header", async () => {
    const basic = Buffer.from(
      `${READER_CLIENT.clientId}:${encodeURIComponent(READER_CLIENT.secret)}`,
    ).toString("base64");
    const { status, body } = await postToken(
      { grant_type: "client_credentials", scope: `${GRAPH_RESOURCE}/.default` },
      { authorization: `Basic ${basic}` },
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599 });
    expect(decodeJwt(String(body["access_token"]))["roles"]).toEqual(["Calendars.Read"]);
  });

  it("refuses an unknown application with AADSTS700016", async () => {
    const { status, body } = await postToken({
      client_id: "00000000-1111-2222-3333-444444444444",
      client_secret: "x",
      grant_type: "client_credentials",
      scope: `${GRAPH_RESOURCE}/.default`,
    });
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: "unauthorized_client", error_codes: [700016] });
  });

  it("refuses a request without a secret or assertion with AADSTS7000218", async () => {
    const { status, body } = await postToken({
      client_id: DEMO_CLIENT_ID,
      grant_type: "client_credentials",
      scope: `${GRAPH_RESOURCE}/.default`,
    });
    expect(status).toBe(401);
    expect(body).toMatchObject({ error: "invalid_client", error_codes: [7000218] });
  });

  it("refuses a missing scope with AADSTS900144", async () => {
    const { status, body } = await postToken({
      client_id: DEMO_CLIENT_ID,
      client_secret: DEMO_CLIENT_SECRET,
      grant_type: "client_credentials",
    });
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: "invalid_request", error_codes: [900144] });
    expect(body["error_description"]).toContain("'scope'");
  });

  it("refuses a client credentials scope without /.default with AADSTS1002012", async () => {
    const { body } = await postToken({
      client_id: DEMO_CLIENT_ID,
      client_secret: DEMO_CLIENT_SECRET,
      grant_type: "client_credentials",
      scope: `${GRAPH_RESOURCE}/Calendars.Read`,
    });
    expect(body).toMatchObject({ error: "invalid_scope", error_codes: [1002012] });
  });

  it("refuses a resource that does not exist in the tenant with AADSTS500011", async () => {
    const { body } = await postToken({
      client_id: DEMO_CLIENT_ID,
      client_secret: DEMO_CLIENT_SECRET,
      grant_type: "client_credentials",
      scope: "api://00000000-1111-2222-3333-444444444444/.default",
    });
    expect(body).toMatchObject({ error: "invalid_resource", error_codes: [500011] });
  });

  it("refuses an unsupported grant type with AADSTS70003", async () => {
    const { status, body } = await postToken({
      client_id: DEMO_CLIENT_ID,
      client_secret: DEMO_CLIENT_SECRET,
      grant_type: "password",
      scope: `${GRAPH_RESOURCE}/.default`,
    });
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: "unsupported_grant_type", error_codes: [70003] });
  });

  it("answers a body it cannot read with Entra's JSON error, not an HTML page", async () => {
    const res = await fetch(tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `grant_type=client_credentials&scope=${"x".repeat(2 * 1024 * 1024)}`,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "invalid_request", error_codes: [9002313] });
  });

  it("refuses a token request for an unknown tenant with AADSTS90002", async () => {
    const res = await fetch(`${sim.url}/contoso.onmicrosoft.com/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials" }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error_codes: number[] }).error_codes).toEqual([90002]);
  });
});
