import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphAs, MAYOR, SECRETARY, startSettledHarness, type Harness } from "../../test/reconcile/harness";

let h: Harness;

beforeAll(async () => {
  h = await startSettledHarness();
});
afterAll(() => h.close());

/** A citizen writes to the mayor; after a delta round of the inbox, the registered inquiry. */
async function citizenAsks(subject: string, from = "karen.holm@example.com") {
  const sent = await h.control("POST", `/act/${from}/sendMail`, {
    senderName: "Karen Holm",
    message: {
      subject,
      body: { contentType: "text", content: `Kære borgmester\n\n${subject}` },
      toRecipients: [{ emailAddress: { address: MAYOR } }],
    },
  });
  const messageId = (sent["delivered"] as { id: string }[])[0]?.id ?? "";
  await h.sync({ streams: ["messages"] });
  const inquiry = (await h.store.listInquiries()).find((i) => i.messageId === messageId);
  if (!inquiry) throw new Error(`no inquiry registered for "${subject}"`);
  return inquiry;
}

async function sentCopy(conversationId: string | null) {
  const mayor = await graphAs(h.sim, MAYOR);
  const page = await mayor(
    "GET",
    `/users/${MAYOR}/mailFolders/sentitems/messages?$filter=${encodeURIComponent(`conversationId eq '${conversationId}'`)}&$select=id,sentDateTime,internetMessageId`,
  );
  const [copy] = page["value"] as { id: string; sentDateTime: string; internetMessageId: string }[];
  if (!copy) throw new Error("no sent copy");
  return copy;
}

describe("replies sent from Outlook", () => {
  it("a reply the mayor sends through Graph marks the inquiry answered after one delta round, and the deadline list drops it", async () => {
    const inquiry = await citizenAsks("Hvornår bliver cykelstien på Fjordvej færdig?");
    const listed = async () =>
      (await h.reconciler.deadlines()).some(
        (d) => d.kind === "inquiryReply" && d.messageId === inquiry.messageId,
      );
    expect(await listed()).toBe(true);

    const mayor = await graphAs(h.sim, MAYOR);
    await mayor("POST", `/users/${MAYOR}/messages/${inquiry.messageId}/reply`, {
      comment: "Cykelstien står færdig til sommer.",
    });
    await h.sync();

    const copy = await sentCopy(inquiry.conversationId);
    expect(await h.store.getInquiry(inquiry.id)).toMatchObject({
      status: "answered",
      answeredAt: new Date(copy.sentDateTime).toISOString(),
      answeredBy: MAYOR,
      answerMessageId: copy.id,
      answerInternetMessageId: copy.internetMessageId,
    });
    expect(await listed()).toBe(false);
  });

  it("a reply the secretary sends from the mayor's mailbox is answered by her", async () => {
    const inquiry = await citizenAsks("Kan borgmesteren komme til vores jubilæum?");
    const secretary = await graphAs(h.sim, SECRETARY);
    await secretary("POST", `/users/${MAYOR}/messages/${inquiry.messageId}/reply`, {
      comment: "Borgmesteren kommer gerne.",
    });
    await h.sync();
    expect(await h.store.getInquiry(inquiry.id)).toMatchObject({ status: "answered", answeredBy: SECRETARY });
  });

  it("a forward to a department from Outlook marks the inquiry forwarded there, and it stays on the deadline list", async () => {
    const inquiry = await citizenAsks("Ønske om flere bænke i Byparken");
    const mayor = await graphAs(h.sim, MAYOR);
    await mayor("POST", `/users/${MAYOR}/messages/${inquiry.messageId}/forward`, {
      comment: "Kan I se på det?",
      toRecipients: [{ emailAddress: { address: "kultur-fritid@fjordby.dk" } }],
    });
    await h.sync();
    const copy = await sentCopy(inquiry.conversationId);
    const forwarded = await h.store.getInquiry(inquiry.id);
    expect(forwarded).toMatchObject({
      status: "forwarded",
      department: "kultur-fritid",
      forwardedAt: new Date(copy.sentDateTime).toISOString(),
      answeredAt: null,
    });
    expect(forwarded?.departmentSource).toBe(
      inquiry.department === "kultur-fritid" ? inquiry.departmentSource : "manual",
    );
    expect(
      (await h.reconciler.deadlines()).some(
        (d) => d.kind === "inquiryReply" && d.messageId === inquiry.messageId,
      ),
    ).toBe(true);
  });

  it("a new mail to the same citizen outside the inquiry's conversation does not answer it", async () => {
    const inquiry = await citizenAsks("Støj fra havnen om natten", "ole.berg@example.com");
    const mayor = await graphAs(h.sim, MAYOR);
    await mayor("POST", `/users/${MAYOR}/sendMail`, {
      message: {
        subject: "Invitation til borgermøde",
        body: { contentType: "text", content: "Du er velkommen." },
        toRecipients: [{ emailAddress: { address: "ole.berg@example.com" } }],
      },
    });
    await h.sync();
    expect(await h.store.getInquiry(inquiry.id)).toMatchObject({ status: "received", answeredAt: null });
  });

  it("a reply mirrored from Sent Items before its inquiry was registered answers it once it is", async () => {
    const sent = await h.control("POST", `/act/lise.dam@example.com/sendMail`, {
      senderName: "Lise Dam",
      message: {
        subject: "Parkering ved rådhuset",
        body: { contentType: "text", content: "Hvor må man parkere?" },
        toRecipients: [{ emailAddress: { address: MAYOR } }],
      },
    });
    const messageId = (sent["delivered"] as { id: string }[])[0]?.id ?? "";
    const mayor = await graphAs(h.sim, MAYOR);
    await mayor("POST", `/users/${MAYOR}/messages/${messageId}/reply`, { comment: "Bag rådhuset." });
    await h.sync({ streams: ["sent"] });
    await h.sync({ streams: ["messages"] });
    const inquiry = (await h.store.listInquiries()).find((i) => i.messageId === messageId);
    expect(inquiry).toMatchObject({ status: "answered", answeredBy: MAYOR });
  });
});
