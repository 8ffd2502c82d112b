import { ConfidentialClientApplication } from "@azure/msal-node";
import { Client, PageIterator, type PageCollection } from "@microsoft/microsoft-graph-client";
import {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  startSim,
  WebhookReceiver,
  type RunningSim,
} from "@modeklar/m365-sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The simulator as a production service meets it: MSAL with an authority and
 * knownAuthorities, the Graph SDK with a baseUrl and customHosts, nothing else. If this
 * file passes, the same code runs against Microsoft's cloud with other URLs.
 */

const MAYOR = "borgmester@fjordby.dk";
const SECRETARY = "sekretaer@fjordby.dk";
const ANCHOR = "2026-03-02"; // a Monday

let sim: RunningSim;
let graph: Client;
let msal: ConfidentialClientApplication;

const window = { start: "2026-02-23T00:00:00Z", end: "2026-03-30T00:00:00Z" };
const calendarViewDelta = `/users/${MAYOR}/calendarView/delta?startDateTime=${window.start}&endDateTime=${window.end}`;

async function control(path: string, init: { method: string; body?: unknown }): Promise<Response> {
  return fetch(`${sim.url}/_sim${path}`, {
    method: init.method,
    headers: { "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

type DeltaItem = { id: string; subject?: string; "@removed"?: { reason: string } };

/** Follows nextLinks to the end of a round; returns every item and the deltaLink. */
async function deltaRound(link: string): Promise<{ items: DeltaItem[]; deltaLink: string }> {
  const items: DeltaItem[] = [];
  let next: string | undefined = link;
  for (;;) {
    const page = (await graph.api(next).header("Prefer", "odata.maxpagesize=20").get()) as {
      value: DeltaItem[];
      "@odata.nextLink"?: string;
      "@odata.deltaLink"?: string;
    };
    items.push(...page.value);
    if (page["@odata.deltaLink"]) return { items, deltaLink: page["@odata.deltaLink"] };
    next = page["@odata.nextLink"];
    if (!next) throw new Error("a delta page had neither a nextLink nor a deltaLink");
  }
}

beforeAll(async () => {
  sim = await startSim({ seed: { anchor: ANCHOR } });
  msal = new ConfidentialClientApplication({
    auth: {
      clientId: DEMO_CLIENT_ID,
      clientSecret: DEMO_CLIENT_SECRET,
      authority: `${sim.authorityHost}/${sim.tenantId}`,
      knownAuthorities: [new URL(sim.authorityHost).host],
    },
  });
  graph = Client.initWithMiddleware({
    baseUrl: `${new URL(sim.graphBaseUrl).origin}/`,
    defaultVersion: "v1.0",
    customHosts: new Set([new URL(sim.graphBaseUrl).hostname]),
    authProvider: {
      getAccessToken: async () => {
        const result = await msal.acquireTokenByClientCredential({
          scopes: ["https://graph.microsoft.com/.default"],
        });
        if (!result) throw new Error("no token");
        return result.accessToken;
      },
    },
  });
});

afterAll(async () => {
  await sim?.close();
});

describe("a production service using MSAL and the Graph SDK against the local Microsoft 365", () => {
  it("gets an app token for Graph from the tenant's authority", async () => {
    const result = await msal.acquireTokenByClientCredential({
      scopes: ["https://graph.microsoft.com/.default"],
    });
    expect(result?.accessToken.split(".")).toHaveLength(3);
    expect(result?.expiresOn?.getTime()).toBeGreaterThan(Date.now());
  });

  it("pages through the mayor's calendarView five meetings at a time", async () => {
    const first = (await graph
      .api(`/users/${MAYOR}/calendarView`)
      .query({ startDateTime: window.start, endDateTime: window.end })
      .header("Prefer", "odata.maxpagesize=5")
      .get()) as PageCollection;
    expect(first.value.length).toBe(5);
    expect(first["@odata.nextLink"]).toBeTruthy();

    const subjects: string[] = [];
    const iterator = new PageIterator(
      graph,
      first,
      (event: { subject: string }) => {
        subjects.push(event.subject);
        return true;
      },
      { headers: { Prefer: "odata.maxpagesize=5" } },
    );
    await iterator.iterate();
    expect(subjects.length).toBeGreaterThan(20);

    const pageSizes: number[] = [];
    let link: string | undefined = first["@odata.nextLink"];
    while (link) {
      const page = (await graph.api(link).header("Prefer", "odata.maxpagesize=5").get()) as PageCollection;
      pageSizes.push(page.value.length);
      link = page["@odata.nextLink"];
    }
    expect(Math.max(...pageSizes)).toBeLessThanOrEqual(5);
    expect(5 + pageSizes.reduce((a, b) => a + b, 0)).toBe(subjects.length);
    expect(new Set(subjects)).toContain("Kalendermøde");
  });

  it("sees exactly the change another person made in the next delta round, and @removed after a delete", async () => {
    const initial = await deltaRound(calendarViewDelta);
    expect(initial.items.length).toBeGreaterThan(20);

    const created = await control(`/act/${SECRETARY}/events`, {
      method: "POST",
      body: {
        subject: "Møde med Fjordby Erhvervsråd",
        start: { dateTime: "2026-03-05T13:00:00", timeZone: "Europe/Copenhagen" },
        end: { dateTime: "2026-03-05T14:00:00", timeZone: "Europe/Copenhagen" },
        attendees: [{ type: "required", emailAddress: { address: MAYOR, name: "Borgmester" } }],
      },
    });
    expect(created.status).toBe(201);

    const afterCreate = await deltaRound(initial.deltaLink);
    expect(afterCreate.items.map((i) => i.subject)).toEqual(["Møde med Fjordby Erhvervsråd"]);
    const mayorsCopy = afterCreate.items[0]!;

    const idle = await deltaRound(afterCreate.deltaLink);
    expect(idle.items).toEqual([]);

    // The organizer cancelling: the mayor's copy stays, marked cancelled (as in Exchange).
    const organizerCopy = ((await created.json()) as { value: { id: string }[] }).value[0]!;
    const cancelled = await control(`/act/${SECRETARY}/events/${organizerCopy.id}`, { method: "DELETE" });
    expect(cancelled.status).toBe(204);
    const afterCancel = await deltaRound(idle.deltaLink);
    expect(afterCancel.items).toEqual([expect.objectContaining({ id: mayorsCopy.id, isCancelled: true })]);

    // The mayor removing it from her calendar: the next round says @removed.
    expect((await control(`/act/${MAYOR}/events/${mayorsCopy.id}`, { method: "DELETE" })).status).toBe(204);
    const afterDelete = await deltaRound(afterCancel.deltaLink);
    expect(afterDelete.items).toEqual([
      expect.objectContaining({
        id: mayorsCopy.id,
        "@removed": expect.objectContaining({ reason: "deleted" }),
      }),
    ]);
  });

  it("answers 410 Gone for a delta token that has expired", async () => {
    const round = await deltaRound(calendarViewDelta);
    expect((await control("/delta/expire", { method: "POST" })).ok).toBe(true);
    const error = await graph
      .api(round.deltaLink)
      .get()
      .then(
        () => null,
        (err: { statusCode: number; code: string }) => err,
      );
    expect(error?.statusCode).toBe(410);
  });

  it("runs a $batch of 20 requests and refuses a stale If-Match with 412", async () => {
    const events = (await graph
      .api(`/users/${MAYOR}/calendarView`)
      .query({ startDateTime: window.start, endDateTime: window.end, $top: "20", $select: "subject" })
      .get()) as { value: { id: string; "@odata.etag": string }[] };
    expect(events.value.length).toBe(20);
    const batch = (await graph.api("/$batch").post({
      requests: events.value.map((e, i) => ({
        id: String(i + 1),
        method: "GET",
        url: `/users/${MAYOR}/events/${e.id}?$select=subject`,
      })),
    })) as { responses: { id: string; status: number }[] };
    expect(batch.responses).toHaveLength(20);
    expect(batch.responses.every((r) => r.status === 200)).toBe(true);

    const target = events.value.find((e) => !e.id.includes("_")) ?? events.value[0]!;
    const fresh = (await graph.api(`/users/${MAYOR}/events/${target.id}`).get()) as { "@odata.etag": string };
    await graph
      .api(`/users/${MAYOR}/events/${target.id}`)
      .header("If-Match", fresh["@odata.etag"])
      .patch({ importance: "high" });
    const stale = await graph
      .api(`/users/${MAYOR}/events/${target.id}`)
      .header("If-Match", fresh["@odata.etag"])
      .patch({ importance: "low" })
      .then(
        () => null,
        (err: { statusCode: number }) => err,
      );
    expect(stale?.statusCode).toBe(412);
  });

  it("throttles the fifth concurrent request to one mailbox with 429 and Retry-After", async () => {
    expect((await control("/faults", { method: "PUT", body: { latencyMs: 800 } })).ok).toBe(true);
    const token = (await msal.acquireTokenByClientCredential({
      scopes: ["https://graph.microsoft.com/.default"],
    }))!.accessToken;
    try {
      // Raw fetch: the SDK's RetryHandler would (rightly) wait and retry the 429 away.
      const answers = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          new Promise<void>((resolve) => setTimeout(resolve, i * 40)).then(() =>
            fetch(`${sim.graphBaseUrl}/users/${MAYOR}/events?$top=1`, {
              headers: { authorization: `Bearer ${token}` },
            }),
          ),
        ),
      );
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(4);
      const throttled = answers.find((a) => a.status === 429);
      expect(Number(throttled?.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      await control("/faults", { method: "PUT", body: { latencyMs: 0 } });
    }
  });

  it("creates a subscription after the validation handshake and delivers a notification with its clientState", async () => {
    const receiver = await WebhookReceiver.start();
    try {
      const subscription = (await graph.api("/subscriptions").post({
        changeType: "created,updated,deleted",
        notificationUrl: `${receiver.url}/notify`,
        resource: `users/${MAYOR}/events`,
        expirationDateTime: new Date(Date.now() + 2 * 86_400_000).toISOString(),
        clientState: "fjordby-hemmelighed-42",
      })) as { id: string };
      expect(subscription.id).toBeTruthy();

      await control(`/act/${SECRETARY}/events`, {
        method: "POST",
        body: {
          subject: "Opfølgning på budgetforhandlinger",
          start: { dateTime: "2026-03-06T09:00:00", timeZone: "Europe/Copenhagen" },
          end: { dateTime: "2026-03-06T09:30:00", timeZone: "Europe/Copenhagen" },
          attendees: [{ type: "required", emailAddress: { address: MAYOR } }],
        },
      });
      const notification = (await receiver.waitFor("/notify", 1, 10_000))[0]!;
      expect(notification).toMatchObject({
        subscriptionId: subscription.id,
        clientState: "fjordby-hemmelighed-42",
        changeType: "created",
      });
      expect(String(notification["resource"]).toLowerCase()).toContain("/events/");
    } finally {
      await receiver.close();
    }
  });
});
