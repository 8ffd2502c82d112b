import { readJournalMailbox, startSim, type RunningSim } from "@modeklar/m365-sim";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { OUTBOX_HEADER, OUTBOX_PROPERTY, type MailboxGateway } from "../graph";
import { citizenWritesWithFile, connectToSim, graphAs, MAYOR, simControl } from "../../test/sync/sim";
import { meetingCalendar } from "../ics/calendar-file";
import { journalMailbox, type JournalChannel } from "./channel";

const JOURNAL = "journal@fjordby.dk";
const PDF = Buffer.from("%PDF-1.4 underskrifter").toString("base64");

let sim: RunningSim;
let gateway: MailboxGateway;
let channel: JournalChannel;

/** A citizen writes to the mayor with a PDF; the id of the mayor's copy. */
const citizenWrites = (subject: string) => citizenWritesWithFile(sim, subject, PDF);

beforeAll(async () => {
  sim = await startSim({ seed: { emptyCalendar: true } });
  ({ gateway } = await connectToSim(sim));
  channel = journalMailbox(gateway, { address: JOURNAL, subjectTag: "[Sag {journalnummer}]" });
});
beforeEach(() => simControl(sim)("POST", "/reset"));
afterAll(() => sim.close());

describe("the journal mailbox as the journal channel", () => {
  it("forwards a citizen's mail whole under the case's tag: the original sender quoted and the PDF attached", async () => {
    const id = await citizenWrites("Cykelsti til Skovby");
    await channel.file(
      MAYOR,
      "05.01.08-P20-3-26",
      { file: "item", messageId: id, subject: "Cykelsti til Skovby" },
      "journal-1",
    );
    const journal = await readJournalMailbox(sim);
    expect(journal.map((m) => [m.subject, m.from, m.attachments.map((a) => a.name)])).toEqual([
      ["[Sag 05.01.08-P20-3-26] Cykelsti til Skovby", MAYOR, ["Underskrifter.pdf"]],
    ]);
    expect(journal[0]?.body).toContain("ole.bak@gmail.com");
    expect(journal[0]?.attachments[0]?.contentBytes).toBe(PDF);
  });

  it("sends the forward draft a process that died before sending it left behind, and leaves Drafts empty", async () => {
    const id = await citizenWrites("Støj fra byggepladsen");
    const mayor = await graphAs(sim, MAYOR);
    // The dead process made the draft (twice, on two tries) and never sent it.
    for (let tries = 0; tries < 2; tries += 1)
      await mayor("POST", `/users/${MAYOR}/messages/${id}/createForward`, {
        toRecipients: [{ emailAddress: { address: JOURNAL } }],
        message: {
          internetMessageHeaders: [{ name: OUTBOX_HEADER, value: "journal-3" }],
          singleValueExtendedProperties: [{ id: OUTBOX_PROPERTY, value: "journal-3" }],
        },
      });
    const drafts = () => mayor("GET", `/users/${MAYOR}/mailFolders/drafts/messages?$select=id`);
    expect((await drafts())["value"]).toHaveLength(2);

    await channel.file(
      MAYOR,
      "05.01.08-P20-3-26",
      { file: "item", messageId: id, subject: "Støj fra byggepladsen" },
      "journal-3",
    );
    expect((await drafts())["value"]).toEqual([]);
    const journal = await readJournalMailbox(sim);
    expect(journal.map((m) => [m.subject, m.attachments.map((a) => a.name)])).toEqual([
      ["[Sag 05.01.08-P20-3-26] Støj fra byggepladsen", ["Underskrifter.pdf"]],
    ]);
    expect(await channel.findFiled(MAYOR, "journal-3")).toEqual(expect.any(String));
  });

  it("mails a meeting's invitation with its agenda as a calendar file, and finds the filing by its id afterwards", async () => {
    const ics = meetingCalendar(
      {
        uid: "møde-1",
        summary: "Møde om Havnevej",
        start: "2026-12-08T09:00:00Z",
        end: "2026-12-08T10:00:00Z",
        isAllDay: false,
        location: "Byrådssalen",
        status: "CONFIRMED",
        isPrivate: false,
        description: "1. Trafik\n2. Støj",
      },
      new Date("2026-12-06T10:00:00Z"),
    );
    expect(await channel.findFiled(MAYOR, "journal-2")).toBeNull();
    await channel.file(
      MAYOR,
      "01.02.05-G01-12-26",
      {
        file: "document",
        subject: "Møde: Møde om Havnevej",
        body: "Dagsorden og indkaldelsestekst:\n1. Trafik\n2. Støj",
        attachments: [
          {
            name: "Møde.ics",
            contentType: "text/calendar",
            contentBytes: Buffer.from(ics).toString("base64"),
          },
        ],
      },
      "journal-2",
    );
    const [filed] = await readJournalMailbox(sim);
    expect(filed?.subject).toBe("[Sag 01.02.05-G01-12-26] Møde: Møde om Havnevej");
    const calendar = Buffer.from(filed?.attachments[0]?.contentBytes ?? "", "base64").toString();
    expect(calendar).toContain("SUMMARY:Møde om Havnevej");
    expect(calendar).toContain("DESCRIPTION:1. Trafik\\n2. Støj");
    expect(await channel.findFiled(MAYOR, "journal-2")).toEqual(expect.any(String));
  });
});
