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
  reclassify,
  RuleSetSchema,
  TravelTableSchema,
  VersionSchema,
} from "@modeklar/shared";
import { z } from "zod";
import type { ApiBuilder } from "../api";
import { changedFields, privateReadsOf } from "../audit-trail";
import { sendVersion, staleVersion, versionRead } from "../versions";
import { shownPriority, viewerOf } from "../privacy";
import { badRequest, notFound } from "../problem";
import { asConflictMeeting, classifyMeeting, eventAsPriorityItem, meetingFacts } from "../../reconcile/items";
import type { Reconciler } from "../../reconcile";
import { ReconcileSettingsSchema } from "../../reconcile";
import type { InquiryJournal } from "../../journal/inquiry-views";
import { INQUIRY_STATUSES, type InquiryRecord } from "../../store/reconcile";
import { checkedCaseNumber } from "./journal";
import { languageOf } from "../language";
import type { MirrorStore } from "../../store/types";
import { isCancelled } from "../../mirror/events";

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
      const current = await reconciler.rules.current();
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
      const current = await reconciler.rules.current();
      const saved = await reconciler.rules.replace(ruleSet, who(principal), baseVersion);
      if (!saved) throw staleVersion("The rules", (await reconciler.rules.current()).version);
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
      const viewer = viewerOf(principal, reconciler.privacy);
      const language = languageOf(req.header("accept-language"));
      const ruleSet = parseOr400(RuleSetSchema, body.ruleSet, "ruleSet");
      const { ruleSet: current } = await reconciler.rules.current();
      const pins = await reconciler.priorities.pinsOf(mailbox);
      const events = (await mirror.listItems(mailbox, "events")).filter((e) => !isCancelled(e.data));
      const items = events.map((e) => {
        const pin = pins.get(e.id);
        return { ...eventAsPriorityItem(e.id, e.data), ...(pin ? { pin: { class: pin.class } } : {}) };
      });
      const meetings = new Map(events.map((e) => [e.id, e.data]));
      return {
        changes: reclassify(items, current, ruleSet).map((change) => {
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
      const viewer = viewerOf(principal, reconciler.privacy);
      const language = languageOf(req.header("accept-language"));
      const classified = await reconciler.priorities.classifyAll(mailbox);
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
      const pin = await reconciler.pin(itemId, body.class, principal.name || principal.username);
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
      const viewer = viewerOf(principal, reconciler.privacy);
      const language = languageOf(req.header("accept-language"));
      // The meetings still ahead, read as a range of the mirror, classified with their own pins.
      const now = deps.now();
      const ahead = await mirror.listEventsInRange(mailbox, {
        from: now.toISOString(),
        to: new Date(now.getTime() + CONFLICT_HORIZON_MS).toISOString(),
      });
      const [{ ruleSet }, pins, travel] = await Promise.all([
        reconciler.rules.current(),
        reconciler.store.pinsOf(
          mailbox,
          ahead.flatMap((e) => [
            e.id,
            ...(typeof e.data["seriesMasterId"] === "string" ? [e.data["seriesMasterId"]] : []),
          ]),
        ),
        reconciler.settings.travel(),
      ]);
      const meetings = ahead.flatMap((e) => {
        const { class: priorityClass } = classifyMeeting(e.id, e.data, ruleSet, (id) => pins.get(id)?.class);
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

  api.add({
    method: "get",
    path: "/travel",
    summary: "The places and the minutes between them.",
    response: TravelTableSchema,
    handler: async ({ res }) => {
      const { table, version } = await reconciler.settings.travelVersioned();
      sendVersion(res, version);
      return table;
    },
  });

  api.add({
    method: "put",
    path: "/travel",
    summary:
      "Replaces the whole travel table, only if the version read (If-Match with the GET's ETag) is still the one stored (else 412).",
    body: z.unknown(),
    response: TravelTableSchema,
    audit: { action: "travel.save", target: "travel" },
    handler: async ({ body, principal, audit, req, res }) => {
      const baseVersion = versionRead(req);
      const table = parseWhole(TravelTableSchema, body, "body");
      const before = await reconciler.settings.travelVersioned();
      const saved = await reconciler.settings.saveTravel(table, who(principal), baseVersion);
      if (!saved.saved) throw staleVersion("The travel table", saved.version);
      audit.describe({ fields: changedFields(before.table, table) });
      sendVersion(res, saved.version);
      return table;
    },
  });

  api.add({
    method: "get",
    path: "/reconcile/settings",
    summary:
      "Internal domains, departments and routing, kitchens, guest list, digest, reminders and closed days.",
    response: ReconcileSettingsSchema,
    handler: async ({ res }) => {
      const [settings, version] = await Promise.all([
        reconciler.settings.settings(),
        reconciler.settings.settingsVersion(),
      ]);
      sendVersion(res, version);
      return settings;
    },
  });

  api.add({
    method: "put",
    path: "/reconcile/settings",
    summary:
      "Replaces the whole reconcile settings, only if the version read (If-Match with the GET's ETag) is still the one stored (else 412).",
    body: z.unknown(),
    response: ReconcileSettingsSchema,
    audit: { action: "settings.save", target: "settings" },
    handler: async ({ body, principal, audit, req, res }) => {
      const baseVersion = versionRead(req);
      const settings = parseWhole(ReconcileSettingsSchema, body, "body");
      const before = await reconciler.settings.settings();
      const saved = await reconciler.settings.saveSettings(settings, who(principal), baseVersion);
      if (!saved.saved) throw staleVersion("The settings", saved.version);
      audit.describe({ fields: changedFields(before, settings) });
      sendVersion(res, saved.version);
      return settings;
    },
  });

  api.add({
    method: "get",
    path: "/deadlines",
    summary: "One list of everything due, in Danish working days, overdue first.",
    response: z.object({ deadlines: z.array(DeadlineSchema) }),
    handler: async ({ principal, req, audit }) => {
      const shownTo = {
        viewer: viewerOf(principal, reconciler.privacy),
        language: languageOf(req.header("accept-language")),
      };
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
        await reconciler.store.listInquiries(query.status ? { status: query.status } : {}),
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
      const settings = await reconciler.settings.settings();
      if (body.department && !settings.departments.some((d) => d.id === body.department))
        throw badRequest(`department: ${body.department} is not one of the departments`, {
          errors: [{ field: "body.department", message: "ukendt afdeling" }],
        });
      const caseNumber = body.caseNumber
        ? checkedCaseNumber(body.caseNumber, deps.inquiryJournal.settings.caseNumberFormat)
        : undefined;
      const updated = await reconciler.store.updateInquiry(
        params["id"] ?? "",
        {
          ...(body.department ? { department: body.department, departmentSource: "manual" } : {}),
          ...(caseNumber ? { caseNumber } : {}),
          ...(body.status ? { status: body.status } : {}),
          ...(body.status === "answered"
            ? { answeredAt: deps.now().toISOString(), answeredBy: principal.name || principal.username }
            : {}),
        },
        principal.name || principal.username,
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
      const inquiry = await reconciler.store.getInquiry(params["id"] ?? "");
      if (!inquiry) throw notFound(`No inquiry ${params["id"]}.`);
      const settings = await reconciler.settings.settings();
      const id = body.department ?? inquiry.department;
      const department = settings.departments.find((d) => d.id === id);
      if (!department) throw badRequest("department: choose the department to forward to");
      const forwarded = await reconciler.inquiries.forward(
        inquiry,
        department,
        body.comment,
        principal.name || principal.username,
        deps.now().toISOString(),
      );
      return viewOf(forwarded);
    },
  });
}
