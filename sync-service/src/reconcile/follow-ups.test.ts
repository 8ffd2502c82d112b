import { isWorkingDay, workingDaysBetween } from "@modeklar/shared";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MeetingSnapshot } from "./follow-ups";
import {
  bookMeetingWithCatering,
  CATERING,
  daysAheadAt,
  graphAs,
  mailIn,
  MAYOR,
  SECRETARY,
  startSettledHarness,
  type Harness,
} from "../../test/reconcile/harness";

let h: Harness;

beforeAll(async () => {
  h = await startSettledHarness();
});
afterAll(() => h.close());

const kitchenMail = async (subjectStart: string) =>
  (await mailIn(h, CATERING)).filter((m) => String(m.subject ?? "").startsWith(subjectStart));

const tomorrow = (hour: number) => daysAheadAt(3, hour);

describe("follow-ups to the kitchen", () => {
  it("a moved meeting with catering gives exactly one change notice, a cancelled one exactly one cancellation", async () => {
    const secretary = await graphAs(h.sim, SECRETARY);
    const id = await bookMeetingWithCatering(h, { subject: "Møde med Lions Club", daysAhead: 3, count: 8 });
    expect(await kitchenMail("Ændret: Møde med Lions Club")).toHaveLength(0);

    await secretary("PATCH", `/users/${MAYOR}/events/${id}`, { start: tomorrow(13), end: tomorrow(14) });
    await h.sync();
    await h.sync();
    expect(await kitchenMail("Ændret: Møde med Lions Club")).toHaveLength(1);

    await secretary("PATCH", `/users/${MAYOR}/events/${id}`, {
      subject: "Møde med Lions Club",
      body: { contentType: "text", content: "Dagsorden følger" },
    });
    await h.sync();
    expect(await kitchenMail("Ændret: Møde med Lions Club")).toHaveLength(1);

    await secretary("DELETE", `/users/${MAYOR}/events/${id}`);
    await h.sync();
    await h.sync();
    expect(await kitchenMail("Aflyst: Møde med Lions Club")).toHaveLength(1);
    expect(await kitchenMail("Ændret: Møde med Lions Club")).toHaveLength(1);
  });

  it("a meeting with catering that is already over leaves the calendar without a cancellation", async () => {
    const snapshot = (end: Date): MeetingSnapshot => ({
      subject: "Frokost med Erhvervsrådet",
      start: new Date(end.getTime() - 3_600_000).toISOString(),
      end: end.toISOString(),
      location: "Borgmesterens kontor",
      cancelled: false,
      catering: { kitchen: CATERING },
      reception: false,
      plan: null,
    });
    const over = "past-lunch";
    const ahead = "coming-lunch";
    await h.store.saveMeetingSnapshots(
      MAYOR,
      new Map([
        [over, snapshot(new Date(Date.now() - 31 * 86_400_000))],
        [ahead, snapshot(new Date(Date.now() + 2 * 86_400_000))],
      ]),
    );
    const report = await h.reconciler.onChanges({
      mailbox: MAYOR,
      stream: "events",
      changes: [
        { id: over, change: "removed" },
        { id: ahead, change: "removed" },
      ],
    });
    expect(report.notices).toEqual([{ to: CATERING, kind: "cancellation", eventId: ahead }]);
  });

  it("a meeting without a catering order moves without a word to the kitchen", async () => {
    const secretary = await graphAs(h.sim, SECRETARY);
    const created = await secretary("POST", `/users/${MAYOR}/events`, {
      subject: "Telefonmøde med revisor",
      start: tomorrow(8),
      end: tomorrow(9),
    });
    await h.sync();
    await secretary("PATCH", `/users/${MAYOR}/events/${String(created["id"])}`, {
      start: tomorrow(9),
      end: tomorrow(10),
    });
    await h.sync();
    expect(await kitchenMail("Ændret: Telefonmøde med revisor")).toHaveLength(0);
  });
});

describe("citizens' inquiries", () => {
  it("an inquiry flows received → forwarded → answered, driven by mail", async () => {
    await h.control("POST", "/act/jens.hansen@example.com/sendMail", {
      senderName: "Jens Hansen",
      message: {
        subject: "Hul i vejen på Strandvejen",
        body: { contentType: "text", content: "Der er et stort hul i vejen ud for nr. 12." },
        toRecipients: [{ emailAddress: { address: MAYOR } }],
      },
    });
    await h.sync();
    const ours = async () =>
      (await h.store.listInquiries()).filter((i) => i.subject === "Hul i vejen på Strandvejen");
    const [inquiry] = await ours();
    expect(inquiry).toMatchObject({
      status: "received",
      fromAddress: "jens.hansen@example.com",
      department: "teknik-miljoe",
      departmentSource: "rule:veje",
    });
    // The answer is owed ten Danish working days after receipt, at 16.00 local time: counted
    // in working days, so mail that arrives on a Saturday or a holiday is due just the same.
    expect(workingDaysBetween(inquiry?.receivedAt ?? "", inquiry?.dueAt ?? "")).toBe(10);
    expect(isWorkingDay(inquiry?.dueAt ?? "")).toBe(true);
    expect(DateTime.fromISO(inquiry?.dueAt ?? "", { zone: "Europe/Copenhagen" }).toFormat("HH:mm")).toBe(
      "16:00",
    );

    const settings = await h.reconciler.settings();
    const department = settings.departments.find((d) => d.id === "teknik-miljoe");
    if (!inquiry || !department) throw new Error("no inquiry or department");
    const forwarded = await h.reconciler.forwardInquiry(
      inquiry,
      department,
      "Kan I svare borgeren?",
      "Camilla",
      new Date().toISOString(),
    );
    expect(forwarded.status).toBe("forwarded");

    const inbox = (await h.control("GET", `/mailboxes/${department.mailbox}/messages`)) as {
      value: { id: string; subject: string }[];
    };
    const received = inbox.value.find((m) => m.subject.includes("Hul i vejen"));
    expect(received).toBeDefined();
    await h.control("POST", `/act/${department.mailbox}/messages/${received?.id}/reply`, {
      kind: "reply",
      comment: "Vi udbedrer hullet i næste uge.",
    });
    await h.sync();
    expect(await h.store.getInquiry(inquiry.id)).toMatchObject({ status: "answered" });
    expect(await ours()).toHaveLength(1);
  });

  it("mail from inside the organisation is not an inquiry", async () => {
    await h.control("POST", `/act/${SECRETARY}/sendMail`, {
      message: {
        subject: "Husk frokost",
        body: { contentType: "text", content: "Kl. 12" },
        toRecipients: [{ emailAddress: { address: MAYOR } }],
      },
    });
    await h.sync();
    expect((await h.store.listInquiries()).map((i) => i.subject)).not.toContain("Husk frokost");
  });
});

describe("the morning digest", () => {
  it("reaches the secretary exactly once a day, however many instances try", async () => {
    const { reconciler: second } = h.instance("second");
    const sent = await Promise.all([h.reconciler.sendDigest("2026-03-03"), second.sendDigest("2026-03-03")]);
    expect(sent.filter(Boolean)).toHaveLength(1);
    const inbox = await mailIn(h, SECRETARY);
    expect(inbox.filter((m) => m.subject === "Dagens frister, tirsdag 3. marts 2026")).toHaveLength(1);
  });
});
