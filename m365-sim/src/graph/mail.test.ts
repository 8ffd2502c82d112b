import type { Client } from "@microsoft/microsoft-graph-client";
import type { Message, OutlookCategory } from "@microsoft/microsoft-graph-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs, startSim, type RunningSim } from "../index";
import { correspondentOf, sendMail } from "../mail/actions";
import { ADDRESSES, IDS } from "../seed/directory";
import { newGraphId, type StoredEvent } from "../state";
import { clientCredentialsToken, graphClient, graphError, simControl } from "../testing/graph";

let sim: RunningSim;
let appToken: string;

const ANNA = "anna.jensen@gmail.com";
const mayorPath = `/users/${ADDRESSES.mayor}`;
const CUSTOM_PROPERTY = "String {00020329-0000-0000-C000-000000000046} Name cecp-modeklar";

type Page = {
  value: (Message & Record<string, unknown>)[];
  "@odata.nextLink"?: string;
  "@odata.deltaLink"?: string;
};

const graph = (token: string = appToken): Client => graphClient(sim, token);

async function control(method: string, path: string, body?: unknown) {
  const response = await simControl(sim, method, path, body);
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** A mail from outside the tenant, as a citizen would write it; the id of the first recipient's copy. */
async function citizenWrites(subject: string, from = ANNA, to: string[] = [ADDRESSES.mayor]) {
  const { status, body } = await control("POST", `/act/${from}/sendMail`, {
    senderName: "Anna Jensen",
    message: {
      subject,
      body: { contentType: "text", content: `Kære borgmester\n\n${subject}` },
      toRecipients: to.map((address) => ({ emailAddress: { address } })),
    },
  });
  expect(status).toBe(202);
  const delivered = body["delivered"] as { mailbox: string; id: string }[];
  return delivered[0]?.id ?? "";
}

async function inbox(address: string): Promise<(Message & Record<string, unknown>)[]> {
  const { body } = await control("GET", `/mailboxes/${address}/messages?folder=inbox`);
  return body["value"] as (Message & Record<string, unknown>)[];
}

async function deltaRound(
  url: string,
  pageSize: number,
): Promise<{ items: Page["value"]; deltaLink: string; pages: number }> {
  const items: Page["value"] = [];
  let next: string | undefined = url;
  let pages = 0;
  while (next) {
    const page = (await graph().api(next).header("Prefer", `odata.maxpagesize=${pageSize}`).get()) as Page;
    pages++;
    expect(page.value.length).toBeLessThanOrEqual(pageSize);
    items.push(...page.value);
    if (page["@odata.deltaLink"]) return { items, deltaLink: page["@odata.deltaLink"], pages };
    next = page["@odata.nextLink"];
  }
  throw new Error("delta round ended without a deltaLink");
}

beforeAll(async () => {
  sim = await startSim({ seed: { emptyCalendar: true } });
  // Meetings and mail between the tenant's people, read with the app's token: no access policy here
  // (access-policy.test.ts tests the policy).
  sim.state.accessPolicies = [];
  appToken = await clientCredentialsToken(sim);
});
afterAll(() => sim.close());

describe("inbox delta", () => {
  it("pages the first round, then returns exactly the new citizen mail and an @removed for the deleted one", async () => {
    const ids: string[] = [];
    for (const subject of [
      "Buslinje 212",
      "Skolelukning",
      "Støj på Havnevej",
      "Cykelsti til Skovby",
      "Møde",
    ]) {
      ids.push(await citizenWrites(subject));
    }
    const first = await deltaRound(
      `${mayorPath}/mailFolders/inbox/messages/delta?$select=subject,from,isRead`,
      2,
    );
    expect(first.pages).toBe(3);
    expect(first.items.map((m) => m.id).sort()).toEqual([...ids].sort());
    expect(first.items[0]).toEqual({
      "@odata.type": "#microsoft.graph.message",
      "@odata.etag": expect.stringMatching(/^W\/"/),
      id: expect.any(String),
      subject: expect.any(String),
      from: { emailAddress: { name: "Anna Jensen", address: ANNA } },
      isRead: false,
    });

    const fresh = await citizenWrites("Tak for svaret");
    await graph().api(`${mayorPath}/messages/${ids[1]}`).delete();
    const second = await deltaRound(first.deltaLink, 10);
    expect(second.items).toEqual([
      { "@odata.type": "#microsoft.graph.message", id: ids[1], "@removed": { reason: "deleted" } },
      expect.objectContaining({ id: fresh, subject: "Tak for svaret" }),
    ]);
  });

  it("reports a message moved out of the inbox as removed, and the moved copy under its new id", async () => {
    const id = await citizenWrites("Arkivér mig");
    const start = await deltaRound(`${mayorPath}/mailFolders/inbox/messages/delta`, 50);
    const moved = (await graph()
      .api(`${mayorPath}/messages/${id}/move`)
      .post({ destinationId: "archive" })) as Message;
    expect(moved.id).not.toBe(id);
    expect(moved.parentFolderId).not.toBe(start.items[0]?.parentFolderId);
    const next = await deltaRound(start.deltaLink, 50);
    expect(next.items).toEqual([
      { "@odata.type": "#microsoft.graph.message", id, "@removed": { reason: "deleted" } },
    ]);
  });

  it("returns only new messages in a round started with changeType=created", async () => {
    const old = await citizenWrites("Før runden", ANNA, [ADDRESSES.cultureLeisure]);
    const start = await deltaRound(
      `/users/${ADDRESSES.cultureLeisure}/mailFolders/inbox/messages/delta?changeType=created`,
      10,
    );
    expect(start.items.map((m) => m.id)).toEqual([old]);
    await control("PATCH", `/act/${ADDRESSES.cultureLeisure}/messages/${old}`, { isRead: true });
    const fresh = await citizenWrites("Efter runden", ANNA, [ADDRESSES.cultureLeisure]);
    const next = await deltaRound(start.deltaLink, 10);
    expect(next.items.map((m) => m.id)).toEqual([fresh]);
  });

  it("uses Graph's default page size of 10 without odata.maxpagesize", async () => {
    for (let i = 0; i < 12; i++)
      await citizenWrites(`Henvendelse ${i}`, "ole.bak@gmail.com", [ADDRESSES.finance]);
    const page = (await graph()
      .api(`/users/${ADDRESSES.finance}/mailFolders/inbox/messages/delta`)
      .get()) as Page;
    expect(page.value).toHaveLength(10);
    expect(page["@odata.nextLink"]).toContain("$skiptoken=");
  });

  it("answers 410 for a delta token older than the simulator's token floor", async () => {
    const round = await deltaRound(`${mayorPath}/mailFolders/inbox/messages/delta`, 50);
    sim.state.deltaTokenFloor = sim.state.currentSeq() + 1;
    const err = await graphError(graph().api(round.deltaLink).get());
    expect(err.statusCode).toBe(410);
    sim.state.deltaTokenFloor = 0;
  });

  it("answers 410 for a token it did not issue", async () => {
    const err = await graphError(
      graph().api(`${mayorPath}/mailFolders/inbox/messages/delta?$deltatoken=forged`).get(),
    );
    expect(err.statusCode).toBe(410);
  });
});

describe("PATCH /messages/{id}", () => {
  it("sets a flag with a due date and categories, and bumps the etag", async () => {
    const id = await citizenWrites("Svar inden fredag");
    const before = (await graph().api(`${mayorPath}/messages/${id}`).get()) as Record<string, unknown>;
    const after = (await graph()
      .api(`${mayorPath}/messages/${id}`)
      .patch({
        categories: ["Borgerhenvendelse"],
        importance: "High",
        flag: {
          flagStatus: "flagged",
          startDateTime: { dateTime: "2026-03-02T08:00:00", timeZone: "Romance Standard Time" },
          dueDateTime: { dateTime: "2026-03-06T08:00:00", timeZone: "Romance Standard Time" },
        },
      })) as Message & Record<string, unknown>;
    expect(after.categories).toEqual(["Borgerhenvendelse"]);
    expect(after.importance).toBe("high");
    expect(after.flag).toEqual({
      flagStatus: "flagged",
      startDateTime: { dateTime: "2026-03-02T07:00:00.0000000", timeZone: "UTC" },
      dueDateTime: { dateTime: "2026-03-06T07:00:00.0000000", timeZone: "UTC" },
    });
    expect(after["@odata.etag"]).not.toBe(before["@odata.etag"]);
    expect(after.changeKey).not.toBe(before["changeKey"]);
  });

  it("stamps the completion time when a flag is marked complete", async () => {
    const id = await citizenWrites("Færdig");
    const after = (await graph()
      .api(`${mayorPath}/messages/${id}`)
      .patch({ flag: { flagStatus: "complete" } })) as Message;
    expect(after.flag?.flagStatus).toBe("complete");
    expect(after.flag?.completedDateTime?.timeZone).toBe("UTC");
  });

  it("refuses a due date without a start date, as the followupFlag documentation says", async () => {
    const id = await citizenWrites("Ingen start");
    const err = await graphError(
      graph()
        .api(`${mayorPath}/messages/${id}`)
        .patch({
          flag: { flagStatus: "flagged", dueDateTime: { dateTime: "2026-03-06T08:00:00", timeZone: "UTC" } },
        }),
    );
    expect(err.statusCode).toBe(400);
  });

  it("answers 412 when If-Match carries an etag that is no longer current", async () => {
    const id = await citizenWrites("Samtidig redigering");
    const read = (await graph().api(`${mayorPath}/messages/${id}`).get()) as Record<string, string>;
    await control("PATCH", `/act/${ADDRESSES.mayor}/messages/${id}`, { categories: ["Byråd"] });
    const err = await graphError(
      graph()
        .api(`${mayorPath}/messages/${id}`)
        .header("If-Match", read["@odata.etag"]!)
        .patch({ isRead: true }),
    );
    expect(err.statusCode).toBe(412);
    expect(err.code).toBe("ErrorIrresolvableConflict");
    const fresh = (await graph().api(`${mayorPath}/messages/${id}`).get()) as Record<string, string>;
    const ok = (await graph()
      .api(`${mayorPath}/messages/${id}`)
      .header("If-Match", fresh["@odata.etag"]!)
      .patch({ isRead: true })) as Message;
    expect(ok.isRead).toBe(true);
  });

  it("answers 400 RequestBodyRead for a property the message resource does not have", async () => {
    const id = await citizenWrites("Ukendt felt");
    const err = await graphError(graph().api(`${mayorPath}/messages/${id}`).patch({ priority: "høj" }));
    expect(err.statusCode).toBe(400);
    expect(err.code).toBe("RequestBodyRead");
    expect(err.message).toContain("'priority' does not exist");
  });

  it("answers 400 for a read-only property and for the subject of a received message", async () => {
    const id = await citizenWrites("Skrivebeskyttet");
    const readOnly = await graphError(
      graph().api(`${mayorPath}/messages/${id}`).patch({ receivedDateTime: "2026-01-01T00:00:00Z" }),
    );
    expect([readOnly.statusCode, readOnly.code]).toEqual([400, "ErrorInvalidPropertySet"]);
    const sent = await graphError(graph().api(`${mayorPath}/messages/${id}`).patch({ subject: "Nyt emne" }));
    expect([sent.statusCode, sent.code]).toEqual([400, "ErrorInvalidPropertyUpdateSentMessage"]);
  });

  it("answers 400 for an importance Graph does not know", async () => {
    const id = await citizenWrites("Vigtighed");
    const err = await graphError(graph().api(`${mayorPath}/messages/${id}`).patch({ importance: "urgent" }));
    expect(err.statusCode).toBe(400);
  });

  it("answers 400 for a body that is not JSON", async () => {
    const id = await citizenWrites("Ødelagt JSON");
    const response = await fetch(`${sim.graphBaseUrl}${mayorPath}/messages/${id}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${appToken}`, "content-type": "application/json" },
      body: '{"isRead": tru',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; innerError: Record<string, string> } };
    expect(body.error.code).toBe("BadRequest");
    expect(body.error.innerError["request-id"]).toBeTruthy();
  });

  it("stores the add-in's extended property and returns it only through $expand with its id", async () => {
    const id = await citizenWrites("Med egenskab");
    await graph()
      .api(`${mayorPath}/messages/${id}`)
      .patch({ singleValueExtendedProperties: [{ id: CUSTOM_PROPERTY, value: '{"journal":"24/1234"}' }] });
    const plain = (await graph().api(`${mayorPath}/messages/${id}`).get()) as Record<string, unknown>;
    expect(plain["singleValueExtendedProperties"]).toBeUndefined();
    const expanded = (await graph()
      .api(`${mayorPath}/messages/${id}`)
      .expand(`singleValueExtendedProperties($filter=id eq '${CUSTOM_PROPERTY}')`)
      .get()) as Record<string, unknown>;
    expect(expanded["singleValueExtendedProperties"]).toEqual([
      { id: CUSTOM_PROPERTY, value: '{"journal":"24/1234"}' },
    ]);
    const filtered = (await graph()
      .api(`${mayorPath}/messages`)
      .filter(`singleValueExtendedProperties/any(ep: ep/id eq '${CUSTOM_PROPERTY}' and ep/value ne null)`)
      .get()) as Page;
    expect(filtered.value.map((m) => m.id)).toEqual([id]);
  });
});

describe("GET /messages", () => {
  it("answers 400 for $top above 1000 and pages with $top and a nextLink", async () => {
    const err = await graphError(graph().api(`${mayorPath}/messages`).top(1001).get());
    expect(err.statusCode).toBe(400);
    const page = (await graph().api(`${mayorPath}/messages`).top(2).select("subject").get()) as Page;
    expect(page.value).toHaveLength(2);
    expect(page["@odata.nextLink"]).toContain("$skip=2");
    const next = (await graph().api(page["@odata.nextLink"]!).get()) as Page;
    expect(next.value[0]?.id).not.toBe(page.value[0]?.id);
  });

  it("filters by sender, conversation, flag status, category and received time", async () => {
    const id = await citizenWrites("Filtrering", "kirsten.poulsen@mail.dk");
    await graph()
      .api(`${mayorPath}/messages/${id}`)
      .patch({
        categories: ["Filtertest"],
        flag: {
          flagStatus: "flagged",
          startDateTime: { dateTime: "2026-03-02T08:00:00", timeZone: "UTC" },
          dueDateTime: { dateTime: "2026-03-03T08:00:00", timeZone: "UTC" },
        },
      });
    const message = (await graph().api(`${mayorPath}/messages/${id}`).get()) as Message;
    const ids = async (filter: string) =>
      ((await graph().api(`${mayorPath}/messages`).filter(filter).top(100).get()) as Page).value.map(
        (m) => m.id,
      );
    expect(await ids("from/emailAddress/address eq 'kirsten.poulsen@mail.dk'")).toEqual([id]);
    expect(await ids(`conversationId eq '${message.conversationId}'`)).toEqual([id]);
    expect(await ids("categories/any(c:c eq 'Filtertest')")).toEqual([id]);
    expect(await ids("flag/flagStatus eq 'flagged'")).toContain(id);
    expect(await ids(`receivedDateTime ge ${message.receivedDateTime}`)).toContain(id);
    const err = await graphError(graph().api(`${mayorPath}/messages`).filter("subject startswith 'x'").get());
    expect(err.statusCode).toBe(400);
  });

  it("orders newest first and projects $select with id and etag", async () => {
    const page = (await graph()
      .api(`${mayorPath}/mailFolders/inbox/messages`)
      .select("receivedDateTime,subject")
      .orderby("receivedDateTime desc")
      .top(50)
      .count(true)
      .get()) as Page & { "@odata.count": number };
    const times = page.value.map((m) => m.receivedDateTime ?? "");
    expect(times).toEqual([...times].sort().reverse());
    expect(Object.keys(page.value[0]!).sort()).toEqual(["@odata.etag", "id", "receivedDateTime", "subject"]);
    expect(page["@odata.count"]).toBeGreaterThanOrEqual(page.value.length);
  });

  it("writes a message with every property of the message resource", async () => {
    const id = await citizenWrites("Hele ressourcen");
    const message = (await graph().api(`${mayorPath}/messages/${id}`).get()) as Record<string, unknown>;
    for (const key of [
      "id",
      "@odata.etag",
      "changeKey",
      "createdDateTime",
      "lastModifiedDateTime",
      "receivedDateTime",
      "sentDateTime",
      "hasAttachments",
      "internetMessageId",
      "subject",
      "bodyPreview",
      "importance",
      "parentFolderId",
      "conversationId",
      "conversationIndex",
      "isDeliveryReceiptRequested",
      "isReadReceiptRequested",
      "isRead",
      "isDraft",
      "webLink",
      "inferenceClassification",
      "body",
      "sender",
      "from",
      "toRecipients",
      "ccRecipients",
      "bccRecipients",
      "replyTo",
      "flag",
      "categories",
    ]) {
      expect(message, key).toHaveProperty([key]);
    }
    expect(message["flag"]).toEqual({ flagStatus: "notFlagged" });
  });

  it("lists the well-known folders with Danish names and counts", async () => {
    const folders = (await graph().api(`${mayorPath}/mailFolders`).get()) as {
      value: Record<string, unknown>[];
    };
    const inbox = folders.value.find((f) => f["displayName"] === "Indbakke");
    expect(inbox?.["totalItemCount"]).toBeGreaterThan(0);
    const byName = (await graph().api(`${mayorPath}/mailFolders/inbox`).get()) as Record<string, unknown>;
    expect(byName["id"]).toBe(inbox?.["id"]);
  });
});

describe("sendMail, reply and forward", () => {
  it("delivers to people and shared mailboxes in the tenant, keeps a sent copy and records outside recipients", async () => {
    await graph()
      .api(`/users/${ADDRESSES.mayor}/sendMail`)
      .post({
        message: {
          subject: "Svar på din henvendelse om buslinje 212",
          body: { contentType: "text", content: "Kære Anna\n\nTak for din henvendelse." },
          toRecipients: [{ emailAddress: { address: ANNA } }],
          ccRecipients: [
            { emailAddress: { address: ADDRESSES.techEnvironment } },
            { emailAddress: { address: ADDRESSES.secretary } },
          ],
        },
        saveToSentItems: true,
      });
    const [department] = await inbox(ADDRESSES.techEnvironment);
    const [secretary] = await inbox(ADDRESSES.secretary);
    expect(department?.subject).toBe("Svar på din henvendelse om buslinje 212");
    expect(department?.conversationId).toBe(secretary?.conversationId);
    expect(department?.internetMessageId).toBe(secretary?.internetMessageId);
    expect(department?.from?.emailAddress?.address).toBe(ADDRESSES.mayor);
    const sent = (await graph().api(`${mayorPath}/mailFolders/sentitems/messages`).top(1).get()) as Page;
    expect(sent.value[0]?.internetMessageId).toBe(department?.internetMessageId);
    const outside = await control("GET", `/mailboxes/${ANNA}/messages`);
    expect(outside.body["value"]).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ subject: "Svar på din henvendelse om buslinje 212" }),
      ]),
    );
  });

  it("keeps a sent mail's extended property on its Sent Items copy, where a $filter finds it; headers cannot be filtered on", async () => {
    const property = "String {8c6f7a3e-2b1d-4e5f-9a0c-6d4b3e2f1a70} Name MoedeklarNotice";
    await graph()
      .api(`/users/${ADDRESSES.mayor}/sendMail`)
      .post({
        message: {
          subject: "Ændret: Møde med Lions Club",
          body: { contentType: "text", content: "Mødet er flyttet." },
          toRecipients: [{ emailAddress: { address: ANNA } }],
          internetMessageHeaders: [{ name: "X-Moedeklar-Notice", value: "notice-7" }],
          singleValueExtendedProperties: [{ id: property, value: "notice-7" }],
        },
      });
    const byProperty = (id: string) =>
      graph()
        .api(`${mayorPath}/mailFolders/sentitems/messages`)
        .filter(`singleValueExtendedProperties/any(ep: ep/id eq '${property}' and ep/value eq '${id}')`)
        .select("id,subject")
        .get() as Promise<Page>;
    expect((await byProperty("notice-7")).value.map((m) => m.subject)).toEqual([
      "Ændret: Møde med Lions Club",
    ]);
    expect((await byProperty("notice-8")).value).toEqual([]);
    const err = await graphError(
      graph()
        .api(`${mayorPath}/mailFolders/sentitems/messages`)
        .filter("internetMessageHeaders/any(h: h/name eq 'X-Moedeklar-Notice' and h/value eq 'notice-7')")
        .get(),
    );
    expect(err.statusCode).toBe(400);
  });

  it("answers 400 for a mail without recipients", async () => {
    const err = await graphError(
      graph()
        .api(`/users/${ADDRESSES.mayor}/sendMail`)
        .post({ message: { subject: "Til ingen", body: { contentType: "text", content: "" } } }),
    );
    expect([err.statusCode, err.code]).toEqual([400, "ErrorInvalidRecipients"]);
  });

  it("threads a department's reply to an inquiry in the same conversation with In-Reply-To", async () => {
    const id = await citizenWrites("Hvornår tømmes skraldespandene?", ANNA, [ADDRESSES.mayor]);
    await graph()
      .api(`${mayorPath}/messages/${id}/forward`)
      .post({
        comment: "Kan I svare?",
        toRecipients: [{ emailAddress: { address: ADDRESSES.techEnvironment } }],
      });
    const forwarded = (await inbox(ADDRESSES.techEnvironment)).find(
      (m) => m.subject === "FW: Hvornår tømmes skraldespandene?",
    );
    expect(forwarded).toBeDefined();
    const reply = await control("POST", `/act/${ADDRESSES.techEnvironment}/messages/${forwarded!.id}/reply`, {
      comment: "Vi har svaret borgeren.",
    });
    expect(reply.status).toBe(202);

    const original = (await graph().api(`${mayorPath}/messages/${id}`).get()) as Message;
    const thread = (await graph()
      .api(`${mayorPath}/mailFolders/inbox/messages`)
      .filter(`conversationId eq '${original.conversationId}'`)
      .select("subject,internetMessageHeaders,conversationIndex")
      .get()) as Page;
    const answer = thread.value.find((m) => m.subject === "RE: FW: Hvornår tømmes skraldespandene?");
    expect(answer?.internetMessageHeaders).toEqual(
      expect.arrayContaining([{ name: "In-Reply-To", value: forwarded!.internetMessageId }]),
    );
    expect(Buffer.from(answer?.conversationIndex ?? "", "base64").length).toBe(32);
  });

  it("lets the mayor reply all, reaching everyone but herself", async () => {
    const id = await citizenWrites("Fælles svar", ANNA, [ADDRESSES.mayor, ADDRESSES.council]);
    await graph().api(`${mayorPath}/messages/${id}/replyAll`).post({ comment: "Vi ser på det." });
    const council = await inbox(ADDRESSES.council);
    expect(council.some((m) => m.subject === "RE: Fælles svar")).toBe(true);
    const mayorInbox = await inbox(ADDRESSES.mayor);
    expect(mayorInbox.some((m) => m.subject === "RE: Fælles svar")).toBe(false);
  });

  it("lets the secretary, as the mayor's delegate, read the mayor's mail but not the chief of staff's", async () => {
    const token = await signInAs(sim, {
      user: ADDRESSES.secretary,
      scope:
        "https://graph.microsoft.com/Mail.ReadWrite.Shared https://graph.microsoft.com/Mail.ReadWrite openid",
    });
    const page = (await graph(token.access_token).api(`${mayorPath}/messages`).top(1).get()) as Page;
    expect(page.value).toHaveLength(1);
    const err = await graphError(
      graph(token.access_token).api(`/users/${ADDRESSES.chiefOfStaff}/messages`).get(),
    );
    expect(err.statusCode).toBe(403);
  });
});

describe("Sent Items", () => {
  const SENT_DELTA = `${mayorPath}/mailFolders/sentitems/messages/delta`;

  it("keeps the mayor's reply in Sent Items, whose own delta brings it in the next round while the inbox's does not", async () => {
    const sentBefore = await deltaRound(SENT_DELTA, 50);
    const inboxBefore = await deltaRound(`${mayorPath}/mailFolders/inbox/messages/delta`, 50);
    const id = await citizenWrites("Hvornår åbner svømmehallen igen?");
    await graph().api(`${mayorPath}/messages/${id}/reply`).post({ comment: "Til marts." });

    const sent = await deltaRound(sentBefore.deltaLink, 50);
    expect(sent.items.map((m) => m.subject)).toEqual(["RE: Hvornår åbner svømmehallen igen?"]);
    const received = await deltaRound(inboxBefore.deltaLink, 50);
    expect(received.items.map((m) => m.subject)).toEqual(["Hvornår åbner svømmehallen igen?"]);
  });

  it("keeps the first request's $select for every page and the next round, with internetMessageHeaders only when selected", async () => {
    const select = "conversationId,internetMessageId,internetMessageHeaders,sentDateTime";
    for (const subject of ["Vejbump på Skolevej", "Lys i tunnelen ved stationen"]) {
      const asked = await citizenWrites(subject);
      await graph().api(`${mayorPath}/messages/${asked}/reply`).post({ comment: "Vi ser på det." });
    }
    const first = await deltaRound(`${SENT_DELTA}?$select=${select}`, 1);
    expect(first.pages).toBeGreaterThan(1);
    const id = await citizenWrites("Må jeg holde gadefest?");
    await graph().api(`${mayorPath}/messages/${id}/reply`).post({ comment: "Ja, søg kommunen." });
    const next = await deltaRound(first.deltaLink, 1);
    for (const item of [...first.items, ...next.items]) {
      expect(Object.keys(item).sort()).toEqual(
        ["@odata.etag", "@odata.type", "id", ...select.split(",")].sort(),
      );
    }
    const original = (await graph().api(`${mayorPath}/messages/${id}`).get()) as Message;
    expect(next.items[0]?.internetMessageHeaders).toEqual(
      expect.arrayContaining([{ name: "In-Reply-To", value: original.internetMessageId }]),
    );
    expect(next.items[0]?.conversationId).toBe(original.conversationId);
    const plain = await deltaRound(SENT_DELTA, 50);
    expect(plain.items.some((m) => "internetMessageHeaders" in m)).toBe(false);
  });

  it("a reply the secretary sends from the mayor's mailbox is from the mayor, with the secretary as its sender", async () => {
    const token = await signInAs(sim, {
      user: ADDRESSES.secretary,
      scope:
        "https://graph.microsoft.com/Mail.Send.Shared https://graph.microsoft.com/Mail.ReadWrite.Shared openid",
    });
    const id = await citizenWrites("Tak for besøget på skolen");
    await graph(token.access_token).api(`${mayorPath}/messages/${id}/reply`).post({ comment: "Selv tak." });
    const sent = (await graph()
      .api(`${mayorPath}/mailFolders/sentitems/messages`)
      .filter(
        `conversationId eq '${((await graph().api(`${mayorPath}/messages/${id}`).get()) as Message).conversationId}'`,
      )
      .select("from,sender")
      .get()) as Page;
    expect(sent.value[0]?.from?.emailAddress?.address).toBe(ADDRESSES.mayor);
    expect(sent.value[0]?.sender?.emailAddress?.address).toBe(ADDRESSES.secretary);
  });
});

describe("meeting requests", () => {
  it("serves an eventMessage with meetingMessageType and expands the linked event from the same mailbox", async () => {
    const eventId = newGraphId();
    sim.state.touchEvent(
      IDS.mayor,
      {
        id: eventId,
        subject: "Følgegruppe for sundhedshuset",
        type: "singleInstance",
        start: { dateTime: "2026-03-10T09:00:00.0000000", timeZone: "UTC" },
        end: { dateTime: "2026-03-10T10:00:00.0000000", timeZone: "UTC" },
        _seq: 0,
      } as StoredEvent,
      "created",
    );
    const sent = sendMail(sim.state, correspondentOf(sim.state, "lkr@regionsjaelland.dk", "Lise Kragh"), {
      subject: "Følgegruppe for sundhedshuset",
      toRecipients: [{ emailAddress: { address: ADDRESSES.mayor } }],
    });
    const request = sent.delivered[0]!.message;
    Object.assign(request, {
      "@odata.type": "#microsoft.graph.eventMessage",
      meetingMessageType: "meetingRequest",
      _eventId: eventId,
    });

    const plain = (await graph().api(`${mayorPath}/messages/${request.id}`).get()) as Record<string, unknown>;
    expect(plain["@odata.type"]).toBe("#microsoft.graph.eventMessageRequest");
    expect(plain["meetingMessageType"]).toBe("meetingRequest");
    expect(plain["event"]).toBeUndefined();
    const expanded = (await graph()
      .api(`${mayorPath}/messages/${request.id}`)
      .expand("microsoft.graph.eventMessage/event")
      .get()) as { event: { id: string; subject: string } };
    expect(expanded.event).toMatchObject({ id: eventId, subject: "Følgegruppe for sundhedshuset" });
  });
});

describe("acting through /_sim", () => {
  it("lets a citizen answer the mayor's reply within the same conversation", async () => {
    await citizenWrites("Spørgsmål om cykelsti");
    const [inquiry] = (await inbox(ADDRESSES.mayor)).filter((m) => m.subject === "Spørgsmål om cykelsti");
    await graph().api(`${mayorPath}/messages/${inquiry!.id}/reply`).post({ comment: "Vi vender tilbage." });
    const sent = (await graph()
      .api(`${mayorPath}/mailFolders/sentitems/messages`)
      .filter("conversationId eq '" + inquiry!.conversationId + "'")
      .get()) as Page;
    const answer = await control("POST", `/act/${ANNA}/messages/${sent.value[0]!.id}/reply`, {
      comment: "Tak!",
    });
    expect(answer.status).toBe(202);
    const thread = (await inbox(ADDRESSES.mayor)).filter((m) => m.conversationId === inquiry!.conversationId);
    expect(thread.map((m) => m.subject).sort()).toEqual([
      "RE: Spørgsmål om cykelsti",
      "Spørgsmål om cykelsti",
    ]);
  });

  it("answers problem details for a message that does not exist", async () => {
    const { status, body } = await control("PATCH", `/act/${ADDRESSES.mayor}/messages/ukendt`, {
      isRead: true,
    });
    expect(status).toBe(404);
    expect(body).toMatchObject({ status: 404, title: "Unknown message" });
  });
});

describe("master categories", () => {
  it("creates a category with a preset colour and answers 409 for the same name again", async () => {
    const created = (await graph()
      .api(`${mayorPath}/outlook/masterCategories`)
      .post({ displayName: "Mødeklar: Høj prioritet", color: "preset0" })) as OutlookCategory;
    expect(created).toMatchObject({ displayName: "Mødeklar: Høj prioritet", color: "preset0" });
    const again = await graphError(
      graph().api(`${mayorPath}/outlook/masterCategories`).post({ displayName: "mødeklar: høj prioritet" }),
    );
    expect(again.statusCode).toBe(409);
    const list = (await graph().api(`${mayorPath}/outlook/masterCategories`).get()) as {
      value: OutlookCategory[];
    };
    expect(list.value.map((c) => c.displayName)).toContain("Mødeklar: Høj prioritet");
  });

  it("answers 400 for a colour outside none and preset0..preset24, and lets only the colour change", async () => {
    const bad = await graphError(
      graph().api(`${mayorPath}/outlook/masterCategories`).post({ displayName: "Lilla", color: "purple" }),
    );
    expect(bad.statusCode).toBe(400);
    const created = (await graph()
      .api(`${mayorPath}/outlook/masterCategories`)
      .post({ displayName: "Forplejning", color: "preset24" })) as OutlookCategory;
    const updated = (await graph()
      .api(`${mayorPath}/outlook/masterCategories/${created.id}`)
      .patch({ color: "preset3" })) as OutlookCategory;
    expect(updated.color).toBe("preset3");
    const rename = await graphError(
      graph().api(`${mayorPath}/outlook/masterCategories/${created.id}`).patch({ displayName: "Mad" }),
    );
    expect(rename.statusCode).toBe(400);
    await graph().api(`${mayorPath}/outlook/masterCategories/${created.id}`).delete();
    const gone = await graphError(graph().api(`${mayorPath}/outlook/masterCategories/${created.id}`).get());
    expect(gone.statusCode).toBe(404);
  });
});
