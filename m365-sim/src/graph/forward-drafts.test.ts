import type { Message } from "@microsoft/microsoft-graph-types";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_CLIENT_ID, readJournalMailbox, startSim, type RunningSim } from "../index";
import { ADDRESSES, CASE_SYSTEM_CLIENT } from "../seed/directory";

/**
 * File attachments, forwards that keep them, and forward drafts (createForward, PATCH, send),
 * each rule as Graph's documentation states it:
 * https://learn.microsoft.com/en-us/graph/api/user-sendmail (Example: with a file attachment)
 * https://learn.microsoft.com/en-us/graph/api/message-list-attachments
 * https://learn.microsoft.com/en-us/graph/api/message-forward
 * https://learn.microsoft.com/en-us/graph/api/message-createforward
 * https://learn.microsoft.com/en-us/graph/api/message-send
 */

let sim: RunningSim;
let token: string;
const MAYOR = `/v1.0/users/${ADDRESSES.mayor}`;
const PDF = Buffer.from("%PDF-1.4 underskrifter").toString("base64");
const TAG_PROPERTY = "String {8c6f7a3e-2b1d-4e5f-9a0c-6d4b3e2f1a70} Name JournalTest";

interface Answer {
  status: number;
  body: Record<string, unknown> & { value?: Record<string, unknown>[]; error?: { code: string } };
}

async function graph(method: string, path: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Answer["body"]) : {} };
}

async function control(method: string, path: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${sim.url}/_sim${path}`, {
    method,
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Answer["body"]) : {} };
}

const file = (name: string, contentBytes = PDF) => ({
  "@odata.type": "#microsoft.graph.fileAttachment",
  name,
  contentType: "application/pdf",
  contentBytes,
});
const to = (address: string) => [{ emailAddress: { address } }];

/** A citizen's mail to the mayor with a file; the id of the mayor's copy. */
async function citizenSendsWithFile(subject: string): Promise<string> {
  const sent = await control("POST", "/act/ole.bak@gmail.com/sendMail", {
    senderName: "Ole Bak",
    message: {
      subject,
      body: { contentType: "text", content: "Se vedhæftede underskrifter." },
      toRecipients: to(ADDRESSES.mayor),
      attachments: [file("Underskrifter.pdf")],
    },
  });
  expect(sent.status).toBe(202);
  return (sent.body["delivered"] as { id: string }[])[0]!.id;
}

beforeAll(async () => {
  sim = await startSim({ seed: { emptyCalendar: true } });
});
beforeEach(async () => {
  expect((await control("POST", "/reset")).status).toBe(204);
  const minted = await control("POST", "/token", { clientId: DEMO_CLIENT_ID });
  token = String(minted.body["access_token"]);
});
afterAll(() => sim.close());

describe("file attachments", () => {
  it("delivers a sendMail's file attachment to the recipient and keeps it on the Sent Items copy", async () => {
    const id = await citizenSendsWithFile("Cykelsti");
    const message = (await graph("GET", `${MAYOR}/messages/${id}`)).body as Message;
    expect(message.hasAttachments).toBe(true);
    const list = await graph("GET", `${MAYOR}/messages/${id}/attachments`);
    expect(list.body.value).toEqual([
      expect.objectContaining({
        "@odata.type": "#microsoft.graph.fileAttachment",
        name: "Underskrifter.pdf",
        contentType: "application/pdf",
        size: Buffer.from(PDF, "base64").length,
        isInline: false,
        contentBytes: PDF,
      }),
    ]);
    const attachmentId = String(list.body.value![0]!["id"]);
    const one = await graph("GET", `${MAYOR}/messages/${id}/attachments/${attachmentId}`);
    expect(one.body["name"]).toBe("Underskrifter.pdf");
    const raw = await fetch(`${sim.url}${MAYOR}/messages/${id}/attachments/${attachmentId}/$value`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(Buffer.from(await raw.arrayBuffer()).toString()).toBe("%PDF-1.4 underskrifter");
  });

  it("answers 400 for an attachment whose content is not base64", async () => {
    const sent = await graph("POST", `${MAYOR}/sendMail`, {
      message: {
        subject: "Bilag",
        toRecipients: to(ADDRESSES.secretary),
        attachments: [file("a.pdf", "ikke base64!")],
      },
    });
    expect(sent.status).toBe(400);
  });

  it("gives a message without files no attachments", async () => {
    await graph("POST", `${MAYOR}/sendMail`, {
      message: { subject: "Uden bilag", toRecipients: to(ADDRESSES.journal) },
    });
    const [mail] = await readJournalMailbox(sim);
    expect(mail).toMatchObject({ subject: "Uden bilag", attachments: [] });
  });
});

describe("forward", () => {
  it("carries the original's files to the recipient, while a reply does not", async () => {
    const id = await citizenSendsWithFile("Cykelsti til Skovby");
    expect(
      (
        await graph("POST", `${MAYOR}/messages/${id}/forward`, {
          comment: "Til sagen",
          toRecipients: to(ADDRESSES.journal),
        })
      ).status,
    ).toBe(202);
    expect((await graph("POST", `${MAYOR}/messages/${id}/reply`, { comment: "Tak" })).status).toBe(202);
    const [forwarded] = await readJournalMailbox(sim);
    expect(forwarded?.subject).toBe("FW: Cykelsti til Skovby");
    expect(forwarded?.attachments.map((a) => a.name)).toEqual(["Underskrifter.pdf"]);
    const replies = (await control("GET", "/mailboxes/ole.bak@gmail.com/messages")).body.value ?? [];
    expect(replies.some((m) => m["subject"] === "RE: Cykelsti til Skovby")).toBe(true);
  });

  it("answers 400 for both a comment and the message's body, and for recipients given twice", async () => {
    const id = await citizenSendsWithFile("Cykelsti");
    const both = await graph("POST", `${MAYOR}/messages/${id}/forward`, {
      comment: "Til sagen",
      toRecipients: to(ADDRESSES.journal),
      message: { body: { contentType: "text", content: "Også til sagen" } },
    });
    expect(both.status).toBe(400);
    const twice = await graph("POST", `${MAYOR}/messages/${id}/forward`, {
      toRecipients: to(ADDRESSES.journal),
      message: { toRecipients: to(ADDRESSES.secretary) },
    });
    expect(twice.status).toBe(400);
    const neither = await graph("POST", `${MAYOR}/messages/${id}/forward`, { comment: "Til hvem?" });
    expect(neither.status).toBe(400);
    expect(await readJournalMailbox(sim)).toEqual([]);
  });
});

describe("forward drafts", () => {
  it("creates the forward as a draft with the original's files, which a PATCH may retitle and send sends", async () => {
    const id = await citizenSendsWithFile("Cykelsti til Skovby");
    const created = await graph("POST", `${MAYOR}/messages/${id}/createForward`, {
      toRecipients: to(ADDRESSES.journal),
      message: { singleValueExtendedProperties: [{ id: TAG_PROPERTY, value: "journal-1" }] },
    });
    expect(created.status).toBe(201);
    const draft = created.body as unknown as Message & { id: string };
    expect(draft).toMatchObject({ isDraft: true, subject: "FW: Cykelsti til Skovby", hasAttachments: true });
    const inDrafts = await graph("GET", `${MAYOR}/mailFolders/drafts/messages`);
    expect(inDrafts.body.value?.map((m) => m["id"])).toEqual([draft.id]);
    expect((await graph("GET", `${MAYOR}/messages/${draft.id}/attachments`)).body.value).toHaveLength(1);

    const retitled = await graph("PATCH", `${MAYOR}/messages/${draft.id}`, {
      subject: "[Sag 05.01.08-P20-3-26] Cykelsti til Skovby",
    });
    expect(retitled.status).toBe(200);
    expect((await graph("POST", `${MAYOR}/messages/${draft.id}/send`)).status).toBe(202);

    expect((await graph("GET", `${MAYOR}/messages/${draft.id}`)).status).toBe(404);
    expect((await graph("GET", `${MAYOR}/mailFolders/drafts/messages`)).body.value).toEqual([]);
    const filter = `singleValueExtendedProperties/any(ep: ep/id eq '${TAG_PROPERTY}' and ep/value eq 'journal-1')`;
    const sent = await graph(
      "GET",
      `${MAYOR}/mailFolders/sentitems/messages?$filter=${encodeURIComponent(filter)}&$select=subject,hasAttachments,conversationId`,
    );
    expect(sent.body.value).toEqual([
      expect.objectContaining({
        subject: "[Sag 05.01.08-P20-3-26] Cykelsti til Skovby",
        hasAttachments: true,
      }),
    ]);
    const original = (await graph("GET", `${MAYOR}/messages/${id}`)).body as Message;
    expect(sent.body.value![0]!["conversationId"]).toBe(original.conversationId);
    const journal = await readJournalMailbox(sim);
    expect(journal.map((m) => [m.subject, m.from, m.attachments.map((a) => a.name)])).toEqual([
      ["[Sag 05.01.08-P20-3-26] Cykelsti til Skovby", ADDRESSES.mayor, ["Underskrifter.pdf"]],
    ]);
    expect(journal[0]?.body).toContain("ole.bak@gmail.com");
  });

  it("refuses to send a message that is not a draft, and a draft with nobody to send it to", async () => {
    const id = await citizenSendsWithFile("Cykelsti");
    expect((await graph("POST", `${MAYOR}/messages/${id}/send`)).status).toBe(400);
    const created = await graph("POST", `${MAYOR}/messages/${id}/createForward`, { comment: "Kladde" });
    expect(created.status).toBe(201);
    const unsent = await graph("POST", `${MAYOR}/messages/${String(created.body["id"])}/send`);
    expect(unsent.status).toBe(400);
    expect(unsent.body.error?.code).toBe("ErrorInvalidRecipients");
  });
});

describe("the journal mailbox", () => {
  it("is read by the case system's import app, which the access policy keeps out of the mayor's mailbox", async () => {
    await graph("POST", `${MAYOR}/sendMail`, {
      message: { subject: "Til journal", toRecipients: to(ADDRESSES.journal) },
    });
    expect((await readJournalMailbox(sim)).map((m) => m.subject)).toEqual(["Til journal"]);
    const minted = await control("POST", "/token", { clientId: CASE_SYSTEM_CLIENT.clientId });
    const refused = await fetch(`${sim.url}${MAYOR}/messages`, {
      headers: { authorization: `Bearer ${String(minted.body["access_token"])}` },
    });
    expect(refused.status).toBe(403);
  });
});
