import { readJournalMailbox, startSim, type RunningSim } from "@modeklar/m365-sim";
import { InquiriesResponseSchema, type Inquiry } from "@modeklar/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citizenWritesWithFile } from "../../sync-service/test/sync/sim";
import { crashServiceEnv, ServiceProcess, runSchema } from "./crash";
import { apiToken, builtServiceArgs, control, eventually, MAYOR, SECRETARY } from "./stack";

/**
 * Journalising across a real crash: the built service, as production runs it, is killed with
 * SIGKILL while a filing has left for the journal mailbox and the service has not heard Graph's
 * answer (the simulator holds it back), then started again.
 */

const JOURNAL = "journal@fjordby.dk";
const NOTICE_HEADER = "x-moedeklar-notice";
const PDF = Buffer.from("%PDF-1.4 underskrifter").toString("base64");
/** The service's database: PostgreSQL, in a schema of this run, so its outbox can be read while it runs. */
const database = runSchema("journal_crash");
const { db, schema } = database;

let sim: RunningSim;
let env: Record<string, string>;
/** The built service as production runs it. */
let service: ServiceProcess;

const answering = () =>
  eventually(
    "the service answering",
    async () => (await fetch(`${env["PUBLIC_URL"]}/healthz`).catch(() => null))?.ok,
    60_000,
  );

async function inquiries(token: string) {
  const response = await fetch(`${env["PUBLIC_URL"]}/api/inquiries`, {
    headers: { authorization: `Bearer ${token}` },
  }).catch(() => null);
  return response?.ok ? InquiriesResponseSchema.parse(await response.json()) : null;
}

/** The inquiry with this subject once the service shows it so that `ready` holds. */
const inquiryShown = (token: string, subject: string, ready: (inquiry: Inquiry) => boolean) =>
  eventually(
    `«${subject}» shown`,
    async () => (await inquiries(token))?.inquiries.find((i) => i.subject === subject && ready(i)),
    120_000,
  );

interface SimMail {
  subject: string;
  internetMessageHeaders?: { name: string; value: string }[];
}
const mailIn = async (address: string, folder: string) =>
  ((await control(sim, "GET", `/mailboxes/${encodeURIComponent(address)}/messages?folder=${folder}`))[
    "value"
  ] ?? []) as SimMail[];
const noticeIdOf = (mail: SimMail) =>
  mail.internetMessageHeaders?.find((h) => h.name.toLowerCase() === NOTICE_HEADER)?.value ?? null;

beforeAll(async () => {
  const serviceArgs = await builtServiceArgs("journal-crash");
  sim = await startSim({ seed: { emptyCalendar: true } });
  await database.create();
  env = await crashServiceEnv(sim, database, { SAFETY_POLL_SECONDS: "2", JOURNAL_MAILBOX: JOURNAL });
  service = new ServiceProcess(serviceArgs, env);
}, 180_000);

afterAll(async () => {
  await service?.kill();
  await sim?.close();
  await database.drop();
});

describe("journalising under kill -9", () => {
  it("each document is filed exactly once, with the case's tag, the citizen's mail and his PDF, when the service is killed between a forward's send and its record, and between its draft and its send (no draft is left behind)", async () => {
    service.start();
    await answering();
    const token = await apiToken(sim, SECRETARY);

    // Ole Bak writes with his signatures; the mayor answers him from Outlook.
    const subject = "Underskrifter mod lukning af Skovby Skole";
    const letter = await citizenWritesWithFile(sim, subject, PDF);
    await control(
      sim,
      "POST",
      `/act/${encodeURIComponent(MAYOR)}/messages/${encodeURIComponent(letter)}/reply`,
      {
        comment: "Tak for underskrifterne. Byrådet behandler sagen i januar.",
      },
    );
    // And he writes again, about the building site on Havnevej.
    const noise = "Støj fra byggepladsen på Havnevej";
    await citizenWritesWithFile(sim, noise, PDF);
    const answered = await inquiryShown(token, subject, (i) => i.status === "answered");
    const unanswered = await inquiryShown(token, noise, (i) => i.status === "received");
    const caseNumber = (await inquiries(token))?.caseNumberFormat.example ?? "";
    expect(answered.journal.documents.map((d) => d.kind)).toEqual(["inquiry", "answer"]);

    const journalise = (inquiry: Inquiry) =>
      void fetch(`${env["PUBLIC_URL"]}/api/inquiries/${encodeURIComponent(inquiry.id)}/journal`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ caseNumber }),
      }).catch(() => undefined);

    // Graph sends the letter's forward and the service never hears it.
    await control(sim, "PUT", "/faults", { holdAnswersTo: ["/send"], holdAnswerMs: 120_000 });
    journalise(answered);
    await eventually(
      "the letter in the journal mailbox",
      async () => (await readJournalMailbox(sim)).length > 0,
    );
    // Graph makes the other letter's forward draft and the service never hears it.
    await control(sim, "PUT", "/faults", { holdAnswersTo: ["/createForward"] });
    journalise(unanswered);
    await eventually(
      "the forward draft in the mayor's Drafts",
      async () => (await mailIn(MAYOR, "drafts")).length > 0,
    );
    await service.kill();
    // The letter's filing left unrecorded, the other's draft was made, the answer's was never tried.
    const { rows: before } = await db.query<{ document: string; state: string; tried: boolean }>(
      `SELECT cause->>'documentKey' AS document, state, sending_since IS NOT NULL AS tried
       FROM ${schema}.outbox WHERE kind = 'journal'`,
    );
    const byDocument = (a: { document: string }, b: { document: string }) =>
      a.document < b.document ? -1 : 1;
    expect(before.sort(byDocument)).toEqual(
      [
        { document: `inquiry:${answered.id}:answer`, state: "pending", tried: false },
        { document: `inquiry:${answered.id}:inquiry`, state: "pending", tried: true },
        { document: `inquiry:${unanswered.id}:inquiry`, state: "pending", tried: true },
      ].sort(byDocument),
    );

    await control(sim, "PUT", "/faults", { holdAnswersTo: [], holdAnswerMs: 0 });
    service.start();
    await answering();
    // The dead process's hold on the filings lapses (30 s); Sent Items tells the letter had left,
    // and the other letter's draft is sent.
    const journalised = await inquiryShown(token, subject, (i) => i.journal.state === "journalised");
    await inquiryShown(token, noise, (i) => i.journal.state === "journalised");
    expect(await mailIn(MAYOR, "drafts")).toEqual([]);
    expect(journalised.journal.documents.map((d) => [d.kind, d.state, d.caseNumber])).toEqual([
      ["inquiry", "journalised", caseNumber],
      ["answer", "journalised", caseNumber],
    ]);

    const journal = await readJournalMailbox(sim);
    expect(journal.map((m) => m.subject).sort()).toEqual(
      [
        `[Sag ${caseNumber}] ${subject}`,
        `[Sag ${caseNumber}] SV: ${subject}`,
        `[Sag ${caseNumber}] ${noise}`,
      ].sort(),
    );
    const letterFiled = journal.find((m) => m.subject === `[Sag ${caseNumber}] ${subject}`);
    expect(letterFiled?.from).toBe(MAYOR);
    expect(letterFiled?.body).toContain("ole.bak@gmail.com");
    expect(letterFiled?.attachments.map((a) => [a.name, a.contentBytes])).toEqual([
      ["Underskrifter.pdf", PDF],
    ]);
    const noiseFiled = journal.find((m) => m.subject === `[Sag ${caseNumber}] ${noise}`);
    expect(noiseFiled?.attachments.map((a) => a.name)).toEqual(["Underskrifter.pdf"]);
    const answerFiled = journal.find((m) => m.subject === `[Sag ${caseNumber}] SV: ${subject}`);
    expect(answerFiled?.body).toContain("Byrådet behandler sagen i januar");

    // Each filing is the outbox's one mail for its document, sent once.
    const { rows: after } = await db.query<{ id: string; state: string }>(
      `SELECT id, state FROM ${schema}.outbox WHERE kind = 'journal'`,
    );
    expect(after.map((r) => r.state)).toEqual(["sent", "sent", "sent"]);
    expect((await mailIn(JOURNAL, "inbox")).map(noticeIdOf).sort()).toEqual(after.map((r) => r.id).sort());
  }, 300_000);
});
