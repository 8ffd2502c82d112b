import { GraphError, type Client } from "@microsoft/microsoft-graph-client";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_CLIENT_ID, startSim, type RunningSim } from "../index";
import { ADDRESSES, MODEKLAR_GROUP } from "../seed/directory";
import { clientCredentialsToken, graphClient, simControl } from "../testing/graph";

let sim: RunningSim;

/** A fresh client-credentials token each time, as a service restarted after the admin's change gets. */
const appToken = () => clientCredentialsToken(sim);
const graph = async (): Promise<Client> => graphClient(sim, await appToken());

async function refusal(call: Promise<unknown>): Promise<GraphError> {
  const outcome = await call.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(outcome instanceof GraphError)) throw new Error(`expected a Graph error, got ${String(outcome)}`);
  return outcome;
}

async function control(method: string, route: string, body?: unknown) {
  const response = await simControl(sim, method, route, body);
  return { status: response.status, body: (await response.text()) || null };
}

beforeAll(async () => {
  sim = await startSim({ seed: { emptyCalendar: true } });
});
beforeEach(async () => {
  expect((await control("POST", "/reset")).status).toBe(204);
});
afterAll(() => sim.close());

describe("application access policies", () => {
  it("let the demo tenant's Mødeklar app into the mayor's mailbox and refuse it the director's, as Exchange does", async () => {
    const client = await graph();
    await expect(client.api(`/users/${ADDRESSES.mayor}/calendar`).get()).resolves.toMatchObject({
      isDefaultCalendar: true,
    });
    const refused = await refusal(client.api(`/users/${ADDRESSES.director}/calendar`).get());
    expect(refused.statusCode).toBe(403);
    expect(refused.code).toBe("ErrorAccessDenied");
    expect(refused.message).toContain("Blocked by tenant configured AppOnly AccessPolicy settings");
    // The directory is Entra's, not Exchange's: the policy does not hide people.
    await expect(client.api(`/users/${ADDRESSES.director}`).get()).resolves.toMatchObject({
      mail: ADDRESSES.director,
    });
  });

  it("keep the app from subscribing to a mailbox outside the group", async () => {
    const client = await graph();
    const refused = await refusal(
      client.api("/subscriptions").post({
        changeType: "updated",
        notificationUrl: `${sim.url}/_sim/nowhere`,
        resource: `users/${ADDRESSES.director}/events`,
        expirationDateTime: new Date(sim.state.clock.now().getTime() + 3_600_000).toISOString(),
      }),
    );
    expect(refused.statusCode).toBe(403);
  });

  it("once removed, leave the app able to read every mailbox in the tenant", async () => {
    expect((await control("DELETE", `/access-policies/${DEMO_CLIENT_ID}`)).status).toBe(204);
    const client = await graph();
    await expect(client.api(`/users/${ADDRESSES.director}/calendar`).get()).resolves.toBeTruthy();
  });

  it("with DenyAccess keep the app out of the group's mailboxes only", async () => {
    await control("DELETE", `/access-policies/${DEMO_CLIENT_ID}`);
    await control("PUT", "/groups/hemmelige@fjordby.dk", { members: [ADDRESSES.director] });
    const created = await control("POST", "/access-policies", {
      appId: DEMO_CLIENT_ID,
      scopeGroup: "hemmelige@fjordby.dk",
      accessRight: "DenyAccess",
    });
    expect(created.status).toBe(201);
    const client = await graph();
    expect((await refusal(client.api(`/users/${ADDRESSES.director}/calendar`).get())).statusCode).toBe(403);
    await expect(client.api(`/users/${ADDRESSES.chiefOfStaff}/calendar`).get()).resolves.toBeTruthy();
  });

  it("follow the group's members: a mailbox added to the group is reachable at once", async () => {
    const members = [ADDRESSES.mayor, ADDRESSES.director];
    expect((await control("PUT", `/groups/${MODEKLAR_GROUP.emailAddress}`, { members })).status).toBe(200);
    const client = await graph();
    await expect(client.api(`/users/${ADDRESSES.director}/calendar`).get()).resolves.toBeTruthy();
    expect((await refusal(client.api(`/users/${ADDRESSES.secretary}/calendar`).get())).statusCode).toBe(403);
  });

  it("are refused for a group or an app that does not exist, with a problem that says which", async () => {
    const noGroup = await control("POST", "/access-policies", {
      appId: DEMO_CLIENT_ID,
      scopeGroup: "findes-ikke@fjordby.dk",
      accessRight: "RestrictAccess",
    });
    expect(noGroup.status).toBe(400);
    expect(noGroup.body).toContain("findes-ikke@fjordby.dk");
    const noApp = await control("POST", "/access-policies", {
      appId: "00000000-0000-4000-8000-000000000000",
      scopeGroup: MODEKLAR_GROUP.emailAddress,
      accessRight: "RestrictAccess",
    });
    expect(noApp.status).toBe(404);
  });
});

describe("an app registration's admin-consented permissions", () => {
  it("taken back, leave the next token without the role and Graph refusing what needed it", async () => {
    const before = decodeJwt(await appToken())["roles"] as string[];
    expect(before).toContain("Place.Read.All");
    const changed = await control("PUT", `/apps/${DEMO_CLIENT_ID}/permissions`, {
      graphAppPermissions: before.filter((role) => role !== "Place.Read.All"),
    });
    expect(changed.status).toBe(200);
    expect(decodeJwt(await appToken())["roles"]).not.toContain("Place.Read.All");
    const client = await graph();
    expect((await refusal(client.api("/places/microsoft.graph.roomlist").get())).statusCode).toBe(403);
  });

  it("cannot name a permission Graph does not have", async () => {
    const answer = await control("PUT", `/apps/${DEMO_CLIENT_ID}/permissions`, {
      graphAppPermissions: ["Calendars.ReadWrite", "Everything.All"],
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toContain("graphAppPermissions");
  });
});
