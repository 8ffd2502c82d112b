import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { READER_CLIENT, IDS } from "../seed/directory";
import { startSim, type RunningSim } from "../server";
import { mintedToken, simControl } from "../testing/graph";
import { WebhookReceiver } from "../testing/webhook-receiver";
import { newGraphId, type StoredEvent } from "../state";

let sim: RunningSim;
let receiver: WebhookReceiver;
let appToken: string;

const control = (path: string, body?: unknown, method = "POST") => simControl(sim, method, path, body);

const tokenFor = (body: unknown) => mintedToken(sim, body);

function graph(path: string, init: { method?: string; body?: unknown; token?: string } = {}) {
  return fetch(`${sim.graphBaseUrl}${path}`, {
    method: init.method ?? "GET",
    headers: { Authorization: `Bearer ${init.token ?? appToken}`, "Content-Type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

const inMinutes = (minutes: number) =>
  new Date(sim.state.clock.now().getTime() + minutes * 60_000).toISOString();

function subscriptionBody(overrides: Record<string, unknown> = {}) {
  return {
    changeType: "created,updated,deleted",
    notificationUrl: `${receiver.url}/notifications`,
    lifecycleNotificationUrl: `${receiver.url}/lifecycle`,
    resource: `/users/${IDS.mayor}/events`,
    expirationDateTime: inMinutes(3 * 24 * 60),
    clientState: "fjordby-hemmelighed",
    ...overrides,
  };
}

async function subscribe(overrides: Record<string, unknown> = {}) {
  const res = await graph("/subscriptions", { method: "POST", body: subscriptionBody(overrides) });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; expirationDateTime: string; clientState: string };
}

function meetingInMayorsCalendar(): StoredEvent {
  const event: StoredEvent = { id: newGraphId(), subject: "Økonomiudvalg", _seq: 0 };
  sim.state.touchEvent(IDS.mayor, event, "created");
  return event;
}

beforeAll(async () => {
  sim = await startSim({ seed: false });
  receiver = await WebhookReceiver.start();
  appToken = await mintedToken(sim);
});

afterEach(async () => {
  await control("/reset");
  receiver.received.length = 0;
  receiver.statuses.length = 0;
  receiver.handshake = "echo";
});

afterAll(async () => {
  await receiver.close();
  await sim.close();
});

describe("creating a subscription", () => {
  it("answers 201 with the subscription once the endpoint has echoed the validation token", async () => {
    const created = await subscribe();
    expect(created).toMatchObject({
      resource: `/users/${IDS.mayor}/events`,
      changeType: "created,updated,deleted",
      clientState: "fjordby-hemmelighed",
      applicationId: "8a4f6c1e-2d3b-4a5c-9e7f-1b2c3d4e5f60",
    });
    const listed = (await (await graph("/subscriptions")).json()) as { value: Array<{ id: string }> };
    expect(listed.value.map((s) => s.id)).toEqual([created.id]);
  });

  it("is refused when the endpoint does not answer the validation request", async () => {
    receiver.handshake = "refuse";
    const res = await graph("/subscriptions", { method: "POST", body: subscriptionBody() });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toBe(
      "Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.",
    );
    expect(sim.state.subscriptions.size).toBe(0);
  });

  it("is refused for an expiry more than 10,080 minutes ahead", async () => {
    const res = await graph("/subscriptions", {
      method: "POST",
      body: subscriptionBody({ expirationDateTime: inMinutes(10_081) }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
      "Subscription expiration can only be 10080 minutes in the future.",
    );
  });

  it("is refused for an expiry in the past, an http URL, an unknown change type or a long clientState", async () => {
    for (const overrides of [
      { expirationDateTime: inMinutes(-5) },
      { notificationUrl: "http://localhost:1/notifications" },
      { changeType: "created,moved" },
      { clientState: "x".repeat(129) },
    ]) {
      const res = await graph("/subscriptions", { method: "POST", body: subscriptionBody(overrides) });
      expect(res.status, JSON.stringify(overrides)).toBe(400);
    }
  });

  it("needs Mail.Read to watch messages, and is refused for an app that only reads calendars", async () => {
    const readerToken = await tokenFor({ clientId: READER_CLIENT.clientId });
    const res = await graph("/subscriptions", {
      method: "POST",
      token: readerToken,
      body: subscriptionBody({ resource: `users/${IDS.mayor}/mailFolders('inbox')/messages` }),
    });
    expect(res.status).toBe(403);
  });

  it("is visible only to the app that created it", async () => {
    const created = await subscribe();
    const readerToken = await tokenFor({ clientId: READER_CLIENT.clientId });
    expect((await graph(`/subscriptions/${created.id}`, { token: readerToken })).status).toBe(404);
    expect((await graph(`/subscriptions/${created.id}`)).status).toBe(200);
  });
});

describe("change notifications", () => {
  it("arrive at the notificationUrl with the subscription's clientState after a change", async () => {
    const created = await subscribe();
    const event = meetingInMayorsCalendar();
    const [notification] = await receiver.waitFor("/notifications", 1);
    expect(notification).toMatchObject({
      subscriptionId: created.id,
      clientState: "fjordby-hemmelighed",
      changeType: "created",
      resource: `Users/${IDS.mayor}/Events/${event.id}`,
      tenantId: sim.tenantId,
      resourceData: {
        "@odata.type": "#Microsoft.Graph.Event",
        "@odata.id": `Users/${IDS.mayor}/Events/${event.id}`,
        "@odata.etag": (event as unknown as Record<string, string>)["@odata.etag"],
        id: event.id,
      },
    });
  });

  it("are not sent for change types the subscription does not ask for", async () => {
    await subscribe({ changeType: "deleted" });
    const event = meetingInMayorsCalendar();
    sim.state.deleteEvent(IDS.mayor, event.id);
    const items = await receiver.waitFor("/notifications", 1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(receiver.at("/notifications").map((n) => n.changeType)).toEqual(["deleted"]);
    expect(items[0]).toMatchObject({ resourceData: { id: event.id } });
  });

  it("are dropped silently when the dropped-notification fault is on", async () => {
    await subscribe();
    await control("/faults", { dropNotificationRate: 1 }, "PUT");
    meetingInMayorsCalendar();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.at("/notifications")).toEqual([]);
  });

  it("are delivered again after the endpoint failed the first delivery", async () => {
    await subscribe();
    receiver.statuses.push(503);
    const event = meetingInMayorsCalendar();
    const items = await receiver.waitFor("/notifications", 2, 5_000);
    expect(items.map((n) => (n["resourceData"] as { id: string }).id)).toEqual([event.id, event.id]);
  });

  it("stop when the subscription has expired, and the expired subscription is gone", async () => {
    await subscribe({ expirationDateTime: inMinutes(30) });
    await control("/clock/advance", { ms: 31 * 60_000 });
    meetingInMayorsCalendar();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.at("/notifications")).toEqual([]);
    expect(((await (await graph("/subscriptions")).json()) as { value: unknown[] }).value).toEqual([]);
  });
});

describe("lifecycle notifications", () => {
  it("are sent to the lifecycleNotificationUrl when the control API raises one", async () => {
    const created = await subscribe();
    expect((await control(`/subscriptions/${created.id}/lifecycle`, { event: "missed" })).status).toBe(202);
    const [notification] = await receiver.waitFor("/lifecycle", 1);
    expect(notification).toEqual({
      subscriptionId: created.id,
      subscriptionExpirationDateTime: created.expirationDateTime,
      tenantId: sim.tenantId,
      clientState: "fjordby-hemmelighed",
      lifecycleEvent: "missed",
    });
  });

  it("subscriptionRemoved also removes the subscription", async () => {
    const created = await subscribe();
    await control(`/subscriptions/${created.id}/lifecycle`, { event: "subscriptionRemoved" });
    await receiver.waitFor("/lifecycle", 1);
    expect((await graph(`/subscriptions/${created.id}`)).status).toBe(404);
  });

  it("reauthorizationRequired is sent by itself when the subscription nears expiry", async () => {
    const created = await subscribe({ expirationDateTime: inMinutes(24 * 60) });
    await control("/clock/advance", { ms: 23.5 * 60 * 60_000 });
    const [notification] = await receiver.waitFor("/lifecycle", 1);
    expect(notification).toMatchObject({
      subscriptionId: created.id,
      lifecycleEvent: "reauthorizationRequired",
    });
  });

  it("a renewal moves the expiry and is refused beyond the maximum", async () => {
    const created = await subscribe();
    const renewed = await graph(`/subscriptions/${created.id}`, {
      method: "PATCH",
      body: { expirationDateTime: inMinutes(10_000) },
    });
    expect(renewed.status).toBe(200);
    const { expirationDateTime } = (await renewed.json()) as { expirationDateTime: string };
    expect(Date.parse(expirationDateTime)).toBeGreaterThan(Date.parse(created.expirationDateTime));
    expect(Math.abs(Date.parse(expirationDateTime) - Date.parse(inMinutes(10_000)))).toBeLessThan(60_000);
    const tooFar = await graph(`/subscriptions/${created.id}`, {
      method: "PATCH",
      body: { expirationDateTime: inMinutes(10_090) },
    });
    expect(tooFar.status).toBe(400);
  });
});
