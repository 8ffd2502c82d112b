import { PGlite } from "@electric-sql/pglite";
import { startSim, type RunningSim } from "@modeklar/m365-sim";
import { DEFAULT_PRIVACY } from "@modeklar/shared";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ManualClock } from "../../../store/clock";
import { migrate } from "../../../store/migrations";
import { pgliteExecutor } from "../../../store/pglite";
import type { SqlExecutor } from "../../../store/sql";
import { sqlAuditLog, type AuditLog } from "../../../store/audit";
import { sqlPlanStore } from "../../../store/plans";
import { sqlMirrorStore } from "../../../store/sql-store";
import { GraphFailure, type MailboxGateway } from "../../../graph";
import type { Outbox } from "../../../outbox/outbox";
import { testOutbox } from "../../../../test/outbox/outbox";
import { connectToSim, graphAs, MAYOR, SECRETARY } from "../../../../test/sync/sim";
import { serveApi, type ServedApi } from "../../../../test/http/served-api";
import { officesFromEnv, planRoutes } from ".";

const ZONE = "Europe/Copenhagen";
let sim: RunningSim;
let api: ServedApi;
let db: SqlExecutor;
let audit: AuditLog;
let outbox: Outbox;
let clock: ManualClock;
let gateway: MailboxGateway;

beforeAll(async () => {
  sim = await startSim();
  ({ gateway } = await connectToSim(sim));
  db = pgliteExecutor(new PGlite());
  await migrate(db);
  clock = new ManualClock(sim.state.clock.now());
  audit = sqlAuditLog(db, clock);
  outbox = testOutbox({ db, gateway, clock });
  api = await serveApi(sim, { audit, people: { secretary: SECRETARY } }, (builder) =>
    planRoutes(builder, {
      plans: sqlPlanStore(db, clock),
      mirror: sqlMirrorStore(db),
      gateway,
      outbox,
      mayorMailbox: MAYOR,
      offices: officesFromEnv({ DEPARTMENTS: "Teknik og Miljø=teknik-miljoe@fjordby.dk" }, MAYOR),
      privacy: DEFAULT_PRIVACY,
      now: () => sim.state.clock.now(),
    }),
  );
}, 60_000);
afterAll(async () => {
  await api.close();
  await db.close();
  await sim.close();
});

const call = (method: string, path: string, body?: unknown, language = "da") =>
  api.call(method, path, body, { headers: { "accept-language": language } });

/** A meeting the secretary puts in the mayor's calendar `days` days from the simulator's today, 10–11. */
async function meetingIn(days: number, subject: string, extra: Record<string, unknown> = {}) {
  const graph = await graphAs(sim, SECRETARY);
  const day = DateTime.fromJSDate(sim.state.clock.now(), { zone: ZONE }).startOf("day").plus({ days });
  const at = (hour: number) => ({
    dateTime: day.set({ hour }).toFormat("yyyy-LL-dd'T'HH:mm:ss"),
    timeZone: ZONE,
  });
  const event = await graph("POST", `/users/${MAYOR}/events`, {
    subject,
    start: at(10),
    end: at(11),
    ...extra,
  });
  return { id: String(event["id"]), start: day.set({ hour: 10 }), end: day.set({ hour: 11 }) };
}

async function inbox(mailbox: string): Promise<{ subject: string; body: { content: string } }[]> {
  const graph = await graphAs(sim, mailbox);
  const page = await graph("GET", `/users/${mailbox}/messages?$top=50&$select=subject,body`);
  return page["value"] as { subject: string; body: { content: string } }[];
}

describe("the task pane's operations", () => {
  it("offers only rooms that are free for the whole slot, big enough and equipped as asked", async () => {
    const taken = await meetingIn(14, "Optaget lokale", {
      attendees: [{ type: "resource", emailAddress: { address: "moedelokale-2@fjordby.dk" } }],
    });
    const search = (body: Record<string, unknown>) =>
      call("post", "/rooms/available", { start: taken.start.toISO(), end: taken.end.toISO(), ...body });

    const free = (await search({ seats: 5 })).body["rooms"] as { email: string }[];
    expect(free.map((r) => r.email)).toContain("moedelokale-1@fjordby.dk");
    expect(free.map((r) => r.email)).not.toContain("moedelokale-2@fjordby.dk");
    expect(free.map((r) => r.email)).not.toContain("moedelokale-3@fjordby.dk");

    const withDisplay = (await search({ seats: 5, equipment: ["display"], stepFree: true })).body[
      "rooms"
    ] as {
      email: string;
      equipment: string[];
    }[];
    expect(withDisplay.length).toBeGreaterThan(0);
    expect(withDisplay.every((r) => r.equipment.includes("display"))).toBe(true);
    expect(withDisplay.map((r) => r.email)).not.toContain("moedelokale-1@fjordby.dk");
  });

  it("sends a catering order to the kitchen and marks the step ordered in the stored plan", async () => {
    const meeting = await meetingIn(10, "Møde med Erhvervsrådet");
    const deadlines = await call("get", `/meetings/${meeting.id}/deadlines`);
    expect(deadlines.body).toMatchObject({ cateringOpen: true });
    expect(Date.parse(String(deadlines.body["cateringCutoff"]))).toBeLessThan(meeting.start.toMillis());
    const ordered = await call("post", `/meetings/${meeting.id}/catering`, {
      meetingId: meeting.id,
      baseRevision: 0,
      order: { items: ["coffeeTea", "fruit"], count: 12, costCentre: { kind: "ean", ean: "5798000416604" } },
    });
    expect(ordered).toMatchObject({ status: 200, body: { revision: 1 } });
    const mail = (await inbox("kantine@fjordby.dk")).find((m) =>
      m.subject.includes("Møde med Erhvervsrådet"),
    );
    expect(mail?.body.content).toContain("Bestilling: kaffe og te, frugt");
    expect(mail?.body.content).toContain("Betales af: EAN-nummer 5798000416604");
    const stored = await call("get", `/meetings/${meeting.id}/plan`);
    expect(stored.body).toMatchObject({ revision: 1, plan: { catering: { state: "ordered", count: 12 } } });
  });

  it("writes an order's mail when it leaves: a meeting made private meanwhile is private in the mail", async () => {
    const meeting = await meetingIn(11, "Samtale med kandidat til direktørstillingen");
    // Graph is down when the order is placed: the order stands, its mail waits in the outbox.
    const send = vi
      .spyOn(gateway, "sendMail")
      .mockRejectedValueOnce(new GraphFailure(503, "ServiceUnavailable", "Graph answered 503"));
    const ordered = await call("post", `/meetings/${meeting.id}/catering`, {
      meetingId: meeting.id,
      baseRevision: 0,
      order: { items: ["coffeeTea"], count: 3 },
    });
    send.mockRestore();
    expect(ordered).toMatchObject({ status: 200, body: { revision: 1 } });
    const kitchen = async () =>
      (await inbox("kantine@fjordby.dk")).filter((m) => m.body.content.includes("Antal personer: 3"));
    expect(await kitchen()).toEqual([]);

    const graph = await graphAs(sim, SECRETARY);
    await graph("PATCH", `/users/${MAYOR}/events/${meeting.id}`, { sensitivity: "private" });
    // The retry: Sent Items is asked first (the failed attempt may have left), then the mail goes.
    clock.advance(10 * 60_000);
    expect((await outbox.runDue()).sent).toHaveLength(1);
    const [mail, ...more] = await kitchen();
    expect(more).toEqual([]);
    expect(mail?.subject).toBe("Bestilling af forplejning: Privat aftale");
    expect(mail?.body.content).toContain("Møde: Privat aftale");
    expect(JSON.stringify(mail)).not.toContain("direktørstillingen");
  });

  it("refuses a catering order after the kitchen's cut-off with a message the secretary can act on", async () => {
    const meeting = await meetingIn(1, "Morgenmøde i morgen");
    expect((await call("get", `/meetings/${meeting.id}/deadlines?materialDays=1`)).body).toMatchObject({
      cateringOpen: false,
    });
    const late = await call(
      "post",
      `/meetings/${meeting.id}/catering`,
      { meetingId: meeting.id, baseRevision: 0, order: { items: ["coffeeTea"], count: 4 } },
      "en",
    );
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({ code: "cateringCutoffPassed", title: "Too late to order catering" });
    expect(String(late.body["detail"])).toMatch(
      /^The cut-off for ordering catering for this meeting was .+\. Call the kitchen\.$/,
    );
    expect((await inbox("kantine@fjordby.dk")).some((m) => m.subject.includes("Morgenmøde i morgen"))).toBe(
      false,
    );
  });

  it("says the plan changed since it was opened, never '?', when a save is based on a revision the service never kept", async () => {
    const meeting = await meetingIn(12, "Budgetopfølgning");
    const stale = await call("put", `/meetings/${meeting.id}/plan`, {
      baseRevision: 3,
      plan: { journal: { state: "confirmed", caseNumber: "00.01.00-A00-1-26" } },
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      code: "planConflict",
      detail: "Planen er ændret, siden du åbnede mødet. Luk planen, og åbn den igen, før du gemmer.",
      current: null,
    });
  });

  it("turns a save based on an old revision into a conflict naming who saved meanwhile", async () => {
    const meeting = await meetingIn(12, "Budgetmøde");
    const save = (baseRevision: number, kle: string) =>
      call("put", `/meetings/${meeting.id}/plan`, {
        baseRevision,
        plan: { journal: { state: "confirmed", caseNumber: "00.01.00-A00-1-26", kle } },
      });
    expect((await save(0, "00.01.00")).body).toMatchObject({
      plan: { revision: 1, updatedBy: "Camilla Nørgaard" },
    });
    const stale = await save(0, "00.01.10");
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      code: "planConflict",
      detail: "Camilla Nørgaard har gemt planen, mens du redigerede. Se ændringerne, før du gemmer igen.",
      current: { revision: 1, plan: { journal: { kle: "00.01.00" } } },
    });
  });

  it("keeps no plan or briefing note for a meeting that is not in the mayor's calendar", async () => {
    const plan = await call("put", "/meetings/AAMkNoSuchMeeting/plan", {
      baseRevision: 0,
      plan: { journal: { state: "todo" } },
    });
    expect(plan.status).toBe(404);
    const briefing = await call("put", "/meetings/AAMkNoSuchMeeting/briefing", {
      text: "Noter",
      baseVersion: 0,
    });
    expect(briefing.status).toBe(404);
    expect((await call("get", "/meetings/AAMkNoSuchMeeting/plan")).body).toMatchObject({ plan: null });
    expect(await audit.forMeeting("AAMkNoSuchMeeting")).toEqual([]);
  });

  it("records who saved which steps of a plan and who sent which order, never what they said", async () => {
    const meeting = await meetingIn(11, "Møde om havneudvidelsen");
    await call("put", `/meetings/${meeting.id}/plan`, {
      baseRevision: 0,
      plan: { journal: { state: "confirmed", caseNumber: "00.01.00-A00-7-26", kle: "00.01.00" } },
    });
    await call("post", `/meetings/${meeting.id}/catering`, {
      meetingId: meeting.id,
      baseRevision: 1,
      order: { items: ["coffeeTea"], count: 4 },
    });
    const entries = await audit.forMeeting(meeting.id);
    expect(entries.map((e) => [e.actorName, e.roles, e.action, e.fields])).toEqual([
      ["Camilla Nørgaard", ["secretary"], "plan.save", ["journal"]],
      ["Camilla Nørgaard", ["secretary"], "order.catering", ["count", "items"]],
    ]);
    expect(JSON.stringify(entries)).not.toContain("00.01.00-A00-7-26");
  });

  it("sends guests to the reception's day list and material orders to a department", async () => {
    const meeting = await meetingIn(9, "Besøg fra Fjordby Havn");
    const guests = [{ name: "Mette Lund", organisation: "Fjordby Havn" }, { name: "Ole Berg" }];
    const noticed = await call("post", `/meetings/${meeting.id}/reception`, {
      meetingId: meeting.id,
      baseRevision: 0,
      reception: { guests, arrivalAt: "09:45", parking: true, badge: true },
    });
    expect(noticed.status).toBe(200);
    const day = await call("get", `/reception/day?date=${meeting.start.toISODate()}`);
    expect(day.body["meetings"]).toEqual([
      expect.objectContaining({
        meetingId: meeting.id,
        arrivalAt: "09:45",
        guests: expect.arrayContaining([expect.objectContaining({ name: "Ole Berg" })]),
      }),
    ]);
    expect(
      (await inbox("reception@fjordby.dk")).some((m) => m.body.content.includes("Mette Lund, Fjordby Havn")),
    ).toBe(true);

    const unknown = await call("post", `/meetings/${meeting.id}/material`, {
      meetingId: meeting.id,
      baseRevision: 1,
      material: { what: "Notat om havneudvidelsen", department: "someone@example.com" },
    });
    expect(unknown.status).toBe(400);
    const material = await call("post", `/meetings/${meeting.id}/material`, {
      meetingId: meeting.id,
      baseRevision: 1,
      material: {
        what: "Notat om havneudvidelsen",
        department: "teknik-miljoe@fjordby.dk",
        workingDaysBefore: 3,
      },
    });
    expect(material).toMatchObject({ status: 200, body: { revision: 2 } });
    expect(
      (await inbox("teknik-miljoe@fjordby.dk")).some((m) =>
        m.body.content.includes("Notat om havneudvidelsen"),
      ),
    ).toBe(true);
  });

  it("keeps a briefing note longer than a meeting could hold, and refuses a stale save", async () => {
    const meeting = await meetingIn(8, "Borgermøde");
    const text = "Baggrund og talepunkter.\n".repeat(400);
    expect((await call("put", `/meetings/${meeting.id}/briefing`, { text, baseVersion: 0 })).body).toEqual({
      text,
      version: 1,
    });
    expect(
      (await call("put", `/meetings/${meeting.id}/briefing`, { text: "x", baseVersion: 0 })).status,
    ).toBe(409);
    expect((await call("get", `/meetings/${meeting.id}/briefing`)).body).toEqual({ text, version: 1 });
  });
});
