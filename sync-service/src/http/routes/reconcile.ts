import {
  ClassificationSchema,
  ConflictSchema,
  DeadlineSchema,
  describeErrors,
  fieldErrors,
  findConflicts,
  InquiriesResponseSchema,
  InquirySchema,
  PriorityClassSchema,
  RuleSetSchema,
  TravelTableSchema,
  VersionSchema,
} from "@modeklar/shared";
import { z } from "zod";
import type { ApiBuilder } from "../api";
import { changedFields, privateReadsOf, type AuditDeclaration } from "../audit-trail";
import { sendVersion, staleVersion, versionRead } from "../versions";
import { shownPriority, viewerOf } from "../privacy";
import { badRequest, notFound } from "../problem";
import { asConflictMeeting, classifyMeeting, meetingFacts } from "../../reconcile/items";
import type { Reconciler, Replaced, Versioned } from "../../reconcile";
import { ReconcileSettingsSchema } from "../../reconcile";
import type { InquiryJournal } from "../../journal/inquiry-views";
import { INQUIRY_STATUSES, type InquiryRecord } from "../../store/reconcile";
import { checkedCaseNumber } from "./journal";
import { languageOf } from "../language";
import type { MirrorStore } from "../../store/types";
import type { Principal } from "../auth";
import type { Request } from "express";

export interface ReconcileApiDeps {
  reconciler: Reconciler;
  mirror: MirrorStore;
  now: () => Date;
  /** Inquiries are shown with their journal state and case number suggestions. */
  inquiryJournal: InquiryJournal;
}

const Instant = z.string();
/** Conflicts are looked for this far ahead: beyond the mirror's window, so among every mirrored meeting ahead. */
const CONFLICT_HORIZON_MS = 400 * 86_400_000;

/** A body checked by a domain schema: a 400 whose detail and `errors` name each bad field, in Danish. */
function parseOr400<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const errors = fieldErrors(parsed.error).map((e) => ({
    ...e,
    field: e.field ? `${where}.${e.field}` : where,
  }));
  throw badRequest(`${where}: ${describeErrors(parsed.error)}`, { errors });
}

/**
 * A replacement of a whole record: it must name every field (an empty `{}` would otherwise
 * reset the record to its defaults) and then pass the record's own schema.
 */
function parseWhole<T>(
  schema: z.ZodObject & z.ZodType<T>,
  value: unknown,
  where: string,
  optional: readonly string[] = [],
): T {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const missing = Object.keys(schema.shape).filter((key) => !optional.includes(key) && !(key in value));
    if (missing.length > 0) {
      throw badRequest(`${where}: a replacement names every field; missing ${missing.join(", ")}`, {
        errors: missing.map((key) => ({ field: `${where}.${key}`, message: "validation.required" })),
      });
    }
  }
  return parseOr400(schema, value, where);
}

const who = (principal: { name: string; username: string }) => principal.name || principal.username;

/**
 * A whole record kept in versions, as a GET and a PUT: the GET sends the version as its ETag; the
 * PUT replaces the record only if the version read (If-Match) is still the one stored (else 412),
 * and records which fields changed.
 */
function versionedRecord<T extends Record<string, unknown>>(
  api: ApiBuilder,
  record: {
    path: string;
    /** The record as a 412's detail names it, e.g. "The travel table". */
    name: string;
    summary: { get: string; put: string };
    schema: z.ZodObject & z.ZodType<T>;
    audit: Exclude<AuditDeclaration, false>;
    read: () => Promise<Versioned<T>>;
    replace: (value: T, by: string, baseVersion: number) => Promise<Replaced>;
  },
): void {
  api.add({
    method: "get",
    path: record.path,
    summary: record.summary.get,
    response: record.schema,
    handler: async ({ res }) => {
      const { value, version } = await record.read();
      sendVersion(res, version);
      return value;
    },
  });
  api.add({
    method: "put",
    path: record.path,
    summary: record.summary.put,
    body: z.unknown(),
    response: record.schema,
    audit: record.audit,
    handler: async ({ body, principal, audit, req, res }) => {
      const baseVersion = versionRead(req);
      const value = parseWhole(record.schema, body, "body");
      const before = await record.read();
      const saved = await record.replace(value, who(principal), baseVersion);
      if (!saved.saved) throw staleVersion(record.name, saved.version);
      audit.describe({ fields: changedFields(before.value, value) });
      sendVersion(res, saved.version);
      return value;
    },
  });
}

const StoredRulesSchema = z.object({
  ruleSet: RuleSetSchema,
  version: z.number().int(),
  savedBy: z.string(),
  savedAt: Instant,
});

/** The reconcile API: rules (versioned, dry run), pins, conflicts, travel, settings, deadlines, inquiries. */
export function reconcileRoutes(api: ApiBuilder, deps: ReconcileApiDeps): void {
  const { reconciler, mirror } = deps;
  const mailbox = reconciler.mailbox;
  /** Who reads, as the privacy policy sees them, and in which language. */
  const readerOf = (principal: Principal, req: Request) => ({
    viewer: viewerOf(principal, reconciler.privacy),
    language: languageOf(req.header("accept-language")),
  });
  const viewOf = async (inquiry: InquiryRecord) => {
    const [view] = await deps.inquiryJournal.views([inquiry]);
    if (!view) throw notFound(`No inquiry ${inquiry.id}.`);
    return view;
  };
  const rerun = () => {
    void reconciler.reconcileAll().catch(() => undefined);
  };

  api.add({
    method: "get",
    path: "/priorities/rules",
    summary: "The priority rules in force, with their version and who saved them when.",
    response: StoredRulesSchema,
    handler: async ({ res }) => {
      const current = await reconciler.currentRules();
      sendVersion(res, current.version);
      return current;
    },
  });

  api.add({
    method: "put",
    path: "/priorities/rules",
    summary:
      "Replaces the rules with a new version, only if the version read (`baseVersion` or If-Match) is still the newest (else 412), and re-classifies the calendar.",
    body: z.object({ ruleSet: z.unknown(), baseVersion: VersionSchema.optional() }),
    response: StoredRulesSchema,
    audit: { action: "rules.save", target: "rules" },
    handler: async ({ body, principal, audit, req, res }) => {
      const baseVersion = versionRead(req, body.baseVersion);
      const ruleSet = parseWhole(RuleSetSchema, body.ruleSet, "ruleSet", ["version"]);
      const current = await reconciler.currentRules();
      const saved = await reconciler.replaceRules(ruleSet, who(principal), baseVersion);
      if (!saved) throw staleVersion("The rules", (await reconciler.currentRules()).version);
      audit.describe({ fields: changedFields(current.ruleSet, saved.ruleSet, ["version"]) });
      sendVersion(res, saved.version);
      rerun();
      return saved;
    },
  });

  api.add({
    method: "post",
    path: "/priorities/rules/dry-run",
    summary: "What a rule change would re-classify, before it is saved.",
    audit: false,
    body: z.object({ ruleSet: z.unknown() }),
    response: z.object({
      changes: z.array(
        z.object({
          itemId: z.string(),
          subject: z.string(),
          before: ClassificationSchema,
          after: ClassificationSchema,
        }),
      ),
    }),
    handler: async ({ body, principal, req }) => {
      const { viewer, language } = readerOf(principal, req);
      const ruleSet = parseOr400(RuleSetSchema, body.ruleSet, "ruleSet");
      const { changes, meetings } = await reconciler.ruleChanges(ruleSet);
      return {
        changes: changes.map((change) => {
          const meeting = meetings.get(change.itemId);
          const view = viewer(meeting);
          return {
            ...change,
            subject: view.subject(
              typeof meeting?.["subject"] === "string" ? meeting["subject"] : "",
              language,
            ),
            before: shownPriority(view, change.before),
            after: shownPriority(view, change.after),
          };
        }),
      };
    },
  });

  api.add({
    method: "get",
    path: "/priorities",
    summary: "The priority class and reason of every meeting in the mirror.",
    response: z.object({
      items: z.array(z.object({ id: z.string(), subject: z.string(), classification: ClassificationSchema })),
    }),
    handler: async ({ principal, req, audit }) => {
      const { viewer, language } = readerOf(principal, req);
      const classified = await reconciler.classifyAll();
      await audit.privateReads(
        privateReadsOf(
          viewer,
          classified.map(({ id, sensitivity }) => ({ id, data: { sensitivity } })),
        ),
      );
      return {
        items: classified.map(({ id, subject, sensitivity, classification }) => {
          const view = viewer({ sensitivity });
          return {
            id,
            subject: view.subject(subject, language),
            classification: shownPriority(view, classification),
          };
        }),
      };
    },
  });

  api.add({
    method: "put",
    path: "/priorities/pins/:itemId",
    summary: "The secretary's pin: this class for this meeting, over every rule.",
    body: z.object({ class: PriorityClassSchema }),
    response: z.object({
      itemId: z.string(),
      class: PriorityClassSchema,
      pinnedBy: z.string(),
      pinnedAt: Instant,
    }),
    audit: { action: "pin.set", target: "meeting", param: "itemId" },
    handler: async ({ body, params, principal, audit }) => {
      audit.describe({ fields: ["class"] });
      const itemId = params["itemId"] ?? "";
      if (!(await mirror.getItem(mailbox, "events", itemId)))
        throw notFound(`No meeting ${itemId} in the mirror.`);
      const pin = await reconciler.pin(itemId, body.class, who(principal));
      return { itemId, class: pin.class, pinnedBy: pin.pinnedBy, pinnedAt: pin.pinnedAt };
    },
  });

  api.add({
    method: "delete",
    path: "/priorities/pins/:itemId",
    summary: "Lifts the pin: the rules decide again.",
    response: z.undefined(),
    status: 204,
    audit: { action: "pin.lift", target: "meeting", param: "itemId" },
    handler: async ({ params, audit }) => {
      audit.describe({ fields: ["class"] });
      const itemId = params["itemId"] ?? "";
      if (!(await reconciler.unpin(itemId))) throw notFound(`Meeting ${itemId} has no pin.`);
      return undefined;
    },
  });

  api.add({
    method: "get",
    path: "/conflicts",
    summary: "Overlaps and too little travel time between the mayor's meetings and pending invitations.",
    response: z.object({ conflicts: z.array(ConflictSchema) }),
    handler: async ({ principal, req, audit }) => {
      const { viewer, language } = readerOf(principal, req);
      // The meetings still ahead, read as a range of the mirror, classified with their own pins.
      const now = deps.now();
      const ahead = await mirror.listEventsInRange(mailbox, {
        from: now.toISOString(),
        to: new Date(now.getTime() + CONFLICT_HORIZON_MS).toISOString(),
      });
      const { ruleSet, pins, travel } = await reconciler.calendarRules(ahead);
      const meetings = ahead.flatMap((e) => {
        const { class: priorityClass } = classifyMeeting(e.id, e.data, ruleSet, (id) => pins.get(id));
        const meeting = asConflictMeeting(meetingFacts(e.id, e.data), priorityClass);
        return meeting && Date.parse(meeting.end) > now.getTime() ? [meeting] : [];
      });
      // Found on the whole calendar, each meeting named as the caller may read it.
      const subjects = new Map(
        ahead.map((e) => [
          e.id,
          viewer(e.data).subject(typeof e.data["subject"] === "string" ? e.data["subject"] : "", language),
        ]),
      );
      const named = (meeting: { id: string; subject: string }) => ({
        ...meeting,
        subject: subjects.get(meeting.id) ?? "",
      });
      const conflicts = findConflicts(meetings, travel);
      const inConflict = new Set(conflicts.flatMap((c) => [c.first.id, c.second.id]));
      await audit.privateReads(
        privateReadsOf(
          viewer,
          ahead.filter((e) => inConflict.has(e.id)),
        ),
      );
      return {
        conflicts: conflicts.map((c) => ({
          ...c,
          first: named(c.first),
          second: named(c.second),
        })),
      };
    },
  });

  versionedRecord(api, {
    path: "/travel",
    name: "The travel table",
    summary: {
      get: "The places and the minutes between them.",
      put: "Replaces the whole travel table, only if the version read (If-Match with the GET's ETag) is still the one stored (else 412).",
    },
    schema: TravelTableSchema,
    audit: { action: "travel.save", target: "travel" },
    read: () => reconciler.travelVersioned(),
    replace: (table, by, baseVersion) => reconciler.replaceTravel(table, by, baseVersion),
  });

  versionedRecord(api, {
    path: "/reconcile/settings",
    name: "The settings",
    summary: {
      get: "Internal domains, departments and routing, kitchens, guest list, digest, reminders and closed days.",
      put: "Replaces the whole reconcile settings, only if the version read (If-Match with the GET's ETag) is still the one stored (else 412).",
    },
    schema: ReconcileSettingsSchema,
    audit: { action: "settings.save", target: "settings" },
    read: () => reconciler.settingsVersioned(),
    replace: (settings, by, baseVersion) => reconciler.replaceSettings(settings, by, baseVersion),
  });

  api.add({
    method: "get",
    path: "/deadlines",
    summary: "One list of everything due, in Danish working days, overdue first.",
    response: z.object({ deadlines: z.array(DeadlineSchema) }),
    handler: async ({ principal, req, audit }) => {
      const shownTo = readerOf(principal, req);
      const deadlines = await reconciler.deadlines(shownTo);
      const meetings = await mirror.getItems(mailbox, "events", [...new Set(deadlines.map((d) => d.itemId))]);
      await audit.privateReads(privateReadsOf(shownTo.viewer, meetings));
      return {
        deadlines: deadlines.map(({ messageId: _messageId, ...deadline }) => deadline),
      };
    },
  });

  api.add({
    method: "get",
    path: "/inquiries",
    summary: "Citizens' and partners' inquiries with their reply deadline, department and status.",
    query: z.object({ status: z.enum(INQUIRY_STATUSES).optional() }),
    response: InquiriesResponseSchema,
    handler: async ({ query }) => ({
      inquiries: await deps.inquiryJournal.views(
        await reconciler.listInquiries(query.status ? { status: query.status } : {}),
      ),
      caseNumberFormat: deps.inquiryJournal.settings.caseNumberFormat,
    }),
  });

  api.add({
    method: "patch",
    path: "/inquiries/:id",
    summary: "Chooses the department, files the case number or closes the inquiry.",
    body: z.strictObject({
      department: z.string().min(1).optional(),
      caseNumber: z.string().trim().min(1).optional(),
      status: z.enum(["answered", "closed"]).optional(),
    }),
    response: InquirySchema,
    audit: { action: "inquiry.update", target: "inquiry", param: "id" },
    handler: async ({ body, params, principal, audit }) => {
      audit.describe({ fields: Object.keys(body).sort() });
      const settings = await reconciler.settings();
      if (body.department && !settings.departments.some((d) => d.id === body.department))
        throw badRequest(`department: ${body.department} is not one of the departments`, {
          errors: [{ field: "body.department", message: "ukendt afdeling" }],
        });
      const caseNumber = body.caseNumber
        ? checkedCaseNumber(body.caseNumber, deps.inquiryJournal.settings.caseNumberFormat)
        : undefined;
      const updated = await reconciler.updateInquiry(
        params["id"] ?? "",
        {
          ...(body.department ? { department: body.department, departmentSource: "manual" } : {}),
          ...(caseNumber ? { caseNumber } : {}),
          ...(body.status ? { status: body.status } : {}),
          ...(body.status === "answered"
            ? { answeredAt: deps.now().toISOString(), answeredBy: who(principal) }
            : {}),
        },
        who(principal),
      );
      if (!updated) throw notFound(`No inquiry ${params["id"]}.`);
      return viewOf(updated);
    },
  });

  api.add({
    method: "post",
    path: "/inquiries/:id/forward",
    summary: "Forwards the inquiry's mail to the department's mailbox and marks it forwarded.",
    body: z.strictObject({
      department: z.string().min(1).optional(),
      comment: z.string().max(4000).default(""),
    }),
    response: InquirySchema,
    audit: { action: "inquiry.forward", target: "inquiry", param: "id" },
    handler: async ({ body, params, principal, audit }) => {
      audit.describe({ fields: ["department", ...(body.comment ? ["comment"] : [])] });
      const inquiry = await reconciler.inquiry(params["id"] ?? "");
      if (!inquiry) throw notFound(`No inquiry ${params["id"]}.`);
      const settings = await reconciler.settings();
      const id = body.department ?? inquiry.department;
      const department = settings.departments.find((d) => d.id === id);
      if (!department) throw badRequest("department: choose the department to forward to");
      const forwarded = await reconciler.forwardInquiry(
        inquiry,
        department,
        body.comment,
        who(principal),
        deps.now().toISOString(),
      );
      return viewOf(forwarded);
    },
  });
}
