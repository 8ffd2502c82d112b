import { readJournalMailbox, startSim, type RunningSim } from "@modeklar/m365-sim";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { MailboxGateway } from "../graph";
import { testOutbox, SENT_ITEMS_SETTLE_MS } from "../../test/outbox/outbox";
import { ManualClock, sqlJournalStore, sqlReconcileStore, type SqlExecutor } from "../store";
import { migrate } from "../store/migrations";
import { openPglite } from "../store/pglite";
import type { InquiryRecord } from "../store/reconcile";
import { citizenWritesWithFile, connectToSim, MAYOR, simControl } from "../../test/sync/sim";
import { journalMailbox } from "./channel";
import { journalise } from "./journalise";
import { inquiryDocumentsDue } from "./overview";

const JOURNAL = "journal@fjordby.dk";
const CASE = "05.01.08-P20-3-26";
const PDF = Buffer.from("%PDF-1.4 underskrifter").toString("base64");

let sim: RunningSim;
let gateway: MailboxGateway;
let db: SqlExecutor;
let clock: ManualClock;
/** Sends the dead process never saw answered: ended when the test ends. */
const afterwards: (() => void)[] = [];

/** Ole Bak's inquiry with his PDF, registered as reconcile registers it. */
async function inquiryWithFile(subject: string): Promise<InquiryRecord> {
  const messageId = await citizenWritesWithFile(sim, subject, PDF);
  const { inquiry } = await sqlReconcileStore(db, clock).registerInquiry({
    mailbox: MAYOR,
    messageId,
    conversationId: null,
    internetMessageId: null,
    fromAddress: "ole.bak@gmail.com",
    fromName: "Ole Bak",
    subject,
    receivedAt: clock.now().toISOString(),
    dueAt: clock.now().toISOString(),
    department: null,
    departmentSource: null,
    updatedBy: "service",
  });
  return inquiry;
}

const outboxAs = (instanceId: string) =>
  testOutbox({
    db,
    gateway,
    clock,
    instanceId,
    journal: journalMailbox(gateway, { address: JOURNAL, subjectTag: "[Sag {journalnummer}]" }),
  });

const request = (inquiry: InquiryRecord) => ({
  mailbox: MAYOR,
  subjectKind: "inquiry" as const,
  subjectId: inquiry.id,
  documents: inquiryDocumentsDue(inquiry),
  caseNumber: CASE,
  requestedBy: "Sara Sekretær",
});

/**
 * The process journalising the inquiry dies in the send: before the forward left (`before`),
 * or after it left but before the send was recorded (`after`). Its send never returns.
 */
async function diesJournalising(inquiry: InquiryRecord, dies: "before" | "after"): Promise<void> {
  const forward = gateway.forwardRetitled.bind(gateway);
  let dying = () => {};
  const died = new Promise<void>((resolve) => (dying = resolve));
  const spy = vi.spyOn(gateway, "forwardRetitled").mockImplementation(async (...args) => {
    if (dies === "after") await forward(...args);
    dying();
    return new Promise<void>((_, reject) => afterwards.push(() => reject(new Error("killed"))));
  });
  void journalise(outboxAs("dies"), request(inquiry)).catch(() => undefined);
  await died;
  spy.mockRestore();
}

/** The restarted process, once the dead one's lease and Exchange's time to file the copy have passed. */
async function restart(): Promise<void> {
  clock.advance(Math.max(SENT_ITEMS_SETTLE_MS, 30_000) + 1_000);
  await outboxAs("restarted").runDue();
}

// One database for the suite (each test files its own inquiry); the journal mailbox starts empty in each.
beforeAll(async () => {
  db = await openPglite();
  await migrate(db);
  clock = new ManualClock(new Date());
  sim = await startSim({ seed: { emptyCalendar: true } });
  ({ gateway } = await connectToSim(sim));
});
beforeEach(() => simControl(sim)("POST", "/reset"));
afterEach(() => {
  for (const end of afterwards.splice(0)) end();
});
afterAll(async () => {
  await sim.close();
  await db.close();
});

describe("journalising an inquiry", () => {
  it("files the citizen's mail in the case once, with its tag, sender and PDF, however often it is asked for", async () => {
    const inquiry = await inquiryWithFile("Cykelsti til Skovby");
    const outbox = outboxAs("service");
    expect(await journalise(outbox, request(inquiry))).toEqual([`inquiry:${inquiry.id}:inquiry`]);
    expect(await journalise(outbox, request(inquiry))).toEqual([]);
    const journal = await readJournalMailbox(sim);
    expect(journal.map((m) => [m.subject, m.from, m.attachments.map((a) => a.name)])).toEqual([
      [`[Sag ${CASE}] Cykelsti til Skovby`, MAYOR, ["Underskrifter.pdf"]],
    ]);
    expect(journal[0]?.body).toContain("ole.bak@gmail.com");
    expect(await sqlJournalStore(db, clock).filing(`inquiry:${inquiry.id}:inquiry`)).toMatchObject({
      state: "journalised",
      caseNumber: CASE,
      requestedBy: "Sara Sekretær",
      journalisedAt: expect.any(String),
    });
  });

  it("is filed once after a restart when the process died before the forward left", async () => {
    const inquiry = await inquiryWithFile("Støj fra byggepladsen");
    await diesJournalising(inquiry, "before");
    expect(await readJournalMailbox(sim)).toEqual([]);
    expect((await sqlJournalStore(db, clock).filing(`inquiry:${inquiry.id}:inquiry`))?.state).toBe("sending");
    await restart();
    expect((await readJournalMailbox(sim)).map((m) => m.subject)).toEqual([
      `[Sag ${CASE}] Støj fra byggepladsen`,
    ]);
    expect((await sqlJournalStore(db, clock).filing(`inquiry:${inquiry.id}:inquiry`))?.state).toBe(
      "journalised",
    );
  });

  it("is found in Sent Items and not filed again when the process died between the send and its record", async () => {
    const inquiry = await inquiryWithFile("Grundejerforeningens vedtægter");
    await diesJournalising(inquiry, "after");
    expect(await readJournalMailbox(sim)).toHaveLength(1);
    await restart();
    await restart();
    const journal = await readJournalMailbox(sim);
    expect(journal.map((m) => m.subject)).toEqual([`[Sag ${CASE}] Grundejerforeningens vedtægter`]);
    expect((await sqlJournalStore(db, clock).filing(`inquiry:${inquiry.id}:inquiry`))?.state).toBe(
      "journalised",
    );
  });
});
