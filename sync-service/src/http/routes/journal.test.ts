import { readJournalMailbox } from "@modeklar/m365-sim";
import { DEFAULT_CALENDAR, KL_CASE_NUMBER_FORMAT, type Inquiry, type MeetingJournal } from "@modeklar/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inquiryJournal } from "../../journal/inquiry-views";
import {
  daysAheadAt,
  graphAs,
  JOURNAL,
  MAYOR,
  SECRETARY,
  startHarness,
  type Harness,
} from "../../../test/reconcile/harness";
import { sqlPagesStore, sqlPlanStore } from "../../store";
import { serveApi, type ServedApi } from "../../../test/http/served-api";
import { journalRoutes } from "./journal";
import { reconcileRoutes } from "./reconcile";

let h: Harness;
let api: ServedApi;
const CASE = "01.02.05-G01-12-26";
const PDF = Buffer.from("%PDF-1.4 dagsorden").toString("base64");

beforeAll(async () => {
  h = await startHarness();
  await h.sync();
  const now = () => new Date();
  const inquiries = inquiryJournal({
    journal: h.journal,
    allInquiries: () => h.store.listInquiries(),
    settings: { mailbox: JOURNAL, caseNumberFormat: KL_CASE_NUMBER_FORMAT, dueWorkingDays: 5 },
    calendar: () => Promise.resolve(DEFAULT_CALENDAR),
    now,
  });
  const people = { secretary: SECRETARY, mayor: MAYOR };
  api = await serveApi(h.sim, { audit: h.audit, people }, (builder) => {
    reconcileRoutes(builder, { reconciler: h.reconciler, mirror: h.mirror, now, inquiryJournal: inquiries });
    journalRoutes(builder, {
      outbox: h.outbox,
      journal: h.journal,
      reconcile: h.store,
      mirror: h.mirror,
      gateway: h.gateway,
      plans: sqlPlanStore(h.db, h.clock),
      pages: sqlPagesStore(h.db, h.clock),
      mayorMailbox: MAYOR,
      privacy: { privateItemsVisibleTo: ["secretary"] },
      inquiryJournal: inquiries,
      calendar: () => Promise.resolve(DEFAULT_CALENDAR),
      now,
    });
  });
}, 180_000);
afterAll(async () => {
  await api.close();
  await h.close();
});

const call = (method: string, path: string, body?: unknown, who = "secretary") =>
  api.call(method, path, body, { as: who });

const inquiryAbout = async (words: string): Promise<Inquiry> => {
  const { body } = await call("GET", "/inquiries");
  const found = (body["inquiries"] as Inquiry[]).find((i) => i.subject.includes(words));
  if (!found) throw new Error(`no inquiry about ${words}`);
  return found;
};

describe("journalising an inquiry through the API", () => {
  it("refuses a case number not in the municipality's form, showing the form expected", async () => {
    const noise = await inquiryAbout("Støj fra byggepladsen");
    const refused = await call("POST", `/inquiries/${noise.id}/journal`, { caseNumber: "2026-0042" });
    expect(refused.status).toBe(400);
    expect(refused.type).toContain("application/problem+json");
    expect(refused.body["detail"]).toContain("Forventet form: 00.01.00-A00-1-24");
    expect(refused.body["errors"]).toEqual([
      { field: "body.caseNumber", message: expect.stringContaining("2026-0042") },
    ]);
    expect(await readJournalMailbox(h.sim)).toEqual([]);
  });

  it("in the demo, every inquiry shown as answered has its answer in Sent Items to journalise with it", async () => {
    const { body } = await call("GET", "/inquiries");
    const answered = (body["inquiries"] as Inquiry[]).filter((i) => i.status === "answered");
    expect(answered.map((i) => i.subject).sort()).toEqual([
      "Buslinje 212 nedlægges – hvad med de ældre i Skovby?",
      "Støj fra byggepladsen på Havnevej om natten",
    ]);
    expect(answered.map((i) => [i.subject, i.journal.documents.map((d) => d.kind)])).toEqual(
      answered.map((i) => [i.subject, ["inquiry", "answer"]]),
    );
  });

  it("is for the secretary and the chief of staff, not the mayor", async () => {
    const noise = await inquiryAbout("Støj fra byggepladsen");
    expect((await call("POST", `/inquiries/${noise.id}/journal`, { caseNumber: CASE }, "mayor")).status).toBe(
      403,
    );
  });

  it("files the inquiry and its answer from Sent Items in the case, once each, and shows when, by whom and which case", async () => {
    const noise = await inquiryAbout("Støj fra byggepladsen");
    expect(noise.journal.state).toBe("notJournalised");
    expect(noise.journal.documents.map((d) => d.kind)).toEqual(["inquiry", "answer"]);
    const first = await call("POST", `/inquiries/${noise.id}/journal`, { caseNumber: ` ${CASE} ` });
    expect(first.status).toBe(200);
    const again = await call("POST", `/inquiries/${noise.id}/journal`, { caseNumber: CASE });
    expect(again.status).toBe(200);
    const journal = await readJournalMailbox(h.sim);
    expect(journal.map((m) => m.subject).sort()).toEqual([
      `[Sag ${CASE}] SV: Støj fra byggepladsen på Havnevej om natten`,
      `[Sag ${CASE}] Støj fra byggepladsen på Havnevej om natten`,
    ]);
    expect(journal.find((m) => !m.subject.includes("SV:"))?.body).toContain("kirsten.poulsen@mail.dk");
    const shown = await inquiryAbout("Støj fra byggepladsen");
    expect(shown.caseNumber).toBe(CASE);
    expect(shown.journal).toMatchObject({ state: "journalised", due: null, missing: false });
    expect(shown.journal.documents).toEqual([
      expect.objectContaining({
        kind: "inquiry",
        state: "journalised",
        caseNumber: CASE,
        journalisedBy: expect.any(String),
        journalisedAt: expect.any(String),
      }),
      expect.objectContaining({ kind: "answer", state: "journalised", caseNumber: CASE }),
    ]);
    const logged = await h.audit.between(
      { from: "2000-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z" },
      { limit: 1000 },
    );
    const journalised = logged.filter((e) => e.action === "journal.inquiry" && e.targetId === noise.id);
    // The second request filed nothing new: one entry, the secretary's.
    expect(journalised).toHaveLength(1);
  });

  it("forwards Ole Bak's inquiry with his PDF intact", async () => {
    const path = await inquiryAbout("cykelstien til Skovby");
    await call("POST", `/inquiries/${path.id}/journal`, { caseNumber: "05.01.08-P20-3-26" });
    const filed = (await readJournalMailbox(h.sim)).find((m) => m.subject.includes("cykelstien"));
    expect(filed?.subject).toBe(
      "[Sag 05.01.08-P20-3-26] Ønske om møde med borgmesteren om cykelstien til Skovby",
    );
    expect(filed?.attachments.map((a) => a.name)).toEqual([expect.stringMatching(/\.pdf$/)]);
  });
});

describe("journalising a meeting through the API", () => {
  async function meeting(subject: string, sensitivity = "normal"): Promise<string> {
    const mayor = await graphAs(h.sim, MAYOR);
    const created = await mayor("POST", `/users/${MAYOR}/events`, {
      subject,
      sensitivity,
      body: {
        contentType: "html",
        content: "<p>Dagsorden</p><p>1. Trafik på Havnevej</p><p>2. Eventuelt</p>",
      },
      start: daysAheadAt(2, 10),
      end: daysAheadAt(2, 11),
      location: { displayName: "Byrådssalen" },
    });
    await h.sync();
    return String(created["id"]);
  }

  it("files the invitation with its agenda as an .ics, the material received and the weekly meeting's decisions", async () => {
    const id = await meeting("Møde om trafikken på Havnevej");
    const plans = sqlPlanStore(h.db, h.clock);
    const start = (await h.mirror.getItem(MAYOR, "events", id))?.data["start"] as { dateTime: string };
    await plans.recordOrder({
      mailbox: MAYOR,
      eventId: id,
      kind: "material",
      meetingStart: new Date(`${start.dateTime.slice(0, 19)}Z`).toISOString(),
      body: { department: "teknik-miljoe@fjordby.dk", what: "Trafiktælling" },
      sentBy: "Camilla Nørgaard",
    });
    const response = await fetch(`${h.sim.url}/_sim/act/teknik-miljoe@fjordby.dk/sendMail`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        senderName: "Teknik og Miljø",
        message: {
          subject: "Materiale: trafiktælling Havnevej",
          toRecipients: [{ emailAddress: { address: MAYOR } }],
          attachments: [
            {
              "@odata.type": "#microsoft.graph.fileAttachment",
              name: "Trafiktælling.pdf",
              contentType: "application/pdf",
              contentBytes: PDF,
            },
          ],
        },
      }),
    });
    expect(response.status).toBe(202);
    await h.sync();
    await sqlPagesStore(h.db, h.clock).recordDecision({
      mailbox: MAYOR,
      weekStart: "2026-12-07",
      eventId: id,
      decision: "accept",
      detail: { comment: "Vigtigt for beboerne" },
      outcome: "applied",
      decidedBy: "Birgitte Holm Sørensen",
    });
    const before = (await call("GET", `/meetings/${id}/journal`)).body as unknown as MeetingJournal;
    expect(before.journal.documents.map((d) => [d.kind, d.state])).toEqual([
      ["invitation", "notJournalised"],
      ["material", "notJournalised"],
      ["minutes", "notJournalised"],
    ]);
    const filed = await call("POST", `/meetings/${id}/journal`, { caseNumber: CASE });
    expect(filed.status).toBe(200);
    expect((filed.body as unknown as MeetingJournal).journal.state).toBe("journalised");
    const mails = (await readJournalMailbox(h.sim)).filter(
      (m) =>
        (m.subject.includes("Havnevej") && m.subject.includes("Møde")) || m.subject.includes("trafiktælling"),
    );
    expect(mails.map((m) => [m.subject, m.attachments.map((a) => a.name)]).sort()).toEqual([
      [`[Sag ${CASE}] Beslutninger fra kalendermødet: Møde om trafikken på Havnevej`, []],
      [`[Sag ${CASE}] Materiale: trafiktælling Havnevej`, ["Trafiktælling.pdf"]],
      [`[Sag ${CASE}] Møde: Møde om trafikken på Havnevej`, ["Møde om trafikken på Havnevej.ics"]],
    ]);
    const invitation = mails.find((m) => m.subject.includes("] Møde:"));
    expect(invitation?.body).toContain("1. Trafik på Havnevej");
    const ics = Buffer.from(invitation?.attachments[0]?.contentBytes ?? "", "base64").toString();
    expect(ics).toContain("DESCRIPTION:Dagsorden");
    const minutes = mails.find((m) => m.subject.includes("Beslutninger"));
    expect(minutes?.body).toContain("Borgmesteren deltager");
    expect(minutes?.body).toContain("Vigtigt for beboerne");
  });

  it("never files a private meeting unless the secretary chooses it, and the audit log records the choice", async () => {
    const id = await meeting("Lægebesøg", "private");
    const refused = await call("POST", `/meetings/${id}/journal`, { caseNumber: CASE });
    expect(refused.status).toBe(409);
    expect(refused.type).toContain("application/problem+json");
    expect((await readJournalMailbox(h.sim)).some((m) => m.subject.includes("Lægebesøg"))).toBe(false);
    const chosen = await call("POST", `/meetings/${id}/journal`, { caseNumber: CASE, includePrivate: true });
    expect(chosen.status).toBe(200);
    expect((await readJournalMailbox(h.sim)).filter((m) => m.subject.includes("Lægebesøg"))).toHaveLength(1);
    const logged = await h.audit.forMeeting(id);
    expect(logged.map((e) => e.action)).toContain("journal.privateMeeting");
    expect(logged.map((e) => e.action)).not.toContain("journal.meeting");
  });
});
