import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_CLIENT_ID,
  OUTLOOK_HOST_CLIENT_ID,
  registerRedirectUri,
  signInAs,
  startSim,
  type RunningSim,
} from "../index";
import { READER_CLIENT } from "../seed/directory";

/** Nested app authentication as Outlook brokers it for an add-in in its task pane. */

const ADDIN_ORIGIN = "https://moedeklar.fjordby.dk";
const HOST_REDIRECT = "https://outlook.fjordby.dk/host/";
let sim: RunningSim;

beforeAll(async () => {
  sim = await startSim({ seed: { emptyCalendar: true } });
});
afterAll(() => sim.close());

/** Outlook's own sign-in as the secretary: its refresh token is what it brokers with. */
async function outlookRefreshToken(): Promise<string> {
  const tokens = await signInAs(sim, {
    user: "sekretaer@fjordby.dk",
    scope: "openid profile offline_access User.Read",
    clientId: OUTLOOK_HOST_CLIENT_ID,
    redirectUri: HOST_REDIRECT,
  });
  return tokens.refresh_token!;
}

async function brokered(refreshToken: string, changes: Record<string, string> = {}) {
  const response = await fetch(`${sim.url}/${sim.tenantId}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: new URL(HOST_REDIRECT).origin },
    body: new URLSearchParams({
      grant_type: "refresh_token",
      client_id: DEMO_CLIENT_ID,
      refresh_token: refreshToken,
      scope: `api://${DEMO_CLIENT_ID}/access_as_user openid profile offline_access`,
      redirect_uri: `brk-multihub://${new URL(ADDIN_ORIGIN).host}`,
      brk_client_id: OUTLOOK_HOST_CLIENT_ID,
      brk_redirect_uri: HOST_REDIRECT,
      ...changes,
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("a brokered token request (nested app authentication)", () => {
  it("is refused while the add-in has not registered its brk-multihub redirect URI", async () => {
    const { status, body } = await brokered(await outlookRefreshToken());
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: "invalid_request", error_codes: [50011] });
  });

  it("gives Outlook the add-in's token for the signed-in person, and Outlook's refresh token rotated", async () => {
    registerRedirectUri(sim.state, DEMO_CLIENT_ID, `brk-multihub://${new URL(ADDIN_ORIGIN).host}`);
    const first = await outlookRefreshToken();
    const { status, body } = await brokered(first);
    expect(status).toBe(200);
    expect(decodeJwt(String(body["access_token"]))).toMatchObject({
      aud: DEMO_CLIENT_ID,
      azp: DEMO_CLIENT_ID,
      scp: "access_as_user",
      roles: ["secretary"],
      preferred_username: "sekretaer@fjordby.dk",
    });
    expect(decodeJwt(String(body["id_token"]))).toMatchObject({ aud: DEMO_CLIENT_ID });
    const again = await brokered(String(body["refresh_token"]));
    expect(again.status).toBe(200);
    expect((await brokered(first)).body).toMatchObject({ error: "invalid_grant" });
  });

  it("is refused from an app that is not a trusted broker", async () => {
    const { status, body } = await brokered(await outlookRefreshToken(), {
      brk_client_id: READER_CLIENT.clientId,
    });
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: "unauthorized_client", error_codes: [7000218] });
  });
});
