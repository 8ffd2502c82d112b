import { describe, expect, it } from "vitest";
import { messagesOf, type MailMessage } from "../mail/model";
import { SimState } from "../state";
import { IDS, seedUsers } from "./directory";
import { seedMail } from "./mail";

const ANCHOR = "2026-03-02";

function seeded(options: { anchor?: string; scale?: number } = { anchor: ANCHOR }): SimState {
  const state = new SimState();
  for (const user of seedUsers()) state.users.set(user.id, user);
  seedMail(state, options);
  return state;
}

const inboxOf = (state: SimState, mailboxId: string): MailMessage[] =>
  [...messagesOf(state, mailboxId).values()].filter((m) => m._folder === "inbox");

describe("the mail seed", () => {
  it("gives the mayor citizen inquiries from outside, partner mail and departmental mail, in Danish", () => {
    const inbox = inboxOf(seeded(), IDS.mayor);
    const domains = new Set(inbox.map((m) => m.from?.emailAddress?.address?.split("@")[1]));
    for (const domain of [
      "gmail.com",
      "hotmail.dk",
      "mail.dk",
      "regionsjaelland.dk",
      "kl.dk",
      "trm.dk",
      "fjordby.dk",
    ]) {
      expect(domains).toContain(domain);
    }
    expect(inbox.map((m) => m.subject)).toContain("Buslinje 212 nedlægges – hvad med de ældre i Skovby?");
  });

  it("spreads the mail over the two weeks before the anchor and the anchor week", () => {
    const received = inboxOf(seeded(), IDS.mayor).map((m) => m.receivedDateTime ?? "");
    expect(received.every((t) => t >= "2026-02-16" && t < "2026-03-09")).toBe(true);
    expect(received.some((t) => t < "2026-02-23")).toBe(true);
    expect(received.some((t) => t >= "2026-03-02")).toBe(true);
  });

  it("has flagged mail both overdue and due this week, and some with categories", () => {
    const inbox = inboxOf(seeded(), IDS.mayor);
    const due = inbox
      .filter((m) => m.flag?.flagStatus === "flagged")
      .map((m) => m.flag?.dueDateTime?.dateTime ?? "");
    expect(due.some((d) => d < "2026-03-02")).toBe(true);
    expect(due.some((d) => d >= "2026-03-02" && d < "2026-03-09")).toBe(true);
    expect(inbox.some((m) => m.flag?.flagStatus === "complete")).toBe(true);
    expect(inbox.filter((m) => (m.categories ?? []).includes("Borgerhenvendelse")).length).toBeGreaterThan(1);
  });

  it("gives the mayor master categories Byråd and Privat", () => {
    const names = seeded()
      .mailbox(IDS.mayor)
      .masterCategories.map((c) => c.displayName);
    expect(names).toEqual(expect.arrayContaining(["Byråd", "Privat"]));
  });

  it("puts a few items in the secretary's inbox; the bus inquiry, sent to the department, is answered from the mayor's Sent Items in its thread", () => {
    const state = seeded();
    expect(inboxOf(state, IDS.secretary).length).toBeGreaterThanOrEqual(3);
    const mayors = [...messagesOf(state, IDS.mayor).values()];
    const inquiry = mayors.find((m) => m._folder === "inbox" && m.subject?.startsWith("Buslinje 212"));
    const sent = mayors.filter(
      (m) => m._folder === "sentitems" && m.conversationId === inquiry?.conversationId,
    );
    expect(sent.map((m) => [m.subject, m.toRecipients?.[0]?.emailAddress?.address])).toEqual([
      ["FW: Buslinje 212 nedlægges – hvad med de ældre i Skovby?", "teknik-miljoe@fjordby.dk"],
      ["RE: Buslinje 212 nedlægges – hvad med de ældre i Skovby?", "anna.jensen@gmail.com"],
    ]);
    // Nothing from inside the organisation in the thread answers it before the reply does.
    expect(
      mayors.filter(
        (m) => m._folder === "inbox" && m.conversationId === inquiry?.conversationId && m.id !== inquiry?.id,
      ),
    ).toEqual([]);
  });

  it("is the same for the same anchor, and --scale adds generated inquiries", () => {
    const subjects = (state: SimState) =>
      inboxOf(state, IDS.mayor).map((m) => `${m.receivedDateTime} ${m.subject}`);
    expect(subjects(seeded())).toEqual(subjects(seeded()));
    const scaled = seeded({ anchor: ANCHOR, scale: 30 });
    expect(inboxOf(scaled, IDS.mayor).length).toBe(inboxOf(seeded(), IDS.mayor).length + 30);
  });

  it("gives a citizen's inquiry a PDF and has the noise complaint answered from the mayor's mailbox by the secretary", () => {
    const state = seeded();
    const inbox = inboxOf(state, IDS.mayor);
    const cycling = inbox.find((m) => m.subject?.startsWith("Ønske om møde med borgmesteren om cykelstien"));
    expect(cycling?.hasAttachments).toBe(true);
    expect(cycling?._attachments?.map((a) => [a.name, a.contentType])).toEqual([
      ["Underskrifter cykelsti Skovby.pdf", "application/pdf"],
    ]);
    expect(Buffer.from(cycling?._attachments?.[0]?.contentBytes ?? "", "base64").toString()).toMatch(
      /^%PDF-1\.4/,
    );
    const complaint = inbox.find((m) => m.subject?.startsWith("Støj fra byggepladsen"));
    const answer = [...messagesOf(state, IDS.mayor).values()].find(
      (m) => m._folder === "sentitems" && m.conversationId === complaint?.conversationId,
    );
    expect(answer?.subject).toBe("RE: Støj fra byggepladsen på Havnevej om natten");
    expect(answer?.from?.emailAddress?.address).toBe("borgmester@fjordby.dk");
    expect(answer?.sender?.emailAddress?.address).toBe("sekretaer@fjordby.dk");
    expect(answer?.toRecipients?.[0]?.emailAddress?.address).toBe("kirsten.poulsen@mail.dk");
  });
});
