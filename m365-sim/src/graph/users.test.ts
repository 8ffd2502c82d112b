import {
  PageIterator,
  type Client,
  type GraphError,
  type PageCollection,
} from "@microsoft/microsoft-graph-client";
import type { User } from "@microsoft/microsoft-graph-types";
import { SignJWT, decodeJwt, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  GRAPH_RESOURCE,
  signInAs,
  startSim,
  type RunningSim,
} from "../index";
import { ADDRESSES, IDS, READER_CLIENT } from "../seed/directory";
import { clientCredentialsToken, graphClient, graphError, msalApp } from "../testing/graph";

let sim: RunningSim;
let appToken: string;

const msal = (clientId: string, clientSecret: string) => msalApp(sim, clientId, clientSecret);
const tokenFor = (clientId: string, clientSecret: string) =>
  clientCredentialsToken(sim, clientId, clientSecret);
/** The Graph client exactly as the sync service builds it: base URL without version, custom host. */
const graph = (token: string | (() => string)): Client => graphClient(sim, token);

/** The SDK lifts Graph's `error` object onto GraphError and keeps the raw object in `body`. */
function errorOf(err: GraphError): {
  code: string | null;
  message: string;
  innerError: Record<string, unknown>;
} {
  const raw = JSON.parse(String(err.body)) as { innerError: Record<string, unknown> };
  return { code: err.code, message: err.message, innerError: raw.innerError };
}

beforeAll(async () => {
  sim = await startSim({ seed: { emptyCalendar: true } });
  appToken = await tokenFor(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET);
});
afterAll(() => sim.close());

describe("GET /users", () => {
  it("lists the directory with Graph's default properties and @odata.context", async () => {
    const page = (await graph(appToken).api("/users").get()) as PageCollection & { "@odata.context": string };
    expect(page["@odata.context"]).toBe(`${sim.url}/v1.0/$metadata#users`);
    const mayor = (page.value as User[]).find((u) => u.id === IDS.mayor);
    expect(mayor).toEqual({
      businessPhones: [],
      displayName: "Birgitte Holm Sørensen",
      givenName: "Birgitte",
      jobTitle: "Borgmester",
      mail: ADDRESSES.mayor,
      mobilePhone: null,
      officeLocation: "Rådhuset, 1. sal",
      preferredLanguage: "da-DK",
      surname: "Holm Sørensen",
      userPrincipalName: ADDRESSES.mayor,
      id: IDS.mayor,
    });
    expect(page.value.some((u: User) => u.mail === "byraadssalen@fjordby.dk")).toBe(true);
  });

  it("returns only the $select-ed properties plus the id", async () => {
    const page = (await graph(appToken)
      .api("/users")
      .select(["displayName", "department"])
      .get()) as PageCollection;
    expect(page["@odata.context"]).toBe(`${sim.url}/v1.0/$metadata#users(displayName,department)`);
    expect(Object.keys(page.value[0] as object).sort()).toEqual(["department", "displayName", "id"]);
  });

  it("pages with $top and @odata.nextLink until every user was seen once", async () => {
    const client = graph(appToken);
    const first = (await client.api("/users").top(5).get()) as PageCollection;
    expect(first.value).toHaveLength(5);
    expect(first["@odata.nextLink"]).toMatch(new RegExp(`^${sim.url}/v1\\.0/users\\?.*\\$skiptoken=`));
    const seen: string[] = [];
    await new PageIterator(client, first, (user: User) => {
      seen.push(user.id!);
      return true;
    }).iterate();
    const all = (await client.api("/users").top(999).get()) as PageCollection;
    expect(all["@odata.nextLink"]).toBeUndefined();
    expect(seen).toEqual(all.value.map((u: User) => u.id));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("refuses to $select a property users do not have", async () => {
    const err = await graphError(graph(appToken).api("/users").select(["displayName", "colour"]).get());
    expect(err.statusCode).toBe(400);
    expect(errorOf(err)).toMatchObject({
      code: "BadRequest",
      message: "Could not find a property named 'colour' on type 'microsoft.graph.user'.",
    });
  });

  it("refuses a page size above 999", async () => {
    const err = await graphError(graph(appToken).api("/users").top(1000).get());
    expect(err.statusCode).toBe(400);
    expect(errorOf(err)).toMatchObject({
      code: "Request_UnsupportedQuery",
      message: "Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.",
    });
  });

  it("finds a person by mail with $filter eq, ignoring case", async () => {
    const page = (await graph(appToken)
      .api("/users")
      .filter(`mail eq '${ADDRESSES.secretary.toUpperCase()}'`)
      .get()) as PageCollection;
    expect(page.value.map((u: User) => u.id)).toEqual([IDS.secretary]);
  });

  it("finds people by the start of their name with startswith", async () => {
    const page = (await graph(appToken)
      .api("/users")
      .filter("startswith(displayName,'Møde')")
      .get()) as PageCollection;
    expect(page.value.map((u: User) => u.displayName).sort()).toEqual([
      "Mødelokale 1 (Fjorden)",
      "Mødelokale 2 (Skoven)",
      "Mødelokale 3 (Kvisten)",
    ]);
  });

  it("refuses a $filter form it does not support", async () => {
    const err = await graphError(graph(appToken).api("/users").filter("endswith(mail,'@fjordby.dk')").get());
    expect(err.statusCode).toBe(400);
    expect(errorOf(err).code).toBe("Request_UnsupportedQuery");
  });

  it("refuses an app without User.Read.All with 403", async () => {
    const readerToken = await tokenFor(READER_CLIENT.clientId, READER_CLIENT.secret);
    const err = await graphError(graph(readerToken).api("/users").get());
    expect(err.statusCode).toBe(403);
    expect(errorOf(err)).toMatchObject({
      code: "Authorization_RequestDenied",
      message: "Insufficient privileges to complete the operation.",
    });
    expect(errorOf(err).innerError["request-id"]).toBeTypeOf("string");
  });
});

describe("GET /users/{id | userPrincipalName}", () => {
  it("finds a person by id and by user principal name", async () => {
    const byId = (await graph(appToken).api(`/users/${IDS.chiefOfStaff}`).get()) as User &
      Record<string, unknown>;
    const byUpn = (await graph(appToken).api(`/users/${ADDRESSES.chiefOfStaff}`).get()) as User;
    expect(byId["@odata.context"]).toBe(`${sim.url}/v1.0/$metadata#users/$entity`);
    expect(byId.displayName).toBe("Jonas Vestergaard");
    expect(byUpn.id).toBe(IDS.chiefOfStaff);
  });

  it("answers 404 Request_ResourceNotFound for someone not in the directory", async () => {
    const err = await graphError(graph(appToken).api("/users/nobody@fjordby.dk").get());
    expect(err.statusCode).toBe(404);
    expect(errorOf(err).code).toBe("Request_ResourceNotFound");
  });
});

describe("GET /me", () => {
  it("is refused for an app token", async () => {
    const err = await graphError(graph(appToken).api("/me").get());
    expect(err.statusCode).toBe(400);
    expect(errorOf(err).message).toBe("/me request is only valid with delegated authentication flow.");
  });

  it("returns the signed-in person, who may not list everyone with only User.Read", async () => {
    const { access_token } = await signInAs(sim, {
      user: ADDRESSES.secretary,
      scope: `${GRAPH_RESOURCE}/User.Read ${GRAPH_RESOURCE}/MailboxSettings.Read openid`,
    });
    const me = (await graph(access_token).api("/me").get()) as User;
    expect(me).toMatchObject({ id: IDS.secretary, displayName: "Camilla Nørgaard" });
    const own = (await graph(access_token).api(`/users/${IDS.secretary}`).get()) as User;
    expect(own.id).toBe(IDS.secretary);

    const list = await graphError(graph(access_token).api("/users").get());
    expect(list.statusCode).toBe(403);
    const other = await graphError(graph(access_token).api(`/users/${IDS.mayor}`).get());
    expect(other.statusCode).toBe(403);
  });
});

describe("mailboxSettings", () => {
  it("tells the service the mayor's time zone, language and working hours", async () => {
    const settings = (await graph(appToken).api(`/users/${ADDRESSES.mayor}/mailboxSettings`).get()) as Record<
      string,
      unknown
    >;
    expect(settings).toMatchObject({
      "@odata.context": `${sim.url}/v1.0/$metadata#users('${IDS.mayor}')/mailboxSettings`,
      timeZone: "Romance Standard Time",
      language: { locale: "da-DK", displayName: "dansk (Danmark)" },
      workingHours: {
        daysOfWeek: ["monday", "tuesday", "wednesday", "thursday", "friday"],
        startTime: "08:00:00.0000000",
        endTime: "16:00:00.0000000",
        timeZone: { name: "Romance Standard Time" },
      },
    });
  });

  it("answers /me/mailboxSettings for the signed-in person", async () => {
    const { access_token } = await signInAs(sim, {
      user: ADDRESSES.mayor,
      scope: `${GRAPH_RESOURCE}/MailboxSettings.Read`,
    });
    const settings = (await graph(access_token).api("/me/mailboxSettings").get()) as Record<string, unknown>;
    expect(settings["timeZone"]).toBe("Romance Standard Time");
    expect(settings["userPurpose"]).toBe("user");
  });

  it("is refused to a delegate reading someone else's settings without rights to that mailbox", async () => {
    const { access_token } = await signInAs(sim, {
      user: ADDRESSES.chiefOfStaff,
      scope: `${GRAPH_RESOURCE}/MailboxSettings.Read`,
    });
    const err = await graphError(graph(access_token).api(`/users/${IDS.mayor}/mailboxSettings`).get());
    expect(err.statusCode).toBe(403);
    expect(errorOf(err).code).toBe("ErrorAccessDenied");
  });
});

describe("tokens Graph does not accept", () => {
  it("refuses an expired token with 401 InvalidAuthenticationToken", async () => {
    const token = await tokenFor(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET);
    sim.state.clock.advance(2 * 60 * 60 * 1000);
    try {
      const err = await graphError(graph(token).api("/users").get());
      expect(err.statusCode).toBe(401);
      expect(errorOf(err)).toMatchObject({
        code: "InvalidAuthenticationToken",
        message: "Lifetime validation failed, the token is expired.",
      });
    } finally {
      sim.state.clock.reset();
    }
  });

  it("refuses a token issued for another audience", async () => {
    const result = await msal(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET).acquireTokenByClientCredential({
      scopes: [`api://${DEMO_CLIENT_ID}/.default`],
    });
    expect(decodeJwt(result!.accessToken).aud).toBe(DEMO_CLIENT_ID);
    const err = await graphError(graph(result!.accessToken).api("/users").get());
    expect(err.statusCode).toBe(401);
    expect(errorOf(err).code).toBe("InvalidAuthenticationToken");
  });

  it("refuses a token with a forged signature", async () => {
    const claims = decodeJwt(appToken);
    const { privateKey } = await generateKeyPair("RS256");
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", typ: "JWT" })
      .sign(privateKey);
    const err = await graphError(graph(forged).api("/users").get());
    expect(err.statusCode).toBe(401);
    expect(errorOf(err).code).toBe("InvalidAuthenticationToken");
  });
});
