import { MeetingPlanSchema, PrivacySettingsSchema, viewerFor, type MeetingPlan } from "@modeklar/shared";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { MeetingDocuments } from "../journal/meeting-documents";
import type { JournalFiling } from "../store/journal";
import type { InquiryRecord } from "../store/reconcile";
import type { MirrorItem } from "../store/types";
import { deadlineList, digestText, flagFor } from "./deadlines";
import { ReconcileSettingsSchema } from "./settings";

const ZONE = "Europe/Copenhagen";
const cph = (local: string) =>
  DateTime.fromFormat(local, "yyyy-MM-dd HH:mm", { zone: ZONE }).toUTC().toISO() as string;
const asLocal = (iso: string) => DateTime.fromISO(iso).setZone(ZONE).toFormat("ccc yyyy-MM-dd HH:mm");
const settings = ReconcileSettingsSchema.parse({});
const MAYOR = "borgmester@fjordby.dk";

const meeting = (id: string, start: string, response = "accepted"): MirrorItem => ({
  id,
  changeKey: "ck",
  data: {
    id,
    subject: `Møde ${id}`,
    start: { dateTime: cph(start).replace("Z", ""), timeZone: "UTC" },
    end: { dateTime: cph(start).replace("Z", ""), timeZone: "UTC" },
    responseStatus: { response },
    createdDateTime: "2026-01-05T08:00:00Z",
  },
});

const withPlan = (input: Record<string, unknown>): MeetingPlan => MeetingPlanSchema.parse(input);

function list(
  events: MirrorItem[],
  plans: Record<string, MeetingPlan>,
  now: string,
  extra: {
    inquiries?: InquiryRecord[];
    messages?: MirrorItem[];
    settings?: typeof settings;
    journal?: {
      filings: JournalFiling[];
      dueWorkingDays: number;
      held?: MirrorItem[];
      documents?: Map<string, MeetingDocuments>;
    };
    shownTo?: Parameters<typeof deadlineList>[0]["shownTo"];
  } = {},
) {
  return deadlineList({
    mailbox: MAYOR,
    events,
    messages: extra.messages ?? [],
    plans: new Map(Object.entries(plans)),
    inquiries: extra.inquiries ?? [],
    links: new Map(),
    settings: extra.settings ?? settings,
    now: new Date(cph(now)),
    ...(extra.journal ? { journal: extra.journal } : {}),
    ...(extra.shownTo ? { shownTo: extra.shownTo } : {}),
  });
}

describe("the deadline list in Danish working days", () => {
  it.each([
    [
      "a Tuesday meeting after Easter (7 April) is ordered by Tuesday 31 March, before Skærtorsdag",
      "2026-04-07 10:00",
      "Tue 2026-03-31 12:00",
    ],
    [
      "a Monday meeting after 2. pinsedag (Tuesday 26 May) is ordered by Thursday 21 May",
      "2026-05-26 10:00",
      "Thu 2026-05-21 12:00",
    ],
    [
      "a Monday meeting after Kristi Himmelfartsdag week (18 May) is ordered by Wednesday 13 May",
      "2026-05-18 09:00",
      "Wed 2026-05-13 12:00",
    ],
    ["a meeting on 28 December is ordered by 22 December", "2026-12-28 09:00", "Tue 2026-12-22 12:00"],
    ["a meeting on 4 January is ordered by 29 December", "2027-01-04 09:00", "Tue 2026-12-29 12:00"],
    [
      "across the autumn DST change the cut-off stays 12:00 local",
      "2026-10-27 09:00",
      "Fri 2026-10-23 12:00",
    ],
  ])("%s", (_sentence, start, expected) => {
    const deadlines = list(
      [meeting("m", start)],
      { m: withPlan({ catering: { state: "todo" } }) },
      "2026-01-05 08:00",
    );
    const cutoff = deadlines.find((d) => d.kind === "cateringCutoff");
    expect(asLocal(cutoff?.due ?? "")).toBe(expected);
  });

  it("a kitchen of its own decides its cut-off", () => {
    const own = ReconcileSettingsSchema.parse({
      kitchens: [
        { id: "cafe", name: "Café Fjord", mailbox: "cafe@fjordby.dk", workingDaysBefore: 1, atTime: "10:00" },
      ],
    });
    const deadlines = list(
      [meeting("m", "2026-04-07 10:00")],
      { m: withPlan({ catering: { state: "todo", kitchenId: "cafe" } }) },
      "2026-01-05 08:00",
      { settings: own },
    );
    expect(asLocal(deadlines.find((d) => d.kind === "cateringCutoff")?.due ?? "")).toBe(
      "Wed 2026-04-01 10:00",
    );
  });

  it("a municipality's own closed day (the Friday after Kristi Himmelfart) moves the cut-off", () => {
    const closed = ReconcileSettingsSchema.parse({
      calendar: {
        closedDays: [{ kind: "easterOffset", days: 40, label: "Fredag efter Kristi Himmelfartsdag" }],
      },
    });
    const deadlines = list(
      [meeting("m", "2026-05-19 09:00")],
      { m: withPlan({ catering: { state: "todo" } }) },
      "2026-01-05 08:00",
      {
        settings: closed,
      },
    );
    expect(asLocal(deadlines.find((d) => d.kind === "cateringCutoff")?.due ?? "")).toBe(
      "Wed 2026-05-13 12:00",
    );
  });

  it("lists every kind once, ordered by when it is due, and leaves out ordered catering and past meetings", () => {
    const inquiry: InquiryRecord = {
      id: "i1",
      mailbox: MAYOR,
      messageId: "msg-i1",
      conversationId: null,
      internetMessageId: null,
      fromAddress: "jens@example.com",
      fromName: "Jens",
      subject: "Hul i vejen",
      receivedAt: cph("2026-03-02 09:00"),
      dueAt: cph("2026-03-16 16:00"),
      department: null,
      departmentSource: null,
      status: "received",
      caseNumber: null,
      forwardedAt: null,
      answeredAt: null,
      answeredBy: null,
      answerMessageId: null,
      answerInternetMessageId: null,
      updatedBy: "x",
      updatedAt: cph("2026-03-02 09:00"),
    };
    const flagged: MirrorItem = {
      id: "msg-flag",
      data: {
        subject: "Svar til pressen",
        flag: { flagStatus: "flagged", dueDateTime: { dateTime: "2026-03-04T15:00:00", timeZone: ZONE } },
      },
    };
    const deadlines = list(
      [
        meeting("invite", "2026-03-20 10:00", "notResponded"),
        meeting("planned", "2026-03-12 10:00"),
        meeting("ordered", "2026-03-12 12:00"),
        meeting("past", "2026-03-01 10:00"),
      ],
      {
        planned: withPlan({
          catering: { state: "todo" },
          reception: { state: "todo" },
          material: { state: "todo" },
        }),
        ordered: withPlan({ catering: { state: "ordered" } }),
        past: withPlan({ catering: { state: "todo" } }),
      },
      "2026-03-03 08:00",
      { inquiries: [inquiry], messages: [flagged] },
    );
    expect(deadlines.map((d) => `${d.kind} ${d.itemId} ${asLocal(d.due)}`)).toEqual([
      "invitationAnswer invite Thu 2026-01-08 12:00",
      "flaggedMail msg-flag Wed 2026-03-04 15:00",
      "materialDue planned Mon 2026-03-09 12:00",
      "cateringCutoff planned Tue 2026-03-10 12:00",
      "guestListDue planned Wed 2026-03-11 14:00",
      "inquiryReply msg-i1 Mon 2026-03-16 16:00",
    ]);
    expect(digestText(deadlines, ZONE)).toContain("Bestilling af forplejning – Møde planned");
  });

  it("a reminder flag is due at the deadline in Copenhagen time, also across DST", () => {
    expect(flagFor(cph("2026-03-30 12:00"), new Date(cph("2026-03-27 08:00")), ZONE)).toEqual({
      flagStatus: "flagged",
      startDateTime: { dateTime: "2026-03-27T08:00:00", timeZone: ZONE },
      dueDateTime: { dateTime: "2026-03-30T12:00:00", timeZone: ZONE },
    });
  });

  describe("mangler journalisering", () => {
    const inquiry: InquiryRecord = {
      id: "i2",
      mailbox: MAYOR,
      messageId: "msg-i2",
      conversationId: null,
      internetMessageId: null,
      fromAddress: "kirsten.poulsen@mail.dk",
      fromName: "Kirsten Poulsen",
      subject: "Støj fra byggepladsen",
      receivedAt: cph("2026-03-26 09:00"),
      dueAt: cph("2026-04-13 16:00"),
      department: null,
      departmentSource: null,
      status: "answered",
      caseNumber: null,
      forwardedAt: null,
      answeredAt: cph("2026-03-27 10:00"),
      answeredBy: "Camilla Nørgaard",
      answerMessageId: "sent-1",
      answerInternetMessageId: null,
      updatedBy: "x",
      updatedAt: cph("2026-03-27 10:00"),
    };
    const filing = (kind: "inquiry" | "answer", state: JournalFiling["state"]): JournalFiling => ({
      documentKey: `inquiry:i2:${kind}`,
      mailbox: MAYOR,
      subjectKind: "inquiry",
      subjectId: "i2",
      kind,
      caseNumber: "01.02.05-G01-12-26",
      requestedBy: "Camilla Nørgaard",
      outboxId: `o-${kind}`,
      requestedAt: cph("2026-04-08 09:00"),
      state,
      journalisedAt: state === "journalised" ? cph("2026-04-08 09:00") : null,
    });
    const missing = (now: string, filings: JournalFiling[]) =>
      list([], {}, now, { inquiries: [inquiry], journal: { filings, dueWorkingDays: 3 } })
        .filter((d) => d.kind === "journalMissing")
        .map((d) => `${d.itemId} ${asLocal(d.due)} ${d.severity}`);

    it("lists an inquiry and its answer not journalised 3 working days after the answer", () => {
      // Answered Friday 27 March: the third working day after is Wednesday 1 April.
      expect(missing("2026-04-01 12:00", [])).toEqual([]);
      expect(missing("2026-04-06 09:00", [])).toEqual(["msg-i2 Wed 2026-04-01 16:00 overdue"]);
    });

    it("drops it once both are journalised or on their way, and lists it again when the journal refused one", () => {
      expect(
        missing("2026-04-08 12:00", [filing("inquiry", "journalised"), filing("answer", "sending")]),
      ).toEqual([]);
      expect(
        missing("2026-04-08 12:00", [filing("inquiry", "journalised"), filing("answer", "failed")]),
      ).toEqual(["msg-i2 Wed 2026-04-01 16:00 overdue"]);
    });

    it("is left off the list when no journal is configured", () => {
      expect(list([], {}, "2026-04-08 12:00", { inquiries: [inquiry] }).map((d) => d.kind)).not.toContain(
        "journalMissing",
      );
    });

    it("reads 'Mangler journalisering' in the daily digest", () => {
      const deadlines = list([], {}, "2026-04-06 09:00", {
        inquiries: [inquiry],
        journal: { filings: [], dueWorkingDays: 3 },
      });
      expect(digestText(deadlines, ZONE)).toContain("Journalisering mangler – Støj fra byggepladsen");
    });

    describe("a meeting held", () => {
      // Held Friday 27 March 10:00-11:00: the third working day after is Wednesday 1 April.
      const held = (id: string, data: Record<string, unknown> = {}): MirrorItem => {
        const base = meeting(id, "2026-03-27 10:00");
        return {
          ...base,
          data: {
            ...base.data,
            end: { dateTime: cph("2026-03-27 11:00").replace("Z", ""), timeZone: "UTC" },
            ...data,
          },
        };
      };
      const withCase = withPlan({ journal: { state: "todo", caseNumber: "00.01.00-A00-1-24" } });
      const meetingFiling = (id: string, state: JournalFiling["state"]): JournalFiling => ({
        documentKey: `meeting:${id}:invitation`,
        mailbox: MAYOR,
        subjectKind: "meeting",
        subjectId: id,
        kind: "invitation",
        caseNumber: "00.01.00-A00-1-24",
        requestedBy: "Camilla Nørgaard",
        outboxId: `o-${id}`,
        requestedAt: cph("2026-04-07 09:00"),
        state,
        journalisedAt: state === "journalised" ? cph("2026-04-07 09:00") : null,
      });
      const meetingsMissing = (
        now: string,
        events: MirrorItem[],
        plans: Record<string, MeetingPlan>,
        filings: JournalFiling[] = [],
        shownTo?: Parameters<typeof deadlineList>[0]["shownTo"],
      ) =>
        list([], plans, now, {
          journal: { filings, dueWorkingDays: 3, held: events },
          ...(shownTo ? { shownTo } : {}),
        })
          .filter((d) => d.kind === "journalMissing")
          .map((d) => `${d.itemId} ${d.title} ${asLocal(d.due)} ${d.severity}`);

      it("lists a meeting with a case not journalised 3 working days after it ended", () => {
        expect(meetingsMissing("2026-04-01 12:00", [held("m1")], { m1: withCase })).toEqual([]);
        expect(meetingsMissing("2026-04-06 09:00", [held("m1")], { m1: withCase })).toEqual([
          "m1 Møde m1 Wed 2026-04-01 16:00 overdue",
        ]);
      });

      it("counts the material received and the calendar meeting's decisions with the invitation, due 3 working days after the last of them", () => {
        const documents = new Map<string, MeetingDocuments>([
          [
            "m1",
            {
              material: [
                { messageId: "mail-1", subject: "Notat til m1", receivedAt: cph("2026-03-26 09:00") },
              ],
              minutes: [
                {
                  id: "7",
                  mailbox: MAYOR,
                  weekStart: "2026-03-30",
                  eventId: "m1",
                  decision: "orderMaterial",
                  detail: {},
                  outcome: "applied",
                  decidedBy: "Camilla Nørgaard",
                  decidedAt: cph("2026-03-30 10:00"),
                },
              ],
            },
          ],
        ]);
        const filed = (key: string, kind: JournalFiling["kind"]): JournalFiling => ({
          ...meetingFiling("m1", "journalised"),
          documentKey: `meeting:m1:${key}`,
          kind,
        });
        const missing = (filings: JournalFiling[]) =>
          list([], { m1: withCase }, "2026-04-08 12:00", {
            journal: { filings, dueWorkingDays: 3, held: [held("m1")], documents },
          })
            .filter((d) => d.kind === "journalMissing")
            .map((d) => `${d.itemId} ${asLocal(d.due)}`);
        // Decided Monday 30 March: the third working day after, Easter's holidays skipped, is Tuesday 7 April;
        // the material alone, received Thursday 26 March: Tuesday 31 March.
        expect(missing([filed("invitation", "invitation")])).toEqual(["m1 Tue 2026-04-07 16:00"]);
        expect(missing([filed("invitation", "invitation"), filed("minutes:7", "minutes")])).toEqual([
          "m1 Tue 2026-03-31 16:00",
        ]);
        expect(
          missing([
            filed("invitation", "invitation"),
            filed("material:mail-1", "material"),
            filed("minutes:7", "minutes"),
          ]),
        ).toEqual([]);
      });

      it("leaves out a held meeting without a case, and a cancelled one", () => {
        expect(
          meetingsMissing("2026-04-06 09:00", [held("m1"), held("m2", { isCancelled: true })], {
            m1: withPlan({}),
            m2: withCase,
          }),
        ).toEqual([]);
      });

      it("drops it once journalised or on its way, and lists it again when the journal refused it", () => {
        const plans = { m1: withCase };
        expect(
          meetingsMissing("2026-04-08 12:00", [held("m1")], plans, [meetingFiling("m1", "journalised")]),
        ).toEqual([]);
        expect(
          meetingsMissing("2026-04-08 12:00", [held("m1")], plans, [meetingFiling("m1", "sending")]),
        ).toEqual([]);
        expect(
          meetingsMissing("2026-04-08 12:00", [held("m1")], plans, [meetingFiling("m1", "failed")]),
        ).toEqual(["m1 Møde m1 Wed 2026-04-01 16:00 overdue"]);
      });

      it("never lists a private meeting the secretary did not choose to journalise", () => {
        expect(
          meetingsMissing("2026-04-06 09:00", [held("p1", { sensitivity: "private" })], { p1: withCase }),
        ).toEqual([]);
      });

      it("shows a private meeting chosen for the journal as the privacy policy lets the reader see it", () => {
        const privateHeld = held("p1", { sensitivity: "private", subject: "Lægebesøg" });
        const refused = [meetingFiling("p1", "failed")];
        const asSecretary = (visibleTo: string[]) => ({
          viewer: viewerFor("secretary", PrivacySettingsSchema.parse({ privateItemsVisibleTo: visibleTo })),
          language: "da" as const,
        });
        expect(meetingsMissing("2026-04-06 09:00", [privateHeld], { p1: withCase }, refused)).toEqual([
          "p1 Lægebesøg Wed 2026-04-01 16:00 overdue",
        ]);
        expect(
          meetingsMissing(
            "2026-04-06 09:00",
            [privateHeld],
            { p1: withCase },
            refused,
            asSecretary(["secretary"]),
          ),
        ).toEqual(["p1 Lægebesøg Wed 2026-04-01 16:00 overdue"]);
        expect(
          meetingsMissing("2026-04-06 09:00", [privateHeld], { p1: withCase }, refused, asSecretary([])),
        ).toEqual([]);
      });

      it("reads 'Mangler journalisering' with the meeting in the daily digest", () => {
        const deadlines = list([], { m1: withCase }, "2026-04-06 09:00", {
          journal: { filings: [], dueWorkingDays: 3, held: [held("m1")] },
        });
        expect(digestText(deadlines, ZONE)).toContain("Journalisering mangler – Møde m1");
      });
    });
  });
});
