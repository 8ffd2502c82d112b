import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiToken, control, dayIn, eventually, MAYOR, startStack, type Stack } from "./stack";

let stack: Stack;
let notificationsReceived = 0;

const at = (offsetDays: number, hour: number) => ({
  dateTime: `${dayIn(offsetDays)}T${String(hour).padStart(2, "0")}:00:00`,
  timeZone: "Europe/Copenhagen",
});

beforeAll(async () => {
  // No safety poll: only change notifications can bring a change in.
  stack = await startStack({ env: { SAFETY_POLL_SECONDS: "3600" } });
  const { notifications } = stack.service.engine;
  const handle = notifications.handleNotification.bind(notifications);
  notifications.handleNotification = (body) => {
    notificationsReceived += 1;
    return handle(body);
  };
  await eventually("the first mirror and a subscription per stream", async () => {
    const { mirror } = stack.service.database;
    const cursor = await mirror.getCursor(MAYOR, "events");
    return cursor?.lastCompletedAt && (await mirror.listSubscriptions(MAYOR)).length === 3;
  });
});
afterAll(() => stack?.close());

const mirrored = async (subject: string) =>
  (await stack.service.database.mirror.listItems(MAYOR, "events")).find((i) => i.data["subject"] === subject);

describe("the running service's mirror", () => {
  it("shows a meeting the secretary puts in the mayor's calendar after one change notification", async () => {
    notificationsReceived = 0;
    await control(stack.sim, "POST", `/act/${encodeURIComponent("sekretaer@fjordby.dk")}/events`, {
      subject: "Møde med Fjordby Erhvervsråd",
      start: at(2, 13),
      end: at(2, 14),
      attendees: [{ emailAddress: { address: MAYOR }, type: "required" }],
    });
    const item = await eventually("the meeting in the mirror", () =>
      mirrored("Møde med Fjordby Erhvervsråd"),
    );
    expect(item.data["start"]).toMatchObject({ dateTime: expect.stringContaining(dayIn(2)) });
    expect(notificationsReceived).toBeGreaterThanOrEqual(1);
  });

  it("follows a move and a cancellation by the organizer", async () => {
    const [created] = (
      await control(stack.sim, "POST", `/act/${encodeURIComponent("kommunaldirektoer@fjordby.dk")}/events`, {
        subject: "Budgetopfølgning",
        start: at(4, 9),
        end: at(4, 10),
        attendees: [{ emailAddress: { address: MAYOR }, type: "required" }],
      })
    )["value"] as { id: string }[];
    await eventually("the invitation in the mirror", () => mirrored("Budgetopfølgning"));
    await control(
      stack.sim,
      "PATCH",
      `/act/${encodeURIComponent("kommunaldirektoer@fjordby.dk")}/events/${created?.id}`,
      { start: at(5, 11), end: at(5, 12) },
    );
    await eventually("the move in the mirror", async () => {
      const item = await mirrored("Budgetopfølgning");
      return JSON.stringify(item?.data["start"]).includes(dayIn(5));
    });
    await control(
      stack.sim,
      "POST",
      `/act/${encodeURIComponent("kommunaldirektoer@fjordby.dk")}/events/${created?.id}/cancel`,
      { comment: "Udsat" },
    );
    await eventually("the cancellation in the mirror", async () => {
      const item = await mirrored("Budgetopfølgning");
      return !item || item.data["isCancelled"] === true;
    });
  });
});

describe("the first pass over the mayor's mailbox", () => {
  it("is shown on /api/sync/status, done with every mirrored item reconciled and writes only on what a person will look at", async () => {
    const token = await apiToken(stack.sim, "sekretaer@fjordby.dk");
    const status = async () => {
      const response = await fetch(`${stack.service.url}/api/sync/status`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        mailboxes: { mailbox: string; streams: { stream: string }[]; firstPass?: Record<string, unknown> }[];
      };
      return body.mailboxes.find((m) => m.mailbox === MAYOR);
    };
    const done = await eventually("the first pass done", async () => {
      const mayor = await status();
      return mayor?.firstPass?.["state"] === "done" ? mayor : null;
    });
    expect(done.streams.map((s) => s.stream)).toEqual(["events", "messages", "sent"]);
    const firstPass = done.firstPass as {
      reconciled: number;
      total: number;
      lookedAt: number;
      writes: number;
    };
    expect(firstPass.reconciled).toBe(firstPass.total);
    expect(firstPass.lookedAt).toBeGreaterThan(0);
    expect(firstPass.lookedAt).toBeLessThan(firstPass.reconciled);
    expect(firstPass.writes).toBeLessThanOrEqual(firstPass.lookedAt);
    expect(done.firstPass).toMatchObject({ startedAt: expect.any(String), finishedAt: expect.any(String) });
  });
});

describe("retention in the running service", () => {
  it("runs when the service starts and shows its last run on /api/sync/status, counts only", async () => {
    const token = await apiToken(stack.sim, "sekretaer@fjordby.dk");
    const lastRun = await eventually("retention's first run", async () => {
      const response = await fetch(`${stack.service.url}/api/sync/status`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = (await response.json()) as { retention: { lastRun: { outcome: string } | null } };
      return body.retention.lastRun?.outcome === "done" ? body.retention.lastRun : null;
    });
    expect(lastRun).toEqual({
      startedAt: expect.any(String),
      finishedAt: expect.any(String),
      outcome: "done",
      deleted: {
        plans: expect.any(Number),
        orders: expect.any(Number),
        arrivals: expect.any(Number),
        briefingNotes: expect.any(Number),
        minutes: expect.any(Number),
        mail: expect.any(Number),
        audit: expect.any(Number),
      },
    });
  });
});

describe("answering an invitation on the mayor's behalf", () => {
  it("lists it as pending, sends the answer once however often the same key is used, and then no longer lists it", async () => {
    const subject = "Indvielse af den nye havnepromenade";
    await control(stack.sim, "POST", `/act/${encodeURIComponent("formand@havn.example")}/events`, {
      subject,
      start: at(6, 15),
      end: at(6, 16),
      organizer: { emailAddress: { name: "Havnens formand", address: "formand@havn.example" } },
      attendees: [{ emailAddress: { address: MAYOR }, type: "required" }],
      responseRequested: true,
    });
    const token = await apiToken(stack.sim, "sekretaer@fjordby.dk");
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const pending = async () => {
      const response = await fetch(`${stack.service.url}/api/invitations/pending`, { headers });
      return ((await response.json()) as { invitations: { id: string; subject: string }[] }).invitations;
    };
    const invitation = await eventually("the invitation among the pending", async () =>
      (await pending()).find((i) => i.subject === subject),
    );

    await control(stack.sim, "DELETE", "/requests");
    const idempotencyKey = crypto.randomUUID();
    const answer = () =>
      fetch(`${stack.service.url}/api/invitations/${encodeURIComponent(invitation.id)}/respond`, {
        method: "POST",
        headers,
        body: JSON.stringify({ response: "accept", comment: "Borgmesteren kommer gerne.", idempotencyKey }),
      });
    const first = await answer();
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ response: "accept", repeated: false });
    const again = await Promise.all([answer(), answer()]);
    for (const response of again) {
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ repeated: true });
    }

    const log = (await control(stack.sim, "GET", "/requests?method=POST"))["value"] as { path: string }[];
    expect(log.filter((entry) => entry.path.endsWith("/accept"))).toHaveLength(1);
    await eventually("the answered invitation gone from the pending", async () =>
      (await pending()).every((i) => i.id !== invitation.id),
    );
  });
});
