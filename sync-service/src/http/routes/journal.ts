import {
  caseNumberIn,
  InquiryJournalRequestSchema,
  InquirySchema,
  isPrivateMeeting,
  MeetingJournalRequestSchema,
  MeetingJournalSchema,
  t,
  type CalendarConfig,
  type CaseNumberFormat,
  type MeetingJournal,
  type PrivacySettings,
} from "@modeklar/shared";
import type { MailboxGateway } from "../../graph";
import type { InquiryJournal } from "../../journal/inquiry-views";
import { journalise } from "../../journal/journalise";
import { meetingDocuments, type MeetingDocuments } from "../../journal/meeting-documents";
import { journalOverview, meetingDocumentsDue } from "../../journal/overview";
import type { Outbox } from "../../outbox/outbox";
import type { JournalStore } from "../../store/journal";
import type { PagesStore } from "../../store/pages";
import type { PlanStore } from "../../store/plans";
import type { InquiryStore } from "../../store/reconcile";
import type { MirrorStore } from "../../store/types";
import type { ApiBuilder } from "../api";
import { privateReadsOf } from "../audit-trail";
import { who, type Principal } from "../auth";
import { seesPrivateMeetings, viewerOf } from "../privacy";
import { badRequest, conflict, forbidden, notFound } from "../problem";
import { instantOf, text, type EventData } from "../../mirror/events";
import { languageOf } from "../language";

export interface JournalApiDeps {
  outbox: Outbox;
  journal: JournalStore;
  reconcile: Pick<InquiryStore, "getInquiry">;
  mirror: MirrorStore;
  gateway: MailboxGateway;
  plans: PlanStore;
  pages: PagesStore;
  mayorMailbox: string;
  privacy: PrivacySettings;
  inquiryJournal: InquiryJournal;
  calendar: () => Promise<CalendarConfig>;
  now: () => Date;
}

/**
 * A case number in the municipality's form, trimmed; otherwise a 400 that shows the form
 * expected (the configured example), in the words of the field's error.
 */
export function checkedCaseNumber(value: string, format: CaseNumberFormat): string {
  const checked = caseNumberIn(value, format);
  if (checked) return checked;
  const message = t("da", "validation.caseNumberForm", { value: value.trim(), example: format.example });
  throw badRequest(`caseNumber: ${message}`, {
    errors: [{ field: "body.caseNumber", message }],
    expected: format.example,
  });
}

function requireJournal(deps: JournalApiDeps): void {
  if (!deps.inquiryJournal.settings.mailbox)
    throw conflict("Der er ingen journalpostkasse sat op (JOURNAL_MAILBOX): intet kan journaliseres.");
}

/** The meeting's material received and the weekly meeting's decisions about it. */
async function documentsOf(deps: JournalApiDeps, id: string, start: string): Promise<MeetingDocuments> {
  const documents = await meetingDocuments(deps, deps.mayorMailbox, [{ id, start }]);
  return documents.get(id) ?? { material: [], minutes: [] };
}

/** The meeting's documents and where they stand with the journal, as `principal` may see them. */
async function meetingJournal(
  deps: JournalApiDeps,
  event: EventData,
  id: string,
  principal: Principal,
  language: "da" | "en",
): Promise<MeetingJournal> {
  const view = viewerOf(principal, deps.privacy)(event);
  const start = instantOf(event["start"]) ?? deps.now().toISOString();
  const end = instantOf(event["end"]) ?? start;
  const title = view.subject(text(event["subject"]), language);
  const [{ material, minutes }, filings, calendar] = await Promise.all([
    documentsOf(deps, id, start),
    deps.journal.filingsOf(deps.mayorMailbox, "meeting", [id]),
    deps.calendar(),
  ]);
  const shownMaterial = view.sees("material") ? material : material.map((m) => ({ ...m, subject: title }));
  const documents = meetingDocumentsDue({ id, title, end }, shownMaterial, minutes);
  const journal = journalOverview(
    documents,
    filings,
    deps.inquiryJournal.settings.dueWorkingDays,
    deps.now(),
    calendar,
  );
  return {
    meetingId: id,
    subject: title,
    isPrivate: isPrivateMeeting(event),
    caseNumber: filings.at(-1)?.caseNumber ?? null,
    journal: { ...journal, missing: journal.missing && Date.parse(end) < deps.now().getTime() },
    caseNumberFormat: deps.inquiryJournal.settings.caseNumberFormat,
  };
}

/** Journalising: an inquiry with its answer, a meeting with its invitation, material and minutes. */
export function journalRoutes(api: ApiBuilder, deps: JournalApiDeps): void {
  const format = () => deps.inquiryJournal.settings.caseNumberFormat;

  api.add({
    method: "post",
    path: "/inquiries/:id/journal",
    summary:
      "Journalises the inquiry, and its answer from Sent Items when answered, to the case: forwarded whole to the journal mailbox with the case's tag, each exactly once.",
    body: InquiryJournalRequestSchema,
    response: InquirySchema,
    audit: { action: "journal.inquiry", target: "inquiry", param: "id" },
    handler: async ({ params, body, principal, audit }) => {
      requireJournal(deps);
      const caseNumber = checkedCaseNumber(body.caseNumber, format());
      const inquiry = await deps.reconcile.getInquiry(params["id"] ?? "");
      if (!inquiry) throw notFound(`No inquiry ${params["id"]}.`);
      const [shown] = await deps.inquiryJournal.views([inquiry]);
      const documents = (shown?.journal.documents ?? []).map((d) => ({
        key: d.key,
        kind: d.kind,
        title: d.title,
        since: inquiry.receivedAt,
      }));
      const filed = await journalise(
        deps.outbox,
        {
          mailbox: inquiry.mailbox,
          subjectKind: "inquiry",
          subjectId: inquiry.id,
          documents,
          caseNumber,
          requestedBy: who(principal),
        },
        async (tx) => {
          if (inquiry.caseNumber !== caseNumber)
            await tx.reconcile.updateInquiry(inquiry.id, { caseNumber }, who(principal));
        },
      );
      audit.describe({ fields: ["caseNumber", ...documents.map((d) => d.kind)] });
      if (filed.length === 0 && inquiry.caseNumber === caseNumber) audit.nothingWritten();
      const updated = await deps.reconcile.getInquiry(inquiry.id);
      const [view] = await deps.inquiryJournal.views([updated ?? inquiry]);
      if (!view) throw notFound(`No inquiry ${inquiry.id}.`);
      return view;
    },
  });

  api.add({
    method: "get",
    path: "/meetings/:id/journal",
    summary:
      "The meeting's documents for its case (invitation with agenda, material received, the weekly meeting's decisions) and where each stands with the journal.",
    response: MeetingJournalSchema,
    handler: async ({ params, principal, audit, req }) => {
      const id = params["id"] ?? "";
      const mirrored = await deps.mirror.getItem(deps.mayorMailbox, "events", id);
      const event = mirrored?.data ?? (await deps.gateway.getEvent(deps.mayorMailbox, id));
      if (!event) throw notFound(`The meeting ${id} is not in the mayor's calendar.`);
      await audit.privateReads(privateReadsOf(viewerOf(principal, deps.privacy), [{ id, data: event }]));
      return meetingJournal(deps, event, id, principal, languageOf(req.header("accept-language")));
    },
  });

  api.add({
    method: "post",
    path: "/meetings/:id/journal",
    summary:
      "Journalises the meeting to the case: its invitation as an .ics with the agenda, the material received and the weekly meeting's decisions, each exactly once. A private meeting only with includePrivate: true, which the audit log records.",
    body: MeetingJournalRequestSchema,
    response: MeetingJournalSchema,
    audit: { action: "journal.meeting", target: "meeting", param: "id" },
    handler: async ({ params, body, principal, audit, req }) => {
      requireJournal(deps);
      const id = params["id"] ?? "";
      const caseNumber = checkedCaseNumber(body.caseNumber, format());
      const event = await deps.gateway.getEvent(deps.mayorMailbox, id);
      if (!event) throw notFound(`The meeting ${id} is not in the mayor's calendar.`);
      const isPrivate = isPrivateMeeting(event);
      if (isPrivate && !body.includePrivate)
        throw conflict(
          "Mødet er privat: det journaliseres kun, når du udtrykkeligt vælger at journalisere det alligevel (includePrivate).",
          { errors: [{ field: "body.includePrivate", message: "privat møde: vælg det udtrykkeligt" }] },
        );
      if (isPrivate && !seesPrivateMeetings(principal, deps.privacy))
        throw forbidden("Kun den, der ser borgmesterens private aftaler, kan vælge at journalisere en.");
      const start = instantOf(event["start"]) ?? deps.now().toISOString();
      const { material, minutes } = await documentsOf(deps, id, start);
      const documents = meetingDocumentsDue(
        { id, title: text(event["subject"]), end: instantOf(event["end"]) ?? start },
        material,
        minutes,
      );
      const filed = await journalise(deps.outbox, {
        mailbox: deps.mayorMailbox,
        subjectKind: "meeting",
        subjectId: id,
        documents,
        caseNumber,
        requestedBy: who(principal),
        includePrivate: isPrivate && body.includePrivate,
      });
      audit.describe({
        ...(isPrivate ? { action: "journal.privateMeeting" as const } : {}),
        fields: [
          "caseNumber",
          ...new Set(documents.map((d) => d.kind)),
          ...(isPrivate ? ["includePrivate"] : []),
        ],
      });
      if (filed.length === 0) audit.nothingWritten();
      return meetingJournal(deps, event, id, principal, languageOf(req.header("accept-language")));
    },
  });
}
